import Testing
@testable import KeepwarmCore

/// The four charts of the owner's numbers on one hand-worked practice, now Sunday 2026-12-06 12:00 (2026-Q4).
///
/// | client | source     | first seen | visits                                                                        |
/// |--------|------------|------------|-------------------------------------------------------------------------------|
/// | Dan    | none       | 2025-02-03 | imported: 6 visits, 2025-02-03 to 2026-02-10; then attended 2026-10-05 (7)      |
/// | Ada    | Google     | 2025-07-01 | attended 2025-07-07, 2025-07-21, 2026-01-12 (3)                               |
/// | Ben    | google     | 2025-08-04 | attended 2025-08-11; no-show 2025-08-25 (1)                                   |
/// | Cat    | Instagram  | 2026-04-06 | attended 2026-04-13, 2026-04-20 (2)                                           |
/// | Eve    | Google     | 2026-11-30 | attended 2026-12-03; 2026-12-04 cancelled; 2026-12-05 never marked; 2026-12-10 booked (1) |
@Suite struct ChartSeriesTests {

    /// The practice above, written in time order (Dan's import comes in March 2026, after Ada's and Ben's first visits).
    static func build() throws -> (Fixture, Instant) {
        let f = try Fixture(start: "2025-02-01 09:00")
        func add(_ name: String, _ source: String?, _ at: String) throws -> ClientID {
            let e = try f.run(at, .addClient(ClientDraft(name: name, source: source)))
            guard case .clientAdded(let c) = e.body else { fatalError() }
            return c.id
        }
        let ada = try add("Ada", "Google", "2025-07-01 09:00")
        try f.session(ada, "2025-07-07 10:00")
        try f.session(ada, "2025-07-21 10:00")
        let ben = try add("Ben", "google ", "2025-08-04 09:00")
        try f.session(ben, "2025-08-11 10:00")
        try f.session(ben, "2025-08-25 10:00", attended: false)
        try f.session(ada, "2026-01-12 10:00")
        let dan = f.p.nextClientID
        try f.log.append(by: "test", at: f.t("2026-03-01 09:00")) { _ in
            .clientAdded(NewClient(id: dan, name: "Dan", consentRecorded: false,
                                   history: ImportedHistory(visits: 6, firstVisit: Civil.days(2025, 2, 3), lastVisit: Civil.days(2026, 2, 10))))
        }
        let cat = try add("Cat", "Instagram", "2026-04-06 09:00")
        try f.session(cat, "2026-04-13 10:00")
        try f.session(cat, "2026-04-20 10:00")
        try f.session(dan, "2026-10-05 10:00")
        let eve = try add("Eve", "Google", "2026-11-30 09:00")
        for start in ["2026-12-04 10:00", "2026-12-05 10:00", "2026-12-10 10:00"] {
            try f.run("2026-11-30 09:30", .book(client: eve.description, practitioner: nil, start: f.t(start), minutes: 60, force: false))
        }
        try f.run("2026-12-01 09:00", .cancel("a9", by: .client, late: false))
        try f.session(eve, "2026-12-03 10:00")
        return (f, f.t("2026-12-06 12:00"))
    }

    func values(_ c: Chart) -> [String: [Double]] {
        Dictionary(uniqueKeysWithValues: c.rows.map { ($0.label, $0.values) })
    }

    @Test func funnelByFirstVisitQuarter() throws {
        let (f, now) = try Self.build()
        let c = Chart.funnel(f.p, now: now)
        #expect(c.key == "funnel" && c.kind == .grouped)
        // Eight quarters from Dan's first (imported) visit's quarter, which starts before it: 2025-Q1*.
        #expect(c.rows.map(\.label) == ["2025-Q1*", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4*"])
        #expect(c.rows.map(\.values) == [[1, 1, 1], [0, 0, 0], [2, 1, 1], [0, 0, 0], [0, 0, 0], [1, 1, 0], [0, 0, 0], [1, 0, 0]])
        #expect(c.rows[2].caption == "2 first · 1 second · 1 third (2 → 3: 100%)")
        #expect(c.rows[7].caption == "1 first · 0 second · 0 third")
        #expect(c.period == "2025-Q1 to 2026-Q4, now 2026-12-06")
    }

