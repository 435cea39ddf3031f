import Foundation
import KeepwarmCore

/// A session's start and length as a file writes them, on the practice's wall clock, across the clock changes
/// (Docs/import.md, "Clock changes"). A file is a list of sessions, so a time the clocks skip is refused with one line
/// rather than moved, and a session is as long as it was written where the clock face allows it.
enum SessionClock {
    /// The instant a local date and time (no offset) names; a time the clocks skip (spring forward) is refused,
    /// naming it. `at` is `PracticeCalendar.instant(day:minute:)`: the first time, when the clocks go back.
    static func instant(day: Int, minute: Int, _ cal: PracticeCalendar) throws(CommandError) -> Instant {
        let i = cal.instant(day: day, minute: minute)
        guard cal.day(of: i) == day, cal.minuteOfDay(i) == minute else {
            let (y, m, d) = Civil.date(fromDays: day)
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let time = String(format: "%02d:%02d", minute / 60, minute % 60)
            throw CommandError("\(time) on \(d) \(months[m - 1]) \(y) does not exist in \(cal.timeZone.identifier) (clocks go forward): correct the time")
        }
        return i
    }

    /// `ImportValues.instant`, refusing a local time the clocks skip; nil when `s` is not a date and time.
    static func instant(_ s: String, _ cal: PracticeCalendar, order: DateOrder?) throws(CommandError) -> Instant? {
        guard let written = ImportDates.read(s) else { return nil }
        if case .zoned(let i) = written { return i }
        guard let (day, minute) = written.resolved(order), let minute else { return nil }
        return try instant(day: day, minute: minute, cal)
    }

    /// The session from `start` to `end`: its start and minutes. Minutes are the time that passes, as a calendar counts
    /// them (00:30–03:30 on the night the clocks go back is 4 hours), except that a start in the hour the clocks go back
    /// through, which happens twice, is read as its second time when the end is written after that hour and the first
    /// would make the session longer than written: 01:30–02:30 that night is the hour from 01:30 after the change
    /// (60 minutes, shown as written), not two hours from the first 01:30 (QA D10).
    static func session(start: Instant, end: Instant, _ cal: PracticeCalendar) -> (start: Instant, minutes: Int) {
        let elapsed = Int((end.ms - start.ms) / 60_000)
        let written = (cal.day(of: end) - cal.day(of: start)) * 1440 + cal.minuteOfDay(end) - cal.minuteOfDay(start)
        guard elapsed > written, written > 0 else { return (start, elapsed) }
        let second = start.adding(minutes: elapsed - written)
        guard cal.day(of: second) == cal.day(of: start), cal.minuteOfDay(second) == cal.minuteOfDay(start) else { return (start, elapsed) }
        return (second, written)
    }
}
