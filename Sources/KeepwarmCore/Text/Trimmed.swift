import Foundation

extension StringProtocol {
    /// The text without white space and line breaks at either end, as `trimmingCharacters(in: .whitespacesAndNewlines)`
    /// gives it, but without that call when neither end is white space: on Linux it builds a new string through
    /// Foundation every time, and an import trims every cell of a 200,000-row file (Docs/performance.md, "Imports").
    public var trimmed: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if !first.properties.isWhitespace && !last.properties.isWhitespace && first != "\u{85}" && last != "\u{85}" {
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
            if unicodeScalars[i].properties.isWhitespace {
                if let s = start { out.append(self[s..<i]); start = nil }
            } else if start == nil {
                start = i
            }
        }
        if let s = start { out.append(self[s...]) }
        return out
    }
}
