/// A minimal XML tokenizer for the few parts of an `.xlsx` workbook an import reads. Excel writes these parts in one
/// plain shape (UTF-8, no DTD, no entities beyond the five predefined and character references), so a few dozen lines
/// over the bytes do, with no libxml2 at run time (FoundationXML needs it) and no tree built for a 200,000-row sheet.
/// Names are given without their namespace prefix (`r:id` is `id`), which is all the workbook's parts need.
struct XMLScanner {
    /// One piece of the document, in order.
    enum Token: Equatable {
        case open(name: String, attributes: [String: String], selfClosing: Bool)
        case close(name: String)
        case text(String)
    }

    /// Malformed XML: the workbook is damaged.
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next token, or nil at the end.
    mutating func next() throws(Malformed) -> Token? {
        while i < bytes.count {
            if bytes[i] != UInt8(ascii: "<") {
                let start = i
                while i < bytes.count && bytes[i] != UInt8(ascii: "<") { i += 1 }
                return .text(XMLScanner.unescape(bytes[start..<i]))
            }
            // Markup.
            guard i + 1 < bytes.count else { throw Malformed() }
            switch bytes[i + 1] {
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8))
            case UInt8(ascii: "!"):
                if starts(with: "<!--") {
                    try skip(past: Array("-->".utf8))
                } else if starts(with: "<![CDATA[") {
                    let start = i + 9
                    try skip(past: Array("]]>".utf8))
                    return .text(String(decoding: bytes[start..<(i - 3)], as: UTF8.self))
                } else {
                    try skip(past: [UInt8(ascii: ">")])
                }
            case UInt8(ascii: "/"):
                i += 2
                let name = readName()
                try skip(past: [UInt8(ascii: ">")])
                return .close(name: name)
            default:
                i += 1
                return try openTag()
            }
        }
        return nil
    }

    private mutating func openTag() throws(Malformed) -> Token {
        let name = readName()
        guard !name.isEmpty else { throw Malformed() }
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard i < bytes.count else { throw Malformed() }
            if bytes[i] == UInt8(ascii: ">") {
                i += 1
                return .open(name: name, attributes: attributes, selfClosing: false)
            }
            if bytes[i] == UInt8(ascii: "/") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { throw Malformed() }
                i += 2
                return .open(name: name, attributes: attributes, selfClosing: true)
            }
            let key = readName()
            guard !key.isEmpty else { throw Malformed() }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw Malformed() }
            i += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { throw Malformed() }
            let quote = bytes[i]
            i += 1
            let start = i
            while i < bytes.count && bytes[i] != quote { i += 1 }
            guard i < bytes.count else { throw Malformed() }
            attributes[key] = XMLScanner.unescape(bytes[start..<i])
            i += 1
        }
    }

    /// A tag or attribute name without its namespace prefix.
    private mutating func readName() -> String {
        var start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ":") { start = i + 1 } else if b <= 0x20 || b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") { break }
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while i < bytes.count && bytes[i] <= 0x20 { i += 1 }
    }

    private func starts(with s: String) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= bytes.count && bytes[i..<(i + u.count)].elementsEqual(u)
    }

    private mutating func skip(past end: [UInt8]) throws(Malformed) {
        while i + end.count <= bytes.count {
            if bytes[i..<(i + end.count)].elementsEqual(end) {
                i += end.count
                return
            }
            i += 1
        }
        throw Malformed()
    }

    /// Text with the predefined entities and character references replaced. Excel also writes characters XML cannot
    /// hold (a carriage return in a shared string) as `_x000D_`; those are turned back too.
    static func unescape(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "&")) || raw.contains(UInt8(ascii: "_")) else { return String(decoding: raw, as: UTF8.self) }
        var s = String(decoding: raw, as: UTF8.self)
        if s.contains("&") {
            var out = ""
            var rest = s[...]
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                    out += "&"
                    rest = rest[rest.index(after: amp)...]
                    continue
                }
                let entity = rest[rest.index(after: amp)..<semi]
                switch entity {
                case "lt": out += "<"
                case "gt": out += ">"
                case "amp": out += "&"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    let code = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                             : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                    if let code, let u = Unicode.Scalar(code) { out.unicodeScalars.append(u) } else { out += "&" + entity + ";" }
                }
                rest = rest[rest.index(after: semi)...]
            }
            s = out + rest
        }
        if s.contains("_x") { s = unescapeExcel(s) }
        return s
    }

    /// `_x000D_` (four hex digits between `_x` and `_`) is the character with that code; `_x005F_` is a literal `_`.
    static func unescapeExcel(_ s: String) -> String {
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var k = 0
        while k < u.count {
            if u[k] == "_", k + 6 < u.count, u[k + 1] == "x", u[k + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(u[(k + 2)..<(k + 6)])), radix: 16), let c = Unicode.Scalar(code) {
                out.append(c)
                k += 7
            } else {
                out.append(u[k])
                k += 1
            }
        }
        return String(out)
    }
}
