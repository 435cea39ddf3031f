/// When the owner walks the journey audit again: a quarter (13 weeks) after the last audit finished (moved on to a day
/// the practice is open, by its practitioners' hours), or now when none has been walked yet. A practice that let the date pass sees it as overdue, not as a date in the past
/// without comment.
public struct NextReview: Equatable, Sendable {
    /// The practice-local day the next review is due.
    public let day: Int
    /// Whether that day is before today.
    public let overdue: Bool
    /// Whether an audit has been walked and finished: without one, the review is due now (`day` is today).
    public var walked = true
    /// Whether, with none finished, one is under way (walked but not finished): finish it rather than start one.
    public var underWay = false

    /// Thirteen weeks: one review a quarter, on the same weekday as the last.
    public static let intervalDays = 91

    public static func of(_ p: Practice, now: Instant) -> NextReview {
        let today = p.calendar.day(of: now)
        // No audit walked yet: the first is due now, not a quarter after one that never happened.
        guard let last = p.finishedAudits.last?.finishedAt else { return NextReview(day: today, overdue: false, walked: false, underWay: p.openAudit != nil) }
        let due = openDay(from: p.calendar.day(of: last) + intervalDays, p)
        return NextReview(day: due, overdue: due < today)
    }

    /// `day`, or the first day after it on which some practitioner works when their hours say the practice is closed
    /// that day (a Sunday); `day` itself when no hours are set.
    static func openDay(from day: Int, _ p: Practice) -> Int {
        let hours = p.practitioners.compactMap(\.hours).filter { !$0.isEmpty }
        guard !hours.isEmpty else { return day }
        return (0..<7).map { day + $0 }.first { d in hours.contains { !$0.ranges(onDay: d).isEmpty } } ?? day
    }

    /// "Sunday 7 March 2027 (2027-03-07)", or "overdue since …".
    public var text: String {
        let (y, m, d) = Civil.date(fromDays: day)
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        let long = "\(weekdays[Civil.weekday(ofDay: day)]) \(d) \(months[m - 1]) \(y) (\(Civil.string(ofDay: day)))"
        guard walked else { return underWay ? "no audit finished yet: finish the one under way now" : "no audit walked yet: walk it now" }
        return overdue ? "overdue since \(long)" : long
    }
}
