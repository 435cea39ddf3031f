extension Chart {
    /// How many quarters the funnel, the retention curve and new clients by source show: two years, as the sources
    /// report's text table does.
    public static let chartQuarters = 8

    public static let funnelFormula =
        "clients whose first visit (an attended session, or the first visit their imported history records) falls in the quarter; of them, those with a second and with a third visit by now. Imported visits count as visits, as everywhere a client's visits are counted; clients from a recent quarter have had less time to come back"

    /// The 2 → 3 funnel by first-visit quarter: of the clients who first came in each of the last 8 quarters (this one
    /// included), how many came a second and a third time by `now`.
    public static func funnel(_ p: Practice, now: Instant) -> Chart { funnel(ChartPass(p, now: now)) }

    static func funnel(_ pass: ChartPass) -> Chart {
        let cal = pass.calendar, now = pass.now, visits = pass.visits, today = pass.today
        let start = max(QuarterNumber.firstDay(QuarterNumber.of(day: today) - (chartQuarters - 1)),
                        visits.map(\.firstDay).min() ?? today)
        let period = ReportPeriod(calendar: cal, startDay: start, now: now)
        let quarters = visits.isEmpty ? [] : ReportCalendar.quarters(from: start, to: today, period: period)
        var counts = Array(repeating: [0, 0, 0], count: quarters.count)
        for v in visits {
            guard let q = ReportCalendar.index(of: v.firstDay, in: quarters) else { continue }
            counts[q][0] += 1
            if v.count >= 2 { counts[q][1] += 1 }
            if v.count >= 3 { counts[q][2] += 1 }
        }
        let rows = zip(quarters, counts).map { q, n in
            Row(label: q.chartLabel, values: n.map(Double.init),
                caption: "\(n[0]) first · \(n[1]) second · \(n[2]) third" + (n[1] > 0 ? " (2 → 3: \(Figure.percent(Double(n[2]) / Double(n[1]))))" : ""))
        }
        return Chart(key: "funnel", title: "First, second and third visits by first-visit quarter",
                     period: quarters.isEmpty ? "no visits yet" : "\(quarters[0].label) to \(quarters[quarters.count - 1].label), now \(cal.dateString(now))",
                     kind: .grouped, series: ["first visit", "second", "third"], rows: rows, formula: funnelFormula)
    }
}
