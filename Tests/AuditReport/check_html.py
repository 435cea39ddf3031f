"""Reads a printable audit page the way a browser's parser does (html5lib, strict: the first parse error fails) and
prints what the test checks as JSON: parse errors, script elements, attributes that could fetch or link anywhere,
and the page's text.

    python3 check_html.py audit.html
"""
import json
import sys

import html5lib
from html5lib.html5parser import ParseError

data = open(sys.argv[1], "rb").read()
parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
try:
    doc = parser.parse(data)
except ParseError as e:
    print(json.dumps({"errors": [str(e)] + [str(x) for x in parser.errors]}))
    sys.exit(0)

fetching = {"src", "href", "xlink:href", "action", "formaction", "srcset", "poster", "data", "background", "ping"}
scripts, links = 0, []
for el in doc.iter():
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.split("}")[-1] in ("script", "iframe", "object", "embed", "img", "link", "base", "image", "use"):
        if tag.split("}")[-1] == "script":
            scripts += 1
        else:
            links.append(tag)
    for name, value in el.attrib.items():
        local = name.split("}")[-1] if isinstance(name, str) else name[1]
        if local in fetching or local.startswith("on") or "url(" in value:
            links.append(f"{tag} {local}={value}")
print(json.dumps({
    "errors": [str(x) for x in parser.errors],
    "scripts": scripts,
    "links": links,
    "title": doc.find(".//title").text if doc.find(".//title") is not None else None,
    "text": " ".join(t.strip() for t in doc.itertext() if t.strip()),
}))
