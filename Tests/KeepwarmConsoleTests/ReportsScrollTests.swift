import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The reports screen's scrolling and drill-down (QA D5, D8, D9, D3, D4): `k` and PgUp move back from the end after
/// `G`, the sources' EARLIER column opens its clients, `m` on a count says it has one list, why-left shows its own
/// period, and the audit summary's owners are never a minute stale.
@Suite struct ReportsScrollTests {
    /// A driver at 80×24 on the seeded day with the reports worked out, as the app does when `R` opens them.
    static func driver() throws -> ModelDriver {
        let d = try ModelDriver.seededDay()
        d.data.reports = ReportsData(d.fixture.p, now: d.fixture.now)
        d.send(.screen(width: 80, height: 24))
        return d
    }

    static func scroll(_ d: ModelDriver) -> Int? {
        if case .reports(_, let s)? = d.model.overlays.last { return s }
        return nil
    }

    @Test func afterGUpAndPageUpScrollBackAtOnce() throws {
        let d = try Self.driver()
        for k in ["R", "3", "G"] { _ = d.key(.char(Character(k))) }
        let end = try #require(d.model.reportsLastTop(.retention, d.data))
        #expect(end > 10, "the retention tab is longer than a screen")
        #expect(Self.scroll(d) == end, "G stops at the last screenful, not past it")
        _ = d.key(.char("k"))
        #expect(Self.scroll(d) == end - 1)
        _ = d.key(.pageUp)
        #expect(Self.scroll(d) == end - 1 - d.model.pageSize)
        for _ in 0..<50 { _ = d.key(.char("j")) }
        #expect(Self.scroll(d) == end, "scrolling down stops at the end too")
        _ = d.key(.char("k"))
        #expect(Self.scroll(d) == end - 1)
        // The charts scroll the same way, once the loop has handed them back.
        _ = d.key(.char("c"))
        _ = d.send(.chartsWorkedOut(ReportCharts(d.fixture.p, now: d.fixture.now)))
        _ = d.key(.char("G"))
        let chartsEnd = try #require(d.model.reportsLastTop(.retention, d.data))
        #expect(chartsEnd > 0 && Self.scroll(d) == chartsEnd)
        _ = d.key(.char("k"))
        #expect(Self.scroll(d) == chartsEnd - 1)
    }

    @Test func mOnACountSaysItHasOneList() throws {
        let d = try Self.driver()
        _ = d.key(.char("R"))
        _ = d.key(.enter)
        guard case .drill(let s)? = d.model.overlays.last else { Issue.record("no drill-down"); return }
        #expect(s.list == .counted, "the sources' first figure is a count")
        _ = d.key(.char("m"))
        guard case .drill(let after)? = d.model.overlays.last else { Issue.record("the drill-down closed"); return }
        #expect(after.list == .counted)
        #expect(d.model.status?.text == "newClients has one list: m switches lists only for a share", "\(String(describing: d.model.status))")
    }

    @Test func theWhyLeftTableShowsItsPeriodAndEveryQuarter() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        // Closed in 2025-Q4, the earliest quarter of why-left's period, and this quarter.
        try f.record("2025-11-20 10:00", .review(client: "c3", .close(.discharged), note: nil, reason: .cost))
        let r = WhyLeftReport.build(f.p, since: nil, now: f.now)
        #expect(r.quarters.first?.label == "2025-Q4")
        let text = WhyLeftLines.lines(r, width: 76).map(\.text)
        #expect(text.contains("Period: \(r.period.text)"))
        let head = try #require(text.first { $0.hasPrefix("REASON") })
        #expect(head.contains("2025-Q4") && head.contains("2026-Q4*"))
        let cost = try #require(text.first { $0.hasPrefix("cost") })
        #expect(cost.split(separator: " ").map(String.init) == ["cost", "1", "0", "0", "0", "0", "1"], "TOTAL is the sum of the columns shown")
    }

    @Test func theSourcesEarlierColumnOpensItsClients() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        // Clients added over six quarters (2025-Q3 to 2026-Q4): the console's table shows the last three and EARLIER
        // (2025-Q3 to 2026-Q1, with three of Google's four).
        for (i, day) in ["2025-07-10", "2025-10-10", "2026-01-10", "2026-04-10"].enumerated() {
            try f.record("\(day) 09:00", .addClient(ClientDraft(name: "Early \(i)", phone: "07700 9000\(i)", source: "Google")))
        }
        var data = ConsoleData(f.p, now: f.now)
        data.reports = ReportsData(f.p, now: f.now)
        let s = try #require(data.reports?.sources)
        #expect(s.quarters.count > 4)
        let figures = DrillState.reportFigures(.sources, data)
        let earlier = try #require(figures.first { $0.row == "Google" && $0.column == SourcesReport.earlierColumn })
        #expect(s.quarters.count == 6)
        #expect(earlier.figure.value == 3 && earlier.figure.members?.denominator.count == 3)
        #expect(earlier.period.hasPrefix("2025-07-") && earlier.period.hasSuffix(" to 2026-03-31"))
        let lines = ReportsView.sources(s, width: 76).map(\.text)
        let google = try #require(lines.first { $0.hasPrefix("Google") })
        #expect(google.split(separator: " ").dropFirst().first == "3", "EARLIER shows the figure that opens")
        let quarter = try #require(figures.first { $0.column == s.quarters.last!.label })
        #expect(quarter.period.hasPrefix("2026-10-01 to "), "a quarter's list covers the quarter, not the report's period")
    }

    @Test func theAuditSummaryCountsOwnersNamedAMomentAgo() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        let other = try EventLog.open(path: f.log.path)
        let now = f.now
        try other.append(by: "owner", at: now) { p in try Command.startAudit.event(in: p, now: now) }
        for step in 1...16 {
            try other.append(by: "owner", at: now) { p in try Command.answerAudit(step: step, .no, note: nil, owner: "Sam").event(in: p, now: now) }
        }
        // The same minute: the clients' evidence is kept, the owners are read afresh.
        f.app.tick()
        #expect(f.app.data.audit?.evidence.first { $0.step == 16 }?.detail == "owners named for 16 of 16 steps")
    }
}
