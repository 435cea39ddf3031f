/// One source's line in the sources report.
public struct SourceRow: Equatable, Sendable {
    /// The source as the client gave it (the first spelling seen), or nil for clients with no source recorded (and for
    /// the total).
    public let source: String?
    /// The row's name for people: the source, `(not recorded)`, or `All sources` for the total.
    public let label: String
    /// New clients in each of the report's quarters, in the same order as `SourcesReport.quarters`.
    public let byQuarter: [Figure]
    /// New clients in the whole period.
    public let newClients: Figure
    /// Of those, the share who reached a third attended session by `now` (`numerator` is how many).
    public let reachedThird: Figure
}

/// Where new clients come from, quarter by quarter, and which sources bring clients who stay past a first visit or two.
public struct SourcesReport: Equatable, Sendable {
    public let period: ReportPeriod
    /// The quarters shown, oldest first; quarters before the first client was added are left out.
    public let quarters: [ReportBucket]
    /// Most new clients first (then by name); clients with no source recorded come last.
    public let rows: [SourceRow]
    /// Every new client in the period, whatever the source.
    public let total: SourceRow

    public static let allSources = "All sources"
    public static let newClientsFormula =
        "clients added in the period (by the local date of intake) whose source is this one"
    public static let quarterFormula =
        "clients added in this quarter (by the local date of intake, within the period) whose source is this one"
    public static let reachedThirdFormula =
        "clients from this source added in the period with at least 3 attended sessions by now ÷ clients from this source added in the period"

    /// The report's default start: the day the first client was added (today if there are none yet).
    public static func defaultStartDay(_ p: Practice, now: Instant) -> Int {
        ReportSubjects(p, now: now).firstDay(p.calendar) ?? p.calendar.day(of: now)
    }

    /// The sources report for clients added from local day `since` (default: the first client) up to `now`.
    public static func build(_ p: Practice, since: Int? = nil, now: Instant) -> SourcesReport {
        let subjects = ReportSubjects(p, now: now)
        let cal = p.calendar
        let period = ReportPeriod(calendar: cal, startDay: since ?? subjects.firstDay(cal) ?? cal.day(of: now), now: now)
        let firstQuarterDay = max(period.startDay, subjects.firstDay(cal) ?? period.today)
        let quarters = ReportCalendar.quarters(from: firstQuarterDay, to: period.today, period: period)

        // Each figure keeps the clients it counts (the drill-down), so its numbers are the lengths of these lists.
        struct Tally {
            var source: String?
            var byQuarter: [[FigureSubject]]
            var total: [FigureSubject] = []
            var third: [FigureSubject] = []
        }
        var tallies: [String?: Tally] = [:]
        var all = Tally(source: nil, byQuarter: Array(repeating: [], count: quarters.count))
        for (i, c) in subjects.clients.enumerated() where period.contains(c.firstSeen) {
            let key = SourceKey.key(c.source)
            var t = tallies[key] ?? Tally(source: SourceKey.display(c.source), byQuarter: Array(repeating: [], count: quarters.count))
            let reached = subjects.attended(i, by: now).count >= 3
            if let q = ReportCalendar.index(of: cal.day(of: c.firstSeen), in: quarters) {
                t.byQuarter[q].append(.client(c.id))
                all.byQuarter[q].append(.client(c.id))
            }
            t.total.append(.client(c.id))
            all.total.append(.client(c.id))
            if reached { t.third.append(.client(c.id)); all.third.append(.client(c.id)) }
            tallies[key] = t
        }

        func row(_ t: Tally, source: String?, label: String) -> SourceRow {
            SourceRow(
                source: source, label: label,
                byQuarter: zip(quarters, t.byQuarter).map { q, n in
                    Figure.count("newClients", "New clients \(q.label)", n, unit: .clients, formula: quarterFormula)
                },
                newClients: .count("newClients", "New clients", t.total, unit: .clients, formula: newClientsFormula),
                reachedThird: .share("reachedThird", "Reached a 3rd session", t.third, of: t.total, formula: reachedThirdFormula))
        }
        let rows = tallies.values
            .sorted { a, b in
                if (a.source == nil) != (b.source == nil) { return b.source == nil }
                if a.total.count != b.total.count { return a.total.count > b.total.count }
                return (a.source ?? "").lowercased() < (b.source ?? "").lowercased()
            }
            .map { row($0, source: $0.source, label: $0.source ?? SourceKey.notRecorded) }
        return SourcesReport(period: period, quarters: quarters, rows: rows, total: row(all, source: nil, label: SourcesReport.allSources))
    }
}