    @Test func diaryDensityPerWeek() throws {
        let (f, now) = try Self.build()
        let c = Chart.diaryDensity(f.p, now: now)
        #expect(c.kind == .stacked && c.series == ["attended", "no-show", "still booked"])
        // 52 weeks: from the Monday 51 weeks before 2026-11-30.
        #expect(c.rows.count == 52)
        #expect(c.rows.first?.label == "2025-12-08")
        #expect(c.rows.last?.label == "2026-11-30*")
        let v = values(c)
        #expect(v["2026-01-12"] == [1, 0, 0])
        #expect(v["2026-04-13"] == [1, 0, 0] && v["2026-04-20"] == [1, 0, 0])
        #expect(v["2026-10-05"] == [1, 0, 0])
        // Eve's week: attended on the 3rd, the 4th cancelled (left out), the 5th never marked; the 10th is next week.
        #expect(v["2026-11-30*"] == [1, 0, 1])
        #expect(c.rows.last?.caption == "2 booked: 1 attended · 0 no-show · 1 still booked")
        #expect(c.rows.map { $0.values.reduce(0, +) }.reduce(0, +) == 6)
    }

    @Test func aNoShowIsItsOwnPartOfTheWeek() throws {
        let (f, _) = try Self.build()
        // In August 2025, Ben's no-show is inside the 52 weeks.
        let c = Chart.diaryDensity(f.p, now: f.t("2025-09-01 12:00"))
        #expect(values(c)["2025-08-25"] == [0, 1, 0])
        #expect(c.rows.first?.label == "2025-06-30")
    }

    @Test func retentionCurveByFirstVisitQuarter() throws {
        let (f, now) = try Self.build()
        let c = Chart.retentionCurve(f.p, now: now)
        #expect(c.kind == .curve && c.series.count == 8)
        // Cohorts with clients before this quarter; each row as long as the quarters begun since.
        #expect(c.rows.map(\.label) == ["2025-Q1", "2025-Q3", "2026-Q2"])
        // Dan: imported first visit 2025-Q1, last visit 2026-10-05 (2026-Q4 = 7 quarters on).
        #expect(c.rows[0].values == Array(repeating: 1, count: 7))
        // Ada's last visit is 2 quarters on, Ben's in the first quarter.
        #expect(c.rows[1].values == [0.5, 0.5, 0, 0, 0])
        #expect(c.rows[1].caption == "2 clients: 50% 50% 0% 0% 0%")
        #expect(c.rows[2].values == [0, 0])
    }

    @Test func newClientsBySourcePerQuarter() throws {
        let (f, now) = try Self.build()
        let c = Chart.newClientsBySource(f.p, now: now)
        #expect(c.series == ["Google", "Instagram", "(not recorded)"])
        #expect(c.rows.map(\.label) == ["2025-Q1*", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4*"])
        let v = values(c)
        #expect(v["2025-Q1*"] == [0, 0, 1])
        #expect(v["2025-Q3"] == [2, 0, 0])
        #expect(v["2026-Q2"] == [0, 1, 0])
        #expect(v["2026-Q4*"] == [1, 0, 0])
        #expect(c.rows.last?.caption == "1 new: 1 · 0 · 0")
        // Each bar is the sources report's All sources column for the quarter.
        let r = SourcesReport.build(f.p, since: Civil.days(2025, 1, 1), now: now)
        #expect(c.rows.map { $0.values.reduce(0, +) } == r.total.byQuarter.map { $0.value ?? -1 })
    }

    @Test func sourcesPastTheFifthAreOtherSources() throws {
        let f = try Fixture(start: "2026-10-01 09:00")
        for (n, s) in ["Fern", "Ash", "Elm", "Birch", "Gorse", "Cedar", "Dock"].enumerated() {
            try f.run("2026-10-01 09:0\(n)", .addClient(ClientDraft(name: "C\(n)", source: s)))
        }
        try f.run("2026-10-02 09:00", .addClient(ClientDraft(name: "C9", source: "Gorse")))
        let c = Chart.newClientsBySource(f.p, now: f.t("2026-12-06 12:00"))
        #expect(c.series == ["Gorse", "Ash", "Birch", "Cedar", "Dock", Chart.otherSources])
        #expect(c.rows.map(\.values) == [[2, 1, 1, 1, 1, 2]])
    }

    @Test func anEmptyPracticeHasNoRows() throws {
        let f = try Fixture()
        let now = f.t("2026-12-06 12:00")
        for c in [Chart.funnel(f.p, now: now), .diaryDensity(f.p, now: now), .retentionCurve(f.p, now: now), .newClientsBySource(f.p, now: now)] {
            #expect(c.rows.isEmpty, "\(c.key)")
            #expect(!c.formula.isEmpty && !c.period.isEmpty)
        }
    }
}
