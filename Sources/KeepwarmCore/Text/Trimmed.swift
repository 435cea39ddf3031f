import Foundation

extension StringProtocol {
    /// The text without white space and line breaks at either end, as `trimmingCharacters(in: .whitespacesAndNewlines)`
    /// gives it, but without that call when neither end is white space: on Linux it builds a new string through
    /// Foundation every time, and an import trims every cell of a 200,000-row file (Docs/performance.md, "Imports").
    public var trimmed: String {
        // Most cells start and end with a plain ASCII letter or digit: told from the bytes, without a Unicode
        // property lookup (white space in ASCII is the space and tab to carriage return).
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if (0x21..<0x80).contains(first.value) && (0x21..<0x80).contains(last.value) { return String(self) }
        if !first.isWhiteSpace && !last.isWhiteSpace {
            return String(self)
        }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension String {
    /// The words between runs of white space, as `split(whereSeparator: \.isWhitespace)` gives them, reading bytes
    /// when the text is all ASCII: splitting by `Character` breaks graphemes and looks up Unicode properties for
    /// every letter, which was the largest cost of importing 200,000 clients (Docs/performance.md, "Imports").
    public var words: [Substring] {
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return utf8.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) }).map { Substring($0) }
        }
        // Scalar by scalar otherwise: a word boundary is a white-space scalar, which is always where a grapheme starts.
        var out: [Substring] = []
        var start: String.Index?
        for i in unicodeScalars.indices {
            if unicodeScalars[i].isWhiteSpace {
                if let s = start { out.append(self[s..<i]); start = nil }
            } else if start == nil {
                start = i
            }
        }
        if let s = start { out.append(self[s...]) }
        return out
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property (`properties.isWhitespace`), answered without looking it up for every letter of
    /// an accented name: the property is stable, and these are all its scalars (PropList.txt).
    public var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
