import Foundation

/// Text put into a mail header: plain ASCII stays readable, anything else becomes RFC 2047 encoded words.
enum HeaderText {
    /// An unstructured header value such as a Subject.
    static func unstructured(_ s: String) -> String {
        let clean = oneLine(s)
        return clean.unicodeScalars.allSatisfy({ $0.isASCII }) ? clean : encodedWords(clean)
    }

    /// A display name: quoted when it holds specials, encoded when it holds anything beyond ASCII.
    static func phrase(_ s: String) -> String {
        let clean = oneLine(s)
        guard clean.unicodeScalars.allSatisfy({ $0.isASCII }) else { return encodedWords(clean) }
        let specials = "()<>[]:;@\\,.\""
        guard clean.contains(where: { specials.contains($0) }) else { return clean }
        return "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Line breaks in a header would start a new header, so they become spaces.
    static func oneLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters each, split between characters, never inside one
    /// (RFC 2047 section 5), joined by folding whitespace.
    static func encodedWords(_ s: String) -> String {
        // 45 bytes encode to 60 base64 characters; with `=?UTF-8?B?` and `?=` a word stays within 75.
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in s {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?=" }
}
