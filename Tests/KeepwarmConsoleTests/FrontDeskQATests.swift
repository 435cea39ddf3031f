import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// What a tester found using the console as a receptionist would (issue 13's QA pass), each through the console's
/// loop on a real log (`ConsoleFixture`) or the model's `handle` over a practice another desk changed.
@Suite struct FrontDeskQATests {
    /// Seeded day (Anna, Ada, Mo, Grace), Anna working Monday 23 Nov 15:00-17:00 and Tuesday 09:00-10:00; now 11:00.
    func slots(width: Int = 100) throws -> ConsoleFixture {
        let f = try ConsoleFixture(width: width, height: 30)
        try f.seedDay()
        try f.record("2026-11-22 09:00", .setHours(practitioner: "p1", days: [0: [WorkingRange(start: 900, end: 1020)], 1: [WorkingRange(start: 540, end: 600)]]))
        f.app.tick()
        f.press(.char("F"))
        f.type("Mo Farah")
        f.press(.down, .enter)  // the suggestion `Mo Farah · c2 · ☎ …0456`
        f.press(.enter)
        return f
    }

    /// Another desk books Grace with Anna at 15:00 through its own handle on the same file.
    func anotherDeskBooks15(_ f: ConsoleFixture) throws {
        let other = try EventLog.open(path: f.log.path)
        let at = f.t("2026-11-23 10:59")
        try other.append(by: "anna", at: at) { p in
            try Command.book(client: "c3", practitioner: "p1", start: f.t("2026-11-23 15:00"), minutes: 60, force: false).event(in: p, now: at)
        }
    }

    static let taken = "another desk booked 15:00 on Mon 23 Nov with Anna Okafor; the cursor is on the next free time"

    // MARK: 1. The free-slot list holds the selected slot

    @Test func aSlotAnotherDeskBooksUnderTheCursorIsAnnouncedAndTheCursorGoesToTheNextFreeTime() throws {
        let f = try slots()
        #expect(f.screen.contains("Mon 23 Nov 2026  15:00-16:00 Anna Okafor"), "\(f.screen)")
        try anotherDeskBooks15(f)
        f.app.tick()
        #expect(f.app.model.status == StatusLine(text: Self.taken, isError: true))
        #expect(f.app.model.messages.last?.text == Self.taken, "M keeps it")
        #expect(f.screen.contains("⚠ another desk booked 15:00 on Mon 23 Nov") && f.screen.contains("the cursor is on the next free time"), "\(f.screen)")
        #expect(!f.screen.contains("Mon 23 Nov 2026  15:00-16:00") && f.screen.contains("Mon 23 Nov 2026  16:00-17:00 Anna Okafor"), "\(f.screen)")
        let count = f.p.eventCount
        f.press(.enter)
        #expect(f.screen.contains("✓ booked a6 for Mo Farah on 2026-11-23 16:00"), "\(f.screen)")
        #expect(f.p.eventCount == count + 1)
    }

    @Test func aSlotLowerDownKeepsTheCursorWhenAnEarlierOneIsBooked() throws {
        let f = try slots()
        f.press(.down)  // 16:00
        try anotherDeskBooks15(f)
        f.app.tick()
        #expect(f.app.model.status == nil, "the selected slot is still there: nothing to say")
        f.press(.enter)
        #expect(f.screen.contains("✓ booked a6 for Mo Farah on 2026-11-23 16:00"), "\(f.screen)")
    }

    @Test func enterPressedAtAScreenThatStillShowedTheTakenSlotBooksNothingAndSaysSo() throws {
        let f = try slots()
        var m = f.app.model
        // The practice changed (another desk's booking) but the model has not been told: the key is the first to see it.
        try anotherDeskBooks15(f)
        try f.log.refresh()
        let data = ConsoleData(f.p, now: f.now)
        #expect(m.handle(.enter, data: data, practice: f.p, now: f.now) == [], "Enter books nothing: 15:00 is gone")
        #expect(m.status == StatusLine(text: Self.taken, isError: true))
        #expect(m.messages.last?.text == Self.taken)
        // The message has been shown; Enter now books the slot the cursor is on.
        let second = m.handle(.enter, data: data, practice: f.p, now: f.now)
        #expect(second == [.record(.book(client: "c2", practitioner: "p1", start: f.t("2026-11-23 16:00"), minutes: 60, force: false))])
    }

    @Test func aSlotGoneBecauseTheHoursChangedSaysSo() throws {
        let f = try slots()
        try f.record("2026-11-23 10:59", .setHours(practitioner: "p1", days: [0: [WorkingRange(start: 960, end: 1020)], 1: [WorkingRange(start: 540, end: 600)]]))
        f.app.tick()
        #expect(f.app.model.status?.text == "15:00 on Mon 23 Nov with Anna Okafor is no longer free: another desk changed the working hours; the cursor is on the next free time")
    }

    // MARK: 2. Look-alike clients in the free-slot form and list

