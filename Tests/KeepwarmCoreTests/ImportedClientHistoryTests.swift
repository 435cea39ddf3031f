import Testing
@testable import KeepwarmCore

/// A client brought in from a client-only export (visits and dates, no appointments) is on the lapsed list and the
/// follow-ups from the first day, and their appointments, imported later, are not counted twice.
@Suite struct ImportedClientHistoryTests {
    /// Adds a client with imported history, as `keepwarm import clients` writes it, at `at`.
    func imported(_ f: Fixture, _ name: String, at: String, history: ImportedHistory, given: String? = nil,
                  ref: String? = nil) throws -> ClientID {
        let id = f.p.nextClientID
        try f.log.append(by: "test", at: f.t(at)) { _ in
            .clientAdded(NewClient(id: id, name: name, consentRecorded: false, given: given, ref: ref, history: history))
        }
        return id
    }

    @Test func aClientOnlyExportsLastVisitPutsTheClientOnTheLapsedListOnDayOne() throws {
        let f = try Fixture()
        let day = Civil.days(2026, 1, 2)
        let c = try imported(f, "Ada Lovelace", at: "2026-03-20 09:00",
                             history: ImportedHistory(visits: 6, firstVisit: Civil.days(2024, 5, 1), lastVisit: day))
        let rows = Lapsed.rows(f.p, now: f.t("2026-03-20 09:00"))
        #expect(rows.map(\.client) == [c])
        #expect(rows.first?.sessions == 6)
        #expect(rows.first?.daysSince == Civil.days(2026, 3, 20) - day)
        // 77 days: past the 60-day reactivation letter, as if Keepwarm had been in use.
        #expect(rows.first?.next == .reactivationLetter)
        #expect(rows.first.map { f.cal.dateString($0.lastVisit) } == "2026-01-02")
        // New to the practice from the first visit the other system recorded, not from the import.
        #expect(f.cal.dateString(f.p.clients[c.index].firstSeen) == "2024-05-01")
    }

    @Test func aRecentImportedVisitIsOnTheFollowUpsWithNoAppointment() throws {
        let f = try Fixture()
        let c = try imported(f, "Grace Hopper", at: "2026-03-20 09:00",
                             history: ImportedHistory(lastVisit: Civil.days(2026, 3, 19)))
        let rows = FollowUps.all(for: f.p.clients[c.index], in: f.p, now: f.t("2026-03-20 09:00"), today: Civil.days(2026, 3, 20))
        #expect(rows.map(\.kind) == [.postSession])
        #expect(rows.first?.appointment == nil)
        #expect(ClientHistory(f.p, c).visits == 1)
    }

    @Test func appointmentsBehindTheSameHistoryAreNotCountedTwice() throws {
        let f = try Fixture()
        let c = try imported(f, "Mo Farah", at: "2026-01-05 09:00",
                             history: ImportedHistory(visits: 2, firstVisit: Civil.days(2026, 1, 6), lastVisit: Civil.days(2026, 1, 20)))
        // The same two visits, imported afterwards as appointments, and one new visit after them.
        try f.session(c, "2026-01-06 10:00")
        try f.session(c, "2026-01-20 10:00")
        #expect(ClientHistory(f.p, c).visits == 2)
        try f.session(c, "2026-02-03 10:00")
        let h = ClientHistory(f.p, c)
        #expect(h.visits == 3)
        #expect(h.lastVisit(atOrBefore: f.t("2026-02-04 09:00"))?.appointment != nil)
        #expect(h.attendedCount(before: f.t("2026-02-03 10:00")) == 2)
        #expect(Lapsed.rows(f.p, now: f.t("2026-03-20 09:00")).first?.sessions == 3)
    }

    @Test func historyIsCheckedOnReplayAndTheGivenNameGreets() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let c = try imported(f, "Mary Ann Brontë", at: "2026-01-05 09:00", history: ImportedHistory(contacted: f.t("2025-12-01 10:00")),
                             given: "Mary Ann", ref: "1041")
        let client = f.p.clients[c.index]
        #expect(client.greetingName == "Mary Ann")
        #expect(f.p.clientsByRef()["1041"] == [c])
        #expect(client.lastContactedAt == f.t("2025-12-01 10:00"))
        #expect(f.p.clients[0].greetingName == f.p.clients[0].name.split(separator: " ").first.map(String.init))
        #expect(throws: ApplyError.self) {
            _ = try imported(f, "Bad Dates", at: "2026-01-05 09:00",
                             history: ImportedHistory(firstVisit: Civil.days(2026, 2, 1), lastVisit: Civil.days(2026, 1, 1)))
        }
        #expect(f.p.clients.count == 2, "nothing of the refused line is applied")
    }

    @Test func appointmentHistorySetsTheRealBookingAndSettlingTimes() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        let a = try f.session(c, "2026-01-20 10:00")
        try f.log.append(by: "test", at: f.t("2026-02-01 09:00")) { _ in
            .appointmentHistory(a, booked: f.t("2026-01-02 12:00"), settled: f.t("2026-01-20 11:05"))
        }
        #expect(f.p.appointments[a.index].bookedAt == f.t("2026-01-02 12:00"))
        #expect(f.p.appointments[a.index].settledAt == f.t("2026-01-20 11:05"))
        let b = try f.client("Booked Only", at: "2026-01-21 09:00")
        let e = try f.run("2026-01-21 09:00", .book(client: b.description, practitioner: nil, start: f.t("2026-03-01 10:00"), minutes: 60, force: false))
        guard case .appointmentBooked(let booked, _, _, _, _) = e.body else { Issue.record("not a booking"); return }
        #expect(throws: ApplyError.self) {
            try f.log.append(by: "test", at: f.t("2026-02-01 09:00")) { _ in .appointmentHistory(booked, booked: nil, settled: f.t("2026-01-20 11:05")) }
        }
    }
}
