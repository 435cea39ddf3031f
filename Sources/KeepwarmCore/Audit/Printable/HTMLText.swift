/// Text made safe to put in an HTML page, as element content or as a quoted attribute value: markup characters become
/// character references, and what an HTML parser treats as an error (control characters, noncharacters) becomes
/// U+FFFD, so a client's name or a note, however hostile, is read as the words it is and never as markup.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // A colon as a reference: no text, however hostile, puts a URL (`https://…`) into the file's bytes,
            // which mail filters and scanners read; a browser shows the colon as ever.
            case ":": out += "&#58;"
            case "\t", "\n": out.unicodeScalars.append(u)
            case "\r": out += " "
            default: out.unicodeScalars.append(allowed(u) ? u : "\u{FFFD}")
            }
        }
        return out
    }

    /// User text (a name, an owner, a note, a source) as element content, escaped and isolated in `<bdi>`: its own
    /// direction is worked out from its own letters, and an unbalanced direction mark in it (an owner typed as
    /// "Eve" + U+202E) ends with it instead of reversing the rest of the line it is printed in.
    public static func isolated(_ s: String) -> String {
        "<bdi>" + escape(s) + "</bdi>"
    }

    /// User text where no element can go (the page's `<title>`, SVG `<text>`, an attribute), escaped and isolated with
    /// the characters that do what `<bdi>` does: FIRST STRONG ISOLATE before, POP DIRECTIONAL ISOLATE after, which
    /// also closes any embedding or override left open inside it.
    public static func isolatedPlain(_ s: String) -> String {
        "\u{2068}" + escape(s) + "\u{2069}"
    }

    /// Whether HTML allows the code point in a document: not a control character (C0 but tab and line feed, DEL,
    /// C1) and not a noncharacter (U+FDD0–U+FDEF, and the last two of every plane).
    static func allowed(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
        if (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { return false }
        return true
    }
}
