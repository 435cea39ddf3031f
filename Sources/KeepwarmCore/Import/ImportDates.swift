import Foundation
import KeepwarmCore

/// A date, and perhaps a time, as a practice system writes it, read as far as it can be without knowing whether the
/// file puts the day or the month first. `ImportValues` finishes the reading with the file's order (`DateOrder`).
enum WrittenDate: Equatable {
    /// A time with its own offset (`2026-03-25T14:30:00Z`, `…+01:00`): one instant wherever the practice is.
    case zoned(Instant)
    /// A day that needs no order (ISO `2026-03-25`, `16 May 2025`, an Excel serial number), with its minute if given.
    case local(day: Int, minute: Int?)
    /// `a/b/yyyy` (or with `.` or `-`): which of a and b is the day depends on the file's order.
    case numeric(a: Int, b: Int, year: Int, minute: Int?)

    /// The day and minute, with `order` for numeric dates; nil for a date that does not exist (31/02, or 13/25 read
    /// either way). With no order, a numeric date is read only when it can mean one thing (25/03, 03/25 or 05/05).
    func resolved(_ order: DateOrder?) -> (day: Int, minute: Int?)? {
        switch self {
        case .zoned: return nil
        case .local(let day, let minute): return (day, minute)
        case .numeric(let a, let b, let year, let minute):
            let o: DateOrder
            if let order { o = order } else if a == b || a > 12 { o = .dmy } else if b > 12 { o = .mdy } else { return nil }
            guard let day = o == .dmy ? ImportDates.civil(year, b, a) : ImportDates.civil(year, a, b) else { return nil }
            return (day, minute)
        }
    }

    /// What the date alone says about the file's order: day first (first number over 12), month first (second over
    /// 12), or nothing.
    var proves: DateOrder? {
        guard case .numeric(let a, let b, _, _) = self else { return nil }
        if a > 12 && b <= 12 { return .dmy }
        if b > 12 && a <= 12 { return .mdy }
        return nil
    }

    /// A numeric date whose day and month could be swapped and still be a different, real date.
    var ambiguous: Bool {
        guard case .numeric(let a, let b, _, _) = self else { return false }
        return a != b && (1...12).contains(a) && (1...12).contains(b)
    }
}

