/// RFC 5545's text rules: escaped property values, and content lines folded at 75 octets with CRLF line ends.
public enum ICSText {
    /// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`. Other control characters are not
    /// allowed in TEXT at all, so they become U+FFFD rather than being dropped silently.
    public static func escape(_ s: String) -> String {
        var out = ""
        var previousCR = false
        for u in s.unicodeScalars {
            defer { previousCR = u == "\r" }
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": if !previousCR { out += "\\n" }
            case "\r": out += "\\n"
            case "\t": out.unicodeScalars.append(u)
            case "\u{00}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// One content line, folded so no physical line is longer than 75 octets (a continuation begins with a space,
    /// which counts), never inside a UTF-8 sequence, each ending in CRLF.
    public static func folded(_ line: String) -> [UInt8] {
        var out: [UInt8] = []
        var width = 0
        for u in line.unicodeScalars {
            let bytes = Array(String(u).utf8)
            if width + bytes.count > 75 {
                out += [0x0D, 0x0A, 0x20]
                width = 1
            }
            out += bytes
            width += bytes.count
        }
        return out + [0x0D, 0x0A]
    }
}
