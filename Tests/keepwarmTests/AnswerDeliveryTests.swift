import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 12, section 7: exit statuses that tell the truth. A command that has recorded something and then cannot
/// print its answer (a full disk, a reader that went away) says what it recorded and exits 3, so nobody records it
/// twice; output that fails before anything is recorded is an ordinary failure (exit 1), or, for a reader that
/// simply stopped reading, exit 141 without a word, as SIGPIPE used to end it.
@Suite struct AnswerDeliveryTests {
    enum Sink: String, CaseIterable { case fullDisk, closedPipe }

    static let now = ["--now", "2026-11-23 10:30"]

    static func practice() throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900001"] + at)
        try cli.ok(["client", "add", "--name", "Grace Hopper", "--referred-by", "c1"] + at)
        try cli.ok(["book", "c1", "--at", "2026-11-23 10:00"] + at)
        return cli
    }

    /// Runs `keepwarm ARGS` with stdout on `sink`; returns how it ended and its stderr.
    static func run(_ cli: CLI, _ args: [String], into sink: Sink) throws -> (Spawned.End, String) {
        let err = cli.dir + "/err"
        let env = ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let end: Spawned.End
        switch sink {
        case .fullDisk:
            end = try Spawned([CLI.binary] + args, env: env, stdout: "/dev/full", stderr: err).wait()
        case .closedPipe:
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw Failure("pipe: \(errno)") }
            close(fds[0])
            defer { close(fds[1]) }
            end = try Spawned([CLI.binary] + args, env: env, stdoutDescriptor: fds[1], stderr: err).wait()
        }
        return (end, (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    static func reason(_ sink: Sink) -> String { sink == .fullDisk ? "No space left on device" : "Broken pipe" }

    @Test(arguments: Sink.allCases)
    func aRecordedEventWhoseAnswerCannotBePrintedSaysWhatWasRecorded(sink: Sink) throws {
        let cli = try Self.practice()
        let commands: [(args: [String], recorded: String)] = [
            (["client", "add", "--name", "Mo Farah"], "recorded as c3"),
            (["book", "c2", "--at", "2026-11-24 11:00"], "recorded as a2"),
            (["attend", "a1"], "recorded (a1: attended)"),
            (["refer", "c1", "--client", "c3"], "recorded as r2"),
            (["thank", "r1", "--via", "phone"], "recorded (r1: thanked by phone)"),
            (["touch", "c1", "--kind", "post-session", "--via", "email"], "recorded (c1: post-session recorded)"),
            (["callback", "add", "--name", "Ida", "--phone", "07700 900777"], "recorded as cb1"),
            (["move", "a2", "--to", "2026-11-25 11:00"], "recorded (a2: moved to 2026-11-25 11:00)"),
            (["undo"], "recorded (undone: moved a2"),
            (["settings", "--lapse-days", "50"], "recorded (the new settings)"),
        ]
        for (args, recorded) in commands {
            let before = try EventLog.open(path: cli.log).practice.eventCount
            let (end, err) = try Self.run(cli, args + Self.now, into: sink)
            #expect(end == .exited(3), "\(args): \(end) \(err)")
            #expect(err.hasPrefix("keepwarm: \(recorded)"), "\(args): \(err)")
            #expect(err.hasSuffix(", but could not print it (\(Self.reason(sink))); it is in the log, so do not run the command again\n")
                    || err.contains(recorded + ", but could not print it ("), "\(args): \(err)")
            #expect(err.split(separator: "\n").count == 1, "one line: \(err)")
            #expect(try EventLog.open(path: cli.log).practice.eventCount == before + 1, "\(args) was recorded once")
        }
    }

    @Test(arguments: Sink.allCases)
    func outputThatFailsBeforeAnythingIsRecordedIsAnOrdinaryFailure(sink: Sink) throws {
        let cli = try Self.practice()
        let before = cli.bytes()
        for args in [["diary"], ["client", "list", "--json"], ["export", "events"], ["client", "show", "c1"]] {
            let (end, err) = try Self.run(cli, args + Self.now, into: sink)
            if sink == .fullDisk {
                #expect(end == .exited(1), "\(args): \(end)")
                #expect(err == "keepwarm: could not print the output (No space left on device)\n", "\(args): \(err)")
            } else {
                #expect(end == .exited(141), "\(args): the reader left, as `| head` does: \(end)")
                #expect(err.isEmpty, "\(args): \(err)")
            }
        }
        // A refusal is the same refusal whatever stdout is.
        let (end, err) = try Self.run(cli, ["attend", "a9"] + Self.now, into: sink)
        #expect(end == .exited(1))
        #expect(err.hasPrefix("keepwarm: no appointment 'a9'"))
        #expect(cli.bytes() == before, "nothing was written")
    }
}