/// Reading the shapes of dates and times that exports use: ISO with or without an offset, numeric dates with `/`,
/// `.` or `-`, English month names (long, short, `Sept`, any case, with or without a weekday), 12-hour times
/// (`12:30 pm`, `12:30PM`, `12:30 p.m.`, `12pm`), 24-hour times with seconds, and Excel's serial day numbers. Works on
/// the bytes: a 200,000-row file has every date read twice (once to decide the order, once to import).
enum ImportDates {
    /// Reads `text` as far as it can without the file's order; nil for text that is not a date this reads.
    static func read(_ text: String) -> WrittenDate? {
        var b = Array(text.utf8)
        while let l = b.last, l == 0x20 || l == 0x09 { b.removeLast() }
        var start = 0
        while start < b.count, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
        if start > 0 { b.removeFirst(start) }
        guard !b.isEmpty else { return nil }
        for k in b.indices where b[k] >= 0x41 && b[k] <= 0x5A { b[k] += 0x20 }  // ASCII lower case
        let isoDate = b.count >= 10 && b[0..<4].allSatisfy(isDigit) && b[4] == 0x2D
        if isoDate, b.count >= 17 {
            // An offset (`Z`, `+01:00`) after an ISO date and time, with `T` or a space between them.
            var z = b
            if let cut = z.firstIndex(of: 0x20), cut >= 8, cut <= 10 { z[cut] = 0x74 }
            let upper = String(decoding: z.map { $0 == 0x74 ? 0x54 : ($0 == 0x7A ? 0x5A : $0) }, as: UTF8.self)
            if let zoned = DateInput.parseZonedISO(upper) { return .zoned(zoned) }
        }
        if let serial = excelSerial(b) { return serial }
        // Tokens: split on spaces and commas; an ISO date's `T` splits it from its time.
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        for (k, c) in b.enumerated() {
            let isoT = isoDate && c == 0x74 && k >= 8 && k <= 10 && tokens.isEmpty
            if c == 0x20 || c == 0x09 || c == 0x2C || isoT {
                if !current.isEmpty { tokens.append(current); current = [] }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        // `12:30 pm`, `12:30 p.m.`, `12 PM`, `12:30p.m.`: the meridiem joins its time as `pm`.
        var joined: [[UInt8]] = []
        for t in tokens {
            let bare = t.filter { $0 != 0x2E }
            if bare == [0x61, 0x6D] || bare == [0x70, 0x6D], let last = joined.last?.last, isDigit(last) {
                joined[joined.count - 1] += bare
            } else if t.count >= 3, let m = t.firstIndex(where: { $0 == 0x61 || $0 == 0x70 }), m > 0, isDigit(t[m - 1]),
                      t[m...].filter({ $0 != 0x2E }) == [t[m], 0x6D] {
                joined.append(Array(t[..<m]) + [t[m], 0x6D])
            } else {
                joined.append(t)
            }
        }
        var minute: Int?
        if let i = joined.firstIndex(where: isTime) {
            guard let m = self.minute(joined[i]) else { return nil }
            minute = m
            joined.remove(at: i)
        }
        joined = joined.map { $0.last == 0x2E ? Array($0.dropLast()) : $0 }
        if let first = joined.first, first.first.map(isLetter) == true, weekdays.contains(String(decoding: first, as: UTF8.self)) {
            joined.removeFirst()
        }
        let parts: [[UInt8]]
        switch joined.count {
        case 1: parts = joined[0].split(omittingEmptySubsequences: false) { $0 == 0x2F || $0 == 0x2E || $0 == 0x2D }.map(Array.init)
        case 3: parts = joined
        default: return nil
        }
        guard parts.count == 3 else { return nil }
        if let mi = parts.firstIndex(where: { month($0) != nil }) {
            // `16 May 2025`, `May 16 2025`, `16-May-2025`, `Fri 16 May 2025`: the month is named, no order is needed.
            let others = parts.indices.filter { $0 != mi }.map { parts[$0] }
            guard mi < 2, others[1].count == 4, let y = number(others[1]), let d = number(ordinal(others[0])),
                  let day = civil(y, month(parts[mi])!, d) else { return nil }
            return .local(day: day, minute: minute)
        }
        guard let a = number(parts[0]), let m = number(parts[1]), let y = number(parts[2]) else { return nil }
        if parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count) {
            // ISO order, whatever the separator (`2026-03-25`, `2026/03/25`).
            guard let day = civil(a, m, y) else { return nil }
            return .local(day: day, minute: minute)
        }
        guard (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4 else { return nil }
        return .numeric(a: a, b: m, year: y, minute: minute)
    }

    /// What `text` says about the file's order, read without allocating for the common shapes: `25/03/2026`,
    /// `03/25/2026 14:30`, `2026-03-25…` (no order needed). Anything else goes through `read`.
    static func orderEvidence(_ text: String) -> (proves: DateOrder?, ambiguous: Bool, numeric: Bool) {
        var u = text.utf8.makeIterator()
        var c = u.next()
        while c == 0x20 || c == 0x09 { c = u.next() }
        var groups: [Int] = [0, 0, 0], widths = [0, 0, 0], g = 0, sep: UInt8 = 0
        while let b = c {
            if isDigit(b) {
                groups[g] = groups[g] * 10 + Int(b - 0x30)
                widths[g] += 1
                if widths[g] > 4 { break }
            } else if g < 2, widths[g] > 0, b == 0x2F || b == 0x2E || b == 0x2D, sep == 0 || b == sep {
                sep = b
                g += 1
            } else {
                break
            }
            c = u.next()
        }
        let ended = c == nil || c == 0x20 || c == 0x09 || c == 0x54 || c == 0x74
        if g == 2, ended, widths[0] == 4 { return (nil, false, false) }  // ISO
        if g == 2, ended, (1...2).contains(widths[0]), (1...2).contains(widths[1]), widths[2] == 4 {
            let w = WrittenDate.numeric(a: groups[0], b: groups[1], year: groups[2], minute: nil)
            return (w.proves, w.ambiguous, true)
        }
        guard let written = read(text) else { return (nil, false, false) }
        if case .numeric = written { return (written.proves, written.ambiguous, true) }
        return (nil, false, false)
    }

    /// Minutes after midnight from a lower-case time token: `9:30`, `14:30:00`, `14:30:00.000`, `2:30pm`, `2pm`.
    static func minute(_ token: [UInt8]) -> Int? {
        var t = token[...]
        var meridiem: UInt8?
        if t.count > 2, t.last == 0x6D, let ap = t.dropLast().last, ap == 0x61 || ap == 0x70 {
            meridiem = ap
            t = t.dropLast(2)
        }
        var fields = t.split(separator: 0x3A, omittingEmptySubsequences: false)
        // `14:30:00.000`: fractions of a second are dropped.
        if fields.count == 3, let dot = fields[2].firstIndex(of: 0x2E), fields[2][(dot + 1)...].allSatisfy(isDigit) {
            fields[2] = fields[2][..<dot]
        }
        guard (1...3).contains(fields.count), fields.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(isDigit) }),
              var h = number(fields[0]) else { return nil }
        let m = fields.count > 1 ? number(fields[1]) ?? 99 : 0
        let sec = fields.count > 2 ? number(fields[2]) ?? 99 : 0
        guard fields.count == 1 ? meridiem != nil : fields[1].count == 2, m <= 59, sec <= 59 else { return nil }
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (meridiem == 0x70 ? 12 : 0)
        }
        guard h <= 23 else { return nil }
        return h * 60 + m
    }

    /// Why `text` could not be read as a date, for the row's message.
    static func problem(_ text: String, what: String, order: DateOrder?) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        // ASCII digits only: `\d` would take other scripts' digits (a full-width `２０２６` is not a two-digit year).
        if t.range(of: #"(^|[^0-9])[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2}($|[^0-9])"#, options: .regularExpression) != nil
            || t.range(of: #"[a-zA-Z]+[ ,\-]+[0-9]{1,2}[ ,\-]+[0-9]{2}$"#, options: .regularExpression) != nil {
            return "the \(what) '\(text)' has a two-digit year, which could be 19xx or 20xx: export the file again with four-digit years"
        }
        if let w = read(t), case .numeric = w, let order {
            return "the \(what) '\(text)' is not a date read \(order.words) (\(order.pattern)), the order this file's dates are read in"
        }
        return "can't read the \(what) '\(text)': use 2026-03-25 14:30, 25 March 2026 2:30 pm or the file's own dd/mm/yyyy or mm/dd/yyyy"
    }

    /// `45742` or `45742.604166`: a date cell Excel wrote as its serial day number (1900 date system, where day 60 is
    /// the 29 February 1900 that never was; serials from 61 on count from 30 December 1899). Five digits only, so
    /// 1927–2173: a bare number that small or large is not a date anyone meant.
    static func excelSerial(_ t: [UInt8]) -> WrittenDate? {
        let parts = t.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 5, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }),
              let whole = number(parts[0]) else { return nil }
        let day = Civil.days(1899, 12, 30) + whole
        guard parts.count == 2, let fraction = Double("0." + String(decoding: parts[1], as: UTF8.self)) else {
            return .local(day: day, minute: nil)
        }
        // Excel stores 12:30 as 0.520833…; rounding to the minute undoes the float.
        let minute = Int((fraction * 1440).rounded())
        return minute >= 1440 ? .local(day: day + 1, minute: 0) : .local(day: day, minute: minute)
    }

    /// `12:30`, `12:30pm`, `12pm`, `14:30:00`, `14:30:00.000`: a token that is a time, not a date.
    static func isTime(_ token: [UInt8]) -> Bool {
        guard let first = token.first, isDigit(first) else { return false }
        if token.contains(0x3A) { return true }
        return token.count >= 3 && token.last == 0x6D && (token[token.count - 2] == 0x61 || token[token.count - 2] == 0x70)
    }

    /// The month an English name or abbreviation names (`Sept` too), in lower case.
    static func month(_ word: [UInt8]) -> Int? {
        guard (3...9).contains(word.count), word.allSatisfy(isLetter) else { return nil }
        let w = String(decoding: word, as: UTF8.self)
        guard let i = months.firstIndex(where: { $0.hasPrefix(w) }) else { return nil }
        return i + 1
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]
    static let weekdays: Set<String> = ["mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
                                        "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday"]

    /// `16th` → `16`.
    static func ordinal(_ s: [UInt8]) -> ArraySlice<UInt8> {
        guard s.count > 2, let last = s.last, isLetter(last) else { return s[...] }
        return s.dropLast(2)
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isLetter(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }

    /// The number ASCII digits spell; nil for anything else (or more than 9 digits).
    static func number<C: Collection>(_ digits: C) -> Int? where C.Element == UInt8 {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var n = 0
        for c in digits {
            guard isDigit(c) else { return nil }
            n = n * 10 + Int(c - 0x30)
        }
        return n
    }

    static func civil(_ y: Int, _ m: Int, _ d: Int) -> Int? {
        guard (1900...2200).contains(y), (1...12).contains(m), (1...Civil.daysInMonth(y, m)).contains(d) else { return nil }
        return Civil.days(y, m, d)
    }
}
