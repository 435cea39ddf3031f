import Foundation
import Testing

/// `m` (and `s`) on a follow-up call in the console's follow-ups list, through the real binary in tmux, with msmtp
/// pointed at an SMTP sink: the call sheet shows the number and the script, never offers sending, and records per outcome.
@Suite(.serialized) struct CallConsoleTmuxTests {
    /// Ada and Grace (both with an email, a phone and consent) came in August and were sent the reactivation letter on
    /// 10 November, so on the 23rd both calls are due (Ada's row first).
    func practice() throws -> (CLI, [String: String], SmtpSink) {
        let cli = CLI()
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": "", "KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let at = ["--now", "2026-08-01T08:00:00Z"]
        for args in [["init", "--name", "Riverside Therapy Rooms"], ["practitioner", "add", "--name", "Anna Okafor"],
                     ["client", "add", "--name", "Ada Lovelace", "--email", "ada@example.org", "--phone", "07700 900123"],
                     ["client", "add", "--name", "Grace Hopper", "--email", "grace@example.org", "--phone", "07700 900456"],
                     ["book", "c1", "--at", "2026-08-03 10:00"], ["book", "c2", "--at", "2026-08-03 12:00"]] + [
                     ["attend", "a1", "--now", "2026-08-03T14:00:00Z"], ["attend", "a2", "--now", "2026-08-03T14:00:00Z"],
                     ["touch", "c1", "--kind", "reactivation-letter", "--via", "letter", "--now", "2026-11-10T10:00:00Z"],
                     ["touch", "c2", "--kind", "reactivation-letter", "--via", "letter", "--now", "2026-11-10T10:00:00Z"]] {
            let r = try cli.run(args.contains("--now") ? args : args + at, env: env)
            guard r.status == 0 else { throw Failure("keepwarm \(args.joined(separator: " ")) failed: \(r.err)") }
        }
        let sink = try SmtpSink(dir: cli.dir)
        let rc = cli.dir + "/msmtprc"
        try SmtpSink.msmtprc(at: rc, port: sink.port, from: "desk@riverside.example")
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try "mail_command = \"\(try Spawned.which("msmtp", package: "msmtp")) -C \(rc) -t\"\nfrom = \"desk@riverside.example\"\n"
            .write(toFile: cli.dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
        return (cli, env, sink)
    }

    func log(_ cli: CLI) throws -> [String] {
        try String(contentsOfFile: cli.log, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func mOnACallShowsTheSheetNeverSendsAndRecordsOnlyAnsweredOrVoicemail() throws {
        let (cli, env, sink) = try practice()
        let t = try Tmux(width: 100, height: 30, command: [CLI.binary, "--now", "2026-11-23 11:00"], env: env)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        let start = try log(cli)

        try t.send("f")
        try t.waitFor("follow-up-call")
        try t.send("m")
        let screen = try t.waitFor("Call Ada Lovelace")
        #expect(screen.contains("Phone: 07700 900123"))
        #expect(screen.contains("If not: thank them warmly"))
        #expect(screen.contains("a answered") && screen.contains("v left voicemail") && screen.contains("n no answer"))
        #expect(!screen.contains("send by email") && !screen.contains("Subject:"))
        // `s` (and any other key) does nothing on the sheet: the `n` after it still answers the sheet.
        try t.send("s", "n")
        try t.waitFor("No answer from Ada Lovelace: nothing recorded; the call stays due")
        #expect(try log(cli) == start)

        try t.send("m")
        try t.waitFor("Call Ada Lovelace")
        try t.send("v")
        _ = try t.waitUntil("the voicemail recorded") { _ in ((try? log(cli).count) ?? 0) == start.count + 1 }
        var last = try log(cli).last!
        #expect(last.contains("\"touchpoint.sent\"") && last.contains("\"client\":\"c1\"") && last.contains("\"kind\":\"follow-up-call\""))
        #expect(last.contains("\"via\":\"phone\"") && last.contains("\"note\":\"Left voicemail\""))

        // Ada's call is done; Grace's row is selected. `s` on a call asks for the outcome too, rather than recording.
        try t.waitFor("Follow-ups due (1)")
        try t.send("s")
        try t.waitFor("Call Grace Hopper")
        #expect(try log(cli).count == start.count + 1)
        try t.send("a")
        _ = try t.waitUntil("the answered call recorded") { _ in ((try? log(cli).count) ?? 0) == start.count + 2 }
        last = try log(cli).last!
        #expect(last.contains("\"client\":\"c2\"") && last.contains("\"kind\":\"follow-up-call\"") && last.contains("\"via\":\"phone\""))
        #expect(!last.contains("\"note\""))
        try t.waitFor("Nothing due")
        #expect(sink.received().isEmpty, "no email went out")
        #expect(try !String(contentsOfFile: cli.log, encoding: .utf8).contains("\"via\":\"email\""))
    }
}
