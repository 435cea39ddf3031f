/// A client's visits as the charts count them, by `now`: the history imported from another system (its visit count,
/// and its first and last visit days) and the attended sessions after it, as `ClientHistory` counts them.
struct ChartVisits: Equatable {
    /// The local day of the first and the last visit.
    let firstDay: Int
    let lastDay: Int
    /// How many visits, imported ones included.
    let count: Int

    /// A client's visits counted as their attended sessions go by (`ChartPass` reads each appointment once). Imported
    /// visits count once the day of the first of them has begun; sessions on or before the imported last visit's day
    /// are the same visits (`ClientHistory`), so they are not counted twice.
    struct Tally {
        private var first: Int?, last: Int?, count = 0
        private let importedLast: Int?

        init(_ h: ImportedHistory?, _ cal: PracticeCalendar, now: Instant) {
            importedLast = h?.lastVisit
            if let h, ClientHistory.visits(h) > 0,
               (h.firstVisit ?? h.lastVisit).map({ cal.instant(day: $0, minute: 0) <= now }) ?? true {
                count = ClientHistory.visits(h)
                first = h.firstVisit ?? h.lastVisit
                last = h.lastVisit
            }
        }

        /// An attended session that started by `now`, on local day `d`.
        mutating func add(_ d: Int) {
            if let il = importedLast, d <= il { return }
            count += 1
            first = min(first ?? d, d)
            last = max(last ?? d, d)
        }

        /// The visits, or nil for a client who has not visited yet.
        var visits: ChartVisits? {
            guard count > 0, let f = first ?? last, let l = last ?? first else { return nil }
            return ChartVisits(firstDay: f, lastDay: l, count: count)
        }
    }
}

/// Quarters as one running number (`year × 4 + quarter − 1`), so "three quarters later" is plain addition.
enum QuarterNumber {
    static func of(day: Int) -> Int {
        let (y, m, _) = Civil.date(fromDays: day)
        return y * 4 + (m - 1) / 3
    }

    /// The first local day of quarter number `q`.
    static func firstDay(_ q: Int) -> Int {
        let y = Int(Int64(q).floorDiv(4)), k = q - y * 4
        return Civil.days(y, k * 3 + 1, 1)
    }
}

extension ReportBucket {
    /// The label with `*` when the period covers only part of the bucket, as the text reports mark it.
    var chartLabel: String { partial ? label + "*" : label }
}
