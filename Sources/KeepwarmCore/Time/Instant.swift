import Foundation

/// A moment in time as whole milliseconds since 1970-01-01T00:00:00Z; compact enough to keep one per event.
public struct Instant: Hashable, Comparable, Sendable {
    public var ms: Int64

    public init(ms: Int64) { self.ms = ms }
    public init(seconds: Int64) { self.ms = seconds * 1000 }
    public init(_ date: Date) { self.ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public var date: Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
    public var seconds: Int64 { ms.floorDiv(1000) }

    public static func < (a: Instant, b: Instant) -> Bool { a.ms < b.ms }
    public func adding(minutes: Int) -> Instant { Instant(ms: ms + Int64(minutes) * 60_000) }
    public func adding(hours: Int) -> Instant { Instant(ms: ms + Int64(hours) * 3_600_000) }
    /// Elapsed hours from `self` to `other`, as a real number.
    public func hours(until other: Instant) -> Double { Double(other.ms - ms) / 3_600_000 }

    /// `2026-11-21T09:30:00.000Z`: the one form instants take in the log and in JSON output.
    public var iso: String {
        let (days, msOfDay) = ms.floorDivMod(86_400_000)
        let (y, m, d) = Civil.date(fromDays: Int(days))
        let h = msOfDay / 3_600_000, mi = (msOfDay / 60_000) % 60, s = (msOfDay / 1000) % 60, f = msOfDay % 1000
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(Int(h), 2)):\(pad(Int(mi), 2)):\(pad(Int(s), 2)).\(pad(Int(f), 3))Z"
    }

    /// Parses the log's exact form `YYYY-MM-DDTHH:MM:SS.mmmZ` from bytes without Foundation; nil if the shape differs.
    public static func parseLogForm<C: RandomAccessCollection>(_ b: C) -> Instant? where C.Element == UInt8, C.Index == Int {
        guard b.count == 24 else { return nil }
        let s = b.startIndex
        @inline(__always) func digit(_ i: Int) -> Int? {
            let c = b[s + i]
            return (c >= 48 && c <= 57) ? Int(c - 48) : nil
        }
        @inline(__always) func num(_ i: Int, _ n: Int) -> Int? {
            var v = 0
            for k in 0..<n { guard let d = digit(i + k) else { return nil }; v = v * 10 + d }
            return v
        }
        guard b[s + 4] == 45, b[s + 7] == 45, b[s + 10] == 84, b[s + 13] == 58, b[s + 16] == 58,
              b[s + 19] == 46, b[s + 23] == 90,
              let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2),
              let mi = num(14, 2), let se = num(17, 2), let f = num(20, 3),
              (1...12).contains(mo), d >= 1, d <= Civil.daysInMonth(y, mo), h < 24, mi < 60, se < 60
        else { return nil }
        let days = Int64(Civil.days(y, mo, d))
        return Instant(ms: ((days * 24 + Int64(h)) * 60 + Int64(mi)) * 60_000 + Int64(se) * 1000 + Int64(f))
    }
}

/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after Howard Hinnant's algorithms.
public enum Civil {
    public static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y2 = m <= 2 ? y - 1 : y
        let era = (y2 >= 0 ? y2 : y2 - 399) / 400
        let yoe = y2 - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func date(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0 = Monday … 6 = Sunday.
    public static func weekday(ofDay n: Int) -> Int { ((n % 7) + 7 + 3) % 7 }

    /// `YYYY-MM-DD` for a day number.
    public static func string(ofDay n: Int) -> String {
        let (y, m, d) = date(fromDays: n)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}

@inline(__always) func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { let q = self / d; return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q }
    func floorDivMod(_ d: Int64) -> (Int64, Int64) { let q = floorDiv(d); return (q, self - q * d) }
}
