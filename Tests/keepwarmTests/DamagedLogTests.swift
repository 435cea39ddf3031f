import Foundation
import Testing
@testable import KeepwarmCore

/// Hand-edited logs through the real binary: `check` names each problem at path:line:column and exits 1, and
/// `repair` writes a clean copy beside the log, leaving the log itself alone.
@Suite struct DamagedLogTests {
    /// Header, settings, p1, c1 Ada, c2 Grace, a1 booked for Grace: six lines, returned without their newlines.
    static func practice(_ cli: CLI) throws -> [String] {
        try cli.ok("init", "--name", "Riverside", "--timezone", "Europe/London", "--now", "2026-11-01 09:00")
        try cli.ok("practitioner", "add", "--name", "Anna Okafor", "--now", "2026-11-01 09:00")
        try cli.ok("client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123", "--now", "2026-11-01 09:00")
        try cli.ok("client", "add", "--name", "Grace Hopper", "--now", "2026-11-01 09:00")
        try cli.ok("book", "c2", "--at", "2026-11-03 10:00", "--now", "2026-11-01 09:00")
        return String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func write(_ cli: CLI, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: cli.log))
    }

    static func write(_ cli: CLI, lines: [String]) throws {
        try write(cli, Array(lines.map { $0 + "\n" }.joined().utf8))
    }

    /// Runs `repair` and checks what it always promises: exit 0, the log untouched, the copy private and clean
    /// (through `check` on the copy), and the next step spelled out. Returns its output lines.
    static func repair(_ cli: CLI) throws -> [String] {
        let before = cli.bytes()
        let r = try cli.run(["repair"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.isEmpty)
        #expect(cli.bytes() == before, "the log itself is byte-for-byte untouched")
        let copy = cli.log + ".repaired"
        #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o600)
        let check = try cli.run(["check", "--log", copy])
        #expect(check.status == 0)
        #expect(check.lines.last?.hasSuffix("; no damage") == true)
        #expect(check.lines.count == 1, "no warnings either: \(check.out)")
        #expect(r.lines.last == "\(cli.log) itself is unchanged. Next: run `keepwarm check --log \(copy)`; if it is right, close Keepwarm everywhere and replace the log with it: mv \(copy) \(cli.log)")
        return r.lines
    }

    /// The console shows a damaged log read-only; once its screen is gone it says so on standard error too, as every
    /// query does (Docs/cli.md, console), so the person who quit knows what to run.
    @Test func theConsoleSaysTheDamageOnStandardErrorWhenItCloses() throws {
        let cli = CLI()
        var lines = try DamagedLogTests.practice(cli)
        lines[3] = lines[3].replacingOccurrences(of: "\"name\":\"Ada", with: "\"name\":Ada")
        try DamagedLogTests.write(cli, lines: lines)
        let err = cli.dir + "/err"
        let t = try Tmux(width: 100, height: 30, command: ["bash", "-c", "'\(CLI.binary)' --now '2026-11-03 09:00' 2>'\(err)'"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        // The fix first; the line and the reason are the bracketed detail, whole in the message log (`M`).
        try t.waitFor("The log is damaged, so it is read-only; run `keepwarm check` (")
        try t.send("M")
        try t.waitFor("mismatch: the line was changed after it was written)")
        let log = try t.capture()
        // The whole detail, path:line:column, where the short status line had to leave it out.
        #expect(log.range(of: #"events\.log:4:\d+: checksum"#, options: .regularExpression) != nil, "\(log)")
        try t.sendKey("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
        let said = try String(contentsOfFile: err, encoding: .utf8)
        #expect(said.hasPrefix("keepwarm: warning: \(cli.log):4:"), "\(said)")
        #expect(said.contains("the log is damaged, so it is read-only until it is repaired"), "\(said)")
    }

    @Test func aDeletedQuoteIsNamedWhereTheJSONBroke() throws {
        let cli = CLI()
        var lines = try DamagedLogTests.practice(cli)
        lines[3] = lines[3].replacingOccurrences(of: "\"name\":\"Ada", with: "\"name\":Ada")
        try DamagedLogTests.write(cli, lines: lines)
        // Where the quote was: the byte after `"name":`, counted from 1.
        let column = lines[3].components(separatedBy: ":Ada")[0].utf8.count + 2

        let check = try cli.run(["check"])
        #expect(check.status == 1)
        #expect(check.lines == [
            "\(cli.log):4:\(column): expected a value (a quoted text, a number, true, false or null); the line was changed after it was written (its checksum no longer matches)",
            "\(cli.log):5:1: client id c2 is out of order (expected c1) (perhaps because line 4 is damaged)",
            "\(cli.log):6:1: unknown client c2 (perhaps because line 4 is damaged)",
            "2 events, 0 clients, 0 appointments; 3 damaged lines",
            "Run `keepwarm repair` to write a copy without the damaged lines; the log itself is not changed.",
        ])

        let out = try DamagedLogTests.repair(cli)
        #expect(Array(out.prefix(5)) == [
            "Read 6 lines from \(cli.log): kept 3, rejected 3.",
            "  line 4, column \(column): expected a value (a quoted text, a number, true, false or null); the line was changed after it was written (its checksum no longer matches)",
            "  line 5, column 1: client id c2 is out of order (expected c1) (rejected because of line 4)",
            "  line 6, column 1: unknown client c2 (rejected because of line 4)",
            "2 lines were rejected only because of an earlier rejected line; if they matter, restore a backup or fix that line by hand instead.",
        ])
        #expect(out.contains("Wrote \(cli.log).rejected: each rejected line exactly as it was, after a line saying where it was and why."))
        let rejected = String(decoding: FileManager.default.contents(atPath: cli.log + ".rejected")!, as: UTF8.self)
        #expect(rejected.split(separator: "\n").map(String.init).suffix(6) == [
            "# line 4, column \(column): expected a value (a quoted text, a number, true, false or null); the line was changed after it was written (its checksum no longer matches)",
            lines[3],
            "# line 5, column 1: client id c2 is out of order (expected c1) (rejected because of line 4)",
            lines[4],
            "# line 6, column 1: unknown client c2 (rejected because of line 4)",
            lines[5],
        ])
    }

    @Test func aDuplicatedSeqIsNamedAsACopy() throws {
        let cli = CLI()
        var lines = try DamagedLogTests.practice(cli)
        lines.insert(lines[4], at: 5)
        try DamagedLogTests.write(cli, lines: lines)

        let check = try cli.run(["check"])
        #expect(check.status == 1)
        #expect(check.lines.first == "\(cli.log):6:1: seq 4 does not follow 4: seq must increase line by line; this line is an exact copy of line 5")
        #expect(check.lines.contains("5 events, 2 clients, 1 appointments; 1 damaged line"))

        let out = try DamagedLogTests.repair(cli)
        #expect(Array(out.prefix(2)) == [
            "Read 7 lines from \(cli.log): kept 6, rejected 1.",
            "  line 6, column 1: seq 4 does not follow 4: seq must increase line by line; this line is an exact copy of line 5",
        ])
    }

    @Test func anEventForAnUnknownClientIsNamed() throws {
        let cli = CLI()
        var lines = try DamagedLogTests.practice(cli)
        // A line with a sound checksum, as pasted from another practice's log.
        let stray = EventCodec.line(for: Event(seq: 6, at: Instant(ms: 1_793_000_000_000), by: "sam",
                                               body: .feedbackGiven(ClientID(9), score: 5, comment: nil)))
        lines.append(String(decoding: stray.dropLast(), as: UTF8.self))
        try DamagedLogTests.write(cli, lines: lines)

        let check = try cli.run(["check"])
        #expect(check.status == 1)
        #expect(check.lines.first == "\(cli.log):7:1: unknown client c9")

        let out = try DamagedLogTests.repair(cli)
        #expect(Array(out.prefix(2)) == ["Read 7 lines from \(cli.log): kept 6, rejected 1.", "  line 7, column 1: unknown client c9"])
    }

    @Test func aLineOfGarbageIsNamed() throws {
        let cli = CLI()
        var lines = try DamagedLogTests.practice(cli)
        lines.insert("remember to ring Ada back about Tuesday", at: 4)
        try DamagedLogTests.write(cli, lines: lines)

        let check = try cli.run(["check"])
        #expect(check.status == 1)
        #expect(check.lines.first == "\(cli.log):5:1: expected '{' at the start of the line; the line has no \"crc\" checksum, so it was not written by Keepwarm")

        let out = try DamagedLogTests.repair(cli)
        #expect(Array(out.prefix(2)) == [
            "Read 7 lines from \(cli.log): kept 6, rejected 1.",
            "  line 5, column 1: expected '{' at the start of the line; the line has no \"crc\" checksum, so it was not written by Keepwarm",
        ])
    }

    @Test func aByteOrderMarkIsToleratedWithAWarning() throws {
        let cli = CLI()
        let lines = try DamagedLogTests.practice(cli)
        let clean = cli.bytes()
        try DamagedLogTests.write(cli, [0xEF, 0xBB, 0xBF] + Array(clean))
        let warning = "warning: \(cli.log):1:1: a UTF-8 byte-order mark, probably from an editor; it is ignored"

        try DamagedLogTests.expectReadWithWarning(cli, warning, listing: "Grace Hopper")

        let out = try DamagedLogTests.repair(cli)
        #expect(out.contains("The UTF-8 byte-order mark at the start was removed."))
        #expect(FileManager.default.contents(atPath: cli.log + ".repaired") == clean)
        #expect(lines.count == 6)
    }

    /// A tolerated oddity: `check` and a query both read the whole log, say `warning` once, and find nothing damaged.
    static func expectReadWithWarning(_ cli: CLI, _ warning: String, listing name: String,
                                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let check = try cli.run(["check"])
        #expect(check.status == 0, sourceLocation: sourceLocation)
        #expect(check.lines == [warning, "5 events, 2 clients, 1 appointments; no damage"], sourceLocation: sourceLocation)
        let query = try cli.run(["client", "list"])
        #expect(query.status == 0, sourceLocation: sourceLocation)
        #expect(query.err == "keepwarm: \(warning)\n", sourceLocation: sourceLocation)
        #expect(query.out.contains(name), sourceLocation: sourceLocation)
    }

    @Test func windowsLineEndsAreToleratedWithAWarning() throws {
        let cli = CLI()
        let lines = try DamagedLogTests.practice(cli)
        let clean = cli.bytes()
        try DamagedLogTests.write(cli, Array(lines.map { $0 + "\r\n" }.joined().utf8))
        let crlf = cli.bytes()
        let warning = "warning: \(cli.log):1:\(lines[0].utf8.count + 1): Windows (CRLF) line ends, probably from an editor; they are read as ordinary line ends"

        try DamagedLogTests.expectReadWithWarning(cli, warning, listing: "Ada Lovelace")

        let out = try DamagedLogTests.repair(cli)
        #expect(out.first == "Read 6 lines from \(cli.log): kept 6, rejected 0.")
        #expect(out.contains("Windows (CRLF) line ends were changed to plain line ends."))
        #expect(FileManager.default.contents(atPath: cli.log + ".repaired") == clean)
        #expect(!FileManager.default.fileExists(atPath: cli.log + ".rejected"), "nothing was rejected")

        // An ordinary write carries on after the Windows lines, with a plain line end of its own.
        try cli.ok("client", "add", "--name", "Mo Farah", "--now", "2026-11-01 10:00")
        let after = cli.bytes()
        #expect(after.prefix(crlf.count) == crlf)
        #expect(!after.dropFirst(crlf.count).contains(0x0D))
    }

    @Test func aFileTruncatedToZeroSaysToRestoreABackup() throws {
        let cli = CLI()
        _ = try DamagedLogTests.practice(cli)
        try DamagedLogTests.write(cli, [])

        let check = try cli.run(["check"])
        #expect(check.status == 1)
        #expect(check.lines == [
            "\(cli.log):1:1: the log is empty: it has lost even its header line (restore it from a backup)",
            "0 events, 0 clients, 0 appointments; 1 damaged line",
        ])

        let repair = try cli.run(["repair"])
        #expect(repair.status == 1)
        #expect(repair.out.isEmpty)
        #expect(repair.err == "keepwarm: \(cli.log) is empty (0 bytes): it holds nothing to repair. Restore the log from a backup\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir) == ["events.log"], "nothing was written")
    }

    @Test func aTornLastLineGoesToTheRejectedFile() throws {
        let cli = CLI()
        _ = try DamagedLogTests.practice(cli)
        let clean = cli.bytes()
        try DamagedLogTests.write(cli, Array(clean) + Array("{\"seq\":6,\"at\":\"2026".utf8))

        let out = try DamagedLogTests.repair(cli)
        #expect(Array(out.prefix(2)) == [
            "Read 7 lines from \(cli.log): kept 6, rejected 1.",
            "  line 7, column 1: the last line is incomplete (19 bytes, from a crash or power cut); it had no line end, so one was added here",
        ])
        #expect(FileManager.default.contents(atPath: cli.log + ".repaired") == clean)
    }

    @Test func repairNeverOverwritesAnEarlierCopy() throws {
        let cli = CLI()
        var lines = try DamagedLogTests.practice(cli)
        lines.insert("garbage", at: 2)
        try DamagedLogTests.write(cli, lines: lines)
        _ = try DamagedLogTests.repair(cli)
        let earlier = FileManager.default.contents(atPath: cli.log + ".repaired")

        let again = try cli.run(["repair"])
        #expect(again.status == 1)
        #expect(again.err == "keepwarm: \(cli.log).repaired already exists and repair never overwrites a file: look at it, move it away or remove it, then run repair again\n")
        #expect(FileManager.default.contents(atPath: cli.log + ".repaired") == earlier)
    }

    @Test func aSoundLogHasNothingToRepair() throws {
        let cli = CLI()
        _ = try DamagedLogTests.practice(cli)
        let r = try cli.run(["repair"])
        #expect(r.status == 0)
        #expect(r.lines == ["\(cli.log) has no damage, so there is nothing to repair (5 events, 2 clients, 1 appointments)."])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir) == ["events.log"])
    }
}
