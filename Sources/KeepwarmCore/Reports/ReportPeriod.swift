/// The stretch of time a report covers: from the start of local day `startDay` up to and including `now`.
///
/// Records made after `now` are left out even if the practice holds them (a `--now` in the past), so they never leak
/// into a figure. What later events changed in earlier records (a cancellation, a thank-you) only a replay undoes:
/// `EventLog.replay(path:until:)`, which `--as-of` uses.
public struct ReportPeriod: Equatable, Sendable {
    public let calendar: PracticeCalendar
    public let startDay: Int
    public let now: Instant
    /// Midnight at the start of `startDay`, practice time.
    public let start: Instant
    /// The local day of `now`.
    public let today: Int
    /// The latest local day that has ended by `now`: yesterday, or today when `now` is its last millisecond.
    public let lastDayOver: Int

    public init(calendar: PracticeCalendar, startDay: Int, now: Instant) {
        self.calendar = calendar
        self.now = now
        self.today = calendar.day(of: now)
        self.startDay = min(startDay, today)
        self.start = calendar.instant(day: self.startDay, minute: 0)
        self.lastDayOver = calendar.day(of: Instant(ms: now.ms + 1)) - 1
    }

    /// True for an instant inside the period (start and `now` included).
    public func contains(_ t: Instant) -> Bool { t >= start && t <= now }

    /// True once local day `day` has ended by `now`. With `--as-of`, `now` is the day's last millisecond, so that day
    /// counts as over.
    public func isOver(day: Int) -> Bool { day <= lastDayOver }

    public static func == (a: ReportPeriod, b: ReportPeriod) -> Bool {
        a.startDay == b.startDay && a.now == b.now && a.calendar.timeZone.identifier == b.calendar.timeZone.identifier
    }
}

/// One column or row of a series: a quarter, a month or a week, as local days.
public struct ReportBucket: Equatable, Sendable {
    /// `2026-Q3`, `2026-11`, or the Monday `2026-11-16`.
    public let label: String
    public let firstDay: Int
    public let lastDay: Int
    /// The period starts after this bucket's first day or ends before its last: its figures cover only part of it.
    public let partial: Bool
}

/// Calendar arithmetic for report series, on local day numbers.
public enum ReportCalendar {
    /// The local day `months` calendar months before `day`, clamped to the month's length (31 March → 28 February).
    public static func day(_ day: Int, minusMonths months: Int) -> Int {
        let (y, m, d) = Civil.date(fromDays: day)
        let index = y * 12 + (m - 1) - months
        let (ny, nm0) = divMod(index, 12)
        let nm = nm0 + 1
        return Civil.days(ny, nm, min(d, Civil.daysInMonth(ny, nm)))
    }

    /// The first day of the month holding `day`.
    public static func firstOfMonth(_ day: Int) -> Int {
        let (y, m, _) = Civil.date(fromDays: day)
        return Civil.days(y, m, 1)
    }

    /// The Monday on or before `day`.
    public static func monday(of day: Int) -> Int { day - Civil.weekday(ofDay: day) }

    /// Months from the one holding `first` to the one holding `last`. A bucket is partial when `first` falls after its
    /// first day or `period.now` before the end of its last.
    public static func months(from first: Int, to last: Int, period: ReportPeriod) -> [ReportBucket] {
        let (y0, m0, _) = Civil.date(fromDays: first), (y1, m1, _) = Civil.date(fromDays: last)
        guard y0 * 12 + m0 <= y1 * 12 + m1 else { return [] }
        return (y0 * 12 + m0 - 1...y1 * 12 + m1 - 1).map { i in
            let (y, m0) = divMod(i, 12)
            let m = m0 + 1
            let a = Civil.days(y, m, 1), b = a + Civil.daysInMonth(y, m) - 1
            return bucket("\(pad(y, 4))-\(pad(m, 2))", a, b, from: first, period)
        }
    }

    /// Quarters (January–March is Q1) from the one holding `first` to the one holding `last`, partial as for months.
    public static func quarters(from first: Int, to last: Int, period: ReportPeriod) -> [ReportBucket] {
        let (y0, m0, _) = Civil.date(fromDays: first), (y1, m1, _) = Civil.date(fromDays: last)
        let q0 = y0 * 4 + (m0 - 1) / 3, q1 = y1 * 4 + (m1 - 1) / 3
        guard q0 <= q1 else { return [] }
        return (q0...q1).map { q in
            let (y, k) = divMod(q, 4)
            let a = Civil.days(y, k * 3 + 1, 1)
            let b = Civil.days(y, k * 3 + 3, Civil.daysInMonth(y, k * 3 + 3))
            return bucket("\(pad(y, 4))-Q\(k + 1)", a, b, from: first, period)
        }
    }

    /// Weeks, Monday to Sunday, from the one holding `first` to the one holding `last`, labelled by their Monday;
    /// partial as for months.
    public static func weeks(from first: Int, to last: Int, period: ReportPeriod) -> [ReportBucket] {
        let a = monday(of: first), b = monday(of: last)
        guard a <= b else { return [] }
        return stride(from: a, through: b, by: 7).map { bucket(Civil.string(ofDay: $0), $0, $0 + 6, from: first, period) }
    }

    /// Which bucket a local day falls in, by binary search over buckets in order; nil outside them all.
    public static func index(of day: Int, in buckets: [ReportBucket]) -> Int? {
        var lo = 0, hi = buckets.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if day < buckets[mid].firstDay { hi = mid - 1 } else if day > buckets[mid].lastDay { lo = mid + 1 } else { return mid }
        }
        return nil
    }

    private static func bucket(_ label: String, _ a: Int, _ b: Int, from first: Int, _ period: ReportPeriod) -> ReportBucket {
        ReportBucket(label: label, firstDay: a, lastDay: b, partial: first > a || !period.isOver(day: b))
    }
}

/// Floor division and its remainder, so month and quarter indexes stay right before year 0 as after it.
private func divMod(_ n: Int, _ d: Int) -> (Int, Int) {
    let q = Int(Int64(n).floorDiv(Int64(d)))
    return (q, n - q * d)
}
