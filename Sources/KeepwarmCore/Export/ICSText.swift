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
        out.reserveCapacity(line.utf8.count + line.utf8.count / 24 + 2)
        var width = 0
        for b in line.utf8 {
            // Fold only before the first byte of a character (continuation bytes are 10xxxxxx), and before one whose
            // bytes would not all fit, so no character is ever cut in two.
            if b & 0xC0 != 0x80, width + sequenceLength(b) > 75 {
                out += [0x0D, 0x0A, 0x20]
                width = 1
            }
            out.append(b)
            width += 1
        }
        return out + [0x0D, 0x0A]
    }

    /// How many bytes the UTF-8 sequence that starts with `lead` takes.
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}
