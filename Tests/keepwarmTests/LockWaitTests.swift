import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 12, section 7: a desk waiting for another desk's lock is never silent. After 2 seconds the CLI says who holds
/// the lock (command and pid, from /proc/locks) and keeps waiting; `--wait` gives up with one line and writes nothing;
/// the console says "waiting for another desk" on its status line. The holder is `keepwarm-writer hold`, which takes
/// the lock inside `EventLog.append` exactly as a real write does and keeps it.
@Suite(.serialized) struct LockWaitTests {
    static func practice() throws -> CLI { try CLI.adaBookedAtTen() }

    /// A holder that has the lock (it printed `holding`) and keeps it for `seconds`.
    static func holder(_ cli: CLI, seconds: Int) throws -> WriterProcess {
        let w = try WriterProcess(["hold", "--log", cli.log, "--seconds", "\(seconds)"], in: cli.dir, name: "hold-\(UUID().uuidString)")
        while !w.output.contains("holding") {
            if w.hasEnded { throw Failure("the holder ended without holding: \(w.errors)") }
            usleep(5_000)
        }
        return w
    }

    static func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    @Test func aWriterSaysWhoHoldsTheLockAfterTwoSecondsAndKeepsWaiting() throws {
        let cli = try Self.practice()
        let hold = try Self.holder(cli, seconds: 5)
        let out = cli.dir + "/out", err = cli.dir + "/err"
        let start = ContinuousClock.now
        let add = try Spawned([CLI.binary, "client", "add", "--name", "Mo Farah", "--now", "2026-11-23 09:00"],
                              env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"], stdout: out, stderr: err)
        var saidAfter: Double?
        var end: Spawned.End?
        while end == nil {
            end = add.poll()
            if saidAfter == nil, Self.text(err).contains("waiting for another desk") {
                saidAfter = Self.seconds(since: start)
                #expect(end == nil, "still waiting when it says so")
            }
            usleep(10_000)
        }
        #expect(hold.wait() == .exited(0))
        let said = try #require(saidAfter, "it said it was waiting: \(Self.text(err))")
        #expect(said >= 2, "not before 2 seconds: \(said)")
        let line = Self.text(err)
        #expect(line.split(separator: "\n").count == 1, "one line: \(line)")
        #expect(line.hasPrefix("keepwarm: waiting for another desk (keepwarm-writer hold, pid "), "\(line)")
        #expect(line.hasSuffix(") to finish writing the log; still waiting (Ctrl-C stops without writing anything)\n"), "\(line)")
        #expect(end == .exited(0), "and then it wrote: \(line)")
        #expect(Self.text(out) == "c2\n")
        #expect(try EventLog.open(path: cli.log).practice.clients.count == 2)
    }

    @Test func waitGivesUpWithOneLineAndWritesNothing() throws {
        let cli = try Self.practice()
        let hold = try Self.holder(cli, seconds: 6)
        let before = cli.bytes()
        let out = cli.dir + "/out", err = cli.dir + "/err"
        let start = ContinuousClock.now
        let end = try Spawned([CLI.binary, "attend", "a1", "--wait", "1", "--now", "2026-11-23 10:30"],
                              env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"], stdout: out, stderr: err).wait()
        let took = Self.seconds(since: start)
        #expect(end == .exited(75))
        #expect(took >= 1 && took < 5, "gave up after about a second: \(took)")
        let line = Self.text(err)
        #expect(line.hasPrefix("keepwarm: another desk is still writing \(cli.log) (keepwarm-writer hold, pid "), "\(line)")
        #expect(line.hasSuffix("; gave up after 1 s, so nothing was written. Try again in a moment\n"), "\(line)")
        #expect(line.split(separator: "\n").count == 1)
        #expect(Self.text(out).isEmpty)
        #expect(cli.bytes() == before, "nothing written")
        #expect(hold.wait() == .exited(0))
    }

    /// Runs `keepwarm ARGS` as sam, its output in files; returns how it ended, when it first said it was waiting
    /// (seconds from its start, while it was still running) and its stderr.
    static func waiting(_ cli: CLI, _ args: [String]) throws -> (end: Spawned.End, saidAfter: Double?, err: String) {
        let out = cli.dir + "/out", err = cli.dir + "/err"
        let start = ContinuousClock.now
        let run = try Spawned([CLI.binary] + args, env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"], stdout: out, stderr: err)
        var saidAfter: Double?
        while true {
            if let end = run.poll() { return (end, saidAfter, text(err)) }
            if saidAfter == nil, text(err).contains("waiting for another desk") { saidAfter = seconds(since: start) }
            usleep(10_000)
        }
    }

    /// Files beside the log whose names start with the log's and `suffix`.
    static func beside(_ cli: CLI, _ suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cli.dir)) ?? []).filter { $0.hasPrefix("events.log" + suffix) }
    }

