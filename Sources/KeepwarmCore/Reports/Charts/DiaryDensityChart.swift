extension Chart {
    /// How many weeks the diary density chart shows: 52, this one included, so a year of the diary.
    public static let densityWeeks = 52

    public static let densityFormula =
        "appointments starting in the week (Monday to Sunday), by what became of them by now: attended, no-show, or still booked (later this week, or never marked); cancelled ones are left out. The bar is all of them, booked"

    /// Diary density per week over the last 52 weeks (this one included): each week's appointments, attended, no-show
    /// and still booked, as one stacked bar. Weeks before the first client was seen are left out.
    public static func diaryDensity(_ p: Practice, now: Instant) -> Chart {
        let cal = p.calendar
        let subjects = ReportSubjects(p, now: now)
        let today = cal.day(of: now)
        let first = ReportCalendar.monday(of: today) - (densityWeeks - 1) * 7
        let start = max(first, subjects.firstDay(cal).map(ReportCalendar.monday(of:)) ?? today)
        let period = ReportPeriod(calendar: cal, startDay: start, now: now)
        let weeks = subjects.clients.isEmpty ? [] : ReportCalendar.weeks(from: start, to: today, period: period)
        var counts = Array(repeating: [0, 0, 0], count: weeks.count)
        for apps in subjects.appointments {
            for a in apps where a.status != .cancelled {
                guard let w = ReportCalendar.index(of: cal.day(of: a.start), in: weeks) else { continue }
                counts[w][a.status == .attended ? 0 : a.status == .noShow ? 1 : 2] += 1
            }
        }
        let rows = zip(weeks, counts).map { w, n in
            Row(label: w.chartLabel, values: n.map(Double.init),
                caption: "\(n[0] + n[1] + n[2]) booked: \(n[0]) attended · \(n[1]) no-show · \(n[2]) still booked")
        }
        return Chart(key: "diaryDensity", title: "Diary density per week",
                     period: weeks.isEmpty ? "no clients yet" : "the \(weeks.count) week\(weeks.count == 1 ? "" : "s") to \(cal.dateString(now)) (weeks of \(weeks[0].label) to \(weeks[weeks.count - 1].label))",
                     kind: .stacked, series: ["attended", "no-show", "still booked"], rows: rows, formula: densityFormula)
    }
}
