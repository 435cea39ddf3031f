import Testing
@testable import KeepwarmCore

/// Issue 16's drill-down gaps (QA D7, D8, D9, D4, D12): why-left's counts open their clients, a column's list covers
/// its own dates, a count or median says it has one list, the no-show rate names its lists, the audit's owners are
/// read afresh, and the next review never follows an audit that was not walked.
@Suite struct ReportDrillTests {
    /// Why-left on the weekly review's practice: Di (Ben) closed for cost in Q1, Ada (Ben) with no reason in Q1, Bea
    /// (Anna) moved away in Q2.
    static func whyLeft() throws -> (Fixture, WhyLeftReport) {
        let (f, _, _, _, _) = try WeeklyReviewTests.practice()
        try f.run("2026-03-04 10:00", .review(client: "c4", .close(.discharged), note: nil, reason: .cost))
        try f.run("2026-03-05 10:00", .review(client: "c1", .close(.discharged), note: nil))
        try f.run("2026-04-10 10:00", .review(client: "c2", .close(.movedAway), note: nil, reason: .movedAway))
        return (f, WhyLeftReport.build(f.p, since: nil, now: f.t("2026-04-15 09:00")))
    }

    @Test func everyWhyLeftCountOpensItsClients() throws {
        let (f, r) = try Self.whyLeft()
        let figures = r.placedFigures
        for fig in figures { DrillDownTests.check(fig, f.p) }
        guard case .success(let cost) = FigureChoice.find(figures, key: "cost", row: "ben hart", column: "2026-Q1") else {
            Issue.record("cost, Ben Hart, 2026-Q1 not found"); return
        }
        #expect(cost.figure.members?.denominator == [.client(ClientID(4))])
        #expect(cost.period == "2026-01-01 to 2026-03-31", "a quarter's list covers the quarter")
        #expect(cost.title == "Cost, Ben Hart, 2026-Q1")
        guard case .success(let closed) = FigureChoice.find(figures, key: "closed", row: "Ben Hart", column: nil) else {
            Issue.record("closed not found"); return
        }
        #expect(closed.figure.value == 2 && Set(closed.figure.members?.denominator ?? []) == [.client(ClientID(1)), .client(ClientID(4))])
        guard case .success(let notRecorded) = FigureChoice.find(figures, key: "not-recorded", row: "Ben Hart", column: nil) else {
            Issue.record("not-recorded not found"); return
        }
        #expect(notRecorded.figure.members?.denominator == [.client(ClientID(1))])
        // Each reason's quarters add up to its total, and every practitioner's reasons to their closes.
        for row in r.rows {
            let mine = figures.filter { $0.row == row.label }
            #expect(mine.first { $0.figure.key == "closed" }?.figure.value == Double(row.total))
            for (i, reason) in WhyLeftReport.reasons.enumerated() {
                let cells = mine.filter { $0.figure.key == WhyLeftReport.key(reason) }
                #expect(cells.count == r.quarters.count + 1)
                #expect(cells.filter { $0.column != nil }.map { Int($0.figure.value ?? -1) } == row.counts[i])
                #expect(cells.last?.figure.value == Double(row.totals[i]))
            }
        }
        // The console's table shows only reasons someone gave: its figures are those rows, in its order.
        #expect(r.shownFigures.map(\.title).prefix(7) == ["Closed, Anna Okafor", "Moved away, Anna Okafor, 2025-Q2", "Moved away, Anna Okafor, 2025-Q3",
                                                           "Moved away, Anna Okafor, 2025-Q4", "Moved away, Anna Okafor, 2026-Q1",
                                                           "Moved away, Anna Okafor, 2026-Q2", "Moved away, Anna Okafor"])
    }

    @Test func noFigureWithAListSaysSoInsteadOfAnEmptyChoice() {
        guard case .failure(let e) = FigureChoice.find([], key: "cost", row: nil, column: nil) else { Issue.record("found"); return }
        #expect(!e.message.hasSuffix("choose one of: "))
        #expect(e.message == "no figure is called cost, and no figure here has a list behind it (nothing in the period)")
    }

    @Test func aSourcesQuarterListCoversTheQuarterAndEarlierHasItsList() throws {
        let p = try DrillDownTests.demo()
        let s = SourcesReport.build(p, now: DrillDownTests.end)
        #expect(s.quarters.count >= 3)
        let q = s.placedFigures.first { $0.column == s.quarters[1].label }!
        #expect(q.period == s.period.text(of: s.quarters[1]) && q.period != s.period.text)
        let last = s.placedFigures.first { $0.column == s.quarters.last!.label }!
        #expect(last.period.hasSuffix(" to \(Civil.string(ofDay: s.period.today))"), "the quarter under way ends today")
        let folded = s.quarters.count - 2
        let shown = s.placedFigures(showing: 2)
        for row in s.rows + [s.total] {
            let earlier = try #require(shown.first { $0.row == row.label && $0.column == SourcesReport.earlierColumn })
            let sum = row.byQuarter.prefix(folded).reduce(0) { $0 + Int($1.value ?? 0) }
            #expect(earlier.figure.value == Double(sum) && earlier.figure.members?.denominator.count == sum)
            #expect(earlier.period.hasSuffix(" to \(Civil.string(ofDay: s.quarters[folded - 1].lastDay))"))
            DrillDownTests.check(earlier, p)
        }
        #expect(!shown.contains { $0.column == s.quarters[0].label }, "the folded quarters are in EARLIER, not beside it")
    }

    @Test func theNoShowRateNamesItsListsAndAMedianHasOne() throws {
        let p = try DrillDownTests.demo()
        let r = RetentionReport.build(p, now: DrillDownTests.end)
        let noShow = try #require(r.placedFigures.first { $0.figure.key == "noShowRate" })
        let counted = try #require(DrillDown.of(noShow, list: .counted, in: p))
        let other = try #require(DrillDown.of(noShow, list: .missed, in: p))
        let n = noShow.figure.numerator!, d = noShow.figure.denominator!
        #expect(counted.caption == "\(n) no-shows of \(d)")
        #expect(other.caption == "\(d - n) attended (not no-shows) of \(d)")
        #expect(counted.subjects.allSatisfy { if case .session(let a, _) = $0 { p.appointment(a)?.status == .noShow } else { false } })
        #expect(other.subjects.allSatisfy { if case .session(let a, _) = $0 { p.appointment(a)?.status == .attended } else { false } })
        #expect(noShow.figure.oneListReason == nil && noShow.figure.hasMissedList)
        let median = try #require(r.placedFigures.first { $0.figure.key == "medianDaysBetweenSessions" })
        #expect(median.figure.oneListReason?.hasPrefix("medianDaysBetweenSessions is a median, worked out from one list") == true)
        let count = try #require(SourcesReport.build(p, now: DrillDownTests.end).placedFigures.first { $0.figure.key == "newClients" })
        #expect(count.figure.oneListReason?.hasPrefix("newClients is a count: its one list is the ") == true)
    }

    @Test func ownersNamedAreReadAfreshFromTheAnswers() throws {
        let f = try Fixture()
        let before = f.t("2026-03-02 10:00")
        try f.run("2026-03-02 10:00", .startAudit)
        // Worked out before the answers, as a console keeps evidence for a minute.
        let stale = AuditEvidence.all(f.p, window: AuditWindow(end: before))
        for step in 1...16 { try f.run("2026-03-02 10:00", .answerAudit(step: step, .no, note: nil, owner: "Sam")) }
        #expect(stale.first { $0.step == 16 }?.detail == "owners named for 0 of 16 steps")
        let fresh = AuditEvidence.refreshingOwnersAndReviews(stale, f.p, window: AuditWindow(end: before))
        #expect(fresh.first { $0.step == 16 }?.detail == "owners named for 16 of 16 steps")
        #expect(fresh.map(\.step) == stale.map(\.step) && fresh.prefix(13) == stale.prefix(13))
        // `keepwarm audit`, --json and the printable page all go through AuditReview.summary: the same function.
        let summary = try AuditReview.summary(f.p, path: f.path, now: before)
        #expect(summary.evidence.first { $0.step == 16 }?.detail == "owners named for 16 of 16 steps")
    }

    @Test func theFirstReviewIsNowAndALaterOneFallsOnAnOpenDay() throws {
        let f = try Fixture()
        let none = NextReview.of(f.p, now: f.t("2026-03-02 10:00"))
        #expect(!none.walked && !none.overdue && none.text == "no audit walked yet: walk it now")
        let page = AuditReportPage(f.p, summary: try AuditReview.summary(f.p, path: f.path, now: f.t("2026-03-02 10:00")),
                                   window: AuditWindow(end: f.t("2026-03-02 10:00")), now: f.t("2026-03-02 10:00"), charts: []).html
        #expect(page.contains("No audit walked yet: walk it now") && !page.contains("a quarter after the last one"))
        // Finished on a Saturday; Anna works Monday to Friday: 13 weeks on is a Saturday, so the Monday after.
        try f.run("2026-03-07 10:00", .startAudit)
        try f.run("2026-03-07 10:05", .finishAudit(inPlace: 0, evidenceMet: 0, evidenceSteps: 0))
        #expect(NextReview.of(f.p, now: f.t("2026-03-08 10:00")).text == "Saturday 6 June 2026 (2026-06-06)", "no hours set: the date as it falls")
        let weekdays = WorkingRange(start: 9 * 60, end: 17 * 60)
        try f.run("2026-03-08 10:00", .setHours(practitioner: "p1", days: [0: [weekdays], 1: [weekdays], 2: [weekdays], 3: [weekdays], 4: [weekdays]]))
        let next = NextReview.of(f.p, now: f.t("2026-03-08 10:00"))
        #expect(next.walked && next.text == "Monday 8 June 2026 (2026-06-08)")
    }

    @Test func anEmptyPracticeHasNoNewClientsYet() throws {
        let f = try Fixture()
        #expect(Chart.newClientsBySource(f.p, now: f.t("2026-03-02 10:00")).period == "no new clients yet")
    }
}
