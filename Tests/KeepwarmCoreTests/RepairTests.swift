import Foundation
import Testing
@testable import KeepwarmCore

/// `Repair.run` on hand-damaged logs: what goes to the copy, what to the rejected file, and that nothing else changes.
@Suite struct RepairTests {
    /// Header, settings, p1, c1 Ada, c2 Grace, a1 booked for Grace, a1 attended: seven lines.
    static func sample() throws -> Fixture {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let grace = try f.client("Grace Hopper")
        try f.session(grace, "2026-01-06 10:00")
        return f
    }

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var out = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if out.last == [] { out.removeLast() }
        return out
    }

    /// The 1-based byte column where `needle` starts on `line`.
    static func column(of needle: String, in line: [UInt8]) -> Int {
        let n = Array(needle.utf8)
        return (0...(line.count - n.count)).first { Array(line[$0..<($0 + n.count)]) == n }! + 1
    }

    static func joined(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }

    static func read(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    /// The rejected file read back as (comment, line) pairs after its two-line preamble.
    static func rejectedPairs(_ path: String) -> [(String, [UInt8])] {
        let ls = lines(read(path))
        #expect(ls.count >= 2 && ls.count % 2 == 0, "a two-line preamble, then pairs")
        return stride(from: 2, to: ls.count - 1, by: 2).map { (String(decoding: ls[$0], as: UTF8.self), ls[$0 + 1]) }
    }

    /// Runs a repair and checks what every repair promises: the original is untouched, the copy replays with no
    /// damage, and every file written is private.
    static func repair(_ path: String) throws -> RepairReport {
        let before = read(path)
        let r = try Repair.run(path: path)
        #expect(read(path) == before, "the original is byte-for-byte untouched")
        #expect(try mode(path + ".repaired") == 0o600)
        let copy = try EventLog.open(path: path + ".repaired")
        #expect(copy.damage.isEmpty)
        #expect(copy.warnings.isEmpty, "no CRLF or byte-order mark is left in the copy")
        #expect(copy.pendingTailBytes == 0)
        #expect(r.events == copy.practice.eventCount)
        if r.rejected.isEmpty {
            #expect(!FileManager.default.fileExists(atPath: path + ".rejected"))
        } else {
            #expect(try mode(path + ".rejected") == 0o600)
            let pairs = rejectedPairs(path + ".rejected")
            let original = before.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            #expect(pairs.map(\.1) == r.rejected.map { original[$0.line - 1] }, "each rejected line is kept byte for byte")
            #expect(pairs.map(\.0) == r.rejected.map { "# " + Repair.describe($0) })
        }
        return r
    }

    @Test func aDeletedQuoteIsRejectedWithTheColumnWhereTheJSONBroke() throws {
        let f = try RepairTests.sample()
        var ls = RepairTests.lines(f.bytes())
        let original = ls
        let line4 = String(decoding: ls[3], as: UTF8.self)
        ls[3] = Array(line4.replacingOccurrences(of: "\"name\":\"Ada", with: "\"name\":Ada").utf8)
        try writeFile(f.path, contents: Data(RepairTests.joined(ls)))
        let column = RepairTests.column(of: ":Ada", in: ls[3]) + 1

        let r = try RepairTests.repair(f.path)
        #expect(r.rejected.map(\.line) == [4, 5, 6, 7], "Ada's line, then Grace (now out of order) and her appointment")
        #expect(r.rejected[0].column == column)
        #expect(r.rejected[0].reason == "expected a value (a quoted text, a number, true, false or null); the line was changed after it was written (its checksum no longer matches)")
        #expect(r.rejected[0].cause == nil)
        #expect(r.rejected.dropFirst().allSatisfy { $0.cause == 4 })
        #expect(r.rejected[1].reason == "client id c2 is out of order (expected c1)")
        #expect(r.rejected[2].reason == "unknown client c2")
        #expect(RepairTests.read(f.path + ".repaired") == RepairTests.joined(Array(original[0..<3])))
        #expect(r.keptLines == 3)
        #expect(!r.freshHeader && !r.removedCRLF && !r.removedBOM)
    }

    @Test func aDuplicatedLineIsRejectedAsACopy() throws {
        let f = try RepairTests.sample()
        let original = RepairTests.lines(f.bytes())
        var ls = original
        ls.insert(ls[4], at: 5)
        try writeFile(f.path, contents: Data(RepairTests.joined(ls)))

        let r = try RepairTests.repair(f.path)
        #expect(r.rejected.map(\.line) == [6])
        #expect(r.rejected[0].reason == "seq 4 does not follow 4: seq must increase line by line; this line is an exact copy of line 5")
        #expect(r.rejected[0].cause == nil)
        #expect(RepairTests.read(f.path + ".repaired") == RepairTests.joined(original))
    }

    @Test func anEventForAnUnknownClientIsRejected() throws {
        let f = try RepairTests.sample()
        let original = RepairTests.lines(f.bytes())
        // A line with a sound checksum, as another tool or a line pasted from another log would have.
        let stray = EventCodec.line(for: Event(seq: 8, at: f.t("2026-01-07 09:00"), by: "sam",
                                               body: .feedbackGiven(ClientID(9), score: 5, comment: nil)))
        try writeFile(f.path, contents: Data(RepairTests.joined(original) + stray))

        let r = try RepairTests.repair(f.path)
        #expect(r.rejected.map(\.line) == [8])
        #expect(r.rejected[0].reason == "unknown client c9")
        #expect(RepairTests.rejectedPairs(f.path + ".rejected").map(\.1) == [Array(stray.dropLast())])
        #expect(RepairTests.read(f.path + ".repaired") == RepairTests.joined(original))
    }

    @Test func aLineOfGarbageIsRejected() throws {
        let f = try RepairTests.sample()
        let original = RepairTests.lines(f.bytes())
        var ls = original
        ls.insert(Array("remember to call Ada back".utf8), at: 5)
        try writeFile(f.path, contents: Data(RepairTests.joined(ls)))

        let r = try RepairTests.repair(f.path)
        #expect(r.rejected.map(\.line) == [6])
        #expect(r.rejected[0].column == 1)
        #expect(r.rejected[0].reason == "expected '{' at the start of the line; the line has no \"crc\" checksum, so it was not written by Keepwarm")
        #expect(RepairTests.read(f.path + ".repaired") == RepairTests.joined(original))
    }

    @Test func crlfAndAByteOrderMarkAreNormalisedInTheCopy() throws {
        let f = try RepairTests.sample()
        let clean = f.bytes()
        let windows: [UInt8] = [0xEF, 0xBB, 0xBF] + RepairTests.lines(clean).flatMap { (l: [UInt8]) -> [UInt8] in l + [0x0D, 0x0A] }
        try writeFile(f.path, contents: Data(windows))

        let r = try RepairTests.repair(f.path)
        #expect(r.rejected.isEmpty)
        #expect(r.removedCRLF && r.removedBOM)
        #expect(r.keptLines == 7)
        #expect(RepairTests.read(f.path + ".repaired") == clean, "the copy is exactly what Keepwarm would have written")
    }

    @Test func aTornLastLineIsRejectedWithItsBytes() throws {
        let f = try RepairTests.sample()
        let clean = f.bytes()
        let fragment = Array("{\"seq\":8,\"at\":\"2026-01-0".utf8)
        try writeFile(f.path, contents: Data(clean + fragment))

        let r = try RepairTests.repair(f.path)
        #expect(r.rejected.map(\.line) == [8])
        #expect(r.rejected[0].torn)
        #expect(RepairTests.rejectedPairs(f.path + ".rejected").map(\.1) == [fragment])
        #expect(r.rejected[0].reason == "the last line is incomplete (\(fragment.count) bytes, from a crash or power cut)")
        #expect(RepairTests.read(f.path + ".repaired") == clean)
    }

    @Test func aDamagedHeaderIsReplacedByAFreshOne() throws {
        let f = try RepairTests.sample()
        let clean = f.bytes()
        var ls = RepairTests.lines(clean)
        ls[0] = Array(String(decoding: ls[0], as: UTF8.self).replacingOccurrences(of: "\"version\":1", with: "\"version\":7").utf8)
        try writeFile(f.path, contents: Data(RepairTests.joined(ls)))

        let r = try RepairTests.repair(f.path)
        #expect(r.freshHeader)
        #expect(r.rejected.map(\.line) == [1])
        #expect(r.rejected[0].reason.hasPrefix("the first line must be the keepwarm-events header: checksum mismatch"))
        #expect(r.rejected[0].cause == nil, "a header holds no state, so no later line fails because of it")
        #expect(RepairTests.read(f.path + ".repaired") == clean)
    }

    @Test func aMissingHeaderIsWrittenAfresh() throws {
        let f = try RepairTests.sample()
        let clean = f.bytes()
        try writeFile(f.path, contents: Data(RepairTests.joined(Array(RepairTests.lines(clean).dropFirst()))))

        let r = try RepairTests.repair(f.path)
        #expect(r.freshHeader)
        #expect(r.rejected.isEmpty)
        #expect(r.keptLines == 6)
        #expect(RepairTests.read(f.path + ".repaired") == clean)
    }

    @Test func aFileTruncatedToZeroHasNothingToRepair() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        try writeFile(path, contents: Data())
        #expect(throws: RepairError.empty(path: path)) { try Repair.run(path: path) }
        #expect(RepairError.empty(path: path).description.contains("Restore the log from a backup"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["events.log"], "nothing was written")
    }

    @Test func aFileWithNoEventToKeepIsRefused() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        try writeFile(path, contents: Data("not a log at all\n".utf8))
        #expect(throws: RepairError.nothingKept(path: path, lines: 1)) { try Repair.run(path: path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["events.log"])
    }

    @Test func anExistingOutputIsNeverOverwritten() throws {
        let f = try RepairTests.sample()
        var ls = RepairTests.lines(f.bytes())
        ls.insert(Array("garbage".utf8), at: 3)
        try writeFile(f.path, contents: Data(RepairTests.joined(ls)))
        let before = RepairTests.read(f.path)
        for existing in [".repaired", ".rejected"] {
            let other = f.path + existing
            try writeFile(other, contents: Data("mine\n".utf8))
            #expect(throws: RepairError.outputExists(path: other)) { try Repair.run(path: f.path) }
            #expect(RepairTests.read(other) == Array("mine\n".utf8))
            let written = try FileManager.default.contentsOfDirectory(atPath: f.dir.path).sorted()
            #expect(written == ["events.log", "events.log" + existing], "the other file was not created either")
            try FileManager.default.removeItem(atPath: other)
        }
        #expect(RepairTests.read(f.path) == before)
    }

    @Test func aSoundLogIsLeftAloneAndNothingIsWritten() throws {
        let f = try RepairTests.sample()
        let r = try Repair.run(path: f.path)
        #expect(r.repairedPath == nil && r.rejectedPath == nil)
        #expect(r.events == 6 && r.rejected.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.dir.path) == ["events.log"])
    }

    @Test func aLogFromANewerVersionIsNotRepaired() throws {
        let f = try RepairTests.sample()
        var b = LineBuilder()
        b.string("format", "keepwarm-events")
        b.int("version", 2)
        var ls = RepairTests.lines(f.bytes())
        ls[0] = Array(b.finishedLine().dropLast())
        ls.insert(Array("garbage".utf8), at: 3)
        try writeFile(f.path, contents: Data(RepairTests.joined(ls)))
        #expect(throws: RepairError.log(.newerFormat(path: f.path, version: 2))) { try Repair.run(path: f.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.dir.path) == ["events.log"])
    }
}
