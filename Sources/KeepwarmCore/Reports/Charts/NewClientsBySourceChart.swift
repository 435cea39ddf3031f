extension Chart {
    /// How many sources the chart names; the rest are added together as `Other sources` (before `(not recorded)`), so
    /// every series can have its own style.
    public static let namedSources = 5
    public static let otherSources = "Other sources"

    /// New clients by source per quarter: the sources report (`SourcesReport`) over the last 8 quarters, this one
    /// included, one stacked bar per quarter. The 5 sources with most new clients are named; the rest are `Other
    /// sources`; clients without a source are `(not recorded)`, last. Each bar is the `All sources` column.
    public static func newClientsBySource(_ p: Practice, now: Instant) -> Chart { newClientsBySource(ChartPass(p, now: now)) }

    /// The same counts as `SourcesReport.build(p, since:, now:)` (ChartPassTests holds them to it), from the sources
    /// the pass gathered instead of the whole report with its drill-down lists.
    static func newClientsBySource(_ pass: ChartPass) -> Chart {
        let cal = pass.calendar, now = pass.now, since = pass.sourcesSince
        let period = ReportPeriod(calendar: cal, startDay: since, now: now)
        let quarters = ReportCalendar.quarters(from: max(period.startDay, pass.firstDay ?? period.today), to: period.today, period: period)
        struct Tally { let source: String?; let total: Int; let byQuarter: [Int] }
        let tallies = pass.sources.values.map { s in
            var n = Array(repeating: 0, count: quarters.count)
            for d in s.days { if let q = ReportCalendar.index(of: d, in: quarters) { n[q] += 1 } }
            return Tally(source: s.display, total: s.days.count, byQuarter: n)
        }
        // The sources report's order: most new clients first, then by name; not recorded last.
        let sorted = tallies.sorted { a, b in
            if (a.source == nil) != (b.source == nil) { return b.source == nil }
            if a.total != b.total { return a.total > b.total }
            return (a.source ?? "").lowercased() < (b.source ?? "").lowercased()
        }
        let named = sorted.filter { $0.source != nil }
        let notRecorded = sorted.filter { $0.source == nil }
        let kept = Array(named.prefix(namedSources)), others = Array(named.dropFirst(namedSources))
        var series = kept.map { $0.source! }
        var columns: [[Int]] = kept.map(\.byQuarter)
        if !others.isEmpty {
            series.append(otherSources)
            columns.append(quarters.indices.map { q in others.reduce(0) { $0 + $1.byQuarter[q] } })
        }
        for row in notRecorded {
            series.append(SourceKey.notRecorded)
            columns.append(row.byQuarter)
        }
        let totals = quarters.indices.map { q in tallies.reduce(0) { $0 + $1.byQuarter[q] } }
        let rows: [Row] = tallies.isEmpty ? [] : quarters.enumerated().map { q, b in
            let values = columns.map { $0[q] }
            return Row(label: b.chartLabel, values: values.map(Double.init),
                       caption: "\(totals[q]) new: " + values.map(String.init).joined(separator: " · "))
        }
        return Chart(key: "newClientsBySource", title: "New clients by source per quarter",
                     period: rows.isEmpty ? pass.firstDay == nil ? "no new clients yet" : "no new clients since \(Chart.quarterLabel(QuarterNumber.of(day: since)))" : "\(quarters[0].label) to \(quarters[quarters.count - 1].label), now \(cal.dateString(now))",
                     kind: .stacked, series: series, rows: rows, formula: SourcesReport.quarterFormula + "; each bar is every new client that quarter")
    }
}
