import Testing
@testable import KeepwarmCore

/// The drill-down (`FigureMembers`, `DrillDown`): every figure in the audit and the three reports carries the records
/// behind it, and the lists are exactly as long as the numbers shown, on a demo practice.
@Suite struct DrillDownTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    static func demo() throws -> Practice {
        var p = Practice()
        for e in DemoGenerator(seed: 16, events: 12_000, end: end).events() { try p.apply(e) }
        return p
    }

    /// Figures that measure hours of diary time rather than count records: the only ones without a list.
    static let noList: Set<String> = ["hours", "shareOfBusiest", "14", "15", "16"]

    /// Checks one figure's lists against its numbers; returns how many records it listed.
    @discardableResult
    static func check(_ f: PlacedFigure, _ p: Practice, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let fig = f.figure
        guard let m = fig.members else {
            // Only figures that do not count records, and months before the practice's first client ("no data").
            #expect(noList.contains(fig.key) || fig.value == nil, "\(f.title) has no list", sourceLocation: sourceLocation)
            return 0
        }
        switch fig.unit {
        case .share:
            #expect(m.numerator?.count == fig.numerator ?? 0, "\(f.title)", sourceLocation: sourceLocation)
            #expect(m.denominator.count == fig.denominator ?? 0, "\(f.title)", sourceLocation: sourceLocation)
            #expect(m.missed.count == (fig.denominator ?? 0) - (fig.numerator ?? 0), "\(f.title): the numerator is inside the denominator", sourceLocation: sourceLocation)
            #expect(Set(m.denominator).count == m.denominator.count, "\(f.title) lists nothing twice", sourceLocation: sourceLocation)
        case .clients, .referrals:
            #expect(Double(m.denominator.count) == fig.value, "\(f.title)", sourceLocation: sourceLocation)
        case .days, .score:
            #expect(m.denominator.count == fig.denominator ?? 0, "\(f.title)", sourceLocation: sourceLocation)
        case .hours:
            Issue.record("\(f.title) counts hours but has a list", sourceLocation: sourceLocation)
        }
        for list in FigureList.allCases {
            let d = DrillDown.of(f, list: list, in: p)
            #expect(d?.subjects.count == list.subjects(m).count, sourceLocation: sourceLocation)
            #expect(d?.rows(in: p).allSatisfy { r in r.client.map { p.client($0) != nil } ?? true } == true, sourceLocation: sourceLocation)
        }
        return m.denominator.count
    }

    static func everyFigure(_ p: Practice, now: Instant) -> [PlacedFigure] {
        let w = AuditWindow(end: now)
        return AuditEvidence.placedFigures(AuditEvidence.all(p, window: w), window: w, calendar: p.calendar)
            + RetentionReport.build(p, now: now).placedFigures
            + SourcesReport.build(p, now: now).placedFigures
            + ReferrersReport.build(p, now: now).placedFigures
            + WhyLeftReport.build(p, since: nil, now: now).placedFigures
    }

    @Test func everyFigureOnTheDemoListsExactlyItsRecords() throws {
        let p = try Self.demo()
        let figures = Self.everyFigure(p, now: Self.end)
        var listed = 0
        for f in figures { listed += Self.check(f, p) }
        #expect(listed > 1000, "the demo has records behind its figures")
        // Every figure key of every report is here, so a figure added later without a list fails above.
        let keys = Set(figures.map(\.figure.key))
        for k in ["1", "5", "7", "13", "rebookingRate", "firstToSecond", "secondToThird", "noShowRate", "medianDaysBetweenSessions",
                  "satisfaction", "activeClients", "meanScore", "newClients", "reachedThird", "referrals", "thankedOnTime",
                  "thankedLate", "notYetThanked", "overdue", "closed", "cost", "moved-away"] {
            #expect(keys.contains(k), "\(k)")
        }
    }

    @Test func postSessionMissedListLeadsToTheClients() throws {
        let p = try Self.demo()
        let w = AuditWindow(end: Self.end)
        let five = AuditEvidence.placedFigures(AuditEvidence.all(p, window: w), window: w, calendar: p.calendar)[4]
        let d = try #require(DrillDown.of(five, list: .missed, in: p))
        #expect(d.subjects.count == (five.figure.denominator ?? 0) - (five.figure.numerator ?? 0))
        #expect(d.caption == "\(d.subjects.count) missed of \(five.figure.denominator ?? 0)")
        #expect(d.title.hasPrefix("5. Post-session message, "))
        for r in d.rows(in: p) {
            guard case .session(let a, let c) = r.subject else { Issue.record("not a session: \(r.subject)"); continue }
            #expect(p.appointment(a)?.client == c && r.client == c)
            #expect(!(p.client(c)?.touchpoints.contains { $0.kind == .postSession && $0.at >= p.appointment(a)!.start && $0.at <= p.appointment(a)!.end.adding(hours: 24) } ?? true))
        }
    }

    @Test func aFigureIsFoundByKeyRowAndColumnOrSaysWhatToType() throws {
        let p = try Self.demo()
        let s = SourcesReport.build(p, now: Self.end)
        let figures = s.placedFigures
        let row = try #require(s.rows.first?.label)
        guard case .success(let f) = FigureChoice.find(figures, key: "reachedthird", row: " \(row.uppercased())", column: nil) else {
            Issue.record("not found"); return
        }
        #expect(f.row == row && f.figure.key == "reachedThird")
        guard case .failure(let e) = FigureChoice.find(figures, key: "reachedThird", row: nil, column: nil) else { Issue.record("found without a row"); return }
        #expect(e.message.hasPrefix("reachedThird needs --row (one of: "))
        guard case .failure(let e2) = FigureChoice.find(figures, key: "nonsense", row: nil, column: nil) else { Issue.record("found"); return }
        #expect(e2.message.hasPrefix("no figure is called nonsense; choose one of: "))
        let r = RetentionReport.build(p, now: Self.end)
        guard case .failure(let e3) = FigureChoice.find(r.placedFigures, key: "hours", row: nil, column: r.densityByWeek[0].week.label) else { Issue.record("hours listed"); return }
        #expect(e3.message == "hours does not count clients, sessions or referrals; there is no list behind it")
    }
}

