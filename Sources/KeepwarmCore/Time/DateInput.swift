import Foundation

/// Reads the dates and times a receptionist types (`2026-11-23 14:00`, `tomorrow 9:30`, `tue 10:00`, `+3w 10:00`)
/// as well as ISO 8601 instants with a zone.
public struct DateInput: Sendable {
    public let calendar: PracticeCalendar
    public let now: Instant

    public init(calendar: PracticeCalendar, now: Instant) {
        self.calendar = calendar
        self.now = now
    }

    static let examples = "use 2026-11-23 14:00, tomorrow 9:30, tue 10:00, +3w 10:00 or 2026-11-23T14:00:00Z"
    static let dayExamples = "use 2026-11-23, today, tomorrow, tue or +3w"

    /// An instant: ISO 8601 with a zone, or a day word and a local time. A day without a time is refused.
    public func instant(_ text: String) throws(InputError) -> Instant {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let zoned = DateInput.parseZonedISO(t) { return try shown(zoned, text) }
        let lower = t.lowercased()
        if lower == "now" { return now }
        var parts = lower.split(separator: " ").map(String.init)
        // `2026-11-23T14:00` without a zone means practice-local time.
        if parts.count == 1, let tIndex = parts[0].firstIndex(of: "t"), parts[0].first?.isNumber == true {
            parts = [String(parts[0][..<tIndex]), String(parts[0][parts[0].index(after: tIndex)...])]
        }
        guard parts.count == 2 else {
            if parts.count == 1, (try? day(parts[0])) != nil {
                throw .init("'\(text)' has no time of day; add one, for example '\(t) 10:00'")
            }
            throw .init("couldn't read the date and time '\(text)': \(DateInput.examples)")
        }
        guard let d = try? day(parts[0]) else {
            throw .init("couldn't read the date '\(parts[0])' in '\(text)': \(DateInput.examples)")
        }
        guard let minute = DateInput.parseTime(parts[1]) else {
            throw .init("couldn't read the time '\(parts[1])' in '\(text)': use 9:30, 14:00 or 2pm")
        }
        return try shown(calendar.instant(day: d, minute: minute), text)
    }

    /// Typed instants keep their local date a year clear of the log's limits, because a time zone moves it up to a day
    /// from the UTC date: the fuzz tests found 9999-12-31T23:59Z, already year 10000 in Kathmandu, which could be
    /// written but never shown or typed back in. (The bound is on the local date, not the instant, because a shown
    /// time drops the seconds of an old zone offset such as Kathmandu's +05:41:16, and typed back lands earlier.)
    private func shown(_ i: Instant, _ text: String) throws(InputError) -> Instant {
        guard (Civil.days(1, 1, 1)...Civil.days(9998, 12, 31)).contains(calendar.day(of: i)) else {
            throw .init("'\(text)' is too far in the past or future: use a date between the years 0001 and 9998")
        }
        return i
    }

    /// Milliseconds the log's fixed form `YYYY-MM-DDTHH:MM:SS.mmmZ` can write: years 0000 to 9999, UTC.
    static let storable = Int64(Civil.days(0, 1, 1)) * 86_400_000...Int64(Civil.days(10_000, 1, 1)) * 86_400_000 - 1

    /// A local calendar day: `2026-11-23`, `today`, `tomorrow`, `yesterday`, a weekday, or `+3d` / `+3w` / `-2d`.
    public func day(_ text: String) throws(InputError) -> Int {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let today = calendar.day(of: now)
        switch t {
        case "today": return today
        case "tomorrow": return today + 1
        case "yesterday": return today - 1
        default: break
        }
        if let d = DateInput.parseISODate(t) { return d }
        if let wd = DateInput.weekdays[t] {
            // The next such weekday on or after today.
            return today + (wd - Civil.weekday(ofDay: today) + 7) % 7
        }
        if let sign = t.first, sign == "+" || sign == "-", t.count >= 3 {
            let unit = t.last!
            let body = t.dropFirst().dropLast()
            // Digits only: Int() would also take a second sign, and "--9223372036854775808d" then overflowed.
            if body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(body), n <= 3650 {
                let k = sign == "+" ? n : -n
                switch unit {
                case "d": return today + k
                case "w": return today + 7 * k
                default: break
                }
            }
        }
        throw .init("couldn't read the date '\(text)': \(DateInput.dayExamples)")
    }

