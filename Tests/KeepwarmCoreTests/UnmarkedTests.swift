import Testing
@testable import KeepwarmCore

/// The morning after (`Unmarked`): earlier days' appointments nobody marked, until someone marks them.
@Suite struct UnmarkedTests {
    /// Ada at 10:00 and Grace at 15:00 on Monday 9 March (London), booked on the 5th and never marked; Mo attended.
    func monday() throws -> (Fixture, ClientID, ClientID, ClientID) {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace"), grace = try f.client("Grace Hopper"), mo = try f.client("Mo Farah")
        try f.run("2026-03-05 08:00", .book(client: "c2", practitioner: nil, start: f.t("2026-03-09 15:00"), minutes: 60, force: false))
        try f.run("2026-03-05 08:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-09 10:00"), minutes: 60, force: false))
        try f.session(mo, "2026-03-09 12:00")
        return (f, ada, grace, mo)
    }

    @Test func earlierDaysBookedAppointmentsAreListedOldestFirst() throws {
        let (f, ada, grace, _) = try monday()
        let tuesday = Civil.days(2026, 3, 10)
        #expect(Unmarked.appointments(f.p, today: tuesday).map(\.client) == [ada, grace], "oldest first; Mo's attended session is not listed")
        #expect(Unmarked.rows(f.p, today: tuesday).map(\.clientName) == ["Ada Lovelace", "Grace Hopper"])
        #expect(Unmarked.rows(f.p, today: tuesday)[0].flags == [.firstVisit], "the rows carry the diary's flags")
        #expect(Unmarked.appointments(of: grace, f.p, today: tuesday).map(\.client) == [grace])
        // A week later they are still there: nobody marked them.
        #expect(Unmarked.appointments(f.p, today: tuesday + 7).count == 2)
    }

    @Test func theSameDaysAppointmentsAreTodaysDiaryNotTheMorningAfter() throws {
        let (f, _, _, _) = try monday()
        // On Monday itself at 23:59 the 10:00 appointment is over but still today's: it is in today's diary, not here.
        #expect(Unmarked.appointments(f.p, today: Civil.days(2026, 3, 9)).isEmpty)
        // The boundary is the practice's local midnight, not UTC: a 00:30 BST session on 30 March is 29 March 23:30 UTC.
        try f.run("2026-03-25 08:00", .book(client: "c3", practitioner: nil, start: f.t("2026-03-30 00:30"), minutes: 30, force: false))
        let mo = f.p.appointments.last!
        #expect(!Unmarked.isUnmarked(mo, f.p, today: Civil.days(2026, 3, 30)), "local day 30 March is today")
        #expect(Unmarked.isUnmarked(mo, f.p, today: Civil.days(2026, 3, 31)))
    }

    @Test func markingAttendedNoShowOrCancelledTakesThemOff() throws {
        let (f, ada, grace, mo) = try monday()
        let tuesday = Civil.days(2026, 3, 10)
        try f.run("2026-03-10 09:00", .attend("a1"))
        #expect(Unmarked.appointments(f.p, today: tuesday).map(\.client) == [ada])
        try f.run("2026-03-10 09:01", .noShow("a2"))
        #expect(Unmarked.appointments(f.p, today: tuesday).isEmpty)
        try f.run("2026-03-10 09:02", .book(client: mo.description, practitioner: nil, start: f.t("2026-03-10 16:00"), minutes: 60, force: false))
        try f.run("2026-03-10 09:03", .cancel("a4", by: .client, late: false))
        #expect(Unmarked.appointments(f.p, today: tuesday + 1).isEmpty, "a cancelled appointment is marked")
        #expect(Unmarked.appointments(of: grace, f.p, today: tuesday + 1).isEmpty)
    }

    @Test func anUndoneBookingIsNotListed() throws {
        let (f, _, grace, _) = try monday()
        // Booked by mistake and undone: the appointment is kept (ids stay dense) but withdrawn.
        try f.run("2026-03-06 08:00", .book(client: grace.description, practitioner: nil, start: f.t("2026-03-09 17:00"), minutes: 60, force: false))
        try f.run("2026-03-06 08:01", .undo(by: "test"))
        let listed = Unmarked.appointments(f.p, today: Civil.days(2026, 3, 10))
        #expect(listed.allSatisfy { !$0.withdrawn })
        #expect(!listed.contains { f.p.calendar.timeString($0.start) == "17:00" }, "the withdrawn 17:00 booking is not a session")
    }
}