    /// `restore` and `repair` wait as every writer does: `--wait 1` gives up after a second with exit 75 and writes
    /// nothing; without it they say who holds the lock after 2 seconds and then do their work.
    @Test(arguments: ["restore", "repair"])
    func restoreAndRepairWaitLikeEveryWriter(command: String) throws {
        let cli = try Self.practice()
        let backup = cli.dir + "/copy.log"
        try cli.ok(["backup", backup])
        try cli.ok(["client", "add", "--name", "Grace Hopper", "--now", "2026-11-23T08:30:00Z"])
        let args = command == "restore" ? ["restore", backup] : ["repair"]
        let before = cli.bytes()
        let hold = try Self.holder(cli, seconds: 5)

        let start = ContinuousClock.now
        let gaveUp = try Self.waiting(cli, args + ["--wait", "1", "--now", "2026-11-23 09:00"])
        let took = Self.seconds(since: start)
        #expect(gaveUp.end == .exited(75), "\(gaveUp.err)")
        #expect(took >= 1 && took < 4, "gave up after about a second: \(took)")
        #expect(gaveUp.err.hasPrefix("keepwarm: another desk is still writing \(cli.log) (keepwarm-writer hold, pid "), "\(gaveUp.err)")
        #expect(gaveUp.err.hasSuffix("; gave up after 1 s, so nothing was written. Try again in a moment\n"), "\(gaveUp.err)")
        #expect(cli.bytes() == before, "nothing written")
        #expect(Self.beside(cli, ".").isEmpty, "no copy kept aside: \(Self.beside(cli, "."))")

        let waited = try Self.waiting(cli, args + ["--now", "2026-11-23 09:00"])
        #expect(hold.wait() == .exited(0))
        let said = try #require(waited.saidAfter, "it said it was waiting: \(waited.err)")
        #expect(said >= 2, "not before 2 seconds: \(said)")
        #expect(waited.err.hasPrefix("keepwarm: waiting for another desk (keepwarm-writer hold, pid "), "\(waited.err)")
        #expect(waited.err.split(separator: "\n").count == 1, "one line: \(waited.err)")
        #expect(waited.end == .exited(0), "and then it did its work: \(waited.err)")
        if command == "restore" {
            #expect(Self.beside(cli, ".before-restore-").count == 1)
            #expect(try EventLog.open(path: cli.log).practice.clients.count == 1, "the backup is the log now")
        }
    }

    @Test func aWaitThatIsNotASensibleNumberOfSecondsIsRefused() throws {
        let cli = try Self.practice()
        let before = cli.bytes()
        for bad in [["--wait", "100000"], ["--wait", "nan"], ["--wait=-1"]] {
            let r = try cli.run(["attend", "a1"] + bad + ["--now", "2026-11-23 10:30"])
            #expect(r.status == 64, "\(bad): \(r.err)")
            #expect(r.err.contains("--wait must be a number of seconds from 0 to 86400"), "\(bad): \(r.err)")
        }
        #expect(cli.bytes() == before)
    }

    @Test func theConsoleShowsItIsWaitingInsteadOfFreezing() throws {
        let cli = try Self.practice()
        let t = try Tmux(command: [CLI.binary, "--now", "2026-11-23 11:00"], env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        let hold = try Self.holder(cli, seconds: 4)
        try t.send("a")
        // What to do comes first; who holds the lock is the bracketed detail, shortened on a narrow line, whole in `M`.
        try t.waitFor("waiting for another desk; Esc stops waiting (held by ", timeout: 5)
        #expect(!hold.hasEnded, "shown while the other desk still held the lock")
        try t.waitFor("✓ marked a1 (Ada Lovelace) attended", timeout: 10)
        #expect(hold.wait() == .exited(0))
        try t.send("M")
        try t.waitFor("waiting for another desk; Esc stops waiting (held by ")
        #expect(try t.capture().contains("keepwarm-writer hold, pid "), "the message log has the holder whole")
        try t.sendKey("Escape")

        // Esc stops waiting: nothing is written, and the console says so.
        try cli.ok(["book", "c1", "--at", "2026-11-23 16:00", "--now", "2026-11-23T08:00:00Z"])
        let before = cli.bytes()
        let again = try Self.holder(cli, seconds: 4)
        try t.send("j", "a")
        try t.waitFor("waiting for another desk", timeout: 5)
        try t.sendKey("Escape")
        try t.waitFor("Stopped waiting: nothing was written; try again when the other desk is done", timeout: 5)
        #expect(!again.hasEnded)
        #expect(cli.bytes() == before, "nothing written")
        #expect(again.wait() == .exited(0))
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
