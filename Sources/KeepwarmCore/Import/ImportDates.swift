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
/// (`12:30 pm`, `12:30PM`, `12:30 p.m.`, `12pm`), 24-hour times with seconds, and Excel's serial day numbers.
enum ImportDates {
    /// Reads `text` as far as it can without the file's order; nil for text that is not a date this reads.
    static func read(_ text: String) -> WrittenDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let zoned = DateInput.parseZonedISO(trimmed) { return .zoned(zoned) }
        // `2026-03-25 14:30:00Z`: an ISO time with an offset but a space where ISO puts `T`.
        if trimmed.range(of: #"^\d{4}-\d{2}-\d{2} \d"#, options: .regularExpression) != nil,
           let zoned = DateInput.parseZonedISO(trimmed.replacingOccurrences(of: " ", with: "T", options: [], range: trimmed.range(of: " "))) {
            return .zoned(zoned)
        }
        if let serial = excelSerial(trimmed) { return serial }
        var t = trimmed.lowercased()
        // `2026-03-25T14:30:00` with no offset: a local time.
        if let r = t.range(of: #"^\d{4}-\d{1,2}-\d{1,2}t"#, options: .regularExpression) {
            t.replaceSubrange(t.index(before: r.upperBound)..<r.upperBound, with: " ")
        }
        t = t.replacingOccurrences(of: ",", with: " ")
        // `12:30 p.m.`, `12:30 PM`, `12 pm` → `12:30pm`, `12pm`.
        t = t.replacingOccurrences(of: #"(\d)\s*([ap])\.?\s?m\.?(?=\s|$)"#, with: "$1$2m", options: .regularExpression)
        var tokens = t.split(whereSeparator: \.isWhitespace).map(String.init)
        var minute: Int?
        if let i = tokens.firstIndex(where: isTime) {
            guard let m = ImportValues.minuteOfDay(tokens[i]) else { return nil }
            minute = m
            tokens.remove(at: i)
        }
        tokens = tokens.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        if let first = tokens.first, weekdays.contains(first) { tokens.removeFirst() }
        let parts: [String]
        switch tokens.count {
        case 1: parts = tokens[0].split(omittingEmptySubsequences: false) { "/.-".contains($0) }.map(String.init)
        case 3: parts = tokens
        default: return nil
        }
        guard parts.count == 3 else { return nil }
        if let mi = parts.firstIndex(where: { month($0) != nil }) {
            // `16 May 2025`, `May 16 2025`, `16-May-2025`, `Fri 16 May 2025`: the month is named, no order is needed.
            let others = parts.indices.filter { $0 != mi }.map { parts[$0] }
            guard mi < 2, others[1].count == 4, let y = Int(others[1]), let d = Int(ordinal(others[0])),
                  let day = civil(y, month(parts[mi])!, d) else { return nil }
            return .local(day: day, minute: minute)
        }
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let n = parts.compactMap { Int($0) }
        if parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count) {
            // ISO order, whatever the separator (`2026-03-25`, `2026/03/25`).
            guard let day = civil(n[0], n[1], n[2]) else { return nil }
            return .local(day: day, minute: minute)
        }
        guard (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4 else { return nil }
        return .numeric(a: n[0], b: n[1], year: n[2], minute: minute)
    }

    /// Why `text` could not be read as a date, for the row's message.
    static func problem(_ text: String, what: String, order: DateOrder?) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.range(of: #"(^|[^0-9])\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}($|[^0-9])"#, options: .regularExpression) != nil
            || t.range(of: #"[a-zA-Z]+[ ,\-]+\d{1,2}[ ,\-]+\d{2}$"#, options: .regularExpression) != nil {
            return "the \(what) '\(text)' has a two-digit year, which could be 19xx or 20xx: export the file again with four-digit years"
        }
        if let w = read(t), case .numeric = w, let order {
            return "the \(what) '\(text)' is not a date read \(order.words) (\(order.pattern), as --date-order \(order.rawValue) says)"
        }
        return "can't read the \(what) '\(text)': use 2026-03-25 14:30, 25 March 2026 2:30 pm or the file's own dd/mm/yyyy or mm/dd/yyyy"
    }

    /// `45742` or `45742.604166`: a date cell Excel wrote as its serial day number (1900 date system, where day 60 is
    /// the 29 February 1900 that never was; serials from 61 on count from 30 December 1899). Five digits only, so
    /// 1927–2173: a bare number that small or large is not a date anyone meant.
    static func excelSerial(_ t: String) -> WrittenDate? {
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 5, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let whole = Int(parts[0]) else { return nil }
        let day = Civil.days(1899, 12, 30) + whole
        guard parts.count == 2, let fraction = Double("0." + parts[1]) else { return .local(day: day, minute: parts.count == 2 ? 0 : nil) }
        // Excel stores 12:30 as 0.520833…; rounding to the minute undoes the float.
        let minute = Int((fraction * 1440).rounded())
        return minute >= 1440 ? .local(day: day + 1, minute: 0) : .local(day: day, minute: minute)
    }

    /// `12:30`, `12:30pm`, `12pm`, `14:30:00`, `14:30:00.000`: a token that is a time, not a date.
    static func isTime(_ token: String) -> Bool {
        guard let first = token.first, first.isASCII, first.isNumber else { return false }
        return token.contains(":") || token.hasSuffix("am") || token.hasSuffix("pm")
    }

    /// The month an English name or abbreviation names (`Sept` and `sept.` too), any case.
    static func month(_ word: String) -> Int? {
        let w = word.lowercased()
        guard w.count >= 3, let i = months.firstIndex(where: { $0.hasPrefix(w) }) else { return nil }
        return i + 1
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]
    static let weekdays: Set<String> = ["mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
                                        "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday"]

    /// `16th` → `16`.
    static func ordinal(_ s: String) -> String {
        for suffix in ["st", "nd", "rd", "th"] where s.hasSuffix(suffix) && s.count > 2 { return String(s.dropLast(2)) }
        return s
    }

    static func civil(_ y: Int, _ m: Int, _ d: Int) -> Int? {
        guard (1900...2200).contains(y), (1...12).contains(m), (1...Civil.daysInMonth(y, m)).contains(d) else { return nil }
        return Civil.days(y, m, d)
    }
}
