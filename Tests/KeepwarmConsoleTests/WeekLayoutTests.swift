import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The week view as a receptionist on the phone reads it: half-hour rows that never hide free or booked time, a long
/// day that scrolls, names as long as the columns allow, and a key bar that reads both ways through the weeks.
@Suite struct WeekLayoutTests {
    /// Anna works all Monday (00:00-24:00) and Tuesday 07:00-12:30 and 13:30-20:00; Joshua Abbott is booked with her
    /// on Tuesday 10:30-11:00 and Joshua Okonkwo on Monday 22:00-24:00, Joshua Okonkwo with Ben (weekdays 09:00-17:00)
    /// on Monday 10:00-11:00. Now is Monday 23 Nov 2026 10:30.
    static let longDay: Practice = {
        var p = Practice(), seq = 0
        func add(_ body: EventBody) {
            seq += 1
            try! p.apply(Event(seq: seq, at: GoldenTests.end, by: "sam", body: body))
        }
        func at(_ iso: String) -> Instant { DateInput.parseZonedISO(iso)! }
        add(.settingsChanged(SettingsChange(name: "Riverside Therapy Rooms", timeZone: "Europe/London")))
        add(.practitionerAdded(PractitionerID(1), name: "Anna Okafor"))
        add(.practitionerAdded(PractitionerID(2), name: "Ben Hartley"))
        var anna = Array(repeating: [WorkingRange](), count: 7), ben = anna
        anna[0] = [WorkingRange(start: 0, end: 24 * 60)]
        anna[1] = [WorkingRange(start: 7 * 60, end: 12 * 60 + 30), WorkingRange(start: 13 * 60 + 30, end: 20 * 60)]
        for d in 0..<5 { ben[d] = [WorkingRange(start: 9 * 60, end: 17 * 60)] }
        add(.practitionerHours(PractitionerID(1), WorkingHours(days: anna)))
        add(.practitionerHours(PractitionerID(2), WorkingHours(days: ben)))
        add(.clientAdded(NewClient(id: ClientID(1), name: "Joshua Abbott")))
        add(.clientAdded(NewClient(id: ClientID(2), name: "Joshua Okonkwo")))
        add(.clientAdded(NewClient(id: ClientID(3), name: "Charlotte Fitzgerald-Browne")))
        add(.appointmentBooked(AppointmentID(1), client: ClientID(1), practitioner: PractitionerID(1), start: at("2026-11-24T10:30:00Z"), minutes: 30))
        add(.appointmentBooked(AppointmentID(2), client: ClientID(2), practitioner: PractitionerID(2), start: at("2026-11-23T10:00:00Z"), minutes: 60))
        add(.appointmentBooked(AppointmentID(3), client: ClientID(3), practitioner: PractitionerID(1), start: at("2026-11-25T14:00:00Z"), minutes: 60))
        add(.appointmentBooked(AppointmentID(4), client: ClientID(2), practitioner: PractitionerID(1), start: at("2026-11-23T22:00:00Z"), minutes: 120))
        return p
    }()

