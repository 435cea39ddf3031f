import Foundation
import Testing

/// `keepwarm send` through real msmtp to a real SMTP server on 127.0.0.1 (aiosmtpd), with config.toml in a temp folder.
@Suite struct SendCLITests {
    /// Zoë (c1, with an email and consent) referred Grace (c2, no email); Grace came on 3 November.
    func practice() throws -> (CLI, [String: String]) {
        let cli = CLI()
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": ""]
        let at = ["--now", "2026-11-02T08:00:00Z"]
        for args in [["init", "--name", "Riverside & Co"], ["practitioner", "add", "--name", "Anna Okafor"],
                     ["client", "add", "--name", "Zoë Brontë", "--email", "zoe@example.org"],
                     ["client", "add", "--name", "Grace Hopper", "--referred-by", "c1"],
                     ["book", "c1", "--at", "2026-11-03 10:00"]] {
            try cli.output(args + at, env: env)
        }
        try cli.output(["attend", "a1", "--now", "2026-11-03T12:00:00Z"], env: env)
        return (cli, env)
    }

    /// config.toml with the mail command and From; the msmtprc sits in a folder with a space, quoted in the command.
    func configure(_ cli: CLI, mail: String?, from: String? = "Anna at Riverside <desk@riverside.example>") throws {
        var text = "booking_link = \"https://riverside.example/book\"\n"
        if let mail { text += "mail_command = \"\(mail)\"\n" }
        if let from { text += "from = \"\(from)\"\n" }
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try text.write(toFile: cli.dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
    }

    func msmtp(_ cli: CLI, port: Int) throws -> String {
        let rc = cli.dir + "/mail settings/msmtprc"
        try SmtpSink.msmtprc(at: rc, port: port, from: "desk@riverside.example")
        return "\(try Spawned.which("msmtp", package: "msmtp")) -C '\(rc)' -t"
    }

    func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    func sentCopies(_ cli: CLI) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cli.dir + "/Maildir/sent/cur")) ?? []).sorted()
    }

    @Test func aFollowUpGoesThroughMsmtpAndIsRecordedWithACopyInTheMaildir() throws {
        let (cli, env) = try practice()
        let sink = try SmtpSink(dir: cli.dir)
        try configure(cli, mail: try msmtp(cli, port: sink.port))
        let out = try cli.output(["send", "c1", "--kind", "rebook-prompt", "--now", "2026-11-06T09:00:00Z"], env: env)
        #expect(out.contains("c1: rebook-prompt sent by email to zoe@example.org and recorded"))

        #expect(sink.received().count == 1)
        let m = try sink.read(0, dir: cli.dir)
        #expect(m.to == "Zoë Brontë <zoe@example.org>")
        #expect(m.subject == "Your next visit to Riverside & Co")
        #expect(m.charset == "utf-8")
        #expect(m.encoding == "8bit")
        #expect(m.body.hasPrefix("Hello Zoë,\n\nIf you would like to book your next visit"))
        #expect(m.body.contains("You can book online at https://riverside.example/book."))
        let raw = String(decoding: sink.received()[0], as: UTF8.self)
        #expect(raw.contains("\nTo: =?UTF-8?B?"), "a non-ASCII name is RFC 2047-encoded in the header")
        #expect(raw.contains("From: Anna at Riverside <desk@riverside.example>"))
        #expect(raw.contains("Date: Fri, 6 Nov 2026 09:00:00 +0000"))
        #expect(raw.contains("Message-ID: <") && raw.contains("@riverside.example>"))

        let shown = try cli.output(["client", "show", "c1", "--json"], env: env)
        #expect(shown.contains("rebook-prompt") && shown.contains("\"email\""))
        let log = String(decoding: bytes(cli.log), as: UTF8.self)
        #expect(log.contains("touchpoint.sent") && log.contains("\"via\":\"email\""))

        let copies = sentCopies(cli)
        #expect(copies.count == 1)
        let copy = cli.dir + "/Maildir/sent/cur/" + copies[0]
        #expect(copies[0].hasSuffix(":2,S"))
        let attributes = try FileManager.default.attributesOfItem(atPath: copy)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        for folder in ["sent", "sent/tmp", "sent/new", "sent/cur"] {
            let a = try FileManager.default.attributesOfItem(atPath: cli.dir + "/Maildir/" + folder)
            #expect((a[.posixPermissions] as? Int) == 0o700, "\(folder)")
        }
        #expect(String(decoding: bytes(copy), as: UTF8.self).contains("If you would like to book your next visit"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: cli.dir + "/Maildir/sent/tmp")) ?? []).isEmpty)
    }

    @Test func theThankYouIsSentToTheReferrerAndRecordedAsThanked() throws {
        let (cli, env) = try practice()
        let sink = try SmtpSink(dir: cli.dir)
        try configure(cli, mail: try msmtp(cli, port: sink.port))
        #expect(try cli.output(["thankyous", "--now", "2026-11-02T09:00:00Z"], env: env).contains("r1"))
        let out = try cli.output(["send", "--referral", "r1", "--now", "2026-11-02T09:00:00Z"], env: env)
        #expect(out.contains("r1: thank-you sent by email to zoe@example.org and recorded"))
        let m = try sink.read(0, dir: cli.dir)
        #expect(m.subject == "Thank you for recommending us, Zoë")
        #expect(!m.body.contains("Grace"))
        #expect(!(try cli.output(["thankyous", "--now", "2026-11-02T09:00:00Z"], env: env)).contains("r1"))
        let log = String(decoding: bytes(cli.log), as: UTF8.self)
        #expect(log.contains("referral.thanked") && log.contains("\"via\":\"email\""))
    }

    @Test func aFailingMailCommandRecordsNothingAndARetryAfterTheFixWorks() throws {
        let (cli, env) = try practice()
        let before = bytes(cli.log)
        let send = ["send", "c1", "--kind", "rebook-prompt", "--now", "2026-11-06T09:00:00Z"]

        try configure(cli, mail: "false")
        var r = try cli.run(send, env: env)
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: the mail command (false) exited with status 1; nothing was sent or recorded; fix it and send again\n")
        #expect(bytes(cli.log) == before)

        // msmtp to a port where nothing listens: its own complaint is passed on.
        try configure(cli, mail: try msmtp(cli, port: 1))
        r = try cli.run(send, env: env)
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("keepwarm: the mail command (") && r.err.contains("exited with status") && r.err.contains("msmtp:"))
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(bytes(cli.log) == before)

        try configure(cli, mail: "/nonexistent/sendmail -t")
        r = try cli.run(send, env: env)
        #expect(r.status == 1)
        #expect(r.err.contains("cannot run the mail command /nonexistent/sendmail"))
        #expect(bytes(cli.log) == before)
        #expect(sentCopies(cli).isEmpty)

        let sink = try SmtpSink(dir: cli.dir)
        try configure(cli, mail: try msmtp(cli, port: sink.port))
        try cli.output(send, env: env)
        #expect(sink.received().count == 1)
        #expect(bytes(cli.log).count > before.count)
        #expect(sentCopies(cli).count == 1)
    }

    /// `send` waits for the log's lock before the mail command runs, so `--wait` running out while another desk
    /// writes refuses with nothing sent and nothing recorded, instead of sending an email it then cannot record.
    @Test func aSendThatGivesUpWaitingForAnotherDeskSendsNothing() throws {
        let (cli, env) = try practice()
        let sink = try SmtpSink(dir: cli.dir)
        try configure(cli, mail: try msmtp(cli, port: sink.port))
        let send = ["send", "c1", "--kind", "rebook-prompt", "--now", "2026-11-06T09:00:00Z"]
        let before = bytes(cli.log)
        let hold = try LockWaitTests.holder(cli, seconds: 4)
        let r = try cli.run(send + ["--wait", "1"], env: env)
        #expect(!hold.hasEnded, "refused while the other desk still held the lock")
        #expect(r.status == 75, "\(r.err)")
        #expect(r.err.hasPrefix("keepwarm: another desk is still writing \(cli.log) (keepwarm-writer hold, pid "), "\(r.err)")
        #expect(r.err.hasSuffix("; gave up after 1 s, so nothing was written. Try again in a moment\n"), "\(r.err)")
        #expect(r.out.isEmpty)
        #expect(sink.received().isEmpty, "no email went out")
        #expect(bytes(cli.log) == before, "nothing recorded")
        #expect(sentCopies(cli).isEmpty)

        // Once the other desk is done, the same send goes out and is recorded once.
        #expect(hold.wait() == .exited(0))
        try cli.output(send + ["--wait", "1"], env: env)
        #expect(sink.received().count == 1)
        #expect(sentCopies(cli).count == 1)
    }

    @Test func sendingIsRefusedWithAReasonWhenTheClientCannotBeEmailed() throws {
        let (cli, env) = try practice()
        let sink = try SmtpSink(dir: cli.dir)
        try configure(cli, mail: try msmtp(cli, port: sink.port))
        try cli.output(["client", "add", "--name", "No Consent", "--email", "nc@example.org", "--no-contact", "--now", "2026-11-02T08:00:00Z"], env: env) // c3
        try cli.output(["client", "add", "--name", "Do Not", "--email", "dn@example.org", "--now", "2026-11-02T08:00:00Z"], env: env) // c4
        try cli.output(["client", "status", "c4", "do-not-contact", "--now", "2026-11-02T08:00:00Z"], env: env)
        try cli.output(["client", "add", "--name", "Gone Away", "--email", "ga@example.org", "--now", "2026-11-02T08:00:00Z"], env: env) // c5
        try cli.output(["erase", "c5", "--yes", "--now", "2026-11-02T08:00:00Z"], env: env)
        let before = bytes(cli.log)
        let cases: [(String, String)] = [
            ("c2", "c2 has no email address; add one with keepwarm client edit c2 --email ADDRESS, or send a letter"),
            ("c3", "c3 has not agreed to be contacted; nothing was sent"),
            ("c4", "c4 is marked do-not-contact; nothing was sent"),
            ("c5", "c5's details were erased at their request"),
        ]
        for (client, reason) in cases {
            let r = try cli.run(["send", client, "--kind", "re-engage"], env: env)
            #expect(r.status == 1, "\(client)")
            #expect(r.err.hasPrefix("keepwarm: " + reason), "\(client): \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1)
        }
        try configure(cli, mail: nil)
        var r = try cli.run(["send", "c1", "--kind", "re-engage"], env: env)
        #expect(r.err.hasPrefix("keepwarm: no mail command is set; add mail_command = \"msmtp -t\""))
        try configure(cli, mail: "msmtp -t", from: nil)
        r = try cli.run(["send", "c1", "--kind", "re-engage"], env: env)
        #expect(r.err.hasPrefix("keepwarm: no From address is set; add from = "))
        #expect(sink.received().isEmpty)
        #expect(bytes(cli.log) == before)
        #expect(sentCopies(cli).isEmpty)
    }
}
