import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 16's weekly review in the real console (tmux, 80×24) while a second desk writes to the same log: `p` narrows
/// the lapsed pane to one practitioner's clients, the progress line counts the other desk's review as it lands, and
/// `x`, a reason and `y` close a client with that reason, after the other desk's line, none lost.
@Suite(.serialized) struct WeeklyReviewTmuxTests {
    /// Anna (p1) and Ben (p2); Mo and Ivy last saw Anna, Tom last saw Ben; all three lapsed by Monday 23 November.
    func practice() throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-08-01T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["practitioner", "add", "--name", "Ben Hart"] + at)
        for (name, phone) in [("Mo Farah", "07700 900456"), ("Tom Reed", "07700 900457"), ("Ivy Stone", "07700 900458")] {
            try cli.ok(["client", "add", "--name", name, "--phone", phone] + at)
        }
        for (n, c, who, day) in [(1, "c1", "p1", "2026-09-01"), (2, "c2", "p2", "2026-09-02"), (3, "c3", "p1", "2026-10-01")] {
            try cli.ok(["book", c, "--at", "\(day) 10:00", "--with", who] + at)
            try cli.ok(["attend", "a\(n)", "--now", "\(day)T11:00:00Z"])
        }
        return cli
    }

    @Test func aPractitionersReviewWithASecondDeskWriting() throws {
        let cli = try practice()
        let t = try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "anna"])
        defer { t.kill() }
        try t.waitFor("Tom Reed")
        try t.waitFor("0 of 3 reviewed this week")
        try t.send("2", "p")
        let mine = try t.waitFor("Lapsed: Anna Okafor (2)")
        #expect(mine.contains("Mo Farah") && mine.contains("Ivy Stone") && !mine.contains("Tom Reed"), "only Anna's clients\n\(mine)")
        #expect(mine.contains("0 of 2 reviewed this week"))
        #expect(mine.contains("DUE") && mine.contains("LAST CONTACT"), "at 80 columns the due date and last contact show\n\(mine)")

        // The front desk, at the same time, records that it rang Mo (Anna's) and Tom (Ben's).
        try cli.ok(["review", "c1", "--contacted", "--via", "voicemail", "--note", "Left a message", "--now", "2026-11-23T11:00:20Z"])
        try cli.ok(["review", "c2", "--contacted", "--now", "2026-11-23T11:00:21Z"])
        let counted = try t.waitFor("1 of 2 reviewed this week")
        #expect(counted.contains("voicema"), "Mo's last contact is the other desk's voicemail\n\(counted)")

        // Anna closes Ivy: the reasons the articles give, then y. Between the reason and y the other desk writes again.
        // Ivy lapsed most recently, so she is the selected first row.
        try t.send("x")
        // Waited for on the list's last reason, not the title: under load tmux can show the box before its lines.
        let why = try t.waitFor("not getting the value")
        #expect(why.contains("Close Ivy Stone: why?") && why.contains("found another therapist"), "\(why)")
        try t.send("t")
        try t.waitFor("Close Ivy Stone for ever?")
        try cli.ok(["touch", "c2", "--kind", "reactivation-letter", "--via", "letter", "--now", "2026-11-23T11:00:40Z"])
        try t.send("y")
        let after = try t.waitFor("2 of 2 reviewed this week")
        #expect(after.contains("Lapsed: Anna Okafor (1)") && after.contains("closed Ivy Stone"), "Ivy left the list\n\(after)")

        let lines = String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n").map(String.init)
        let ivy = lines.filter { $0.contains(#""type":"lapse.reviewed","client":"c3""#) }
        #expect(ivy.count == 1)
        #expect(ivy.first?.contains(#""outcome":"closed","status":"discharged","reason":"another-therapist","practitioner":"p1""#) == true, "\(ivy)")
        #expect(lines.contains { $0.contains(#""type":"touchpoint.sent","client":"c2""#) }, "the other desk's line is kept")
        #expect(try cli.ok(["check"]).hasSuffix("no damage"))
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
