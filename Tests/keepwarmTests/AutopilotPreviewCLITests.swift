import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm autopilot preview` through the real binary at a fixed clock: every due message, grouped will go /
/// waiting / needs a person, each with its channel and address, why, what would stop it and its key; nothing written.
@Suite struct AutopilotPreviewCLITests {
    /// Monday 7 Dec 2026 (London, GMT). Everyone but Ed is booked tomorrow, so a reminder is due today:
    /// Ada by email; Bob by SMS (a phone only); Cy with no address at all; Di held until Wednesday; Ed attended today
    /// at 09:00 (a post-session message too, and only one a day); Flo did not agree to contact; Gus has died.
    static func practice() throws -> CLI {
        let cli = CLI()
        let t = ["--now", "2026-12-07T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside"] + t)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + t)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--email", "ada@example.com", "--consent", "email", "--consent-how", "intake-form"] + t)
        try cli.ok(["client", "add", "--name", "Bob Brown", "--phone", "07700 900123", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Cy Young", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Di Prince", "--email", "di@example.com", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Ed Stone", "--email", "ed@example.com", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Flo Hart", "--email", "flo@example.com", "--no-contact"] + t)
        try cli.ok(["client", "add", "--name", "Gus Grey", "--email", "gus@example.com", "--contact"] + t)
        for (c, time) in [("c1", "10:00"), ("c2", "11:00"), ("c3", "12:00"), ("c4", "13:00")] {
            try cli.ok(["book", c, "--at", "2026-12-08 \(time)"] + t)
        }
        try cli.ok(["book", "c5", "--at", "2026-12-07 09:00"] + t)
        try cli.ok(["book", "c5", "--at", "2026-12-08 14:00"] + t)
        try cli.ok(["book", "c6", "--at", "2026-12-08 15:00"] + t)
        try cli.ok(["book", "c7", "--at", "2026-12-08 16:00"] + t)
        try cli.ok(["autopilot", "hold", "c4", "--until", "wed"] + t)
        try cli.ok(["client", "status", "c7", "deceased"] + t)
        try cli.ok(["attend", "a5", "--now", "2026-12-07T09:50:00Z"])
        return cli
    }

    static let stopsIfReminder = "      stops if  the appointment is cancelled, moved or marked; the client is held, erased or opts out"

    @Test func atTenEveryMessageIsShownWithWhyAndWhatStopsIt() throws {
        let cli = try Self.practice()
        let before = cli.bytes()
        let lines = try cli.output(["autopilot", "preview", "--now", "2026-12-07T10:00:00Z"]).components(separatedBy: "\n")
        let expected = [
            "Autopilot preview: what a run now (Mon 2026-12-07 10:00) would send. Window 09:00-18:00 every day, at most 200 a day.",
            "The autopilot is not running (no run in the last 26 hours): nothing goes by itself, and these are on the desk's lists until it runs (keepwarm autopilot install).",
            "",
            "Will go (3)",
            "  Ada Lovelace (c1): reminder by email to ada@example.com",
            "      why       2026-12-08 10:00 with Anna Okafor (a1); reminders go the day before",
            Self.stopsIfReminder,
            "      key       c1.reminder.2026-12-07.a1@2026-12-08T1000",
            "  Bob Brown (c2): reminder by sms to +447700900123",
            "      why       2026-12-08 11:00 with Anna Okafor (a2); reminders go the day before",
            "      sms       1 segment, GSM-7 (114 characters)",
            Self.stopsIfReminder,
            "      key       c2.reminder.2026-12-07.a2@2026-12-08T1100",
            "  Ed Stone (c5): reminder by email to ed@example.com",
            "      why       2026-12-08 14:00 with Anna Okafor (a6); reminders go the day before",
            Self.stopsIfReminder,
            "      key       c5.reminder.2026-12-07.a6@2026-12-08T1400",
            "",
            "Waiting, goes by itself later (1)",
            "  Ed Stone (c5): post-session by email to ed@example.com",
            "      why       attended 2026-12-07 (a5); post-session goes the day of the session",
            "      waits     one message a day: their reminder goes first",
            "      stops if  the desk records it; the client is held, erased or opts out",
            "      key       c5.post-session.2026-12-07.a5",
            "",
            "Needs a person (2)",
            "  Cy Young (c3): reminder (no channel reaches them)",
            "      why       2026-12-08 12:00 with Anna Okafor (a3); reminders go the day before",
            "      stopped   no way to reach them: email no address; sms no phone",
            Self.stopsIfReminder,
            "      key       c3.reminder.2026-12-07.a3@2026-12-08T1200",
            "  Di Prince (c4): reminder by email to di@example.com",
            "      why       2026-12-08 13:00 with Anna Okafor (a4); reminders go the day before",
            "      stopped   held by the desk until 2026-12-09",
            Self.stopsIfReminder,
            "      key       c4.reminder.2026-12-07.a4@2026-12-08T1300",
            "",
        ]
        #expect(lines.count == expected.count, "\(lines.joined(separator: "\n"))")
        for (i, (got, want)) in zip(lines, expected).enumerated() { #expect(got == want, "line \(i + 1)") }
        #expect(!lines.contains { $0.contains("Flo Hart") || $0.contains("Gus Grey") }, "no consent to contact, and deceased: never listed")
        #expect(cli.bytes() == before, "a preview writes nothing")
    }

    @Test func beforeTheWindowOpensEverythingWaitsAndSaysWhen() throws {
        let cli = try Self.practice()
        let lines = try cli.output(["autopilot", "preview", "--now", "2026-12-07T08:30:00Z"]).components(separatedBy: "\n")
        #expect(lines[3] == "Waiting, goes by itself later (3)")
        #expect(lines.filter { $0 == "      waits     outside the send window: next run from 2026-12-07 09:00" }.count == 3)
        #expect(!lines.contains("Will go (3)"))
    }

    @Test func dayPreviewsThatDaysWindowOpeningAndSaysSo() throws {
        let cli = try Self.practice()
        try cli.ok(["autopilot", "window", "09:00-17:00", "--days", "mon-fri", "--now", "2026-12-07T08:00:00Z"])
        // Thursday's appointment has its reminder on Wednesday: previewing Wednesday at 09:00 shows it going.
        try cli.ok(["book", "c1", "--at", "2026-12-10 10:00", "--now", "2026-12-07T08:00:00Z"])
        let wed = try cli.output(["autopilot", "preview", "--day", "wed", "--now", "2026-12-07T10:00:00Z"]).components(separatedBy: "\n")
        #expect(wed[0] == "Autopilot preview for Wed 2026-12-09: the run at the window's opening, Wed 2026-12-09 09:00; later runs that day also send what falls due later. Window 09:00-17:00 mon-fri, at most 200 a day.")
        #expect(wed.contains("  Ada Lovelace (c1): reminder by email to ada@example.com"))
        #expect(wed.contains("      key       c1.reminder.2026-12-09.a9@2026-12-10T1000"))
        let sat = try cli.output(["autopilot", "preview", "--day", "2026-12-12", "--now", "2026-12-07T10:00:00Z"]).components(separatedBy: "\n")
        #expect(sat[1] == "The window is closed on Sats (it sends mon-fri): nothing goes that day.")
        let today = try cli.output(["autopilot", "preview", "--day", "today", "--now", "2026-12-07T10:00:00Z"]).components(separatedBy: "\n")
        #expect(today[0] == "Autopilot preview for today: the window opened at 09:00, so this is a run now (Mon 2026-12-07 10:00). Window 09:00-17:00 mon-fri, at most 200 a day.")

        let before = cli.bytes()
        for (day, err) in [("yesterday", "--day 2026-12-06 is in the past; the preview looks ahead: give today or a later day"),
                           ("soon", "--day: couldn't read the date 'soon': use 2026-11-23, today, tomorrow, tue or +3w")] {
            let r = try cli.run(["autopilot", "preview", "--day", day, "--now", "2026-12-07T10:00:00Z"])
            #expect(r.status == 1)
            #expect(r.err == "keepwarm: \(err)\n")
            #expect(r.out.isEmpty)
        }
        #expect(cli.bytes() == before)
    }

    @Test func jsonIsAStableArrayWithEveryKeyInOrder() throws {
        let cli = try Self.practice()
        let r = try cli.run(["autopilot", "preview", "--json", "--now", "2026-12-07T10:00:00Z"])
        #expect(r.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["group"] as? String } == ["will-go", "will-go", "will-go", "waiting", "needs-a-person", "needs-a-person"])
        #expect(rows.map { $0["client"] as? String } == ["c1", "c2", "c5", "c5", "c3", "c4"])
        #expect(rows[3]["stop"] as? String == "one message a day: their reminder goes first")
        #expect(rows[0]["stop"] is NSNull)
        #expect(rows[4]["channel"] is NSNull)
        #expect(rows[0]["purpose"] as? String == "service")
        #expect(rows[1]["to"] as? String == "+447700900123")
        #expect(rows[1]["smsSegments"] as? Int == 1 && rows[1]["smsCharset"] as? String == "GSM-7")
        #expect(rows[0]["smsSegments"] is NSNull && rows[0]["smsCharset"] is NSNull)
        // Every object has the same keys in the same order, so a script (or a diff) can rely on them.
        let keyOrder = ["group", "key", "client", "name", "step", "purpose", "due", "channel", "to", "appointment", "referral",
                        "why", "stopsIf", "stop", "smsSegments", "smsCharset"]
        for line in r.out.components(separatedBy: "},{") {
            let found = keyOrder.compactMap { k in line.range(of: "\"\(k)\":").map { (k, $0.lowerBound) } }
            #expect(found.map(\.0) == keyOrder)
            #expect(found.map(\.1) == found.map(\.1).sorted())
        }
    }

    /// A number that cannot be texted is a channel that does not reach the client, with why; a name the GSM alphabet
    /// lacks makes the SMS UCS-2, and the preview says so and which character did it.
    @Test func theSMSNumberAndLengthAreThoseTheGatewayWouldGet() throws {
        let cli = CLI()
        let t = ["--now", "2026-12-07T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside"] + t)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + t)
        try cli.ok(["client", "add", "--name", "Short Number", "--phone", "0770 09", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "+353 87 123 4567", "--contact"] + t)
        try cli.ok(["book", "c1", "--at", "2026-12-08 10:00"] + t)
        try cli.ok(["book", "c2", "--at", "2026-12-08 11:00"] + t)
        let lines = try cli.output(["autopilot", "preview", "--now", "2026-12-07T10:00:00Z"]).components(separatedBy: "\n")
        #expect(lines.contains("  Zoë Brontë (c2): reminder by sms to +353871234567"))
        let sms = try #require(lines.first { $0.hasPrefix("      sms       ") })
        #expect(sms.contains(", UCS-2 (") && sms.hasSuffix(" is not in GSM-7"), "\(sms)")
        let stopped = try #require(lines.first { $0.hasPrefix("      stopped   no way to reach them: email no address; sms ") })
        #expect(stopped.count > "      stopped   no way to reach them: email no address; sms ".count + 10, "the number's problem is said: \(stopped)")
    }

    /// A hostile name or address reaches the terminal as visible text, never as a control sequence.
    @Test func hostileTextIsShownNotObeyed() throws {
        let cli = CLI()
        let t = ["--now", "2026-12-07T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside"] + t)
        try cli.ok(["practitioner", "add", "--name", "Anna\u{1B}[2J"] + t)
        try cli.ok(["client", "add", "--name", "Mal\u{1B}]0;owned\u{7}ory", "--email", "mal@example.com", "--contact"] + t)
        try cli.ok(["book", "c1", "--at", "2026-12-08 10:00"] + t)
        let r = try cli.run(["autopilot", "preview", "--now", "2026-12-07T10:00:00Z"])
        #expect(r.status == 0)
        #expect(!r.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(r.out.contains("  Mal␛]0;owned␇ory (c1): reminder by email to mal@example.com"))
        #expect(r.out.contains("with Anna␛[2J (a1); reminders go the day before"))
    }
}
