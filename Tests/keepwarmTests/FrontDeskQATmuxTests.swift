import Foundation
import Testing
@testable import KeepwarmCore

/// What a tester found using the console as a receptionist would (issue 13's QA pass), through the real binary in
/// tmux at 80×24, with a second `keepwarm` process writing where another desk would, and the log checked afterwards.
@Suite(.serialized) struct FrontDeskQATmuxTests {
    let tests = ConsoleTmuxTests()
    let at = ["--now", "2026-11-23T08:00:00Z"]

    /// The week tests' practice (Ada c1, Grace c2, Mo c3; Ada booked at 10:00 today, Monday 23 Nov) with Anna working
    /// Monday 14:00-16:00 and 09:00-12:00 on other weekdays.
    func practice() throws -> CLI { try WeekTmuxTests().practice() }

    @Test func aFreeSlotAnotherDeskBooksUnderTheCursorIsAnnouncedKeptInMAndEnterBooksTheNextOnlyAfterward() throws {
        let cli = try practice()
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("F", "Mo Farah")
        try t.sendKey("Enter")
        var screen = try t.waitFor("Free 60-min slots for Mo Farah (c3)")
        #expect(screen.contains("Mon 23 Nov 2026  14:00-15:00 Anna Okafor"), "\(screen)")

        // Another desk books Grace at 14:00, the slot under the cursor.
        try cli.ok(["book", "c2", "--at", "2026-11-23 14:00", "--now", "2026-11-23T10:59:00Z"])
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        // At 80 columns the status line keeps which time went and where the cursor is; `M` has it whole.
        screen = try t.waitFor("⚠ another desk booked 14:00 on Mon 23 Nov")
        #expect(screen.contains("the cursor is on the next free time") && !screen.contains("Mon 23 Nov 2026  14:00-15:00"), "\(screen)")
        // M over the list shows the message whole; Esc comes back to the list.
        try t.send("M")
        screen = try t.waitFor("Messages this session")
        #expect(screen.contains("another desk booked 14:00 on Mon 23 Nov with Anna Okafor;"), "\(screen)")
        try t.sendKey("Escape")
        try t.waitUntil("back on the list") { !$0.contains("Messages this session") && $0.contains("Free 60-min slots") }
        #expect(try tests.events(cli, after: before) == [], "nothing booked yet")
        // Enter, after the message, books the next free time the cursor is now on.
        try t.sendKey("Enter")
        try t.waitFor("✓ booked a4 for Mo Farah on 2026-11-23 15:00")
        #expect(try tests.events(cli, after: before) == [
            .appointmentBooked(AppointmentID(4), client: ClientID(3), practitioner: PractitionerID(1),
                               start: Instant(ms: Civil.instantMs("2026-11-23T15:00:00Z")), minutes: 60),
        ])
        try t.send("M")
        screen = try t.waitFor("Messages this session")
        #expect(screen.contains("another desk booked 14:00 on Mon 23 Nov with Anna Okafor;"), "\(screen)")
        try t.sendKey("Escape")
        try t.waitUntil("the message log closed") { !$0.contains("Messages this session") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func theFreeSlotFormTellsTwoZoesApartAndTheListNamesTheOneChosen() throws {
        let cli = try practice()
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900111"] + at)
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900222", "--even-if-duplicate"] + at)
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("F", "zoe bro")
        let screen = try t.waitFor("Zoë Brontë · c5 · ☎ …0222")
        #expect(screen.contains("Zoë Brontë · c4 · ☎ …0111"), "\(screen)")
        try t.sendKey("Down", "Down", "Enter", "Enter")
        try t.waitFor("Free 60-min slots for Zoë Brontë (c5)")
        try t.sendKey("Enter")
        try t.waitFor("✓ booked a3 for Zoë Brontë on 2026-11-23 14:00")
        #expect(try tests.events(cli, after: before) == [
            .appointmentBooked(AppointmentID(3), client: ClientID(5), practitioner: PractitionerID(1),
                               start: Instant(ms: Civil.instantMs("2026-11-23T14:00:00Z")), minutes: 60),
        ])
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func aFormErrorAt80ColumnsKeepsItsFixAndMKeepsItWhole() throws {
        let cli = try practice()
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("g", "blorp")
        try t.sendKey("Enter")
        // Too long for one line of the form, it takes a second: nothing of it is cut.
        let form = try t.waitFor("couldn't read the date 'blorp': use 2026-11-23, today, tomorrow, tue or")
        #expect(form.contains("│ +3w "), "\(form)")
        try t.sendKey("Escape")
        try t.waitFor("Discard")
        try t.send("y", "M")
        let screen = try t.waitFor("Messages this session")
        #expect(screen.contains("couldn't read the date 'blorp': use 2026-11-23, today, tomorrow,"), "\(screen)")
        try t.sendKey("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func qClosesHelpLikeEveryOtherWindow() throws {
        let cli = try practice()
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("?")
        try t.waitFor("any other key closes")
        try t.send("q")
        try t.waitUntil("help closed") { !$0.contains("any other key closes") && $0.contains("Today's diary") }
        #expect(try t.exitStatus() == nil, "the console is still running")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func slashInTheFollowUpsListStartsAnEmptyFindLine() throws {
        let (_, t, _) = try KeysTmuxTests().demo()
        defer { t.kill() }
        try t.waitFor("Lapsed clients (59)")
        try t.send("f")
        try t.waitFor("Follow-ups due (95)")
        try t.send("/", "call")
        try t.sendKey("Enter")
        try t.waitFor("“call”:")
        // A second search is typed afresh, not appended to "call".
        try t.send("/", "follow-up-call")
        try t.sendKey("Enter")
        try t.waitFor("“follow-up-call”: 6 matches; n/N for the next and previous")
        try t.send("n")
        try t.waitFor("“follow-up-call”: match 2 of 6")
        try t.send("q")
        try t.waitUntil("the list closed") { !$0.contains("Follow-ups due") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func anUnmarkedAppointmentOnItsPastDayShowsUnmarkedNotBooked() throws {
        let cli = try practice()
        try cli.ok(["book", "c3", "--at", "2026-11-20 10:00", "--now", "2026-11-19T08:00:00Z"])
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("not marked yet (1)")
        try t.send("[", "[", "[")
        let screen = try t.waitFor("Diary — Fri 20 Nov, past")
        let row = try #require(screen.split(separator: "\n").first { $0.contains("10:00 Mo Farah") })
        #expect(row.contains("unmarked") && !row.contains("booked"), "\(screen)")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
