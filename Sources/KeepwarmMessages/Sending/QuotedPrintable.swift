/// RFC 2045 quoted-printable, for a body with a line too long to send as 8bit.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        var out = ""
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if n > 0 { out += "\n" }
            var current = ""
            let bytes = Array(line.utf8)
            for (i, b) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let plain = (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !last)
                let piece = plain ? String(UnicodeScalar(b)) : "=" + hex(b)
                // Soft line breaks keep every encoded line within 76 characters.
                if current.count + piece.count > 75 {
                    out += current + "=\n"
                    current = ""
                }
                current += piece
            }
            out += current
        }
        return out
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
    }
}
