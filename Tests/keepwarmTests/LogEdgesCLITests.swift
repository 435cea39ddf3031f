import Foundation
import Testing
@testable import KeepwarmCore

/// The log format's edges through the real binary: a last line without its newline, a jumped seq in a demo log, and
/// a seq at the reader's limit (Docs/event-log.md).
@Suite struct LogEdgesCLITests {
    /// The line (without its newline) with its seq replaced and its checksum made right, as another tool would write it.
    static func withSeq(_ line: String, _ seq: String) -> String {
        var body = String(line[..<line.range(of: #","crc":""#, options: .backwards)!.lowerBound])
        body.replaceSubrange(body.range(of: #"^\{"seq":[0-9]+"#, options: .regularExpression)!, with: "{\"seq\":" + seq)
        return body + #","crc":""# + String(decoding: CRC32C.hex(CRC32C.checksum(Array(body.utf8))), as: UTF8.self) + "\"}"
    }

    @Test func aLastLineWithoutItsNewlineStaysAndItsIdIsNotReused() throws {
        let cli = CLI()
        _ = try DamagedLogTests.practice(cli)
        #expect(try cli.ok("client", "add", "--name", "Joan Clarke", "--now", "2026-11-01 09:05") == "c3")
        var bytes = [UInt8](cli.bytes())
        #expect(bytes.removeLast() == 0x0A)
        try DamagedLogTests.write(cli, bytes)

        let list = try cli.run(["client", "list"])
        #expect(list.status == 0 && list.err.isEmpty && list.out.contains("Joan Clarke"), "readers count the line: \(list)")
        let added = try cli.run(["client", "add", "--name", "Nan Shepherd", "--now", "2026-11-01 09:10"])
        #expect(added.status == 0 && added.err.isEmpty, "nothing set aside, nothing to warn about: \(added.err)")
        #expect(added.out == "c4\n", "Joan keeps c3")
        let after = [UInt8](cli.bytes())
        #expect(Array(after.prefix(bytes.count + 1)) == bytes + [0x0A], "the writer added the newline, then its line")
        let check = try cli.run(["check"])
        #expect(check.status == 0 && check.lines.last?.hasSuffix("; no damage") == true, "\(check.out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir).allSatisfy { !$0.contains(".torn-") })
    }

    @Test func aJumpedSeqInADemoLogIsTheOneLineCheckNamesAndRepairRenumbers() throws {
        let cli = CLI()
        try cli.ok("demo", "--out", cli.log, "--events", "3000", "--seed", "7")
        let original = cli.bytes()
        var lines = String(decoding: original, as: UTF8.self).split(separator: "\n").map(String.init)
        let k = (lines.count / 2..<lines.count).first { lines[$0].contains(#""type":"touchpoint.sent""#) }!
        lines[k] = Self.withSeq(lines[k], "999999")
        try DamagedLogTests.write(cli, lines: lines)

        let check = try cli.run(["check"])
        #expect(check.status == 1)
        let issues = check.lines.filter { $0.hasPrefix(cli.log + ":") }
        #expect(issues == ["\(cli.log):\(k + 1):1: seq 999999 jumps ahead of the lines around it (seq \(k - 1) before it, \(k + 1) after it): only this line's seq is wrong, so its event is read as seq \(k) (`keepwarm repair` writes it so)"])
        #expect(check.lines.contains { $0.hasSuffix("; 1 damaged line") }, "\(check.out)")

        let out = try DamagedLogTests.repair(cli)
        #expect(out.first == "Read \(lines.count) lines from \(cli.log): kept \(lines.count), rejected 0.")
        #expect(out.contains("  line \(k + 1): its seq 999999 jumped ahead of the lines around it, so it was kept as seq \(k) with a new checksum"), "\(out)")
        #expect(!FileManager.default.fileExists(atPath: cli.log + ".rejected"))
        let copy = String(decoding: FileManager.default.contents(atPath: cli.log + ".repaired") ?? Data(), as: UTF8.self)
        #expect(copy == String(decoding: original, as: UTF8.self), "every line as it was before the edit")
    }

    @Test func aSeqAtTheReadersLimitIsRefusedBeforeAnythingIsWritten() throws {
        let cli = CLI()
        var lines = try DamagedLogTests.practice(cli)
        // Another tool appended an event with the largest seq the reader takes; it reads fine.
        try cli.ok("milestone", "c1", "--kind", "goal-reached", "--now", "2026-11-01 09:05")
        let last = String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n").last.map(String.init)!
        lines.append(Self.withSeq(last, "999999999999999999"))
        try DamagedLogTests.write(cli, lines: lines)
        #expect(try cli.run(["check"]).status == 0)
        let before = cli.bytes()

        let r = try cli.run(["client", "add", "--name", "Nan Shepherd", "--now", "2026-11-01 09:10"])
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err == "keepwarm: \(cli.log):\(lines.count + 1):8: \"seq\" must be 1 to 999999999999999999, not 1000000000000000000: the log could not read this event back, so nothing was written\n")
        #expect(cli.bytes() == before, "nothing was written")
        #expect(try cli.run(["check"]).status == 0)
    }
}
