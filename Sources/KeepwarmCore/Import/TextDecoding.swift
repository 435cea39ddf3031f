/// The character encoding a text file was read in, as the dry run names it.
public enum TextEncoding: String, Equatable, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with a byte order mark"
    case utf16LE = "UTF-16 little-endian"
    case utf16BE = "UTF-16 big-endian"
    case windows1252 = "Windows-1252"
}

/// Turns a text file's bytes into text, whatever a practice's computer saved it as. Excel on Windows writes "CSV"
/// in the PC's code page (Windows-1252 in Western Europe), "Unicode text" as UTF-16 and "CSV UTF-8" with a byte order
/// mark; a file is never refused for its encoding, so the one to try is worked out from the bytes.
public enum TextDecoding {
    /// The text and the encoding it was read in. Byte order marks are taken off. Bytes that are not UTF-8 are read as
    /// Windows-1252, which gives every byte a character: a wrong guess shows as odd letters in the dry run (where the
    /// encoding is named), never as a refused file or a lost row.
    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: TextEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes[3...]
            if let s = String(validating: body, as: UTF8.self) { return (s, .utf8BOM) }
            return (windows1252(body), .windows1252)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return (utf16(bytes[2...], bigEndian: false), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (utf16(bytes[2...], bigEndian: true), .utf16BE) }
        if let order = utf16WithoutMark(bytes) {
            return (utf16(bytes[...], bigEndian: order == .utf16BE), order)
        }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, .utf8) }
        return (windows1252(bytes[...]), .windows1252)
    }

    /// UTF-16 without a byte order mark shows itself by its NULs: text that is mostly ASCII has a zero in every other
    /// byte, the high byte of each unit (first for big-endian, second for little-endian). UTF-8 and Windows-1252 text
    /// has no NULs at all.
    static func utf16WithoutMark(_ bytes: [UInt8]) -> TextEncoding? {
        let sample = bytes.prefix(1024)
        guard sample.count >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for (i, b) in sample.enumerated() where b == 0 {
            if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let units = sample.count / 2
        if oddZeros * 10 >= units * 3 && evenZeros * 10 < units { return .utf16LE }
        if evenZeros * 10 >= units * 3 && oddZeros * 10 < units { return .utf16BE }
        return nil
    }

    /// Unpaired surrogates (a damaged file) become U+FFFD rather than stopping the import; an odd last byte is dropped.
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Windows-1252: Latin-1 with printable characters (€, curly quotes, Š, Ž …) where Latin-1 has control codes. The
    /// five bytes it leaves undefined keep their Latin-1 control code, which the display filter then shows as such.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if b >= 0x80 && b < 0xA0, let u = Unicode.Scalar(cp1252High[Int(b - 0x80)]) {
                scalars.append(u)
            } else {
                scalars.append(Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }

    /// The characters of bytes 0x80–0x9F in Windows-1252 (undefined ones as their Latin-1 control code).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
