/// Why one line of the log could not be read, and the 1-based byte column where reading stopped.
public struct LineDamage: Error, Equatable, Sendable {
    public let column: Int
    public let reason: String
    public init(column: Int, reason: String) {
        self.column = column
        self.reason = reason
    }
}

/// One `"key": value` pair found on a line, as byte offsets into that line.
struct ScannedField {
    enum Kind { case string, escapedString, number, literal, nested }
    var keyStart: Int, keyEnd: Int
    var valueStart: Int, valueEnd: Int
    var kind: Kind
}

/// Reads one flat JSON object straight from bytes: no Foundation, no String per field until a field is asked for.
/// Nested values (from a newer version) are stepped over and ignored, as are unknown keys.
struct LineScanner {
    let b: UnsafeBufferPointer<UInt8>
    private(set) var fields: [ScannedField] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, reusing storage: [ScannedField] = []) {
        b = bytes
        fields = storage
        fields.removeAll(keepingCapacity: true)
        if fields.capacity < 16 { fields.reserveCapacity(16) }
    }

    /// A scanner that will not scan: for reading typed values at offsets found elsewhere, without allocating.
    init(unscanned bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    /// Hands the field storage back for the next line, so replay allocates it once rather than once per line.
    mutating func takeStorage() -> [ScannedField] {
        defer { fields = [] }
        return fields
    }

    private func fail(_ i: Int, _ reason: String) -> LineDamage { LineDamage(column: i + 1, reason: reason) }

    mutating func scan() throws(LineDamage) {
        var i = skipSpace(0)
        guard i < b.count, b[i] == UInt8(ascii: "{") else { throw fail(i, "expected '{' at the start of the line") }
        i = skipSpace(i + 1)
        if i < b.count, b[i] == UInt8(ascii: "}") {
            try expectEnd(i + 1)
            return
        }
        while true {
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail(i, "expected a quoted field name") }
            let (ks, ke, _) = try scanString(i)
            i = skipSpace(ke + 1)
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail(i, "expected ':' after a field name") }
            i = skipSpace(i + 1)
            let field = try scanValue(i, keyStart: ks, keyEnd: ke)
            fields.append(field)
            i = skipSpace(field.kind == .string || field.kind == .escapedString ? field.valueEnd + 1 : field.valueEnd)
            guard i < b.count else { throw fail(i, "the line ends before its closing '}'") }
            if b[i] == UInt8(ascii: ",") {
                i = skipSpace(i + 1)
                continue
            }
            guard b[i] == UInt8(ascii: "}") else { throw fail(i, "expected ',' or '}' after a value") }
            try expectEnd(i + 1)
            return
        }
    }

    private func expectEnd(_ i: Int) throws(LineDamage) {
        let j = skipSpace(i)
        if j != b.count { throw fail(j, "unexpected text after the closing '}'") }
    }

    private func skipSpace(_ i: Int) -> Int {
        var i = i
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        return i
    }

    /// `i` points at the opening quote; returns the content range and whether it holds escapes.
    private func scanString(_ i: Int) throws(LineDamage) -> (Int, Int, Bool) {
        var j = i + 1
        var escaped = false
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: "\"") { return (i + 1, j, escaped) }
            if c == UInt8(ascii: "\\") {
                escaped = true
                j += 2
                continue
            }
            if c < 0x20 { throw fail(j, "a raw control character inside a quoted value") }
            j += 1
        }
        throw fail(i, "a quoted value is not closed")
    }

    private func scanValue(_ i: Int, keyStart: Int, keyEnd: Int) throws(LineDamage) -> ScannedField {
        guard i < b.count else { throw fail(i, "a field has no value") }
        let c = b[i]
        if c == UInt8(ascii: "\"") {
            let (s, e, esc) = try scanString(i)
            return ScannedField(keyStart: keyStart, keyEnd: keyEnd, valueStart: s, valueEnd: e, kind: esc ? .escapedString : .string)
        }
        if c == UInt8(ascii: "-") || (c >= 48 && c <= 57) {
            return ScannedField(keyStart: keyStart, keyEnd: keyEnd, valueStart: i, valueEnd: try scanNumber(i), kind: .number)
        }
        for word in ["true", "false", "null"] {
            let w = Array(word.utf8)
            if i + w.count <= b.count, (0..<w.count).allSatisfy({ b[i + $0] == w[$0] }) {
                return ScannedField(keyStart: keyStart, keyEnd: keyEnd, valueStart: i, valueEnd: i + w.count, kind: .literal)
            }
        }
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
            return ScannedField(keyStart: keyStart, keyEnd: keyEnd, valueStart: i, valueEnd: try skipNested(i), kind: .nested)
        }
        throw fail(i, "expected a value (a quoted text, a number, true, false or null)")
    }

    /// JSON's number grammar exactly: -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? — so a hand edit that leaves
    /// `4-2` or `06` is reported, not half-read. Returns the index after the number.
    private func scanNumber(_ i: Int) throws(LineDamage) -> Int {
        var j = i
        func digits() -> Int {
            let from = j
            while j < b.count, b[j] >= 48 && b[j] <= 57 { j += 1 }
            return j - from
        }
        if b[j] == UInt8(ascii: "-") { j += 1 }
        guard j < b.count, b[j] >= 48 && b[j] <= 57 else { throw fail(j, "a number needs a digit here") }
        if b[j] == 48 { j += 1 } else { _ = digits() }
        if j < b.count, b[j] == UInt8(ascii: ".") {
            j += 1
            guard digits() > 0 else { throw fail(j, "a number needs a digit after its decimal point") }
        }
        if j < b.count, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
            j += 1
            if j < b.count, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            guard digits() > 0 else { throw fail(j, "a number needs a digit in its exponent") }
        }
        if j < b.count, (b[j] >= 48 && b[j] <= 57) || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: ".") {
            throw fail(j, "a number is malformed here")
        }
        return j
    }

    /// Steps over a nested object or array, respecting quoted text; returns the index after it.
    private func skipNested(_ i: Int) throws(LineDamage) -> Int {
        var depth = 0
        var j = i
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: "\"") {
                j = try scanString(j).1 + 1
                continue
            }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        throw fail(i, "a nested value is not closed")
    }

    // MARK: reading fields

    func find(_ key: StaticString) -> ScannedField? {
        let kp = key.utf8Start
        let kn = key.utf8CodeUnitCount
        for f in fields where f.keyEnd - f.keyStart == kn {
            var same = true
            for k in 0..<kn where b[f.keyStart + k] != kp[k] {
                same = false
                break
            }
            if same { return f }
        }
        return nil
    }

    func string(_ f: ScannedField) throws(LineDamage) -> String {
        switch f.kind {
        case .string:
            let bytes = UnsafeBufferPointer(rebasing: b[f.valueStart..<f.valueEnd])
            // ASCII is valid UTF-8 as it stands, so most values skip the validating initialiser.
            var ascii = true
            for c in bytes where c >= 0x80 {
                ascii = false
                break
            }
            if ascii {
                return String(unsafeUninitializedCapacity: bytes.count) { out in
                    _ = out.initialize(from: bytes)
                    return bytes.count
                }
            }
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw fail(f.valueStart, "a value is not valid UTF-8")
            }
            return s
        case .escapedString:
            return try unescape(f)
        default:
            throw fail(f.valueStart, "expected quoted text")
        }
    }

    func int(_ f: ScannedField) throws(LineDamage) -> Int {
        guard f.kind == .number else { throw fail(f.valueStart, "expected a whole number") }
        var v = 0
        var j = f.valueStart
        let negative = b[j] == UInt8(ascii: "-")
        if negative { j += 1 }
        guard j < f.valueEnd, f.valueEnd - j <= 18 else { throw fail(f.valueStart, "expected a whole number") }
        while j < f.valueEnd {
            let c = b[j]
            guard c >= 48 && c <= 57 else { throw fail(j, "expected a whole number") }
            v = v * 10 + Int(c - 48)
            j += 1
        }
        return negative ? -v : v
    }

    func bool(_ f: ScannedField) throws(LineDamage) -> Bool {
        guard f.kind == .literal else { throw fail(f.valueStart, "expected true or false") }
        switch b[f.valueStart] {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw fail(f.valueStart, "expected true or false")
        }
    }

    func isNull(_ f: ScannedField) -> Bool { f.kind == .literal && b[f.valueStart] == UInt8(ascii: "n") }

    /// A closed-set word read by comparing bytes with each choice, without making a String first.
    func word<W: LogWord>(_ f: ScannedField, _: W.Type = W.self) -> W? {
        guard f.kind == .string else { return nil }
        let n = f.valueEnd - f.valueStart
        for w in W.allCases {
            var raw = w.rawValue
            let same = raw.withUTF8 { u -> Bool in
                guard u.count == n else { return false }
                for k in 0..<n where u[k] != b[f.valueStart + k] { return false }
                return true
            }
            if same { return w }
        }
        return nil
    }

    /// Whether a quoted value holds exactly these bytes (for reusing a String already made from them).
    func valueEquals(_ f: ScannedField, _ bytes: [UInt8]) -> Bool {
        guard f.kind == .string, f.valueEnd - f.valueStart == bytes.count else { return false }
        for k in 0..<bytes.count where b[f.valueStart + k] != bytes[k] { return false }
        return true
    }

    func bytesEqual(_ f: ScannedField, _ literal: StaticString) -> Bool {
        guard f.kind == .string, f.valueEnd - f.valueStart == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        for k in 0..<literal.utf8CodeUnitCount where b[f.valueStart + k] != p[k] { return false }
        return true
    }

    private func unescape(_ f: ScannedField) throws(LineDamage) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(f.valueEnd - f.valueStart)
        var j = f.valueStart
        func hex4(_ at: Int) throws(LineDamage) -> UInt32 {
            guard at + 4 <= f.valueEnd else { throw fail(at, "a \\u escape needs four hex digits") }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = b[at + k]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 97...102: d = UInt32(c - 87)
                case 65...70: d = UInt32(c - 55)
                default: throw fail(at + k, "a \\u escape needs four hex digits")
                }
                v = v << 4 | d
            }
            return v
        }
        while j < f.valueEnd {
            let c = b[j]
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                j += 1
                continue
            }
            guard j + 1 < f.valueEnd else { throw fail(j, "a backslash at the end of a value") }
            let e = b[j + 1]
            j += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var v = try hex4(j)
                j += 4
                if (0xD800..<0xDC00).contains(v) {
                    guard j + 6 <= f.valueEnd, b[j] == UInt8(ascii: "\\"), b[j + 1] == UInt8(ascii: "u") else {
                        throw fail(j, "a lone surrogate in a \\u escape")
                    }
                    let lo = try hex4(j + 2)
                    guard (0xDC00..<0xE000).contains(lo) else { throw fail(j, "a lone surrogate in a \\u escape") }
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                    j += 6
                } else if (0xDC00..<0xE000).contains(v) {
                    throw fail(j - 6, "a lone surrogate in a \\u escape")
                }
                guard let scalar = Unicode.Scalar(v) else { throw fail(j - 6, "an invalid \\u escape") }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw fail(j - 2, "an unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail(f.valueStart, "a value is not valid UTF-8") }
        return s
    }
}
