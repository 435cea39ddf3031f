import Testing
@testable import KeepwarmCore

/// The snapshot's numbers read back as written (`SnapshotReader.int`): one byte inline, up to eight bytes at once,
/// and longer ones or ones near the end of the bytes a byte at a time. A number cut short is refused, not guessed.
@Suite struct SnapshotReaderTests {
    /// Numbers of every length a varint takes, both signs, and the ends of the range.
    static let numbers: [Int] = {
        var v: [Int] = [0, 1, -1, 63, -64, 64, -65, Int.max, Int.min, Int.max - 1, Int.min + 1]
        for bits in 1..<63 {
            let p = 1 << bits
            v += [p - 1, p, p + 1, -p, -p - 1, -p + 1, p | (p >> 1), -(p | 0x55)]
        }
        return v
    }()

    @Test func everyLengthReadsBackAsWrittenAnywhereInTheBytes() throws {
        var w = SnapshotWriter()
        for n in Self.numbers { w.int(n) }
        // Read from bytes that end right after the numbers, so the last ones have fewer than eight bytes after them.
        try w.bytes.withUnsafeBytes { (b) throws -> Void in
            var r = SnapshotReader(b)
            for n in Self.numbers { #expect(try r.int() == n) }
            #expect(r.atEnd)
        }
        // Each number alone, with from none to nine bytes after it.
        for n in Self.numbers {
            for padding in 0..<10 {
                var one = SnapshotWriter()
                one.int(n)
                let bytes = one.bytes + [UInt8](repeating: 0xFF, count: padding)
                try bytes.withUnsafeBytes { (b) throws -> Void in
                    var r = SnapshotReader(b)
                    #expect(try r.int() == n, "\(n) with \(padding) bytes after")
                    #expect(r.at == one.bytes.count)
                }
            }
        }
    }

    @Test func aNumberCutShortOrTooLongIsRefused() {
        var w = SnapshotWriter()
        w.int(1 << 40)
        for cut in 1..<w.bytes.count {
            let bytes = Array(w.bytes[..<cut])
            bytes.withUnsafeBytes { b in
                var r = SnapshotReader(b)
                #expect(throws: SnapshotReader.Unreadable.self) { try r.int() }
            }
        }
        // Eleven bytes all saying "more": longer than any number.
        [UInt8](repeating: 0x80, count: 11).withUnsafeBytes { b in
            var r = SnapshotReader(b)
            #expect(throws: SnapshotReader.Unreadable.self) { try r.int() }
        }
    }
}
