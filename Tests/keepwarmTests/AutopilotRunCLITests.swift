import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm autopilot run` through real mail commands: real msmtp to a real SMTP server, and a script delivering
/// into a folder per Message-ID; another desk writing while a run is under way; two runs at once.
@Suite struct AutopilotRunCLITests {
    @Test func aReminderAndAPostSessionGoThroughMsmtpOnceEachWithTheKeyAsMessageID() throws {
        let ap = try AutopilotPractice()
        let at = AutopilotPractice.start
        try ap.ok(["client", "add", "--name", "Ada Lovelace", "--email", "ada@example.org"] + at)
        try ap.ok(["client", "add", "--name", "Bob Smith", "--email", "bob@example.org"] + at)
        try ap.ok(["book", "c1", "--at", "2026-11-24 10:00"] + at)
        try ap.ok(["book", "c2", "--at", "2026-11-23 08:30"] + at)
        try ap.ok(["attend", "a2", "--now", "2026-11-23T09:00:00Z"])
        let smtp = try SmtpSink(dir: ap.cli.dir)
        let rc = ap.cli.dir + "/mail settings/msmtprc"
        try SmtpSink.msmtprc(at: rc, port: smtp.port, from: "desk@riverside.example")
        try ap.configure(mail: "\(try Spawned.which("msmtp", package: "msmtp")) -C '\(rc)' -t")

        let (status, first) = try ap.runJSON()
        #expect(status == 0)
        let sent = AutopilotPractice.keys(first, outcome: "sent")
        let reminder = "c1.reminder.2026-11-23.a1@2026-11-24T1000", postSession = "c2.post-session.2026-11-23.a2"
        #expect(sent == [reminder, postSession])

        let mails = smtp.received().map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n") }
        #expect(mails.count == 2)
        let byID = Dictionary(uniqueKeysWithValues: mails.compactMap { m -> (String, String)? in
            guard let line = m.split(separator: "\n").first(where: { $0.hasPrefix("Message-ID: ") }) else { return nil }
            return (String(line.dropFirst("Message-ID: ".count)), m)
        })
        let ada = try #require(byID["<\(AutopilotPractice.messageID(reminder))>"])
        #expect(ada.contains("\nTo: Ada Lovelace <ada@example.org>\n"))
        #expect(ada.contains("Tuesday 24 November at 10:00"), "the reminder names the appointment")
        let bob = try #require(byID["<\(AutopilotPractice.messageID(postSession))>"])
        #expect(bob.contains("\nTo: Bob Smith <bob@example.org>\n"))
        #expect(bob.contains("Thank you for coming"))
        #expect(try String(contentsOfFile: ap.cli.dir + "/inbox/0.rcpt", encoding: .utf8).hasSuffix("@example.org"))

        // A copy of each is in the Maildir's sent folder, named by the key.
        let copies = ((try? FileManager.default.contentsOfDirectory(atPath: ap.cli.dir + "/Maildir/sent/cur")) ?? []).sorted()
        #expect(copies.count == 2)
        #expect(copies.contains { $0.contains(".c1.reminder.2026-11-23.a1+2026-11-24T1000.") })

        // The post-session is now what the desk sees as done; the log says who sent it.
        let card = try ap.ok(["client", "show", "c2", "--json"])
        #expect(card.contains("post-session"))
        let p = try ap.practice()
        #expect(p.autopilot.attempts.map(\.outcome).allSatisfy { if case .sent = $0 { true } else { false } })
        #expect(p.autopilot.lastRunSummary == RunSummary(sent: 2))

        // Never twice: a second run, and a third an hour later, send nothing.
        let again = try ap.run(["autopilot", "run", "--now", AutopilotPractice.now])
        #expect(again.status == 0)
        #expect(again.out.hasPrefix("autopilot: nothing to send now"))
        #expect(try ap.run(["autopilot", "run", "--now", "2026-11-23T11:30:00Z"]).status == 0)
        #expect(smtp.received().count == 2)
        #expect(try ap.practice().autopilot.attempts.count == 2)
    }

    /// The desk sending by hand what the autopilot sent, or is sending, would make it go twice: refused, nothing sent
    /// or written; `--again` sends a second one on purpose, but never one that may be going out this second (QA).
    @Test func theDeskCannotSendByHandWhatTheAutopilotSentOrIsSending() throws {
        let ap = try AutopilotPractice()
        try ap.addBookedClients(2)
        try ap.configure(mail: try ap.folderMailCommand())
        #expect(try ap.run(["autopilot", "run", "--now", AutopilotPractice.now]).status == 0)
        #expect(ap.received().count == 2)
        let before = try Data(contentsOf: URL(fileURLWithPath: ap.cli.log))
        let again = try ap.run(["send", "c1", "--kind", "reminder", "--now", "2026-11-23T11:00:00Z"])
        #expect(again.status == 1)
        #expect(again.err == "keepwarm: the autopilot already sent Client 0's reminder by email on 2026-11-23 10:00 (m1); nothing was sent; to send another anyway, add --again\n", "\(again.err)")
        let letter = try ap.run(["letter", "write", "c1", "--kind", "reminder", "--now", "2026-11-23T11:00:00Z"])
        #expect(letter.status == 1 && letter.err.contains("the autopilot already sent Client 0's reminder"))
        let after = try Data(contentsOf: URL(fileURLWithPath: ap.cli.log))
        #expect(ap.received().count == 2 && after == before, "nothing sent or written")
        #expect(try ap.run(["send", "c1", "--kind", "reminder", "--again", "--now", "2026-11-23T11:00:00Z"]).status == 0)
        #expect(ap.received().values.reduce(0, +) == 3)

        // A try still in doubt: refused even with --again, until a person settles it.
        try ap.addBookedClients(1)
        try ap.configure(mail: "/bin/sleep 30", extra: "send_timeout = 1\n")
        #expect(try ap.run(["autopilot", "run", "--now", AutopilotPractice.now]).status == 1)
        let doubt = try ap.run(["send", "c3", "--kind", "reminder", "--again", "--now", "2026-11-23T11:00:00Z"])
        #expect(doubt.status == 1 && doubt.err.contains("the autopilot is sending, or may have sent, Client 0's reminder (m3)"), "\(doubt.err)")
    }

    @Test func anIdleRunWritesItsLineAtMostOnceAnHour() throws {
        let ap = try AutopilotPractice()
        try ap.configure(mail: try ap.folderMailCommand())
        let lines = { String(decoding: ap.cli.bytes(), as: UTF8.self).components(separatedBy: "\"type\":\"autopilot.ran\"").count - 1 }
        for minute in stride(from: 0, to: 120, by: 5) {
            let now = "2026-11-23T10:\(String(format: "%02d", minute % 60)):00Z".replacingOccurrences(of: "T10:", with: minute >= 60 ? "T11:" : "T10:")
            #expect(try ap.run(["autopilot", "run", "--now", now]).status == 0)
        }
        // Two hours of five-minute runs with nothing to do: 10:00 and 11:00.
        #expect(lines() == 2)
        #expect(try ap.run(["autopilot", "run", "--dry-run", "--now", "2026-11-23T15:00:00Z"]).status == 0)
        #expect(lines() == 2, "a dry run writes nothing")
    }

    @Test func eligibilityIsCheckedAgainJustBeforeEachMessage() throws {
        let ap = try AutopilotPractice()
        let at = AutopilotPractice.start
        for (name, email) in [("Ada Lovelace", "ada"), ("Cara Jones", "cara"), ("Eve Adams", "eve"), ("Dan Brown", "dan"), ("Fay Green", "fay")] {
            try ap.ok(["client", "add", "--name", name, "--email", "\(email)@example.org", "--contact"] + at)
        }
        try ap.ok(["book", "c1", "--at", "2026-11-24 10:00"] + at)            // a1: Ada's reminder
        try ap.ok(["book", "c4", "--at", "2026-11-24 14:00"] + at)            // a2: Dan's reminder, moved during the run
        try ap.ok(["book", "c5", "--at", "2026-11-24 11:00"] + at)            // a3: Fay, who has died
        for (c, a, t) in [("c2", "a4", "10:00"), ("c3", "a5", "11:00")] {        // Cara and Eve came on the 19th
            try ap.ok(["book", c, "--at", "2026-11-19 \(t)", "--now", "2026-11-19T08:00:00Z"])
            try ap.ok(["attend", a, "--now", "2026-11-19T12:00:00Z"])
        }
        try ap.ok(["client", "status", "c5", "deceased"] + at)
        try ap.ok(["autopilot", "set", "rebook-prompt", "--auto", "email"] + at)
        try ap.configure(mail: try ap.folderMailCommand())

        let preview = try ap.run(["autopilot", "run", "--dry-run", "--json", "--now", AutopilotPractice.now])
        #expect(preview.status == 0)
        let previewed = try #require(try JSONSerialization.jsonObject(with: Data(preview.out.utf8)) as? [String: Any])
        let adaKey = "c1.reminder.2026-11-23.a1@2026-11-24T1000", danKey = "c4.reminder.2026-11-23.a2@2026-11-24T1400"
        let caraKey = "c2.rebook-prompt.2026-11-21.a4", eveKey = "c3.rebook-prompt.2026-11-21.a5"
        #expect(AutopilotPractice.keys(previewed, outcome: "would send") == [adaKey, danKey, caraKey, eveKey])
        #expect(!preview.out.contains("c5") && !preview.out.contains("Fay"), "a deceased client never appears")

        // Between the preview and the run, Eve withdraws consent; during the run, right after Ada's reminder went,
        // another desk books Cara and moves Dan's appointment.
        try ap.ok(["optout", "--email", "eve@example.org", "--channel", "email", "--now", "2026-11-23T09:30:00Z"])
        #expect(String(decoding: ap.cli.bytes(), as: UTF8.self).contains("\"type\":\"consent.changed\""))
        try ap.hook(after: adaKey, [["book", "c2", "--at", "2026-11-30 10:00", "--now", "2026-11-23T10:00:00Z"],
                                    ["move", "a2", "--to", "2026-11-24 16:00", "--now", "2026-11-23T10:00:00Z"]])
        let (status, run) = try ap.runJSON()
        #expect(status == 0)
        #expect(AutopilotPractice.keys(run, outcome: "sent") == [adaKey])
        #expect(AutopilotPractice.keys(run, outcome: "skipped") == [danKey, caraKey])
        #expect(try String(contentsOfFile: ap.cli.dir + "/hooks.out", encoding: .utf8).contains("a6"), "the hook booked Cara")

        // The next run sends Dan's reminder for the new time only.
        let (status2, run2) = try ap.runJSON()
        #expect(status2 == 0)
        let moved = "c4.reminder.2026-11-23.a2@2026-11-24T1600"
        #expect(AutopilotPractice.keys(run2, outcome: "sent") == [moved])
        #expect(ap.message(AutopilotPractice.messageID(moved)).contains("Tuesday 24 November at 16:00"))
        #expect(ap.received() == [AutopilotPractice.messageID(adaKey): 1, AutopilotPractice.messageID(moved): 1])
        let p = try ap.practice()
        #expect(p.autopilot.attempts.map(\.start.key) == [adaKey, moved], "nothing was even attempted for Cara, Eve, Fay or Dan's old time")
    }

    @Test func twoRunsAtOnceSendEachMessageOnce() throws {
        let ap = try AutopilotPractice()
        try ap.addBookedClients(120)
        try ap.allowCap(1000)
        try ap.configure(mail: try ap.folderMailCommand(sleep: "0.01"))
        var env = ap.env
        env["KEEPWARM_LOG"] = ap.cli.log
        env["KEEPWARM_USER"] = "sam"
        let runs = try (0..<2).map { i in
            try Spawned([CLI.binary, "autopilot", "run", "--now", AutopilotPractice.now], env: env,
                        stdout: ap.cli.dir + "/run\(i).out", stderr: ap.cli.dir + "/run\(i).err")
        }
        let ends = runs.map { $0.wait() }
        #expect(ends == [.exited(0), .exited(0)])
        let outs = try (0..<2).map { try String(contentsOfFile: ap.cli.dir + "/run\($0).out", encoding: .utf8) }
        let sentLines = outs.map { $0.split(separator: "\n").filter { $0.hasPrefix("sent: ") }.count }
        #expect(sentLines[0] + sentLines[1] == 120)
        let received = ap.received()
        #expect(received.count == 120)
        #expect(received.values.allSatisfy { $0 == 1 }, "\(received.filter { $0.value > 1 })")
        let p = try ap.practice()
        #expect(p.autopilot.attempts.count == 120)
        #expect(p.autopilot.byKey.values.allSatisfy { $0.count == 1 })
        print("two runs at once: \(sentLines[0]) and \(sentLines[1]) sent")
    }

    @Test func unresolvedAttemptsAreListedAndAPersonResolvesThem() throws {
        let ap = try AutopilotPractice()
        try ap.addBookedClients(2)
        // A mail command that never finishes within its 1-second time: the attempt is left unresolved, and the rest
        // of the run's email waits for the next run rather than becoming a second doubt (QA: a hung mail server).
        try ap.configure(mail: "/bin/sleep 30", extra: "send_timeout = 1\n")
        let r = try ap.run(["autopilot", "run", "--now", AutopilotPractice.now])
        #expect(r.status == 1)
        #expect(r.out.contains("unresolved: m1 reminder for Client 0 (c1) by email to client0@example.org: the mail command did not finish within 1 s"))
        #expect(r.out.contains("keepwarm autopilot resolve m1 --sent (or --not-sent)"))
        #expect(r.out.contains("skipped: reminder for Client 1 (c2) by email to client1@example.org: the email command timed out on m1; this waits for the next run"))
        // While its run could still be sending it (its time limit and a minute), it is being sent, not in doubt.
        let during = try ap.run(["autopilot", "unresolved", "--now", "2026-11-23T10:00:30Z"])
        #expect(during.out.contains("being sent by a run right now (until 10:01 at the latest): not in doubt yet"), "\(during.out)")
        let early = try ap.run(["autopilot", "resolve", "m1", "--not-sent", "--now", "2026-11-23T10:00:30Z"])
        #expect(early.status == 1 && early.err.contains("m1 is being sent by a run right now"), "\(early.err)")
        let later = "2026-11-23T10:05:00Z"
        let listed = try ap.run(["autopilot", "unresolved", "--now", later])
        #expect(listed.status == 0)
        #expect(listed.out.contains("m1  2026-11-23 10:00  reminder for Client 0 (c1) by email to client0@example.org"))
        #expect(listed.out.contains("keepwarm autopilot resolve m1 --not-sent"))
        let rows = try ap.cli.json("autopilot", "unresolved")
        #expect(rows.map { $0["attempt"] as? String } == ["m1"])

        // Never resent by itself: the next run (with a working command) sends c2's and leaves m1 alone, and exits 1
        // while m1 is in doubt, so cron mails whoever set it up.
        try ap.configure(mail: try ap.folderMailCommand())
        let next = try ap.run(["autopilot", "run", "--now", later])
        #expect(next.status == 1)
        #expect(next.err.contains("1 message from earlier runs may or may not have gone; see keepwarm autopilot unresolved"), "\(next.err)")
        #expect(Array(ap.received().keys) == ["c2.reminder.2026-11-23.a2+2026-11-24T0905@riverside.example"])

        #expect(try ap.ok(["autopilot", "resolve", "m1", "--sent", "--now", later]) == "m1: recorded as sent")
        let twice = try ap.run(["autopilot", "resolve", "m1", "--sent", "--now", later])
        #expect(twice.status == 1 && twice.err == "keepwarm: m1 is already resolved; nothing was written\n")
        let neither = try ap.run(["autopilot", "resolve", "m2"])
        #expect(neither.status != 0 && neither.err.contains("--sent or --not-sent"))
        #expect(try ap.ok(["autopilot", "unresolved", "--now", later]) == "No unresolved messages.")
        #expect(try ap.run(["autopilot", "run", "--now", "2026-11-23T10:10:00Z"]).status == 0, "nothing in doubt any more")
        let p = try ap.practice()
        #expect(p.clients[0].touchpoints.map(\.kind) == [.reminder])
        #expect(p.clients[1].touchpoints.map(\.kind) == [.reminder])
    }

    @Test func sigtermWhileTheMailCommandRunsStopsItsGroupLeavesTheAttemptUnresolvedAndWritesNothingElse() throws {
        let ap = try AutopilotPractice()
        try ap.addBookedClients(3)
        let pids = ap.cli.dir + "/mail.pids"
        // The mail command leaves a `sleep` in its process group, to show the whole group is stopped.
        try ap.configure(mail: "/bin/sh -c 'sleep 300 & echo $$ $! > \\\"\(pids)\\\"; cat >/dev/null; sleep 300'")
        var env = ap.env
        env["KEEPWARM_LOG"] = ap.cli.log
        env["KEEPWARM_USER"] = "sam"
        let run = try Spawned([CLI.binary, "autopilot", "run", "--now", AutopilotPractice.now], env: env,
                              stdout: ap.cli.dir + "/run.out", stderr: ap.cli.dir + "/run.err")
        var started: [pid_t] = []
        for _ in 0..<200 where started.count < 2 {
            usleep(25_000)
            started = ((try? String(contentsOfFile: pids, encoding: .utf8)) ?? "").split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        #expect(started.count == 2, "the mail command started")
        let before = ap.cli.bytes()
        kill(run.pid, SIGTERM)
        #expect(run.wait() == .signalled(SIGTERM))
        #expect(ap.cli.bytes() == before, "nothing written after the stop")
        let out = try String(contentsOfFile: ap.cli.dir + "/run.out", encoding: .utf8)
        #expect(out.contains("unresolved: m1 reminder for Client 0 (c1) by email to client0@example.org: asked to stop (SIGTERM) while the mail command ran"))
        usleep(100_000)
        for pid in started { #expect(!SendTimeoutCLITests.running(pid), "\(pid) was stopped with its group") }
        let p = try ap.practice()
        #expect(p.autopilot.attempts.count == 1)
        #expect(p.autopilot.unresolved == [AttemptID(1)])
        let lastLine = String(decoding: before, as: UTF8.self).split(separator: "\n").last ?? ""
        #expect(lastLine.contains("\"type\":\"message.attempted\""), "the attempt is the last line: no outcome, no run line")
    }

    @Test func onAFullDiskTheAttemptCannotBeWrittenSoNothingIsSentAndTheRunSaysSo() throws {
        let ap = try AutopilotPractice()
        try ap.addBookedClients(2)
        try ap.configure(mail: try ap.folderMailCommand())
        let before = ap.cli.bytes()
        var env = ap.env
        env["KEEPWARM_LOG"] = ap.cli.log
        env["KEEPWARM_USER"] = "sam"
        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        let out = ap.cli.dir + "/full.out", err = ap.cli.dir + "/full.err"
        let end = try Spawned([prlimit, "--fsize=\(before.count):unlimited", "--", CLI.binary, "autopilot", "run", "--now", AutopilotPractice.now],
                              env: env, stdout: out, stderr: err).wait()
        #expect(end == .exited(1))
        #expect(ap.cli.bytes() == before)
        #expect(ap.received().isEmpty, "nothing is sent without its attempt on disk")
        let said = try String(contentsOfFile: err, encoding: .utf8)
        #expect(said.hasPrefix("keepwarm: stopped before c1.reminder.2026-11-23.a1@2026-11-24T0900: its attempt could not be written (the disk is full"))
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("autopilot: stopped early"))
        // With room again, the next run sends both.
        #expect(try ap.run(["autopilot", "run", "--now", AutopilotPractice.now]).status == 0)
        #expect(ap.received().count == 2)
    }

    @Test func hostileTextInANameOrACommandsErrorIsPrintedOnlyAsVisibleSymbols() throws {
        let ap = try AutopilotPractice()
        let at = AutopilotPractice.start
        try ap.ok(["client", "add", "--name", "Eve \u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}Evil", "--email", "eve@example.org"] + at)
        try ap.ok(["book", "c1", "--at", "2026-11-24 10:00"] + at)
        let script = ap.cli.dir + "/bad.sh"
        try "#!/bin/sh\ncat >/dev/null\nprintf '\\033[31mrefused\\033]0;t\\007\\n' >&2\nexit 1\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        try ap.configure(mail: script)
        let r = try ap.run(["autopilot", "run", "--now", AutopilotPractice.now])
        #expect(r.status == 1)
        #expect(r.out.contains("failed: m1 reminder for Eve ␛]0;pwned␇␛[2J"))
        #expect(r.out.contains("the mail command exited with status 1: ␛[31mrefused␛]0;t␇; listed for the desk"))
        for out in [r.out, r.err, try ap.ok(["autopilot", "unresolved"])] {
            #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        }
    }
}
