import Foundation

/// The practice's time zone as an RFC 5545 VTIMEZONE: every offset change from a year before the first appointment
/// to a year after the last, each listed as it happened (no RRULE), so a zone whose rules changed is still right.
/// Each observance is named as people name it (`names`: BST, CEST, AEDT), never Foundation's `GMT+1`.
public enum ICSTimeZone {
    public static func lines(_ zone: TimeZone, from first: Instant, to last: Instant, names: ICSZoneNames) -> [String] {
        let start = Instant(seconds: first.seconds - 366 * 86_400), end = Instant(seconds: last.seconds + 366 * 86_400)
        var out = ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)"]
        // The offset in force at the start, so times before the first change in the window are covered too.
        let initial = offset(zone, start)
        out += observance(zone, at: start, from: initial, to: initial, names: names)
        var t = start.date
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next < end.date {
            let at = Instant(next)
            let from = offset(zone, Instant(ms: at.ms - 1000)), to = offset(zone, at)
            if from != to { out += observance(zone, at: at, from: from, to: to, names: names) }
            t = next
        }
        return out + ["END:VTIMEZONE"]
    }

    static func offset(_ zone: TimeZone, _ i: Instant) -> Int { zone.secondsFromGMT(for: i.date) }

    /// DTSTART is the wall-clock time just before the change, as RFC 5545 asks (01:00 for the UK's spring change).
    static func observance(_ zone: TimeZone, at: Instant, from: Int, to: Int, names: ICSZoneNames) -> [String] {
        let kind = zone.isDaylightSavingTime(for: at.date) ? "DAYLIGHT" : "STANDARD"
        return [
            "BEGIN:\(kind)", "DTSTART:\(wall(at, offset: from))", "TZOFFSETFROM:\(utcOffset(from))",
            "TZOFFSETTO:\(utcOffset(to))", "TZNAME:\(ICSText.escape(names.name(at: at, offset: to)))", "END:\(kind)",
        ]
    }

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
