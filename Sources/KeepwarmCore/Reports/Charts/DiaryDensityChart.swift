extension Chart {
    /// How many weeks the diary density chart shows: 52, this one included, so a year of the diary.
    public static let densityWeeks = 52

    public static let densityFormula =
        "appointments starting in the week (Monday to Sunday), by what became of them by now: attended, no-show, or still booked (later this week, or never marked); cancelled ones are left out. The bar is all of them, booked"

    /// Diary density per week over the last 52 weeks (this one included): each week's appointments, attended, no-show
    /// and still booked, as one stacked bar. Weeks before the first client was seen are left out.
    public static func diaryDensity(_ p: Practice, now: Instant) -> Chart { diaryDensity(ChartPass(p, now: now)) }

    static func diaryDensity(_ pass: ChartPass) -> Chart {
        let cal = pass.calendar, now = pass.now, today = pass.today
        let start = max(pass.densityMonday, pass.firstDay.map(ReportCalendar.monday(of:)) ?? today)
        let period = ReportPeriod(calendar: cal, startDay: start, now: now)
        let weeks = pass.firstDay == nil ? [] : ReportCalendar.weeks(from: start, to: today, period: period)
        // The pass counted by week from the oldest Monday the chart can show; the chart starts at `start`.
        let counts = weeks.map { pass.density[($0.firstDay - pass.densityMonday) / 7] }
        let rows = zip(weeks, counts).map { w, n in
            Row(label: w.chartLabel, values: n.map(Double.init),
                caption: "\(n[0] + n[1] + n[2]) booked: \(n[0]) attended · \(n[1]) no-show · \(n[2]) still booked")
        }
        return Chart(key: "diaryDensity", title: "Diary density per week",
                     period: weeks.isEmpty ? "no clients yet" : "the \(weeks.count) week\(weeks.count == 1 ? "" : "s") to \(cal.dateString(now)) (weeks of \(weeks[0].label) to \(weeks[weeks.count - 1].label))",
                     kind: .stacked, series: ["attended", "no-show", "still booked"], rows: rows, formula: densityFormula)
    }
}
