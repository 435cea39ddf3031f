import Foundation

/// Local dates and wall-clock times in the practice's time zone: where "28 days" and "today" are counted.
public struct PracticeCalendar: Sendable {
    public let timeZone: TimeZone
    /// Built once here, because a calendar is made only when the zone is set but asked for offsets constantly.
    private let offsets: ZoneOffsets

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        self.offsets = ZoneOffsets(timeZone)
    }

    public init?(identifier: String) {
        if identifier == Self.defaultZone {
            self = Self.london
            return
        }
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: tz)
    }

    /// The zone a practice starts in until its first event names one.
    public static let defaultZone = "Europe/London"
    /// Its calendar, built once per process: every command made it three times (an empty practice, the snapshot's
    /// practice, then the snapshot's zone), each time working out the zone's offsets, 2–3 ms apiece.
    public static let london = PracticeCalendar(timeZone: TimeZone(identifier: defaultZone)!)

    /// Seconds east of UTC in force at `instant`.
    public func offsetSeconds(at instant: Instant) -> Int64 {
        offsets.seconds(atMs: instant.ms) ?? Int64(timeZone.secondsFromGMT(for: instant.date))
    }

    /// The local calendar day (days since 1970-01-01) on which `instant` falls.
    public func day(of instant: Instant) -> Int {
        Int((instant.ms / 1000 + offsetSeconds(at: instant)).floorDivMod(86_400).0)
    }

    /// Minutes since local midnight.
    public func minuteOfDay(_ instant: Instant) -> Int {
        Int((instant.ms / 1000 + offsetSeconds(at: instant)).floorDivMod(86_400).1 / 60)
    }

    /// The instant at which the local wall clock shows `minute` minutes past midnight on `day`.
    /// When the clocks go back the time happens twice and the first is used; in the spring-forward gap it never
    /// happens, so the instant the same distance past the change is used (01:30 becomes 02:30).
    public func instant(day: Int, minute: Int) -> Instant {
        let wall = Int64(day) * 86_400 + Int64(minute) * 60
        // The offsets a day either side: zones reach 14 hours ahead of UTC, so half a day either side missed the
        // change in Chatham (+13:45), and the hour before its clocks went back read as an hour later.
        let before = offsetSeconds(at: Instant(seconds: wall - 86_400))
        let after = offsetSeconds(at: Instant(seconds: wall + 86_400))
        let first = wall - before, second = wall - after
        func shows(_ utc: Int64) -> Bool { utc + offsetSeconds(at: Instant(seconds: utc)) == wall }
        if shows(min(first, second)) { return Instant(seconds: min(first, second)) }
        if shows(max(first, second)) { return Instant(seconds: max(first, second)) }
        return Instant(seconds: first)
    }

    /// Whole calendar days from the day of `a` to the day of `b`; daylight-saving changes do not shift it.
    public func days(from a: Instant, to b: Instant) -> Int { day(of: b) - day(of: a) }

    /// `YYYY-MM-DD` of the local day of `instant`.
    public func dateString(_ instant: Instant) -> String { Civil.string(ofDay: day(of: instant)) }

    /// `HH:MM` on the local clock.
    public func timeString(_ instant: Instant) -> String {
        let m = minuteOfDay(instant)
        return "\(pad(m / 60, 2)):\(pad(m % 60, 2))"
    }
}