/// One definition for one idea: the audit's checkout rebooking (step 4) and 2 → 3 (step 7) against the retention
/// report's rebooking rate and 2nd → 3rd visit. Where they differ, the difference is the one both formulas name.
@Suite struct AuditRetentionAgreementTests {
    @Test func rebookingAndSecondToThirdDifferOnlyAsNamed() throws {
        let p = try DrillDownTests.demo()
        let end = DrillDownTests.end
        let w = AuditWindow(end: end)
        let cal = p.calendar
        let evidence = AuditEvidence.all(p, window: w)
        // The report's period starts the day after the window's start, so it lies inside the audit's window.
        let report = RetentionReport.build(p, since: cal.day(of: w.start) + 1, now: end)
        let four = try #require(evidence[3].members), rebooking = try #require(report.rebookingRate.members)
        let auditMet = Set(four.numerator ?? []), reportMet = Set(rebooking.numerator ?? [])
        let both = Set(four.denominator).intersection(rebooking.denominator)
        #expect(both.count > 50)
        // The report's sessions are all in the audit's, but for a visit that ended care (named in both formulas).
        func closed(_ s: FigureSubject) -> Bool { s.client.map { [.discharged, .movedAway].contains(p.clients[$0.index].status) } ?? false }
        for s in Set(rebooking.denominator).subtracting(four.denominator) { #expect(closed(s), "\(s)") }
        var differ = 0
        for s in both where auditMet.contains(s) != reportMet.contains(s) {
            differ += 1
            guard case .session(let id, let c) = s, let a = p.appointment(id) else { Issue.record("\(s)"); continue }
            let day = cal.day(of: a.start), dayOver = cal.instant(day: day + 1, minute: 0)
            let later = p.clients[c.index].appointments.map { p.appointments[$0.index] }.filter { !$0.withdrawn && $0.start > a.start }
            if reportMet.contains(s) {
                // Booked on the day, but nothing of it stood at the end of the day (cancelled that day).
                #expect(later.filter { cal.day(of: $0.bookedAt) == day }.allSatisfy { $0.status == .cancelled && ($0.settledAt ?? end) < dayOver }, "\(s)")
            } else {
                // Left with a session booked before the visit's day.
                #expect(later.contains { cal.day(of: $0.bookedAt) < day }, "\(s)")
            }
        }
        #expect(differ < both.count / 2, "the two figures mostly agree")

        // 2 → 3: the same second visits; the report waits 56 days, the audit 28, and the audit leaves out a visit that
        // ended care. So every client in the report's cohort is in the audit's, or their care ended.
        let seven = try #require(evidence[6].members), third = try #require(report.secondToThird.members)
        #expect(!third.denominator.isEmpty)
        for s in third.denominator where !seven.denominator.contains(s) { #expect(closed(s), "\(s)") }
        #expect(evidence[3].formula.hasSuffix(AuditEvidence.rebookingDifference))
        #expect(evidence[6].formula.hasSuffix(AuditEvidence.conversionDifference))
        #expect(report.rebookingRate.formula.contains("the audit's checkout rebooking, step 4, differs"))
        #expect(report.secondToThird.formula.contains("the audit's 2 → 3, step 7, differs"))
    }
}
