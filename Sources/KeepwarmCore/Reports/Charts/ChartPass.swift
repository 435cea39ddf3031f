/// What the four charts read from the practice, gathered in one walk over its live clients and their appointments
/// (the same subjects as `ReportSubjects`: withdrawn records and anything recorded after `now` left out), so the
/// reports screen, the printable audit and `--chart` work all four out for the price of one. Only small numbers are
/// kept (three per visiting client, a count per week and per source and quarter): no client or appointment is copied.
struct ChartPass {
    let calendar: PracticeCalendar
    let now: Instant
    let today: Int
    /// The local day the first live client was seen (`ReportSubjects.firstDay`); nil for a practice with no clients.
    let firstDay: Int?
    /// Each client's visits, for clients who have visited by `now` (`ChartVisits`), in client order.
    let visits: [ChartVisits]
    /// The Monday of the oldest week the diary density chart can show (`Chart.densityWeeks` back from this one).
    let densityMonday: Int
    /// Appointments (not cancelled) by week from `densityMonday`: attended, no-show, still booked.
    let density: [[Int]]
    /// The new clients by source chart's period: from the first day of the oldest quarter it shows.
    let sourcesSince: Int
    /// New clients in that period by source key (`SourceKey.key`), with the first spelling seen, and the local day
    /// each was first seen.
    let sources: [String?: SourceDays]

    /// One source's new clients in the chart's period.
    struct SourceDays {
        let display: String?
        var days: [Int] = []
    }

    init(_ p: Practice, now: Instant) {
        let cal = p.calendar
        calendar = cal
        self.now = now
        today = cal.day(of: now)
        densityMonday = ReportCalendar.monday(of: today) - (Chart.densityWeeks - 1) * 7
        sourcesSince = QuarterNumber.firstDay(QuarterNumber.of(day: today) - (Chart.chartQuarters - 1))
        let sourcesPeriod = ReportPeriod(calendar: cal, startDay: sourcesSince, now: now)
        var first: Instant?
        var visits: [ChartVisits] = []
        var density = Array(repeating: [0, 0, 0], count: Chart.densityWeeks)
        var sources: [String?: SourceDays] = [:]
        // Trimming and lower-casing a source is the dear part of grouping by it: done once per spelling.
        var keys: [String: String?] = [:]
        // Fields are read in place: copying each client (`for c in p.clients`) retained and released every string
        // it holds, which `perf` showed as the pass's largest cost.
        for i in p.clients.indices where !p.clients[i].withdrawn && p.clients[i].addedAt <= now {
            let firstSeen = p.clients[i].firstSeen
            first = min(first ?? firstSeen, firstSeen)
            var v = ChartVisits.Tally(p.clients[i].history, cal, now: now)
            for ref in p.clients[i].appointments {
                let a = p.appointments[ref.index]
                guard !a.withdrawn, a.bookedAt <= now, a.status != .cancelled else { continue }
                let day = cal.day(of: a.start)
                if a.status == .attended, a.start <= now { v.add(day) }
                if day >= densityMonday, (day - densityMonday) / 7 < Chart.densityWeeks {
                    density[(day - densityMonday) / 7][a.status == .attended ? 0 : a.status == .noShow ? 1 : 2] += 1
                }
            }
            if let done = v.visits { visits.append(done) }
            if sourcesPeriod.contains(firstSeen) {
                let source = p.clients[i].source
                let key: String?
                if let s = source {
                    if let k = keys[s] { key = k } else { key = SourceKey.key(s); keys[s] = key }
                } else {
                    key = nil
                }
                sources[key, default: SourceDays(display: SourceKey.display(source))].days.append(cal.day(of: firstSeen))
            }
        }
        firstDay = first.map(cal.day(of:))
        self.visits = visits
        self.density = density
        self.sources = sources
    }
}

extension Chart {
    /// The four charts of the owner's numbers from one pass over the practice (`ChartPass`): what the reports screen
    /// shows, worked out together for the price of one.
    public static func all(_ p: Practice, now: Instant) -> (funnel: Chart, diaryDensity: Chart, retention: Chart, newClientsBySource: Chart) {
        let pass = ChartPass(p, now: now)
        return (funnel(pass), diaryDensity(pass), retentionCurve(pass), newClientsBySource(pass))
    }
}
