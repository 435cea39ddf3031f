import Foundation
import Testing
@testable import KeepwarmCore

/// The highlight follows the record, not the row number, while another desk writes (the real binary in tmux, a second
/// `keepwarm` process writing, the log checked afterwards).
@Suite(.serialized) struct SelectionTmuxTests {
    let tests = ConsoleTmuxTests()
    let at = ["--now", "2026-11-23T08:00:00Z"]

    /// Today: Ada at 10:00 (a1), Grace at 14:00 (a3), and with `mo`, Mo at 15:00 (a4); the cursor on Grace's row.
    func grace(mo: Bool, width: Int = 80) throws -> (CLI, Tmux, Int) {
        let cli = try tests.practice()
        try cli.ok(["book", "c2", "--at", "2026-11-23 14:00"] + at)
        if mo { try cli.ok(["book", "c3", "--at", "2026-11-23 15:00"] + at) }
        let t = try tests.console(cli, width: width, height: 24)
        try t.waitFor("Grace Hopper")
        // Enter opens the highlighted client's card: it proves the cursor is on Grace before the other desk writes.
        try t.send("j")
        try t.sendKey("Enter")
        try t.waitFor("Referred by Ada Lovelace (c1)")
        try t.sendKey("Escape")
        try t.waitUntil("the card closed") { !$0.contains("Referred by Ada Lovelace") }
        return (cli, t, try EventLog.open(path: cli.log).practice.lastSeq)
    }

    @Test func anotherDesksEarlierBookingDoesNotMoveTheHighlightOffTheClient() throws {
        let (cli, t, _) = try grace(mo: false)
        defer { t.kill() }
        // Another desk books Mo at 09:00: his row comes first, so Grace's row is now the third, not the second.
        try cli.ok(["book", "c3", "--at", "2026-11-23 09:00"] + at)
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        try t.waitFor("09:00")
        try t.send("a")
        try t.waitFor("✓ marked a3 (Grace Hopper) attended")
        #expect(try tests.events(cli, after: before) == [.appointmentAttended(AppointmentID(3))],
                "the attended event names the appointment that was highlighted, not the one now on row 2")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func aHighlightedAppointmentMovedAwayByAnotherDeskLeavesTheCursorOnItsNeighbour() throws {
        // 100 columns, so the whole status line shows (at 80 it is cut).
        let (cli, t, _) = try grace(mo: true, width: 100)
        defer { t.kill() }
        try cli.ok(["move", "a3", "--to", "2026-11-24 14:00"] + at)
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        let screen = try t.waitFor("a3 (Grace Hopper) left the diary: another desk moved it; the cursor is on the next row")
        #expect(!screen.contains("14:00 Grace Hopper") && screen.contains("15:00 Mo Farah"), "Grace's row has gone from today's diary")
        // The next key acts on the neighbour the screen now shows, Mo at 15:00 — never on Grace, never on Ada.
        try t.send("a")
        try t.waitFor("✓ marked a4 (Mo Farah) attended")
        #expect(try tests.events(cli, after: before) == [.appointmentAttended(AppointmentID(4))])
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func aHighlightedAppointmentCancelledByAnotherDeskKeepsTheCursorAndRecordsNothing() throws {
        let (cli, t, _) = try grace(mo: true)
        defer { t.kill() }
        // A cancelled appointment stays in the diary (shown cancelled), so the cursor stays on it; `a` is refused.
        try cli.ok(["cancel", "a3", "--by", "client"] + at)
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        try t.waitFor("cancelled")
        try t.send("a")
        try t.waitFor("a3 was cancelled, so it can't be marked")
        #expect(try tests.events(cli, after: before) == [], "nothing is recorded for Grace, nor for Ada or Mo")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
