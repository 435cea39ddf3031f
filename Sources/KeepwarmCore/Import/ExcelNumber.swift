import KeepwarmCore
import Foundation

/// A number cell of a workbook as text an import reads: dates and times (numbers of days since 1900 or 1904, shown
/// as dates by their cell's format) become ISO text, other numbers read as Excel shows them in General format.
enum ExcelNumber {
    /// The built-in number formats that are dates or times (ECMA-376 §18.8.30): 14–22 and 45–47.
    static let builtInDateFormats: Set<Int> = Set(14...22).union(45...47)

    /// Whether a custom format code shows a date or a time: it has d, m, y, h or s outside quoted text, `[Red]`-style
    /// brackets and backslash-escaped characters (`0.00" days"` is a number, `dd/mm/yyyy hh:mm` a date).
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        for c in code.lowercased() {
            if escaped { escaped = false; continue }
            switch c {
            case "\"": quoted.toggle()
            case "\\", "_", "*": if !quoted { escaped = true }
            case "[": if !quoted { bracket = true }
            case "]": if !quoted { bracket = false }
            case "d", "m", "y", "h", "s": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }

    /// What a format shows of a date: the day, the time of day, or both.
    struct DateParts {
        let day: Bool
        let time: Bool
        init(_ code: String?, id: Int) {
            guard let code else {
                // Built-in: 14–17 dates, 18–21 and 45–47 times, 22 both.
                day = (14...17).contains(id) || id == 22
                time = !(14...17).contains(id)
                return
            }
            var letters = ""
            var quoted = false, bracket = false
            for c in code.lowercased() {
                if c == "\"" { quoted.toggle() } else if c == "[" { bracket = true } else if c == "]" { bracket = false } else if !quoted && !bracket { letters.append(c) }
            }
            time = letters.contains("h") || letters.contains("s")
            day = letters.contains("d") || letters.contains("y") || (letters.contains("m") && !time)
        }
    }

    /// Excel's serial day `value` as `2026-03-25`, `2026-03-25 14:30` or `14:30`. In the 1900 system Excel counts
    /// 29 February 1900, which never was, so serial 61 is 1 March 1900 and every later day counts from 30 December 1899;
    /// in the 1904 system (old Mac workbooks, `date1904` in workbook.xml) day 0 is 1 January 1904.
    static func date(_ value: Double, parts: DateParts, date1904: Bool) -> String {
        var seconds = Int((value * 86_400).rounded())
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        seconds -= days * 86_400
        if date1904 { days += 1462 } else if days < 61 { days += 1 }
        // Days from 1899-12-30 to 1970-01-01 are 25,569.
        let (y, m, d) = Civil.date(fromDays: days - 25_569)
        let day = String(format: "%04d-%02d-%02d", y, m, d)
        let s = seconds % 60
        let time = String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60) + (s == 0 ? "" : String(format: ":%02d", s))
        switch (parts.day, parts.time) {
        case (true, true): return day + " " + time
        case (false, true): return time
        default: return day
        }
    }

    /// A number as Excel's General format shows it: whole numbers without `.0` and in full (a phone number stored as
    /// a number, 447700900123, stays those twelve digits), others to 15 significant digits (`0.1` not
    /// `0.10000000000000001`).
    static func general(_ raw: String) -> String {
        guard let v = Double(raw), v.isFinite else { return raw }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        if !raw.contains("E") && !raw.contains("e") && raw.count <= 16 { return raw }
        return String(format: "%.15g", v)
    }
}
