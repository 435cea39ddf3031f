import Foundation
import Testing
@testable import KeepwarmCore

/// "Nothing lost", write failure: when the disk fills up mid-session the person is told in one line what to do, the
/// state in memory and the log on disk are as before, and the next write works once there is room again.
///
/// A full disk is stood in for by the file-size limit (RLIMIT_FSIZE), which needs no privileges. It is set only in
/// child processes, never in the test runner, where it would reach every test running alongside.
@Suite struct WriteFailureTests {
    /// Room left before the limit: none (the write fails at once with EFBIG, and the kernel sends SIGXFSZ), or part
    /// of a line (a short write, which must be taken back; no signal).
    static let rooms = [0, 40]

    static let diskFull = "the disk is full, so nothing was saved: free some space and try again"

    /// `keepwarm-writer fill`: one `EventLog` refused at the limit, then used again after the limit is raised.
    @Test(arguments: rooms)
    func theLogInMemoryAndOnDiskIsUnchangedAndTheNextAppendWorks(room: Int) throws {
        let cli = try Self.practice()
        let before = cli.bytes()
        let w = try WriterProcess(["fill", "--log", cli.log, "--limit", "\(before.count + room)"], in: cli.dir, name: "fill")
        #expect(w.wait() == .exited(0), "\(w.errors)")
        let out = w.output
        try #require(out.count == 5, "\(out)")
        let state = { (line: String) in line.split(separator: " ").dropFirst().joined(separator: " ") }
        #expect(out[0].hasPrefix("before seq=5 events=5 read=\(before.count) size=\(before.count)"))
        let reason = room == 0 ? "File too large" : "No space left on device"
        #expect(out[1] == "failed: \(Self.diskFull) (\(cli.log): could not write the event: \(reason))")
        #expect(state(out[2]) == state(out[0]), "the practice, the read position and the file are as before: \(out[2])")
        #expect(out[3] == "appended seq=6 id=cb1")
        #expect(out[4] == "after-retry seq=6 events=6 read=\(cli.bytes().count) size=\(cli.bytes().count)")
        try Self.expectIntact(cli, before: before, added: 1)
    }

    /// The real command under `prlimit`: exit 1, one line on stderr naming the log and saying what to do, nothing
    /// printed or written. Without `signal(SIGXFSZ, SIG_IGN)` in the executable it would be killed silently instead.
    @Test(arguments: rooms)
    func theDeskIsToldInOneLineWhatToDo(room: Int) throws {
        let cli = try Self.practice()
        let before = cli.bytes()
        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        let add = [CLI.binary, "callback", "add", "--name", "Ada Lovelace", "--phone", "07700 900123", "--by", "2026-11-24 09:00", "--now", "2026-11-23 09:00"]
        let env = ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let out = cli.dir + "/out", err = cli.dir + "/err"

        let refused = try Spawned([prlimit, "--fsize=\(before.count + room):unlimited", "--"] + add, env: env, stdout: out, stderr: err).wait()
        #expect(refused == .exited(1), "an error exit, not death by SIGXFSZ")
        let reason = room == 0 ? "File too large" : "No space left on device"
        #expect(Self.text(err) == "keepwarm: \(Self.diskFull) (\(cli.log): could not write the event: \(reason))\n")
        #expect(Self.text(out).isEmpty)
        #expect(cli.bytes() == before, "no partial line left behind")

        #expect(try Spawned(add, env: env, stdout: out, stderr: err).wait() == .exited(0), "\(Self.text(err))")
        #expect(Self.text(out) == "cb1\n")
        #expect(Self.text(err).isEmpty)
        try Self.expectIntact(cli, before: before, added: 1)
    }

    /// `init` on a full disk leaves no half-made log behind, so once there is room `init` simply works.
    @Test func aFailedInitLeavesNothingBehind() throws {
        let cli = CLI()
        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        let env = ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let out = cli.dir + "/out", err = cli.dir + "/err"
        let refused = try Spawned([prlimit, "--fsize=40:unlimited", "--", CLI.binary, "init"], env: env, stdout: out, stderr: err).wait()
        // The limit applies to the error file too, so only the start of the message fits; it must not crash.
        #expect(refused == .exited(1))
        #expect(Self.text(err).hasPrefix("keepwarm: the disk is full"))
        #expect(!FileManager.default.fileExists(atPath: cli.log), "no half-made log")
        #expect(try Spawned([CLI.binary, "init"], env: env, stdout: out, stderr: err).wait() == .exited(0), "\(Self.text(err))")
        #expect(try EventLog.open(path: cli.log).damage.isEmpty)
    }

    /// The console in tmux with its limit at or just past the log's end: marking Ada attended fails, the status line
    /// says what to do, the screen and the log stay as they were; once the limit is lifted (`prlimit --pid`, as
    /// freeing space would) the same key works.
    @Test(arguments: rooms)
    func theConsoleKeepsItsStateAndTriesAgainOnceThereIsRoom(room: Int) throws {
        let cli = try Self.practice()
        let before = cli.bytes()
        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        let t = try Tmux(command: [prlimit, "--fsize=\(before.count + room):unlimited", "--", CLI.binary, "--now", "2026-11-23 11:00"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        // The key bar is the last row drawn: under load tmux can be read half way through the first frame.
        let shown = try t.waitFor("? help  q quit")
        try t.send("a")
        let failed = try t.waitFor("⚠ \(Self.diskFull)")
        let rows = { (s: String) in s.split(separator: "\n", omittingEmptySubsequences: false) }
        #expect(rows(failed).count == 24)
        for y in 0..<24 where y != 22 {
            #expect(rows(failed)[y] == rows(shown)[y], "row \(y) changed although nothing was saved")
        }
        let stillRunning = try t.display("#{pane_dead}") == "0"
        let screen = try t.capture()
        try #require(stillRunning, "the console stopped after the failed write; its last screen:\n\(screen)")
        #expect(cli.bytes() == before, "no partial line left behind")

        let raise = try Spawned([prlimit, "--pid", try t.display("#{pane_pid}"), "--fsize=unlimited:unlimited"],
                                stdout: cli.dir + "/out", stderr: cli.dir + "/err").wait()
        #expect(raise == .exited(0), "\(Self.text(cli.dir + "/err"))")
        try t.send("a")
        try t.waitFor("✓ marked a1 (Ada Lovelace) attended")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
        try Self.expectIntact(cli, before: before, added: 1)
        #expect(try LogContents(path: cli.log).events.last?.body == .appointmentAttended(AppointmentID(1)))
    }

    /// Anna, Ada booked at 10:00 today and Grace: five events.
    static func practice() throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"] + at)
        try cli.ok(["client", "add", "--name", "Grace Hopper"] + at)
        try cli.ok(["book", "c1", "--at", "2026-11-23 10:00"] + at)
        return cli
    }

    /// The log is what it was plus `added` whole events, with nothing torn and nothing set aside.
    static func expectIntact(_ cli: CLI, before: Data, added: Int) throws {
        let after = cli.bytes()
        #expect(after.prefix(before.count) == before)
        let disk = try LogContents(path: cli.log)
        #expect(disk.tail.isEmpty)
        #expect(disk.seqProblem == nil)
        #expect(disk.events.count == 5 + added)
        #expect(try EventLog.open(path: cli.log).damage.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir).filter { $0.contains(".torn-") }.isEmpty)
    }

    static func text(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
}
