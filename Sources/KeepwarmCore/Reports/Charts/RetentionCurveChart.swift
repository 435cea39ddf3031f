extension Chart {
    public static let retentionCurveFormula =
        "of the clients whose first visit falls in the quarter, the share whose last visit by now (an attended session, or the last visit their imported history records) is in the k-th quarter after it or later: still coming back k quarters on. A quarter that has not begun is not drawn, so recent quarters have shorter curves"

    /// The retention curve by first-visit quarter: for each of the 8 quarters before this one, the share of the clients
    /// who first came then who were still visiting 1, 2, … 8 quarters later. Value k − 1 of a row is quarter k after the
    /// first; a row has only the values for quarters that have begun by `now` (this one counts, in part).
    public static func retentionCurve(_ p: Practice, now: Instant) -> Chart { retentionCurve(ChartPass(p, now: now)) }

    static func retentionCurve(_ pass: ChartPass) -> Chart {
        let cal = pass.calendar, now = pass.now, visits = pass.visits
        let thisQuarter = QuarterNumber.of(day: pass.today)
        let oldest = max(thisQuarter - chartQuarters, visits.map { QuarterNumber.of(day: $0.firstDay) }.min() ?? thisQuarter)
        // Clients and, by k, those still visiting k quarters on, per cohort quarter from `oldest` to last quarter.
        var cohorts = Array(repeating: (clients: 0, still: Array(repeating: 0, count: chartQuarters)), count: max(0, thisQuarter - oldest))
        for v in visits {
            let q0 = QuarterNumber.of(day: v.firstDay), last = QuarterNumber.of(day: v.lastDay)
            guard q0 >= oldest, q0 < thisQuarter else { continue }
            cohorts[q0 - oldest].clients += 1
            for k in 1...chartQuarters where last >= q0 + k { cohorts[q0 - oldest].still[k - 1] += 1 }
        }
        let rows: [Row] = cohorts.enumerated().compactMap { offset, c in
            guard c.clients > 0 else { return nil }
            let q0 = oldest + offset
            let shown = min(chartQuarters, thisQuarter - q0)
            let shares = (0..<shown).map { Double(c.still[$0]) / Double(c.clients) }
            return Row(label: quarterLabel(q0), values: shares,
                       caption: "\(c.clients) client\(c.clients == 1 ? "" : "s"): " + shares.map(Figure.percent).joined(separator: " "))
        }
        return Chart(key: "retention", title: "Still visiting, by first-visit quarter",
                     period: rows.isEmpty ? "no quarter has ended since the first visit"
                        : "first visits \(rows[0].label) to \(rows[rows.count - 1].label), now \(cal.dateString(now))",
                     kind: .curve, series: (1...chartQuarters).map { "+\($0)q" }, rows: rows, formula: retentionCurveFormula)
    }

    /// `2026-Q3` for quarter number `q`.
    static func quarterLabel(_ q: Int) -> String {
        let (y, m, _) = Civil.date(fromDays: QuarterNumber.firstDay(q))
        return "\(y)-Q\((m - 1) / 3 + 1)"
    }
}
