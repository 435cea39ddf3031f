/// Writes one JSON object as a single log line, field by field, in a fixed order, ending with its checksum.
/// Every control character, quote, backslash and bidi override is escaped, so no value can break a line.
public struct LineBuilder {
    public private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    public init() { bytes.reserveCapacity(192) }

    private mutating func key(_ k: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: k.utf8)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    public mutating func string(_ k: String, _ v: String) {
        key(k)
        LineBuilder.appendQuoted(v, to: &bytes)
    }

    public mutating func string(_ k: String, _ v: String?) {
        if let v { string(k, v) }
    }

    public mutating func int(_ k: String, _ v: Int) {
        key(k)
        bytes.append(contentsOf: String(v).utf8)
    }

    public mutating func int(_ k: String, _ v: Int?) {
        if let v { int(k, v) }
    }

    public mutating func bool(_ k: String, _ v: Bool) {
        key(k)
        bytes.append(contentsOf: (v ? "true" : "false").utf8)
    }

    public mutating func bool(_ k: String, _ v: Bool?) {
        if let v { bool(k, v) }
    }

    public mutating func double(_ k: String, _ v: Double) {
        key(k)
        bytes.append(contentsOf: (v == v.rounded() ? String(Int(v)) : String(v)).utf8)
    }

    public mutating func null(_ k: String) {
        key(k)
        bytes.append(contentsOf: "null".utf8)
    }

    /// A string, or `null` when absent: JSON output keeps every documented key present.
    public mutating func stringOrNull(_ k: String, _ v: String?) {
        if let v { string(k, v) } else { null(k) }
    }

    public mutating func intOrNull(_ k: String, _ v: Int?) {
        if let v { int(k, v) } else { null(k) }
    }

    public mutating func strings(_ k: String, _ v: [String]) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, s) in v.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            LineBuilder.appendQuoted(s, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An already-encoded JSON value (a nested object or array).
    public mutating func raw(_ k: String, _ json: [UInt8]) {
        key(k)
        bytes.append(contentsOf: json)
    }

    /// `[a,b,…]` from encoded values.
    public static func array(_ items: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: item)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// Closes the object with `,"crc":"…"}` and a newline; the checksum covers every byte before `,"crc"`.
    public func finishedLine() -> [UInt8] {
        var out = bytes
        let crc = CRC32C.checksum(bytes)
        out.append(contentsOf: Array(#","crc":""#.utf8))
        out.append(contentsOf: CRC32C.hex(crc))
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}"), UInt8(ascii: "\n")])
        return out
    }

    /// A JSON object without a checksum (for `--json` output objects).
    public func finishedObject() -> [UInt8] { bytes + [UInt8(ascii: "}")] }

    static let hexDigits = Array("0123456789abcdef".utf8)

    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            let n = u.count
            var i = 0
            while i < n {
                let b = u[i]
                if b >= 0x20 && b < 0x7F && b != 0x22 && b != 0x5C {
                    out.append(b)
                    i += 1
                    continue
                }
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case ..<0x20, 0x7F: escape(UInt32(b), to: &out)
                case 0xC2 where i + 1 < n && u[i + 1] < 0xA0:
                    // C1 controls (U+0080–U+009F): escaped so no terminal acts on them when the log is read with `cat`.
                    escape(UInt32(u[i + 1]), to: &out)
                    i += 1
                case 0xE2 where i + 2 < n && ((u[i + 1] == 0x80 && (0xA8...0xAE).contains(u[i + 2]))
                                                || (u[i + 1] == 0x81 && (0xA6...0xA9).contains(u[i + 2]))):
                    // Line separators and bidi overrides: escaped so the log reads in its real order.
                    escape(0x2000 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F), to: &out)
                    i += 2
                default: out.append(b)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ v: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hexDigits[Int((v >> UInt32(shift)) & 0xF)]) }
    }
}
