import Foundation

/// A stretch of a working day, in minutes after local midnight (`start` before `end`, `end` at most 24:00).
public struct WorkingRange: Equatable, Sendable {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// `09:00-17:00`.
    public var text: String { "\(WorkingHours.clock(start))-\(WorkingHours.clock(end))" }
}

/// When a practitioner sees clients, per weekday (Monday first), as the wall clock where the practice is. A day with
/// no ranges is a day off; several ranges a day allow a lunch break. Written whole to the log (`practitioner.hours`).
public struct WorkingHours: Equatable, Sendable {
    /// Seven days, Monday at index 0; each day's ranges in order, none overlapping.
    public private(set) var days: [[WorkingRange]]

    /// Every day off.
    public init() { days = Array(repeating: [], count: 7) }

    public init(days: [[WorkingRange]]) {
        precondition(days.count == 7, "a working week has seven days")
        self.days = days
    }

    /// The short names the log and the CLI use, Monday first.
    public static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// The day fields of a `practitioner.hours` line, Monday first.
    static let codecKeys: [StaticString] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Whether no day has any hours.
    public var isEmpty: Bool { days.allSatisfy(\.isEmpty) }

    /// The ranges on a local day (days since 1970-01-01, which was a Thursday).
    public func ranges(onDay day: Int) -> [WorkingRange] { days[Civil.weekday(ofDay: day)] }

    /// The Monday on or before a local day.
    public static func monday(of day: Int) -> Int { day - Civil.weekday(ofDay: day) }

    /// Sets one day's ranges.
    public mutating func set(_ weekday: Int, _ ranges: [WorkingRange]) { days[weekday] = ranges }

    /// One day's ranges as written: `09:00-12:00,13:00-17:00`, or "" for a day off.
    public func text(_ weekday: Int) -> String { days[weekday].map(\.text).joined(separator: ",") }

    /// `mon 09:00-17:00  tue off …`, for lists.
    public var summary: String {
        (0..<7).map { "\(WorkingHours.dayNames[$0]) \(days[$0].isEmpty ? "off" : text($0))" }.joined(separator: "  ")
    }

    /// `HH:MM` for minutes after midnight (24:00 for the end of the day).
    public static func clock(_ minutes: Int) -> String {
        "\(minutes / 60 < 10 ? "0" : "")\(minutes / 60):\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)"
    }

    /// Reads one day's ranges, as typed or as in the log: `09:00-12:00,13:00-17:00` (commas or spaces between
    /// ranges); `off`, `none`, `-` or nothing is a day off. The reason names the first thing wrong and how to write it.
    public static func parseDay(_ text: String) -> Result<[WorkingRange], HoursError> {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.isEmpty || t == "off" || t == "none" || t == "-" { return .success([]) }
        var out: [WorkingRange] = []
        for part in t.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let s = minutes(String(ends[0])), let e = minutes(String(ends[1])) else {
                // A clock-shaped time that is not a time of day (25:00, 9:75) is named as such.
                if ends.count == 2, let bad = ends.first(where: { looksLikeClock(String($0)) && minutes(String($0)) == nil }) {
                    return .failure(HoursError("'\(bad)' is not a time of day: use 00:00 to 24:00, like 09:00-17:00"))
                }
                return .failure(HoursError("'\(part)' is not a time range: write it like 09:00-17:00 (24-hour clock)"))
            }
            guard s < 24 * 60 else { return .failure(HoursError("'\(part)' starts at \(ends[0]), which is not a time of day (00:00 to 23:59)")) }
            guard e > s else { return .failure(HoursError("'\(part)' ends before it starts: the end comes after the start, like 09:00-17:00")) }
            out.append(WorkingRange(start: s, end: e))
        }
        out.sort { $0.start < $1.start }
        for (a, b) in zip(out, out.dropFirst()) where b.start < a.end {
            return .failure(HoursError("\(a.text) and \(b.text) overlap: give each stretch once, like 09:00-12:00,13:00-17:00"))
        }
        return .success(out)
    }

    /// `HH:MM` in shape, whatever the numbers.
    static func looksLikeClock(_ s: String) -> Bool {
        let hm = s.split(separator: ":", omittingEmptySubsequences: false)
        return hm.count == 2 && (1...2).contains(hm[0].count) && hm[1].count == 2 && s.allSatisfy { $0 == ":" || ($0.isASCII && $0.isNumber) }
    }

    /// `9:30` or `09:30` to minutes after midnight; 24:00 is the end of the day. Nil for anything else (25:00, 9:60).
    static func minutes(_ s: String) -> Int? {
        let hm = s.split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2, (1...2).contains(hm[0].count), hm[1].count == 2,
              hm[0].allSatisfy({ $0.isASCII && $0.isNumber }), hm[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let h = Int(hm[0]), let m = Int(hm[1]), m < 60 else { return nil }
        guard h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    /// Reads `mon=09:00-17:00`, `tue=09:00-12:00,13:00-17:00`, `mon-fri=09:00-17:00`, `sat=off` (the CLI's
    /// arguments) into the days they set. A day given twice, an unknown weekday or bad hours is refused.
    public static func parseArguments(_ args: [String]) -> Result<[Int: [WorkingRange]], HoursError> {
        var out: [Int: [WorkingRange]] = [:]
        for arg in args {
            let parts = arg.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                return .failure(HoursError("'\(arg)' is not a day and its hours: write it like mon=09:00-17:00, or sat=off"))
            }
            let names = parts[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(names.count), let first = weekday(named: names[0]), let last = weekday(named: names.last!) else {
                return .failure(HoursError("'\(parts[0])' is not a weekday: use mon, tue, wed, thu, fri, sat, sun (or a run like mon-fri)"))
            }
            guard first <= last else { return .failure(HoursError("'\(parts[0])' runs backwards: write the earlier day first, like mon-fri")) }
            let ranges: [WorkingRange]
            switch parseDay(String(parts[1])) {
            case .success(let r): ranges = r
            case .failure(let e): return .failure(HoursError("\(dayNames[first]): \(e.message)"))
            }
            for d in first...last {
                guard out[d] == nil else { return .failure(HoursError("\(dayNames[d]) is given twice; give each day once")) }
                out[d] = ranges
            }
        }
        return .success(out)
    }

    /// The weekday a name stands for (`mon`, `Monday`, `tues`), Monday 0; nil for anything else.
    public static func weekday(named s: String) -> Int? {
        let t = s.lowercased()
        guard t.count >= 2 else { return nil }
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let found = full.indices.filter { full[$0].hasPrefix(t) }
        return found.count == 1 ? found[0] : nil
    }
}

/// Working hours that cannot be read: the message says what is wrong and how to write it.
public struct HoursError: Error, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
