extension Chart {
    /// How many sources the chart names; the rest are added together as `Other sources` (before `(not recorded)`), so
    /// every series can have its own style.
    public static let namedSources = 5
    public static let otherSources = "Other sources"

    /// New clients by source per quarter: the sources report (`SourcesReport`) over the last 8 quarters, this one
    /// included, one stacked bar per quarter. The 5 sources with most new clients are named; the rest are `Other
    /// sources`; clients without a source are `(not recorded)`, last. Each bar is the `All sources` column.
    public static func newClientsBySource(_ p: Practice, now: Instant) -> Chart {
        let cal = p.calendar
        let since = QuarterNumber.firstDay(QuarterNumber.of(day: cal.day(of: now)) - (chartQuarters - 1))
        let r = SourcesReport.build(p, since: since, now: now)
        let named = r.rows.filter { $0.source != nil }
        let notRecorded = r.rows.filter { $0.source == nil }
        let kept = Array(named.prefix(namedSources)), others = Array(named.dropFirst(namedSources))
        var series = kept.map(\.label)
        var columns: [[Int]] = kept.map { $0.byQuarter.map(count) }
        if !others.isEmpty {
            series.append(otherSources)
            columns.append(r.quarters.indices.map { q in others.reduce(0) { $0 + count($1.byQuarter[q]) } })
        }
        for row in notRecorded {
            series.append(row.label)
            columns.append(row.byQuarter.map(count))
        }
        let rows: [Row] = r.rows.isEmpty ? [] : r.quarters.enumerated().map { q, b in
            let values = columns.map { $0[q] }
            return Row(label: b.chartLabel, values: values.map(Double.init),
                       caption: "\(count(r.total.byQuarter[q])) new: " + values.map(String.init).joined(separator: " · "))
        }
        return Chart(key: "newClientsBySource", title: "New clients by source per quarter",
                     period: rows.isEmpty ? p.clients.isEmpty ? "no new clients yet" : "no new clients since \(Chart.quarterLabel(QuarterNumber.of(day: since)))" : "\(r.quarters[0].label) to \(r.quarters[r.quarters.count - 1].label), now \(cal.dateString(now))",
                     kind: .stacked, series: series, rows: rows, formula: SourcesReport.quarterFormula + "; each bar is every new client that quarter")
    }

    private static func count(_ f: Figure) -> Int { Int(f.value ?? 0) }
}
