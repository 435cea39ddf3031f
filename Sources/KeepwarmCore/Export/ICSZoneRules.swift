/// The clock changes of an export's window written as RFC 5545 observances: a run of yearly changes on the same
/// weekday rule ("last Sunday of March at 01:00") becomes one STANDARD or DAYLIGHT with an RRULE, the way Outlook,
/// Exchange and Apple write zones, and anything else stays one observance per change.
///
/// Outlook reads only DTSTART and RRULE of each observance and folds the zone into one yearly rule; from a bare
/// DTSTART it guesses "the 4th Sunday of October" for 26 October 2025, which in 2027 is a week early. An RRULE says
/// `BYDAY=-1SU`. Every change in a run was seen in the system's zone data and matches the rule, and a run ends with
/// UNTIL unless the rule's next change falls after the window, so the file gives exactly the window's changes.
public enum ICSZoneRules {
    /// One change of offset, as the system's zone data has it.
    public struct Change: Equatable, Sendable {
        public let at: Instant
        public let from: Int
        public let to: Int
        public let daylight: Bool
        public let name: String

        public init(at: Instant, from: Int, to: Int, daylight: Bool, name: String) {
            (self.at, self.from, self.to, self.daylight, self.name) = (at, from, to, daylight, name)
        }

        /// The wall clock just before the change: (day number, seconds into the day).
        var local: (day: Int, seconds: Int) {
            let (d, s) = (at.seconds + Int64(from)).floorDivMod(86_400)
            return (Int(d), Int(s))
        }

        /// The weeks of its month this change's day can be named by: 1…4 (the nth such weekday) and -1 (the last).
        var weeks: Set<Int> {
            let (y, m, d) = Civil.date(fromDays: local.day)
            var w: Set<Int> = []
            if (d - 1) / 7 + 1 <= 4 { w.insert((d - 1) / 7 + 1) }
            if d + 7 > Civil.daysInMonth(y, m) { w.insert(-1) }
            return w
        }

        /// Whether `next` is this change a year on, by the same weekday rule, clock and offsets.
        func yearBefore(_ next: Change) -> Bool {
            let a = Civil.date(fromDays: local.day), b = Civil.date(fromDays: next.local.day)
            return next.daylight == daylight && next.from == from && next.to == to && next.name == name
                && b.0 == a.0 + 1 && b.1 == a.1 && next.local.seconds == local.seconds
                && Civil.weekday(ofDay: next.local.day) == Civil.weekday(ofDay: local.day)
        }
    }

    /// A run of changes that one observance describes.
    struct Observance {
        var changes: [Change]
        var weeks: Set<Int>
        var open = false
    }

    static let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// The observances for `changes` (in time order), none of them reaching past `end` where the zone data would not.
    public static func lines(_ changes: [Change], end: Instant) -> [String] {
        var runs: [Observance] = []
        var openRun: [Bool: Int] = [:]  // the latest run of each kind (daylight or standard)
        for c in changes {
            if let i = openRun[c.daylight], let last = runs[i].changes.last, last.yearBefore(c), !runs[i].weeks.intersection(c.weeks).isEmpty {
                runs[i].changes.append(c)
                runs[i].weeks.formIntersection(c.weeks)
            } else {
                openRun[c.daylight] = runs.count
                runs.append(Observance(changes: [c], weeks: c.weeks))
            }
        }
        // The newest run of each kind may go on without UNTIL if its rule's next change would be after the window.
        for i in openRun.values where runs[i].changes.count > 1 {
            runs[i].open = next(runs[i]) > end
        }
        return runs.flatMap(lines)
    }

    /// -1 (last) when the run allows it, as zone rules mostly say ("lastSun"), else its one nth week.
    static func week(_ o: Observance) -> Int { o.weeks.contains(-1) ? -1 : o.weeks.min()! }

    /// When the run's rule would next change the clocks: the same weekday of the same month a year after its last.
    static func next(_ o: Observance) -> Instant {
        let last = o.changes.last!
        let (y, m, _) = Civil.date(fromDays: last.local.day)
        let weekday = Civil.weekday(ofDay: last.local.day), w = week(o)
        let day: Int
        if w == -1 {
            let end = Civil.days(y + 1, m, Civil.daysInMonth(y + 1, m))
            day = end - (Civil.weekday(ofDay: end) - weekday + 7) % 7
        } else {
            let first = Civil.days(y + 1, m, 1)
            day = first + (weekday - Civil.weekday(ofDay: first) + 7) % 7 + 7 * (w - 1)
        }
        return Instant(seconds: Int64(day) * 86_400 + Int64(last.local.seconds) - Int64(last.from))
    }

    /// DTSTART is the wall-clock time just before the change, as RFC 5545 asks (01:00 for the UK's spring change);
    /// UNTIL, which RFC 5545 requires in UTC here, is the run's last change itself.
    static func lines(_ o: Observance) -> [String] {
        let c = o.changes[0], kind = c.daylight ? "DAYLIGHT" : "STANDARD"
        var out = ["BEGIN:\(kind)", "DTSTART:\(ICSTimeZone.wall(c.at, offset: c.from))"]
        if o.changes.count > 1 {
            let month = Civil.date(fromDays: c.local.day).1, w = week(o)
            let until = o.open ? "" : ";UNTIL=\(ICSTimeZone.wall(o.changes.last!.at, offset: 0))Z"
            out.append("RRULE:FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(w)\(weekdays[Civil.weekday(ofDay: c.local.day)])\(until)")
        }
        return out + ["TZOFFSETFROM:\(ICSTimeZone.utcOffset(c.from))", "TZOFFSETTO:\(ICSTimeZone.utcOffset(c.to))",
                      "TZNAME:\(ICSText.escape(c.name))", "END:\(kind)"]
    }
}
