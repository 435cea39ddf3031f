import Foundation
import Testing
@testable import KeepwarmCore

/// Free time within working hours (Docs/rules.md, "Free slots"): what the week view shows and `free` offers.
@Suite struct FreeSlotsTests {
    /// Anna works Monday 09:00-12:00 and 13:00-17:00, Tuesday 09:00-11:00; Ben has no hours. Now is Sunday 7 Dec 2026.
    func practice() throws -> Fixture {
        let f = try Fixture(start: "2026-12-06 09:00")
        try f.run("2026-12-06 09:00", .addPractitioner(name: "Ben Ode"))
        try f.run("2026-12-06 09:00", .setHours(practitioner: "p1", days: [
            0: [WorkingRange(start: 540, end: 720), WorkingRange(start: 780, end: 1020)], 1: [WorkingRange(start: 540, end: 660)]]))
        return f
    }

    func times(_ f: Fixture, _ slots: [FreeSlots.Slot]) -> [String] {
        slots.map { "\(f.p.describe($0.start)) \($0.practitioner)" }
    }

    @Test func slotsFallWithinWorkingHoursBackToBack() throws {
        let f = try practice()
        let slots = try FreeSlots.next(f.p, minutes: 60, practitioner: nil, after: f.t("2026-12-06 09:00"), limit: 9)
        #expect(times(f, slots) == ["2026-12-07 09:00 p1", "2026-12-07 10:00 p1", "2026-12-07 11:00 p1", "2026-12-07 13:00 p1",
                                    "2026-12-07 14:00 p1", "2026-12-07 15:00 p1", "2026-12-07 16:00 p1",
                                    "2026-12-08 09:00 p1", "2026-12-08 10:00 p1"])
    }

    @Test func bookedTimeIsNotOfferedAndCancelledTimeIs() throws {
        let f = try practice()
        let ada = try f.client("Ada Lovelace", at: "2026-12-06 09:00")
        try f.run("2026-12-06 09:00", .book(client: ada.description, practitioner: "p1", start: f.t("2026-12-07 09:30"), minutes: 60, force: false))
        try f.run("2026-12-06 09:00", .book(client: ada.description, practitioner: "p1", start: f.t("2026-12-07 13:00"), minutes: 60, force: false))
        try f.run("2026-12-06 09:05", .cancel("a2", by: .client, late: false))
        let slots = try FreeSlots.next(f.p, minutes: 60, practitioner: PractitionerID(1), after: f.t("2026-12-06 10:00"), limit: 3)
        // 09:00-09:30 is too short for an hour; 10:30 is on the quarter hour after Ada's; 13:00 is free again.
        #expect(times(f, slots) == ["2026-12-07 10:30 p1", "2026-12-07 13:00 p1", "2026-12-07 14:00 p1"])
        #expect(FreeSlots.free(f.p, practitioner: PractitionerID(1), day: f.p.calendar.day(of: f.t("2026-12-07 12:00"))).count == 3)
    }

    @Test func theClientsOwnBookingsAreSkipped() throws {
        let f = try practice()
        let ada = try f.client("Ada Lovelace", at: "2026-12-06 09:00")
        try f.run("2026-12-06 09:00", .addPractitioner(name: "Cleo Adams"))
        try f.run("2026-12-06 09:00", .book(client: ada.description, practitioner: "p3", start: f.t("2026-12-07 09:00"), minutes: 90, force: false))
        let slots = try FreeSlots.next(f.p, minutes: 60, practitioner: PractitionerID(1), client: ada, after: f.t("2026-12-06 10:00"), limit: 2)
        #expect(times(f, slots) == ["2026-12-07 10:30 p1", "2026-12-07 11:30 p1"].dropLast() + ["2026-12-07 13:00 p1"])
    }

    @Test func nothingBeforeAfter() throws {
        let f = try practice()
        let slots = try FreeSlots.next(f.p, minutes: 45, practitioner: nil, after: f.t("2026-12-07 15:50"), limit: 2)
        #expect(times(f, slots) == ["2026-12-07 16:00 p1", "2026-12-08 09:00 p1"])
    }

    @Test func aDaylightSavingDayKeepsTheWallClock() throws {
        // Sunday 29 March 2026: London's clocks go forward at 01:00. Hours 00:00-04:00 hold three real hours.
        let f = try Fixture(start: "2026-03-20 09:00")
        try f.run("2026-03-20 09:00", .setHours(practitioner: "p1", days: [6: [WorkingRange(start: 0, end: 240)], 0: [WorkingRange(start: 540, end: 600)]]))
        let slots = try FreeSlots.next(f.p, minutes: 60, practitioner: nil, after: f.t("2026-03-28 12:00"), limit: 4)
        #expect(times(f, slots) == ["2026-03-29 00:00 p1", "2026-03-29 02:00 p1", "2026-03-29 03:00 p1", "2026-03-30 09:00 p1"])
        #expect(f.p.calendar.timeString(slots[1].start) == "02:00" && slots[1].start.ms - slots[0].start.ms == 3_600_000)
    }

    @Test func noHoursSaysSoInsteadOfNothingFree() throws {
        let f = try practice()
        #expect(throws: CommandError("no working hours are set for Ben Ode (p2), so no time is free to offer: set their hours first")) {
            try FreeSlots.next(f.p, minutes: 60, practitioner: PractitionerID(2), after: f.t("2026-12-06 10:00"))
        }
        let none = try Fixture(start: "2026-12-06 09:00")
        #expect(throws: CommandError("no working hours are set for Anna Okafor (p1), so no time is free to offer: set their hours first")) {
            try FreeSlots.next(none.p, minutes: 60, practitioner: nil, after: none.t("2026-12-06 10:00"))
        }
    }

    @Test func hoursAreReadAndRefusedInOneLine() {
        #expect(WorkingHours.parseDay("09:00-12:00, 13:00-17:00") == .success([WorkingRange(start: 540, end: 720), WorkingRange(start: 780, end: 1020)]))
        #expect(WorkingHours.parseDay("off") == .success([]))
        #expect(WorkingHours.parseDay("20:00-24:00") == .success([WorkingRange(start: 1200, end: 1440)]))
        #expect(WorkingHours.parseDay("09:00-25:00") == .failure(HoursError("'25:00' is not a time of day: use 00:00 to 24:00, like 09:00-17:00")))
        #expect(WorkingHours.parseDay("17:00-09:00") == .failure(HoursError("'17:00-09:00' ends before it starts: the end comes after the start, like 09:00-17:00")))
        #expect(WorkingHours.parseDay("09:00-13:00,12:00-17:00") == .failure(HoursError("09:00-13:00 and 12:00-17:00 overlap: give each stretch once, like 09:00-12:00,13:00-17:00")))
        #expect(WorkingHours.parseArguments(["mon-wed=09:00-10:00", "sat=off"]).map { $0.keys.sorted() } == .success([0, 1, 2, 5]))
        #expect(WorkingHours.parseArguments(["funday=09:00-10:00"]) == .failure(HoursError("'funday' is not a weekday: use mon, tue, wed, thu, fri, sat, sun (or a run like mon-fri)")))
        #expect(WorkingHours.parseArguments(["mon=09:00-10:00", "mon-tue=off"]) == .failure(HoursError("mon is given twice; give each day once")))
    }

    @Test func settingSomeDaysKeepsTheOthersAndUndoPutsThemBack() throws {
        let f = try practice()
        try f.run("2026-12-06 09:10", .setHours(practitioner: "Anna Okafor", days: [1: []]))
        #expect(f.p.practitioners[0].hours?.text(0) == "09:00-12:00,13:00-17:00")
        #expect(f.p.practitioners[0].hours?.text(1) == "")
        try f.run("2026-12-06 09:11", .undo(by: "test"))
        #expect(f.p.practitioners[0].hours?.text(1) == "09:00-11:00")
        try f.run("2026-12-06 09:12", .editPractitioner("p1", name: "Anna Reid"))
        #expect(f.p.practitioners[0].name == "Anna Reid")
        #expect(throws: CommandError("there is already a practitioner called 'Ben Ode' (p2); names must differ so they can be told apart")) {
            try f.run("2026-12-06 09:13", .editPractitioner("p1", name: "ben ode"))
        }
    }
}
