import Foundation
import Testing

/// The console's `s` in the message preview, through the real binary in tmux, real msmtp and an aiosmtpd server.
@Suite(.serialized) struct SendConsoleTmuxTests {
    /// Ada (with an email) referred Grace; the thank-you is owed.
    func practice() throws -> (CLI, [String: String]) {
        let cli = CLI()
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": "", "KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let at = ["--now", "2026-11-23T08:00:00Z"]
        for args in [["init", "--name", "Riverside Therapy Rooms"], ["client", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"],
                     ["client", "add", "--name", "Grace Hopper", "--referred-by", "c1"]] {
            let r = try cli.run(args + at, env: env)
            guard r.status == 0 else { throw Failure("keepwarm \(args.joined(separator: " ")) failed: \(r.err)") }
        }
        return (cli, env)
    }

    func configure(_ cli: CLI, mail: String) throws {
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try "mail_command = \"\(mail)\"\nfrom = \"desk@riverside.example\"\n"
            .write(toFile: cli.dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
    }

    @Test func aFailedSendSaysWhyThenAfterTheFixTheThankYouGoesAndItsRowWithIt() throws {
        let (cli, env) = try practice()
        let sink = try SmtpSink(dir: cli.dir)
        let rc = cli.dir + "/msmtprc"
        try SmtpSink.msmtprc(at: rc, port: sink.port, from: "desk@riverside.example")
        try configure(cli, mail: "false")
        let t = try Tmux(width: 100, height: 30, command: [CLI.binary, "--now", "2026-11-23 11:00"], env: env)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        let before = FileManager.default.contents(atPath: cli.log)

        try t.send("3", "m")
        try t.waitFor("s send by email")
        try t.send("s")
        try t.waitFor("Not sent: the mail command (false) exited with status 1")
        #expect(FileManager.default.contents(atPath: cli.log) == before)
        #expect(try t.capture().contains("Ada Lovelace"))

        // The console reads config.toml once, at start; the fixed command is used after a restart.
        try configure(cli, mail: "\(try Spawned.which("msmtp", package: "msmtp")) -C \(rc) -t")
        try t.send("q")
        _ = try t.waitForExit()
        let again = try Tmux(width: 100, height: 30, command: [CLI.binary, "--now", "2026-11-23 11:00"], env: env)
        defer { again.kill() }
        try again.waitFor("Ada Lovelace")
        try again.send("3", "m")
        try again.waitFor("s send by email")
        try again.send("s")
        try again.waitFor("Sent by email to ada@example.org and recorded")
        try again.waitFor("No thank-yous owed.")
        #expect(sink.received().count == 1)
        #expect(String(decoding: sink.received()[0], as: UTF8.self).contains("Subject: Thank you for recommending us, Ada"))
        #expect(try String(contentsOfFile: cli.log, encoding: .utf8).contains("\"via\":\"email\""))
    }
}
