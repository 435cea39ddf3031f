/// Active clients in one calendar month.
public struct MonthFigure: Equatable, Sendable {
    public let month: ReportBucket
    /// Clients with at least one attended session that month; no data for a month before the first client was added.
    public let activeClients: Figure
}

/// How full the diary was in one week (Monday to Sunday).
public struct WeekDensity: Equatable, Sendable {
    public let week: ReportBucket
    /// Hours of attended and still-booked appointments starting that week; no data before the first client was added.
    public let hours: Figure
    /// `hours` ÷ the busiest week's hours in the series; no data when no week had any.
    public let shareOfBusiest: Figure
}

/// Mean satisfaction of the clients from one source.
public struct SatisfactionRow: Equatable, Sendable {
    /// The source as first written, or nil for clients with no source recorded.
    public let source: String?
    public let label: String
    /// Mean score; `numerator` is the sum of the scores and `denominator` how many there were.
    public let meanScore: Figure
}

/// Whether clients come back: rebooking at the visit, the second and third visits, no-shows, gaps between visits,
/// active clients by month, how full the diary is by week, and satisfaction by source.
public struct RetentionReport: Equatable, Sendable {
    /// A client's next visit counts as a conversion only if it comes within this many days, and a client is counted only
    /// once this many days have passed, so every client counted had the same chance (see Docs/reports.md).
    public static let conversionWindowDays = 56

    public let period: ReportPeriod
    public let rebookingRate: Figure
    public let firstToSecond: Figure
    public let secondToThird: Figure
    public let noShowRate: Figure
    public let medianDaysBetweenSessions: Figure
    /// Overall mean satisfaction score in the period.
    public let satisfaction: Figure
    /// The months shown, oldest first: the last 12 by default, or from `--since`.
    public let activeClientsByMonth: [MonthFigure]
    /// The weeks of the period, oldest first (26 by default).
    public let densityByWeek: [WeekDensity]
    /// The week with the most hours, the earliest if several tie; nil when no week had any.
    public let busiestWeek: ReportBucket?
    /// Sources with feedback in the period, most scores first, not recorded last; empty when there is no feedback.
    public let satisfactionBySource: [SatisfactionRow]

    /// The single figures, in the order they are shown.
    public var headline: [Figure] { [rebookingRate, firstToSecond, secondToThird, noShowRate, medianDaysBetweenSessions, satisfaction] }

    public static let rebookingFormula =
        "attended sessions in the period (whose day has ended) followed by a booking for a later appointment made the same local day as the session ÷ those attended sessions" +
        " (the audit's checkout rebooking, step 4, differs: a later session booked by the end of the day, made then or before and still standing, and not the visit that ended care)"
    public static let firstToSecondFormula =
        "clients whose first attended session is in the period and at least \(conversionWindowDays) days old who attended a second within \(conversionWindowDays) days of the first ÷ those clients" +
        " (the audit's 1 → 2 differs: a 2nd booked within 28 days, attended or not)"
    public static let secondToThirdFormula =
        "clients whose second attended session is in the period and at least \(conversionWindowDays) days old who attended a third within \(conversionWindowDays) days of the second ÷ those clients" +
        " (the audit's 2 → 3, step 7, differs: a 3rd booked within 28 days, attended or not)"
    public static let noShowFormula =
        "no-shows ÷ (attended + no-shows), over appointments starting in the period; cancellations are left out"
    public static let medianGapFormula =
        "median of the calendar days between each attended session in the period and the same client's previous attended session"
    public static let satisfactionFormula = "sum of the feedback scores given in the period ÷ number of scores"
    public static let satisfactionBySourceFormula =
        "sum of the scores given in the period by clients from this source ÷ number of those scores"
    public static let activeFormula = "clients with at least one attended session starting in the month"
    public static let hoursFormula = "sum of the lengths of the attended and still-booked appointments starting in the week, in hours"
    public static let densityFormula = "this week's attended and booked hours ÷ the busiest week's, over the weeks shown"

