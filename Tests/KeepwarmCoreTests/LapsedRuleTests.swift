import Testing
@testable import KeepwarmCore

@Suite struct LapsedRuleTests {
    func lapsed(_ f: Fixture, at: String) -> [LapsedRow] { Lapsed.rows(f.p, now: f.t(at)) }

    @Test func fortyOneDaysIsNotLapsedFortyTwoIs() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-02-02 10:00")
        #expect(lapsed(f, at: "2026-03-15 23:59").isEmpty)  // 41 days
        let rows = lapsed(f, at: "2026-03-16 00:01")  // 42 days
        #expect(rows.count == 1)
        #expect(rows[0].daysSince == 42)
        #expect(rows[0].sessions == 1)
        #expect(rows[0].next == .reEngage)
        #expect(Civil.string(ofDay: rows[0].nextDue) == "2026-03-16")
    }

    @Test func octoberDaylightSavingWeek() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-10-10 23:30", minutes: 20)
        #expect(lapsed(f, at: "2026-11-20 23:59").isEmpty)
        let rows = lapsed(f, at: "2026-11-21T00:10:00Z")
        #expect(rows.map(\.daysSince) == [42])
    }

    @Test func marchDaylightSavingWeek() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-03-20 00:10", minutes: 20)
        // 00:05 BST on 1 May is 23:05Z on 30 April: fewer than 42 × 24 hours, but 42 calendar days.
        #expect(lapsed(f, at: "2026-04-30 23:55").isEmpty)
        #expect(lapsed(f, at: "2026-04-30T23:05:00Z").map(\.daysSince) == [42])
    }

    @Test func cadenceStretchesTheThreshold() throws {
        let f = try Fixture()
        let monthly = try f.client("Monthly", cadence: 35)  // 1.5 × 35 = 52.5 → 53
        let weekly = try f.client("Weekly", cadence: 7)  // 10.5 < 42 → 42
        try f.session(monthly, "2026-02-02 10:00")
        try f.session(weekly, "2026-02-02 12:00")
        #expect(Lapsed.threshold(f.p.settings, cadence: 35) == 53)
        #expect(Lapsed.threshold(f.p.settings, cadence: 29) == 44)
        #expect(lapsed(f, at: "2026-03-16 09:00").map(\.name) == ["Weekly"])
        #expect(lapsed(f, at: "2026-03-26 09:00").map(\.name) == ["Weekly"])  // 52 days
        #expect(lapsed(f, at: "2026-03-27 09:00").map(\.name) == ["Monthly", "Weekly"])  // both 53 days: then by name
    }

    @Test func aSnoozeHidesUntilItsDay() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-02-02 10:00")
        try f.run("2026-03-20 09:00", .review(client: "c1", .snooze(untilDay: Civil.days(2026, 4, 1)), note: "On holiday"))
        #expect(lapsed(f, at: "2026-03-31 23:59").isEmpty)
        #expect(lapsed(f, at: "2026-04-01 00:00").count == 1)
    }

    @Test func closedMovedAwayAndNoContactClientsNeverAppear() throws {
        let f = try Fixture()
        let a = try f.client("Moved")
        let b = try f.client("Silent", contact: false)
        let c = try f.client("Closed")
        let d = try f.client("Stays")
        for (i, id) in [a, b, c, d].enumerated() { try f.session(id, "2026-02-0\(2 + i) 10:00") }
        try f.run("2026-03-01 09:00", .setStatus(client: "c1", .movedAway, reason: "Leeds"))
        try f.run("2026-03-01 09:00", .review(client: "c3", .close(.doNotContact), note: nil))
        #expect(f.p.clients[c.index].status == .doNotContact)
        #expect(lapsed(f, at: "2026-06-01 09:00").map(\.client) == [d])
    }

    @Test func clientsWithOnlyNoShowsOrAFutureBookingAreNotLapsed() throws {
        let f = try Fixture()
        let noShow = try f.client("Never came")
        try f.session(noShow, "2026-02-02 10:00", attended: false)
        let booked = try f.client("Booked ahead")
        try f.session(booked, "2026-02-03 10:00")
        try f.run("2026-03-01 09:00", .book(client: "c2", practitioner: nil, start: f.t("2026-06-02 10:00"), minutes: 60, force: false))
        #expect(lapsed(f, at: "2026-05-01 09:00").isEmpty)
        // Once the booking is cancelled, the gap shows.
        try f.run("2026-05-01 09:00", .cancel("a3", by: .client, late: false))
        #expect(lapsed(f, at: "2026-05-01 09:01").map(\.client) == [booked])
    }

    @Test func nextStepFollowsTheSequence() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-02-02 10:00")
        #expect(lapsed(f, at: "2026-03-20 09:00").first?.next == .reEngage)
        try f.run("2026-03-20 09:00", .touch(client: "c1", kind: .reEngage, via: .email, note: nil))
        var row = try #require(lapsed(f, at: "2026-03-21 09:00").first)
        #expect(row.next == .reactivationLetter)
        #expect(Civil.string(ofDay: row.nextDue) == "2026-04-03")
        #expect(row.lastTouch?.kind == .reEngage)
        #expect(lapsed(f, at: "2026-04-03 09:00").first?.next == .reactivationLetter)  // day 60
        try f.run("2026-04-03 09:00", .touch(client: "c1", kind: .reactivationLetter, via: .letter, note: nil))
        row = try #require(lapsed(f, at: "2026-04-09 09:00").first)
        #expect(row.next == .followUpCall)
        #expect(Civil.string(ofDay: row.nextDue) == "2026-04-10")
        try f.run("2026-04-10 09:00", .touch(client: "c1", kind: .followUpCall, via: .phone, note: "Voicemail"))
        #expect(lapsed(f, at: "2026-04-11 09:00").first?.next == .review)
    }

    @Test func dayOfSixtyGoesStraightToTheLetter() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-02-02 10:00")
        #expect(lapsed(f, at: "2026-04-02 09:00").first?.next == .reEngage)  // day 59
        #expect(lapsed(f, at: "2026-04-03 09:00").first?.next == .reactivationLetter)  // day 60
    }
}
