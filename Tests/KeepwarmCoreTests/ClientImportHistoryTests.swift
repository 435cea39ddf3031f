import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

private func plan(_ f: Fixture, _ text: String, map: String) throws -> ImportPlan {
    let t = try CSVTable.parse(Array(text.utf8), file: "clients.csv")
    let m = try ColumnMap.make(t, preset: .keepwarm, map: map, forAppointments: false)
    let dates = try DateOrder.decide(t, m, fields: DateOrder.clientFields, given: nil)
    return ClientImport.plan(t, map: m, practice: f.p, by: "test", at: f.t("2026-11-23 09:00"), dates: dates)
}

@discardableResult
private func commit(_ f: Fixture, _ text: String, map: String) throws -> ImportPlan {
    let t = try CSVTable.parse(Array(text.utf8), file: "clients.csv")
    let m = try ColumnMap.make(t, preset: .keepwarm, map: map, forAppointments: false)
    let at = f.t("2026-11-23 09:00")
    let dates = try DateOrder.decide(t, m, fields: DateOrder.clientFields, given: nil)
    try f.log.appendBatch(by: "test", at: at, kind: .imported) { p in ClientImport.plan(t, map: m, practice: p, by: "test", at: at, dates: dates).events }
    return try plan(f, text, map: map)
}

private func added(_ plan: ImportPlan) -> [NewClient] {
    plan.events.compactMap { if case .clientAdded(let c) = $0 { c } else { nil } }
}

/// Names, the other system's ids and referrals, and a client-only export's history (Docs/import.md, "Names" and
/// "History from a client-only export").
@Suite struct ClientImportHistoryTests {
    @Test func namesAsPeopleWriteThemGiveTheGreetingsGivenName() throws {
        let f = try Fixture()
        let p = try plan(f, """
            Name,First,Last
            "Brontë, Zoë",,
            ,Mary Ann,Smith
            ,Zoë,Brontë
            "Lee, Dr. Ann",,
            Cher,,

            """, map: "Name=name,First=first,Last=last")
        let c = added(p)
        #expect(c.map(\.name) == ["Zoë Brontë", "Mary Ann Smith", "Zoë Brontë", "Dr. Ann Lee", "Cher"])
        // Kept only where the greeting would not find it by itself.
        #expect(c.map(\.given) == [nil, "Mary Ann", nil, nil, nil])
        #expect(c.map { PersonName.greeting(name: $0.name, given: $0.given) } == ["Zoë", "Mary Ann", "Zoë", "Ann", "Cher"])
    }

    @Test func historyColumnsBecomeTheClientsImportedHistory() throws {
        let f = try Fixture()
        let p = try plan(f, """
            id,name,visits,first visit,last visit,added,last contacted,usual interval days
            7,Ada Lovelace,6,13/05/2024,2026-01-02,2024-04-20,2026-02-01 10:15,4 weeks
            8,Grace Hopper,0,,,,,
            9,Joan Clarke,,,2026-11-19,,,

            """, map: "")
        let c = added(p)
        #expect(p.rejected.isEmpty)
        // The whole file's dates decide the order: 13/05/2024 can only be day first.
        #expect(p.notes.contains("dates read day first (dd/mm/yyyy): row 2 has 13/05/2024"))
        #expect(c[0].ref == "7" && c[0].cadence == 28)
        #expect(c[0].history == ImportedHistory(visits: 6, firstVisit: Civil.days(2024, 5, 13), lastVisit: Civil.days(2026, 1, 2),
                                                since: Civil.days(2024, 4, 20), contacted: f.t("2026-02-01 10:15")))
        #expect(c[1].history == nil)
        #expect(c[2].history == ImportedHistory(lastVisit: Civil.days(2026, 11, 19)))
        try commit(f, """
            id,name,visits,first visit,last visit,added,last contacted,usual interval days
            7,Ada Lovelace,6,13/05/2024,2026-01-02,2024-04-20,2026-02-01 10:15,4 weeks
            9,Joan Clarke,,,2026-11-19,,,

            """, map: "")
        let now = f.t("2026-11-23 09:00")
        #expect(Lapsed.rows(f.p, now: now).map(\.client) == [ClientID(1)])
        let joan = f.p.clients[1]
        #expect(FollowUps.all(for: joan, in: f.p, now: now, today: Civil.days(2026, 11, 23)).map(\.kind) == [.rebookPrompt])
    }

    @Test func aHistoryThatCannotBeRightRejectsTheRowNamingTheColumn() throws {
        let f = try Fixture()
        let p = try plan(f, """
            name,Visits,First Visit,Last Visit,Last Contacted,Cadence
            A One,lots,,,,
            B Two,3,2026-05-01,2026-03-01,,
            C Three,2,,2027-01-05,,
            D Four,0,,2026-03-01,,
            E Five,,spring 2025,,,
            F Six,,,,yesterday,
            G Seven,,,,,fortnightly

            """, map: "Visits=visits,First Visit=first-visit,Last Visit=last-visit,Last Contacted=last-contacted,Cadence=cadence")
        #expect(p.rejected.map(\.reason) == [
            "Visits is 'lots'; use a whole number of visits, such as 6",
            "First Visit (2026-05-01) is after Last Visit (2026-03-01)",
            "Last Visit is 2027-01-05, which hasn't come yet",
            "Last Visit is 2026-03-01 but Visits is 0",
            "First Visit: can't read the date 'spring 2025': use 2026-03-25 14:30, 25 March 2026 2:30 pm or the file's own dd/mm/yyyy or mm/dd/yyyy",
            "Last Contacted is 'yesterday'; use a date, or a date and time such as 2026-03-07 09:30",
            "Cadence is 'fortnightly'; use a number of days, such as 28",
        ])
    }

    @Test func referredByNamesAnotherRowsIdEarlierOrLaterOrAClientAlreadyInTheLog() throws {
        let f = try Fixture()
        try commit(f, "id,name\nK1,Kay Old\n", map: "")
        let file = """
            id,name,referred by
            10,Ann Early,
            11,Bob Later,12
            12,Cy Referrer,10
            13,Di Known,K1
            14,Ed Nobody,99

            """
        // Cy's and Di's on their own lines, Bob's recorded at the end: three in all.
        #expect(try plan(f, file, map: "").summary == ["5 clients (c2–c6)", "3 referrals"])
        try commit(f, file, map: "")
        let clients = f.p.clients
        func named(_ n: String) -> Client { clients.first { $0.name == n }! }
        // Cy (row 4) names Ann, an earlier row: on Cy's own client.added. Di names a client already in the log.
        #expect(named("Cy Referrer").referredBy == named("Ann Early").id)
        #expect(named("Di Known").referredBy == named("Kay Old").id)
        // Bob names Cy, a later row: a referral.recorded once both are in.
        let bob = named("Bob Later")
        #expect(bob.referredBy == nil)
        #expect(f.p.referrals.contains { $0.client == bob.id && $0.referrer == named("Cy Referrer").id })
        #expect(ClientsCSV.referrers(f.p)[bob.id] == named("Cy Referrer").id)
        #expect(named("Ed Nobody").referredBy == nil && !f.p.referrals.contains { $0.client == named("Ed Nobody").id })
    }

    @Test func referralsThatNameNobodyAreListedNotGuessed() throws {
        let f = try Fixture()
        let p = try plan(f, "id,name,referred by\n1,Ann,\n2,Bob,99\n3,Cy,3\n", map: "")
        #expect(p.notes.contains("2 referrals not recorded: no client in the file or the log has that id (row 3 names '99', row 4 names '3')"))
        #expect(p.summary == ["3 clients (c1–c3)"])
    }
}
