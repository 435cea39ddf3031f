import Foundation
import Testing
@testable import KeepwarmCore

/// A snapshot's repeated strings are shared, never mixed up (`SnapshotStrings`).
@Suite struct SnapshotStringsTests {
    /// Reads `texts` as a snapshot section written by `SnapshotWriter`, through one thread's table.
    func readBack(_ texts: [String], _ strings: SnapshotStrings) throws -> [String] {
        var w = SnapshotWriter()
        for t in texts { w.string(t) }
        return try w.bytes.withUnsafeBytes { raw in
            var r = SnapshotReader(raw, strings: strings)
            var out: [String] = []
            for _ in texts { out.append(try r.string()) }
            #expect(r.atEnd)
            return out
        }
    }

    /// Where a string's bytes are kept (nil for one stored inline).
    func storage(_ s: String) -> UnsafeRawPointer? {
        s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func aRepeatedStringIsSharedAndReadsTheSame() throws {
        let note = "Drink plenty of water today"
        let out = try readBack([note, "someone.else@example.org", note], SnapshotStrings())
        #expect(out == [note, "someone.else@example.org", note])
        #expect(storage(out[0]) != nil && storage(out[0]) == storage(out[2]), "the second was allocated again")
    }

    /// Same length, same first and last eight bytes, so the same slot: each still reads as itself, in turns.
    @Test func stringsThatShareASlotNeverStandForEachOther() throws {
        let a = "Aftercare: stretch neck daily now", b = "Aftercare: stretch back daily now"
        #expect(a.utf8.count == b.utf8.count && a.prefix(8) == b.prefix(8) && a.suffix(8) == b.suffix(8))
        let texts = [a, b, a, a, b, b, a]
        #expect(try readBack(texts, SnapshotStrings()) == texts)
    }

    @Test func shortLongAndNonASCIIStringsReadExactly() throws {
        let texts = ["", "Bo", "exactly15bytes!", "sixteen bytes!!!", "Siobhán Ó Súilleabháin 🌿",
                     String(repeating: "long note ", count: 40), "Siobhán Ó Súilleabháin 🌿", "sixteen bytes!!!"]
        #expect(try readBack(texts, SnapshotStrings()) == texts)
        // Without a table (the header's reader), the same.
        var w = SnapshotWriter()
        for t in texts { w.string(t) }
        let plain = try w.bytes.withUnsafeBytes { raw in
            var r = SnapshotReader(raw)
            return try texts.map { _ in try r.string() }
        }
        #expect(plain == texts)
    }

    /// More distinct strings than slots: every one still reads as itself.
    @Test func moreStringsThanSlotsAllReadAsThemselves() throws {
        let texts = (0..<(SnapshotStrings.slots * 3)).map { "client\($0)@example.org" } + ["client7@example.org"]
        #expect(try readBack(texts, SnapshotStrings()) == texts)
    }
}
