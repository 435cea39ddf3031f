/// When the owner walks the journey audit again: a quarter (13 weeks) after the last audit finished, or 13 weeks from
/// today when none has finished yet. A practice that let the date pass sees it as overdue, not as a date in the past
/// without comment.
public struct NextReview: Equatable, Sendable {
    /// The practice-local day the next review is due.
    public let day: Int
    /// Whether that day is before today.
    public let overdue: Bool

    /// Thirteen weeks: one review a quarter, on the same weekday as the last.
    public static let intervalDays = 91

    public static func of(_ p: Practice, now: Instant) -> NextReview {
        let today = p.calendar.day(of: now)
        let base = p.finishedAudits.last?.finishedAt.map { p.calendar.day(of: $0) } ?? today
        let due = base + intervalDays
        return NextReview(day: due, overdue: due < today)
    }

    /// "Sunday 7 March 2027 (2027-03-07)", or "overdue since …".
    public var text: String {
        let (y, m, d) = Civil.date(fromDays: day)
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        let long = "\(weekdays[Civil.weekday(ofDay: day)]) \(d) \(months[m - 1]) \(y) (\(Civil.string(ofDay: day)))"
        return overdue ? "overdue since \(long)" : long
    }
}
