import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The week view, the free-slot list, the practitioners screen and the getting-started list, as golden screens at
/// 80×24 and 132×43: the golden demo practice with working hours set (as a practice would, by events).
@Suite struct WeekGoldenTests {
    /// The demo's practitioners with hours: weekdays 09:00-13:00 and 14:00-18:00, the first also Saturday mornings.
    static let practice: Practice = {
        var p = GoldenTests.demo
        for pr in p.practitioners where !pr.withdrawn {
            var days = Array(repeating: [WorkingRange](), count: 7)
            for d in 0..<5 { days[d] = [WorkingRange(start: 540, end: 780), WorkingRange(start: 840, end: 1080)] }
            if pr.id.number == 1 { days[5] = [WorkingRange(start: 600, end: 780)] }
            try! p.apply(Event(seq: p.lastSeq + 1, at: GoldenTests.end, by: "sam", body: .practitionerHours(pr.id, WorkingHours(days: days))))
        }
        return p
    }()

    /// Renders `p` after `keys` and compares its text and styles with Golden/ (`GoldenTests.check`).
    static func check(_ name: String, _ p: Practice, width: Int, height: Int, keys: [Key]) throws {
        try GoldenTests().check(name, width: width, height: height, keys: keys, practice: p)
    }

    static func type(_ s: String) -> [Key] { s.map { Key.char($0) } }

    @Test func weekAt80x24() throws { try Self.check("week-80x24", Self.practice, width: 80, height: 24, keys: [.char("W")]) }
    /// `?` from the week view, scrolled to where the client card's keys cross into the right column: under "(cont.)".
    @Test func helpFromTheWeekAt80x24() throws {
        try Self.check("help-week-80x24", Self.practice, width: 80, height: 24, keys: [.char("W"), .char("?")] + Array(repeating: .char("j"), count: 12))
    }
    @Test func helpFromTheWeekAt132x43() throws { try Self.check("help-week-132x43", Self.practice, width: 132, height: 43, keys: [.char("W"), .char("?")]) }
    @Test func weekAt132x43() throws { try Self.check("week-132x43", Self.practice, width: 132, height: 43, keys: [.char("W")]) }
    /// Last week: all past, so nothing is offered as free and the bookings are dimmed.
    @Test func lastWeekAt80x24() throws { try Self.check("week-last-80x24", Self.practice, width: 80, height: 24, keys: [.char("W"), .left]) }
    @Test func nextWeekSecondPractitionerAt80x24() throws {
        try Self.check("week-next-tab-80x24", Self.practice, width: 80, height: 24, keys: [.char("W"), .char("]"), .tab])
    }

    /// A 00:00-24:00 Monday (`WeekLayoutTests.longDay`) at 80×24, a page down from where it opened: half-hour rows
    /// to 23:30, and the bottom edge saying what is above.
    @Test func longDayScrolledAt80x24() throws {
        try Self.check("week-long-day-scrolled-80x24", WeekLayoutTests.longDay, width: 80, height: 24, keys: [.char("W"), .pageDown])
    }
    /// One practitioner a day at 132 columns, so names show whole or as first name and initial.
    @Test func namesAt132x43() throws {
        try Self.check("week-names-132x43", WeekLayoutTests.longDay, width: 132, height: 43, keys: [.char("W")])
    }

    /// F, a client's name, Enter through the fields: the next free hour-long slots with anyone.
    static var freeSlotKeys: [Key] {
        let c = practice.clients.first { !$0.withdrawn && $0.erasedAt == nil }!
        return [.char("F")] + type(c.name) + [.enter]
    }
    @Test func freeSlotsAt80x24() throws { try Self.check("free-slots-80x24", Self.practice, width: 80, height: 24, keys: Self.freeSlotKeys) }
    @Test func freeSlotsAt132x43() throws { try Self.check("free-slots-132x43", Self.practice, width: 132, height: 43, keys: Self.freeSlotKeys) }

    @Test func practitionersAt80x24() throws { try Self.check("practitioners-80x24", Self.practice, width: 80, height: 24, keys: [.char("P")]) }

    /// A practice with one practitioner and no hours, clients or bookings yet.
    static let empty: Practice = {
        var p = Practice()
        try! p.apply(Event(seq: 1, at: GoldenTests.end, by: "sam", body: .settingsChanged(SettingsChange(name: "Riverside Therapy Rooms", timeZone: "Europe/London"))))
        try! p.apply(Event(seq: 2, at: GoldenTests.end, by: "sam", body: .practitionerAdded(PractitionerID(1), name: "Anna Okafor")))
        return p
    }()
    @Test func gettingStartedAt80x24() throws { try Self.check("getting-started-80x24", Self.empty, width: 80, height: 24, keys: []) }
    @Test func gettingStartedAt132x43() throws { try Self.check("getting-started-132x43", Self.empty, width: 132, height: 43, keys: []) }
}
