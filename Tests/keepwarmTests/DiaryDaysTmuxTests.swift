import Foundation
import Testing
@testable import KeepwarmCore

/// The whole diary through the real binary in tmux (issue 13, section 2): other days, the morning after, and moving
/// or cancelling a session from the client card, with a second `keepwarm` process writing while the screen is open.
@Suite(.serialized) struct DiaryDaysTmuxTests {
    let tests = ConsoleTmuxTests()
    let at = ["--now", "2026-11-23T08:00:00Z"]

    @Test func theDiaryMovesADayAtATimeGoesToADateAndComesBackToToday() throws {
        let cli = try tests.practice()
        try cli.ok(["book", "c2", "--at", "2026-11-24 14:00"] + at)
        let t = try tests.console(cli, width: 100)
        defer { t.kill() }
        try t.waitFor("1 Today's diary (1)")
        try t.waitFor("now 11:00")
        try t.send("]")
        var screen = try t.waitFor("1 Diary — Tue 24 Nov (1)")
        #expect(screen.contains("14:00 Grace Hopper") && !screen.contains("10:00 Ada Lovelace"), "tomorrow's rows only")
        // Another desk books Mo on the day shown, before Grace: his row appears, and the highlight stays on Grace.
        try cli.ok(["book", "c3", "--at", "2026-11-24 09:00"] + at)
        try t.waitFor("09:00 Mo Farah")
        try t.send("m")
        try t.waitFor("Move a3 (Grace Hopper")
        try t.sendKey("Escape")
        try t.waitUntil("the move form closed") { !$0.contains("Move a3") }
        // Back two days with ← (the diary pane is focused): Sunday is past, and says so.
        try t.sendKey("Left", "Left")
        screen = try t.waitFor("1 Diary — Sun 22 Nov, past (0)")
        #expect(screen.contains("No appointments on Sun 22 Nov."))
        try t.send("t")
        try t.waitFor("1 Today's diary (1)")
        // g goes to a date typed the usual ways; a date it cannot read is one line in the form, and nothing changes.
        try t.send("g")
        try t.waitFor("Show the diary on")
        try t.sendLiteral("someday")
        try t.sendKey("Enter")
        try t.waitFor("couldn't read the date 'someday'")
        try t.sendKey("C-u")
        try t.sendLiteral("2026-09-01")
        try t.sendKey("Enter")
        screen = try t.waitFor("1 Diary — Tue 1 Sep, past (1)")
        #expect(screen.contains("10:00 Mo Farah") && screen.contains("attended"))
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func theMorningAfterListsEarlierUnmarkedAppointmentsUntilTheyAreMarked() throws {
        let cli = try tests.practice()
        // Grace on Friday and Mo on Saturday, never marked; Ada's Monday 10:00 is today's, not the morning after.
        try cli.ok(["book", "c2", "--at", "2026-11-20 14:00", "--force"] + at)
        try cli.ok(["book", "c3", "--at", "2026-11-21 09:00", "--force"] + at)
        let t = try tests.console(cli, width: 100)
        defer { t.kill() }
        let screen = try t.waitFor("not marked yet (2)")
        #expect(screen.contains("Today's diary (1) · 2 not marked") && screen.contains("20 Nov") && screen.contains("21 Nov"))
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        // The cursor starts on the oldest: Grace on Friday. `a` marks her attended, `n` then marks Mo a no-show.
        try t.send("a")
        try t.waitFor("✓ marked a3 (Grace Hopper) attended")
        try t.waitFor("not marked yet (1)")
        try t.send("n")
        try t.waitFor("a4 (Mo Farah)")
        try t.waitUntil("the group has gone") { !$0.contains("not marked yet") && $0.contains("Today's diary (1)") }
        #expect(try tests.events(cli, after: before) == [.appointmentAttended(AppointmentID(3)), .appointmentNoShow(AppointmentID(4))])
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func theCliListsTheMorningAfterToo() throws {
        let cli = try tests.practice()
        try cli.ok(["book", "c2", "--at", "2026-11-20 14:00", "--force"] + at)
        let listed = try cli.ok(["diary", "--unmarked"] + at)
        #expect(listed.contains("2026-11-20") && listed.contains("Grace Hopper") && listed.contains("not marked"))
        #expect(!listed.contains("Ada Lovelace"), "today's appointment is today's diary")
        let rows = try cli.json("diary", "--unmarked", "--json", "--now", "2026-11-23T08:00:00Z")
        #expect(rows.map { $0["id"] as? String } == ["a3"])
        try cli.ok(["attend", "a3"] + at)
        #expect(try cli.ok(["diary", "--unmarked"] + at).contains("Every appointment before 2026-11-23 is marked."))
    }

    @Test func aSessionIsMovedAndAnotherCancelledFromTheClientCard() throws {
        let cli = try tests.practice()
        try cli.ok(["book", "c1", "--at", "2026-11-30 10:00"] + at)
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.sendKey("Enter")
        try t.waitFor("Upcoming sessions (1)")
        // Another desk books Ada earlier than the highlighted session: the highlight stays on a3 (by record, not row).
        try cli.ok(["book", "c1", "--at", "2026-11-25 10:00"] + at)
        try t.waitFor("Upcoming sessions (2)")
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        try t.send("M")
        try t.waitFor("Move a3 (Ada Lovelace")
        try t.sendLiteral("2026-12-01 10:00")
        try t.sendKey("Enter")
        try t.waitFor("✓ moved a3")
        try t.waitFor("Tue 1 Dec 2026 10:00")
        // ↓ twice: past the two upcoming sessions to today's 10:00 (a1), then C cancels it (the client, with notice).
        try t.sendKey("Down", "Down")
        try t.send("C")
        try t.waitFor("Cancel a1 for Ada Lovelace")
        try t.send("c")
        try t.waitFor("✓ cancelled a1")
        let events = try tests.events(cli, after: before)
        #expect(events.count == 2)
        if case .appointmentMoved(let id, let start) = events.first {
            #expect(id == AppointmentID(3) && start.iso == "2026-12-01T10:00:00.000Z")
        } else {
            Issue.record("the first event is the move of a3, not \(events)")
        }
        if case .appointmentCancelled(let id, by: .client, late: false) = events.last { #expect(id == AppointmentID(1)) }
        else { Issue.record("the second event cancels a1, not \(events)") }
        // `q` closes the card, as it closes every window; the next `q` quits.
        try t.send("q")
        try t.waitUntil("the card closed") { !$0.contains("Client card") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
