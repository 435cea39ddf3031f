import Foundation

/// The practice's time zone as an RFC 5545 VTIMEZONE: every offset change from a year before the first appointment
/// to a year after the last, as the system's zone data has them, yearly runs written as RRULEs (`ICSZoneRules`).
/// Each observance is named as people name it (`names`: BST, CEST, AEDT), never Foundation's `GMT+1`.
public enum ICSTimeZone {
    public static func lines(_ zone: TimeZone, from first: Instant, to last: Instant, names: ICSZoneNames) -> [String] {
        let start = Instant(seconds: first.seconds - 366 * 86_400), end = Instant(seconds: last.seconds + 366 * 86_400)
        var changes: [ICSZoneRules.Change] = []
        var t = start.date
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next < end.date {
            let at = Instant(next)
            let from = offset(zone, Instant(ms: at.ms - 1000)), to = offset(zone, at)
            if from != to {
                changes.append(.init(at: at, from: from, to: to, daylight: zone.isDaylightSavingTime(for: at.date), name: names.name(at: at, offset: to)))
            }
            t = next
        }
        var out = ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)"]
        // The offset in force at the window's start, for a zone whose first change in the window (if any) comes after
        // the first appointment. A zone that changes every year has changed before it, and gets no such extra
        // observance, which Outlook would take for the zone's yearly rule.
        if changes.first.map({ first < $0.at }) ?? true {
            let initial = offset(zone, start)
            let kind = zone.isDaylightSavingTime(for: start.date) ? "DAYLIGHT" : "STANDARD"
            out += ["BEGIN:\(kind)", "DTSTART:\(wall(start, offset: initial))", "TZOFFSETFROM:\(utcOffset(initial))",
                    "TZOFFSETTO:\(utcOffset(initial))", "TZNAME:\(ICSText.escape(names.name(at: start, offset: initial)))", "END:\(kind)"]
        }
        return out + ICSZoneRules.lines(changes, end: end) + ["END:VTIMEZONE"]
    }

    static func offset(_ zone: TimeZone, _ i: Instant) -> Int { zone.secondsFromGMT(for: i.date) }

    /// `20261124T100000`: the wall clock at `offset` seconds east of UTC, with no zone marker.
    public static func wall(_ i: Instant, offset: Int) -> String {
        let (days, secs) = (i.seconds + Int64(offset)).floorDivMod(86_400)
        let (y, m, d) = Civil.date(fromDays: Int(days))
        return "\(pad(y, 4))\(pad(m, 2))\(pad(d, 2))T\(pad(Int(secs / 3600), 2))\(pad(Int(secs / 60 % 60), 2))\(pad(Int(secs % 60), 2))"
    }

    /// `+0100`, `-0330`, or `+054500`-style when a zone's offset has seconds.
    static func utcOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+", a = abs(seconds)
        let hm = "\(sign)\(pad(a / 3600, 2))\(pad(a / 60 % 60, 2))"
        return a % 60 == 0 ? hm : hm + pad(a % 60, 2)
    }
}