    /// The report's default start: the Monday 25 weeks before this week's, so the period is 26 whole weeks.
    public static func defaultStartDay(_ p: Practice, now: Instant) -> Int {
        ReportCalendar.monday(of: p.calendar.day(of: now)) - 25 * 7
    }

    /// The retention report from local day `since` (default: 26 weeks) up to `now`. Without `since`, active clients
    /// are shown for the last 12 months; with it, from the month holding `since`.
    public static func build(_ p: Practice, since: Int? = nil, now: Instant) -> RetentionReport {
        let cal = p.calendar
        let period = ReportPeriod(calendar: cal, startDay: since ?? defaultStartDay(p, now: now), now: now)
        let subjects = ReportSubjects(p, now: now)
        let firstDay = subjects.firstDay(cal)
        let window = conversionWindowDays

        // Each figure keeps the records it counts (the drill-down), so its numbers are the lengths of these lists.
        var rebooked: [FigureSubject] = [], rebookable: [FigureSubject] = []
        var conv12: [FigureSubject] = [], cohort12: [FigureSubject] = [], conv23: [FigureSubject] = [], cohort23: [FigureSubject] = []
        var noShows: [FigureSubject] = [], settled: [FigureSubject] = []
        var gaps: [Int] = [], gapSessions: [FigureSubject] = []
        var scoreSum = 0, scores: [FigureSubject] = []
        var bySource: [String?: (source: String?, sum: Int, scores: [FigureSubject])] = [:]

        let months = ReportCalendar.months(from: since ?? ReportCalendar.firstOfMonth(ReportCalendar.day(period.today, minusMonths: 11)),
                                           to: period.today, period: period)
        let weeks = ReportCalendar.weeks(from: period.startDay, to: period.today, period: period)
        var activeSets = Array(repeating: [FigureSubject](), count: months.count)
        var weekMinutes = Array(repeating: 0, count: weeks.count)

        for (i, c) in subjects.clients.enumerated() {
            let apps = subjects.appointments[i]
            let att = subjects.attended(i, by: now)
            let attDays = att.map { cal.day(of: $0.start) }

            // Rebooking at the visit: a later appointment booked on the visit's own local day.
            let bookedDays = apps.map { cal.day(of: $0.bookedAt) }
            for (k, s) in att.enumerated() where period.contains(s.start) && period.isOver(day: attDays[k]) {
                rebookable.append(.session(s.id, client: c.id))
                if apps.indices.contains(where: { apps[$0].start > s.start && bookedDays[$0] == attDays[k] }) { rebooked.append(.session(s.id, client: c.id)) }
            }

            // Second and third visits, each client given the same window to come back.
            if let d1 = attDays.first, period.contains(att[0].start), period.isOver(day: d1 + window) {
                cohort12.append(.client(c.id))
                if attDays.count >= 2 && attDays[1] <= d1 + window { conv12.append(.client(c.id)) }
            }
            if attDays.count >= 2, period.contains(att[1].start), period.isOver(day: attDays[1] + window) {
                cohort23.append(.client(c.id))
                if attDays.count >= 3 && attDays[2] <= attDays[1] + window { conv23.append(.client(c.id)) }
            }

            for a in apps where period.contains(a.start) {
                if a.status == .attended || a.status == .noShow { settled.append(.session(a.id, client: c.id)) }
                if a.status == .noShow { noShows.append(.session(a.id, client: c.id)) }
            }
            for k in att.indices.dropFirst() where period.contains(att[k].start) {
                gaps.append(attDays[k] - attDays[k - 1])
                gapSessions.append(.session(att[k].id, client: c.id))
            }

            var seenMonths = Set<Int>()
            for d in attDays { if let m = ReportCalendar.index(of: d, in: months) { seenMonths.insert(m) } }
            for m in seenMonths.sorted() { activeSets[m].append(.client(c.id)) }

            for a in apps where a.status == .attended || a.status == .booked {
                if let w = ReportCalendar.index(of: cal.day(of: a.start), in: weeks) { weekMinutes[w] += a.minutes }
            }

            for f in c.feedback where period.contains(f.at) {
                scoreSum += f.score
                scores.append(.score(client: c.id, at: f.at))
                let key = SourceKey.key(c.source)
                var e = bySource[key] ?? (SourceKey.display(c.source), 0, [])
                e.sum += f.score
                e.scores.append(.score(client: c.id, at: f.at))
                bySource[key] = e
            }
        }

        func before(_ b: ReportBucket) -> Bool { firstDay.map { b.lastDay < $0 } ?? true }
        let activeByMonth = months.enumerated().map { m, b in
            MonthFigure(month: b, activeClients: before(b)
                        ? Figure(key: "activeClients", label: "Active clients \(b.label)", value: nil, unit: .clients, formula: activeFormula)
                        : .count("activeClients", "Active clients \(b.label)", activeSets[m], unit: .clients, formula: activeFormula))
        }
        let busiestMinutes = zip(weeks, weekMinutes).filter { !before($0.0) }.map(\.1).max() ?? 0
        let busiest = busiestMinutes > 0 ? weeks.indices.first { weekMinutes[$0] == busiestMinutes && !before(weeks[$0]) } : nil
        let density = weeks.enumerated().map { w, b -> WeekDensity in
            let hours = Figure(key: "hours", label: "Hours \(b.label)", value: before(b) ? nil : Double(weekMinutes[w]) / 60,
                               numerator: before(b) ? nil : weekMinutes[w], unit: .hours, formula: hoursFormula + " (numerator: minutes)")
            let share = before(b) || busiestMinutes == 0
                ? Figure(key: "shareOfBusiest", label: "Share of busiest \(b.label)", value: nil, unit: .share, formula: densityFormula)
                : Figure.share("shareOfBusiest", "Share of busiest \(b.label)", weekMinutes[w], of: busiestMinutes, formula: densityFormula)
            return WeekDensity(week: b, hours: hours, shareOfBusiest: share)
        }
        let satisfactionRows = bySource.values
            .sorted { a, b in
                if (a.source == nil) != (b.source == nil) { return b.source == nil }
                if a.scores.count != b.scores.count { return a.scores.count > b.scores.count }
                return (a.source ?? "").lowercased() < (b.source ?? "").lowercased()
            }
            .map { e in
                SatisfactionRow(source: e.source, label: e.source ?? SourceKey.notRecorded,
                                meanScore: mean("meanScore", "Mean score", e.sum, e.scores, satisfactionBySourceFormula))
            }

        return RetentionReport(
            period: period,
            rebookingRate: .share("rebookingRate", "Rebooking rate", rebooked, of: rebookable, formula: rebookingFormula),
            firstToSecond: .share("firstToSecond", "1st → 2nd visit", conv12, of: cohort12, formula: firstToSecondFormula),
            secondToThird: .share("secondToThird", "2nd → 3rd visit", conv23, of: cohort23, formula: secondToThirdFormula),
            noShowRate: .share("noShowRate", "No-show rate", noShows, of: settled, formula: noShowFormula),
            medianDaysBetweenSessions: Figure(key: "medianDaysBetweenSessions", label: "Median days between sessions",
                                              value: Median.of(gaps), denominator: gaps.count, unit: .days, formula: medianGapFormula,
                                              members: FigureMembers(numerator: nil, denominator: gapSessions)),
            satisfaction: mean("satisfaction", "Satisfaction", scoreSum, scores, satisfactionFormula),
            activeClientsByMonth: activeByMonth, densityByWeek: density, busiestWeek: busiest.map { weeks[$0] },
            satisfactionBySource: satisfactionRows)
    }

    private static func mean(_ key: String, _ label: String, _ sum: Int, _ scores: [FigureSubject], _ formula: String) -> Figure {
        let n = scores.count
        return Figure(key: key, label: label, value: n > 0 ? Double(sum) / Double(n) : nil, numerator: sum, denominator: n,
                      unit: .score, formula: formula, members: FigureMembers(numerator: nil, denominator: scores))
    }
}
