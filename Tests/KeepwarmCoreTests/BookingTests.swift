import Testing
@testable import KeepwarmCore

@Suite struct BookingTests {
    func start(_ f: Fixture, _ e: Event) -> String {
        guard case .appointmentBooked(_, _, _, let s, _) = e.body else { return "not a booking" }
        return "\(f.cal.dateString(s)) \(f.cal.timeString(s))"
    }

    @Test func rebookDefaultsToSameTimeNextWeek() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        let a = try f.session(c, "2026-03-02 10:00")
        #expect(start(f, try f.run("2026-03-02 11:05", .rebook(a.description))) == "2026-03-09 10:00")
    }

    @Test func rebookUsesTheGapBetweenTheLastTwoSessions() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-03-02 10:00")
        let a = try f.session(c, "2026-03-16 14:00")
        let e = try f.run("2026-03-16 15:05", .rebook(a.description))
        // Across the March clock change, still 14:00 on the wall clock.
        #expect(start(f, e) == "2026-03-30 14:00")
    }

    /// Three days apart, the proposal is still a week on (whole weeks keep the weekday), and its reason says so
    /// instead of reading "3 days" next to a date a week away.
    @Test func aGapThatIsNotWholeWeeksSaysItWasRounded() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-03-02 10:00")
        let a = try f.session(c, "2026-03-05 10:00")
        let r = try Rebook.propose(f.p, from: a, now: f.t("2026-03-05 11:05"))
        #expect(f.cal.dateString(r.start) == "2026-03-12")
        #expect(r.basis == "the gap between their last two sessions (3 days); whole weeks keep the weekday, so 1 week")
    }

    @Test func rebookUsesTheCadenceAndSkipsATakenDay() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace", cadence: 21)
        let other = try f.client("Grace Hopper")
        let a = try f.session(c, "2026-03-02 10:00")
        try f.run("2026-03-02 09:00", .book(client: other.description, practitioner: nil, start: f.t("2026-03-23 10:30"), minutes: 60, force: false))
        let r = try Rebook.propose(f.p, from: a, now: f.t("2026-03-02 11:05"))
        #expect(r.intervalDays == 21)
        #expect(r.shiftedDays == 1)
        #expect(start(f, try f.run("2026-03-02 11:05", .rebook(a.description))) == "2026-03-24 10:00")
        #expect(throws: CommandError.self, "a second rebook would double up") { try f.run("2026-03-02 11:06", .rebook(a.description)) }
    }

    @Test func rebookNeedsAnAttendedSession() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        try f.run("2026-03-01 09:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-02 10:00"), minutes: 60, force: false))
        #expect(throws: CommandError.self) { try f.run("2026-03-02 11:00", .rebook("a1")) }
    }

    @Test func bookingRefusesThePastClashesAndCancelledAttendance() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        _ = try f.client("Grace Hopper")
        func message(_ cmd: Command, at: String = "2026-03-01 09:00") -> String {
            do { try f.run(at, cmd); return "accepted" } catch let e as CommandError { return e.message } catch { return "\(error)" }
        }
        #expect(message(.book(client: "c1", practitioner: nil, start: f.t("2026-02-27 10:00"), minutes: 60, force: false))
                == "2026-02-27 10:00 is in the past; pick a future time, or add --force to record a past appointment")
        #expect(message(.book(client: "c1", practitioner: nil, start: f.t("2026-02-27 10:00"), minutes: 60, force: true)) == "accepted")
        #expect(message(.book(client: "c1", practitioner: nil, start: f.t("2026-03-02 10:00"), minutes: 60, force: false)) == "accepted")
        #expect(message(.book(client: "c2", practitioner: nil, start: f.t("2026-03-02 10:59"), minutes: 60, force: false))
                == "Anna Okafor is already booked then (a2, 2026-03-02 10:00 for 60 min); pick another time or practitioner")
        #expect(message(.book(client: "c2", practitioner: nil, start: f.t("2026-03-02 11:00"), minutes: 60, force: false)) == "accepted")
        #expect(message(.book(client: "c9", practitioner: nil, start: f.t("2026-03-03 11:00"), minutes: 60, force: false))
                == "no client 'c9': use an id from `keepwarm client list`, or the exact name")
        #expect(message(.cancel("a2", by: .practice, late: false)) == "accepted")
        #expect(message(.attend("a2"), at: "2026-03-02 10:00") == "a2 was cancelled, so it can't be marked attended; book a new appointment instead")
        #expect(message(.attend("a3"), at: "2026-03-01 10:00") == "a3 is on 2026-03-02 11:00, which hasn't come yet; it can be marked attended on the day")
        #expect(message(.attend("a99")) == "no appointment 'a99': use an id like a12 from `keepwarm diary` or `keepwarm client show`")
    }

    @Test func movingChecksTheNewSlot() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        _ = try f.client("Grace Hopper")
        try f.run("2026-03-01 09:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-02 10:00"), minutes: 60, force: false))
        try f.run("2026-03-01 09:00", .book(client: "c2", practitioner: nil, start: f.t("2026-03-02 12:00"), minutes: 60, force: false))
        #expect(throws: CommandError.self) { try f.run("2026-03-01 09:00", .move("a2", to: f.t("2026-03-02 10:30"), force: false)) }
        try f.run("2026-03-01 09:00", .move("a1", to: f.t("2026-03-03 10:00"), force: false))
        #expect(Diary.rows(f.p, day: Civil.days(2026, 3, 2)).map(\.appointment.id) == [AppointmentID(2)])
        #expect(Diary.rows(f.p, day: Civil.days(2026, 3, 3)).map(\.appointment.id) == [AppointmentID(1)])
    }
}