    @Test func theFreeSlotFormTellsNamesakesApartAndTheListNamesTheOneChosen() throws {
        let f = try ConsoleFixture(width: 100, height: 30)
        try f.seedDay()
        try f.record("2026-11-22 09:00", .setHours(practitioner: "p1", days: [0: [WorkingRange(start: 900, end: 1020)]]))
        try f.record("2026-11-22 09:00", .addClient(ClientDraft(name: "Zoë Brontë", phone: "07700 900111")))
        try f.record("2026-11-22 09:00", .addClient(ClientDraft(name: "Zoë Brontë", phone: "07700 900222")))
        f.app.tick()
        f.press(.char("F"))
        f.type("zoe bro")
        #expect(f.screen.contains("Zoë Brontë · c4 · ☎ …0111") && f.screen.contains("Zoë Brontë · c5 · ☎ …0222"), "\(f.screen)")
        f.press(.down, .down, .enter)  // the second Zoë
        f.press(.enter)
        #expect(!f.screen.contains("clients are called"), "\(f.screen)")
        #expect(f.screen.contains("Free 60-min slots for Zoë Brontë (c5)"), "\(f.screen)")
        f.press(.enter)
        #expect(f.screen.contains("✓ booked a5 for Zoë Brontë"), "\(f.screen)")
        #expect(f.p.appointments.last?.client == ClientID(5))
    }

    // MARK: 3. Form errors keep the fix, and M keeps them whole

    @Test func aFormErrorAt80ColumnsKeepsTheFixAndTheMessageLogKeepsItWhole() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("g"))
        f.type("blorp")
        f.press(.enter)
        let whole = "couldn't read the date 'blorp': use 2026-11-23, today, tomorrow, tue or +3w"
        // Too long for one line of the form: it takes a second, so the whole of it (the fix too) is read.
        let lines = f.screen.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("│ couldn't read the date 'blorp': use 2026-11-23, today, tomorrow, tue or") }, "\(f.screen)")
        #expect(lines[first + 1].contains("│ +3w "), "\(f.screen)")
        #expect(f.app.model.messages.map(\.text).contains(whole))
        // Escape out of the form, M: the whole error is there (wrapped to the window).
        f.press(.escape, .char("y"), .char("M"))
        #expect(f.screen.contains("⚠  couldn't read the date 'blorp': use 2026-11-23, today, tomorrow,") && f.screen.contains("tue or +3w"), "\(f.screen)")
    }

    @Test func theWorkingHoursErrorIsReadWholeAt80Columns() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("P"), .char("h"), .tab, .tab, .ctrl("u"))
        f.type("9-5")
        f.press(.enter)
        #expect(f.screen.contains("│ Wednesday: '9-5' is not a time range: write it like 09:00-17:00 (24-hour") && f.screen.contains("│ clock) "), "\(f.screen)")
        #expect(f.app.model.messages.last?.text == "Wednesday: '9-5' is not a time range: write it like 09:00-17:00 (24-hour clock)")
    }

    // MARK: 4. q closes help

    @Test func qClosesHelpAndDoesNotQuit() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("?"))
        #expect(f.screen.contains("any other key closes"))
        f.press(.char("q"))
        #expect(!f.app.model.wantsQuit && f.app.model.overlays.isEmpty)
        #expect(f.screen.contains("Today's diary"))
    }

    // MARK: 5. The find line starts empty

    @Test func theFindLineStartsEmptyAndNStillFindsTheLastText() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("M"), .char("/"))
        f.type("no")
        f.press(.enter)
        f.press(.char("/"))
        guard case .find(let find)? = f.app.model.overlays.last else { Issue.record("no find line"); return }
        #expect(find.query.text == "", "typing starts a new search")
        f.press(.escape, .char("n"))
        #expect(f.app.model.status?.text.hasPrefix("“no”: match") == true, "\(String(describing: f.app.model.status))")
        // Enter on the empty find line keeps the last text too.
        f.press(.char("/"), .enter, .char("n"))
        #expect(f.app.model.status?.text.hasPrefix("“no”: match") == true, "\(String(describing: f.app.model.status))")
    }

    // MARK: 6. An unmarked appointment on its own past day

    @Test func anUnmarkedAppointmentOnItsPastDayIsShownUnmarkedInAmber() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-19 09:00", .book(client: "c2", practitioner: nil, start: f.t("2026-11-20 10:00"), minutes: 60, force: false))
        f.app.tick()
        #expect(f.screen.contains("not marked yet (1)"), "\(f.screen)")
        f.press(.char("["), .char("["), .char("["))
        #expect(f.screen.contains("Diary — Fri 20 Nov, past"), "\(f.screen)")
        let g = f.terminal.frames.last!
        let lines = g.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let y = lines.firstIndex(where: { $0.contains("Mo Farah") }), let r = lines[y].range(of: "unmarked") else {
            Issue.record("no unmarked row: \(f.screen)")
            return
        }
        #expect(!lines[y].contains("booked"))
        let x = lines[y].distance(from: lines[y].startIndex, to: r.lowerBound)
        #expect(g[x, y].style.color == .warning)
    }
}