    static let weekdays: [String: Int] = {
        var m: [String: Int] = [:]
        for (i, names) in [["mon", "monday"], ["tue", "tues", "tuesday"], ["wed", "weds", "wednesday"],
                           ["thu", "thur", "thurs", "thursday"], ["fri", "friday"], ["sat", "saturday"],
                           ["sun", "sunday"]].enumerated() {
            for n in names { m[n] = i }
        }
        return m
    }()

    /// `YYYY-MM-DD` → day number, checking the day exists.
    static func parseISODate(_ s: String) -> Int? {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              (1...12).contains(m), d >= 1, d <= Civil.daysInMonth(y, m) else { return nil }
        return Civil.days(y, m, d)
    }

    /// `9:30`, `09:30`, `14:00`, `9.30`, `9am`, `2pm`, `2:30pm` → minutes since midnight.
    static func parseTime(_ s: String) -> Int? {
        var t = s
        // `10:00:00` (as in a local ISO time): whole minutes only.
        if t.count == 8, t.hasSuffix(":00"), t.filter({ $0 == ":" }).count == 2 { t = String(t.dropLast(3)) }
        var meridiem: String?
        for suffix in ["am", "pm"] where t.hasSuffix(suffix) {
            meridiem = suffix
            t = String(t.dropLast(2))
        }
        let p = t.split(separator: t.contains(":") ? ":" : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(p.count), p.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
              var h = Int(p[0]) else { return nil }
        let m = p.count == 2 ? Int(p[1]) : 0
        guard let m, p.count == 1 || p[1].count == 2, (0..<60).contains(m) else { return nil }
        if p.count == 1 && meridiem == nil { return nil }  // a bare "9" is too ambiguous to guess
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            if meridiem == "am" && h == 12 { h = 0 }
            if meridiem == "pm" && h != 12 { h += 12 }
        }
        guard (0..<24).contains(h) else { return nil }
        return h * 60 + m
    }

    /// ISO 8601 with an explicit zone: `2026-11-23T09:00:00Z`, `…09:00:00.250Z`, `…09:00+01:00`.
    public static func parseZonedISO(_ s: String) -> Instant? {
        guard s.count >= 17, let tIdx = s.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return nil }
        let datePart = String(s[..<tIdx])
        var rest = String(s[s.index(after: tIdx)...])
        var offset = 0
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            rest.removeLast()
        } else if let signIdx = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: signIdx)...].replacingOccurrences(of: ":", with: "")
            guard zone.count == 4, let hh = Int(zone.prefix(2)), let mm = Int(zone.suffix(2)), hh < 24, mm < 60 else { return nil }
            offset = (hh * 60 + mm) * (rest[signIdx] == "+" ? 1 : -1)
            rest = String(rest[..<signIdx])
        } else {
            return nil
        }
        guard let day = parseISODate(datePart) else { return nil }
        let tp = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(tp.count), tp[0].count == 2, tp[1].count == 2,
              let h = Int(tp[0]), let m = Int(tp[1]), h < 24, m < 60 else { return nil }
        var ms: Int64 = 0
        if tp.count == 3 {
            let sp = tp[2].split(separator: ".", omittingEmptySubsequences: false)
            guard sp[0].count == 2, let sec = Int(sp[0]), sec < 60, sp.count <= 2 else { return nil }
            ms = Int64(sec) * 1000
            if sp.count == 2 {
                let frac = sp[1]
                guard !frac.isEmpty, frac.count <= 9, frac.allSatisfy(\.isNumber), let f = Int(frac.prefix(3).padding(toLength: 3, withPad: "0", startingAt: 0)) else { return nil }
                ms += Int64(f)
            }
        }
        let minutes = Int64(day) * 1440 + Int64(h * 60 + m) - Int64(offset)
        // An offset can carry 0000-01-01 or 9999-12-31 into a year the log's form cannot write or read back.
        guard storable.contains(minutes * 60_000 + ms) else { return nil }
        return Instant(ms: minutes * 60_000 + ms)
    }
}

/// A value typed by a person that could not be understood; the message says what to type instead.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
