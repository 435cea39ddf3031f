import Foundation
import Testing
@testable import KeepwarmCore

/// The autopilot's other channels through the real binary: SMS through contrib/sms-smstools3 into a smstools3
/// outgoing spool folder, a gateway's "try again later", and letters into the print queue.
@Suite struct AutopilotChannelsCLITests {
    static let contrib = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("contrib").path

    /// Gia (c1) has a phone typed the national way and no email, and is booked for tomorrow at 10:00.
    func practice() throws -> AutopilotPractice {
        let ap = try AutopilotPractice()
        let at = AutopilotPractice.start
        try ap.ok(["client", "add", "--name", "Gia Rossi", "--phone", "07700 900123", "--contact"] + at)
        try ap.ok(["book", "c1", "--at", "2026-11-24 10:00"] + at)
        return ap
    }

    @Test func aReminderWithoutAnEmailIsTextedThroughTheSmstools3SpoolOnce() throws {
        let ap = try practice()
        let spool = ap.cli.dir + "/outgoing"
        try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        try ap.configure(mail: "/bin/false", extra: "sms_command = \"\(Self.contrib)/sms-smstools3\"\n")
        let spoolEnv = ["KEEPWARM_SMSTOOLS_OUTGOING": spool]
        let r = try ap.run(["autopilot", "run", "--now", AutopilotPractice.now], extra: spoolEnv)
        #expect(r.status == 0, "\(r.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: spool)
        #expect(files.count == 1)
        let name = try #require(files.first)
        #expect(r.out.contains("sent: m1 reminder for Gia Rossi (c1) by sms to +447700900123 (\(name))"))
        let text = try String(contentsOfFile: spool + "/" + name, encoding: .utf8)
        #expect(text.hasPrefix("To: 447700900123\nAlphabet: UTF-8\n\nHi Gia, see you at Riverside Therapy Rooms on Tuesday 24 November at 10:00."))
        #expect(!text.contains("sam"), "signed by the log, never by the login running it")
        let p = try ap.practice()
        #expect(p.autopilot.attempts.first?.outcome == .sent(at: DateInput.parseZonedISO(AutopilotPractice.now)!, provider: name, confirmed: false))
        #expect(p.autopilot.attempts.first?.start.key == "c1.reminder.2026-11-23.a1@2026-11-24T1000")

        #expect(try ap.run(["autopilot", "run", "--now", AutopilotPractice.now], extra: spoolEnv).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool).count == 1, "never twice")
    }

    @Test func aGatewaySayingTryLaterIsTriedAgainAfterFifteenMinutesAndAFailureGoesToTheDesk() throws {
        let ap = try practice()
        let script = ap.cli.dir + "/sms.sh"
        try "#!/bin/sh\ncat >/dev/null\necho \"gateway busy\" >&2\nexit ${SMS_EXIT:-75}\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        try ap.configure(mail: "/bin/false", extra: "sms_command = \"\(script)\"\n")
        let first = try ap.run(["autopilot", "run", "--now", AutopilotPractice.now])
        #expect(first.status == 1)
        #expect(first.out.contains("failed: m1 reminder for Gia Rossi (c1) by sms to +447700900123: not sent, the SMS command asks to try again later (exit 75): gateway busy; tried again on a later run"))
        // Within 15 minutes nothing is tried; after, it is, and a definite failure is left for the desk.
        let soon = try ap.run(["autopilot", "run", "--now", "2026-11-23T10:10:00Z"])
        #expect(soon.status == 0 && soon.out.hasPrefix("autopilot: nothing to send now"))
        let later = try ap.run(["autopilot", "run", "--now", "2026-11-23T10:16:00Z"], extra: ["SMS_EXIT": "3"])
        #expect(later.status == 1)
        #expect(later.out.contains("failed: m2 reminder for Gia Rossi (c1) by sms to +447700900123: not sent, the SMS command failed with exit status 3: gateway busy; listed for the desk"))
        let p = try ap.practice()
        #expect(p.autopilot.attempts.count == 2)
        #expect(try ap.run(["autopilot", "run", "--now", "2026-11-23T11:00:00Z"]).out.hasPrefix("autopilot: nothing to send now"))
    }

    @Test func aLetterGoesToThePrintQueueOnce() throws {
        let ap = try practice()
        try ap.ok(["autopilot", "set", "reminder", "--auto", "letter"] + AutopilotPractice.start)
        try ap.configure(mail: "/bin/false", extra: "letters_dir = \"\(ap.cli.dir)/letters\"\n")
        let r = try ap.run(["autopilot", "run", "--now", AutopilotPractice.now])
        #expect(r.status == 0, "\(r.err)")
        let name = "2026-11-23-c1-reminder.txt"
        #expect(r.out.contains("sent: m1 reminder for Gia Rossi (c1) by letter (\(name))"))
        let page = try String(contentsOfFile: ap.cli.dir + "/letters/" + name, encoding: .utf8)
        #expect(page.hasPrefix("Riverside Therapy Rooms\n23 November 2026\n\nGia Rossi\n\n"))
        #expect(page.contains("Tuesday 24 November at 10:00"))
        #expect(try ap.practice().autopilot.printQueue == [AttemptID(1)])
        #expect(try ap.run(["autopilot", "run", "--now", AutopilotPractice.now]).out.hasPrefix("autopilot: nothing to send now"))
    }
}