    /// The screen after `keys`, as the console draws it.
    static func screen(_ p: Practice = longDay, width: Int = 80, height: Int = 24, keys: [Key]) -> Grid {
        let data = ConsoleData(p, now: GoldenTests.end)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: width, height: height), data: data, practice: p, now: GoldenTests.end)
        for k in keys { _ = m.handle(.key(k), data: data, practice: p, now: GoldenTests.end) }
        return ConsoleView.render(m, data: data, practice: p, now: GoldenTests.end, width: width, height: height, charset: .unicode)
    }

    /// The text in row `time`'s cell of day `day` (0 = Monday) at 80 columns, one practitioner a day; nil if that
    /// row is not on screen.
    static func cell(_ g: Grid, _ time: String, day: Int) -> String? {
        guard let y = (0..<g.height).first(where: { g.row($0).hasPrefix("│\(time)") }) else { return nil }
        let row = Array(g.row(y)) + Array(repeating: " ", count: 80)
        let x = 1 + 6 + day * 10 + 1
        return String(row[x..<(x + 9)]).trimmingCharacters(in: .whitespaces)
    }

    @Test func aHalfHourBookingHasItsOwnRowAndTheFreeHalfHourBeforeItShows() {
        let g = Self.screen(keys: [.char("W")])
        // Opened so that now (Monday 10:30) is in view, half-hour rows although the day is too long for the screen.
        #expect(g.text.contains("│10:30›"), "\(g.text)")
        #expect(Self.cell(g, "10:00", day: 1) == "free", "\(g.text)")
        #expect(Self.cell(g, "10:30", day: 1) == "Joshua A.", "\(g.text)")
        #expect(Self.cell(g, "11:00", day: 1) == "free", "\(g.text)")
        // 12:00-12:30 is working time and 12:30-13:30 is not: neither is hidden in an hour's row.
        #expect(Self.cell(g, "12:00", day: 1) == "free", "\(g.text)")
        #expect(Self.cell(g, "12:30", day: 1) == "", "\(g.text)")
        // Monday before now is past: nothing offered as free there.
        #expect(Self.cell(g, "10:00", day: 0) == "", "\(g.text)")
        #expect(Self.cell(g, "11:00", day: 0) == "free", "\(g.text)")
    }

    @Test func aLongDayScrollsAndSaysWhatIsAboveAndBelow() {
        var g = Self.screen(keys: [.char("W")])
        #expect(g.row(21).contains("↑ 00:00-07:30 above  ↓ 16:30-24:00 below"), "\(g.text)")
        #expect(Self.cell(g, "23:30", day: 0) == nil)
        g = Self.screen(keys: [.char("W"), .pageDown, .pageDown])
        #expect(Self.cell(g, "22:00", day: 0) == "Joshua O.", "\(g.text)")
        #expect(Self.cell(g, "23:30", day: 0) == "│", "the last row of the day: \(g.text)")
        #expect(g.row(21).contains("↑ 00:00-") && !g.row(21).contains("below"), "\(g.row(21))")
        // ↑ after the end moves at once; k and j move a row; Home and End go to the day's ends.
        g = Self.screen(keys: [.char("W"), .end, .end, .char("k")])
        #expect(Self.cell(g, "23:30", day: 0) == nil && Self.cell(g, "23:00", day: 0) != nil, "\(g.text)")
        g = Self.screen(keys: [.char("W"), .home, .char("j")])
        #expect(Self.cell(g, "00:00", day: 0) == nil && Self.cell(g, "00:30", day: 0) != nil, "\(g.text)")
        g = Self.screen(keys: [.char("W"), .end, .pageUp, .pageUp, .pageUp, .pageUp])
        #expect(Self.cell(g, "00:00", day: 0) != nil && !g.row(21).contains("above"), "\(g.text)")
        // Another week keeps the time of day scrolled to.
        g = Self.screen(keys: [.char("W"), .end, .char("]")])
        #expect(Self.cell(g, "23:30", day: 0) != nil, "\(g.text)")
    }

    /// Scrolled past a booking's start, the first row shown still names who is booked (not just `│`).
    @Test func aBookingThatBeganAboveTheScreenIsNamedOnTheFirstRow() {
        var p = Self.longDay
        try! p.apply(Event(seq: p.lastSeq + 1, at: GoldenTests.end, by: "sam", body: .appointmentBooked(
            AppointmentID(5), client: ClientID(1), practitioner: PractitionerID(2), start: DateInput.parseZonedISO("2026-11-24T07:00:00Z")!, minutes: 180)))
        // Ben's rows run 07:00-17:00, so the day scrolls; at its foot the top row is 08:00, inside the booking.
        let g = Self.screen(p, keys: [.char("W"), .tab, .end])
        #expect(Self.cell(g, "07:30", day: 1) == nil, "\(g.text)")
        #expect(Self.cell(g, "08:00", day: 1) == "Joshua A.", "\(g.text)")
        #expect(Self.cell(g, "08:30", day: 1) == "│", "\(g.text)")
    }

    /// Tab to another practitioner keeps the time of day on screen, as another week does, not their first row.
    @Test func tabToAnotherPractitionerKeepsTheTimeOfDay() {
        // Ben (09:00-17:00), then next week, then back to Anna, who works from midnight on Mondays.
        let g = Self.screen(keys: [.char("W"), .tab, .char("]"), .backTab])
        #expect(g.text.contains("Anna Okafor"), "\(g.text)")
        #expect(Self.cell(g, "09:00", day: 0) != nil, "\(g.text)")
        #expect(Self.cell(g, "08:30", day: 0) == nil && Self.cell(g, "00:00", day: 0) == nil, "\(g.text)")
    }

    /// A booking starting between half hours gets rows as fine as it needs, so the free time beside it shows.
    @Test func rowsAreAsFineAsTheBookingsNeed() {
        var p = Self.longDay
        try! p.apply(Event(seq: p.lastSeq + 1, at: GoldenTests.end, by: "sam", body: .appointmentBooked(
            AppointmentID(5), client: ClientID(3), practitioner: PractitionerID(1), start: DateInput.parseZonedISO("2026-11-24T11:15:00Z")!, minutes: 45)))
        let g = Self.screen(p, keys: [.char("W")])
        #expect(Self.cell(g, "11:00", day: 1) == "free", "\(g.text)")
        #expect(Self.cell(g, "11:15", day: 1) == "Charlotte", "\(g.text)")
    }

    @Test func namesAreAsLongAsTheColumnAllows() {
        #expect(WeekView.name("Joshua Abbott", width: 16) == "Joshua Abbott")
        #expect(WeekView.name("Joshua Abbott", width: 9) == "Joshua A.")
        #expect(WeekView.name("Charlotte Fitzgerald-Browne", width: 9) == "Charlotte")
        #expect(WeekView.name("Joshua Abbott", width: 7) == "Joshua")
        #expect(WeekView.name("Joshua \u{1B}[31mAbbott", width: 9) == "Joshua A.", "the initial is a letter, never an escape")
        // At 132 columns each day's column holds a whole name: the two Joshuas are told apart.
        let wide = Self.screen(width: 132, height: 43, keys: [.char("W")]).text
        #expect(wide.contains("Joshua Abbott"), "Anna's week: \(wide)")
        let ben = Self.screen(width: 132, height: 43, keys: [.char("W"), .tab]).text
        #expect(ben.contains("Joshua Okonkwo"), "\(ben)")
        // At 200 columns two practitioners sit side by side, still with a first name and an initial.
        let widest = Self.screen(width: 200, height: 50, keys: [.char("W")]).text
        #expect(widest.contains("Joshua A.") && widest.contains("Joshua O."), "\(widest)")
    }

    /// The bar at 80 columns reads both ways through the weeks, then booking, then `…` and close.
    @Test func theKeyBarAt80ColumnsHasBothWeeks() {
        let m = KeymapTests.model(in: .week)
        #expect(KeyBarTests.bar(m, width: 80) == "[/←/h previous week  ]/→/l next week  b/F book a slot  …  ? help  Esc/q/W close")
    }
}
