import Foundation
import KeepwarmCore

/// Reading the values practice systems export: dates (ISO, or UK day/month/year), times, yes/no answers and
/// appointment outcomes. Each returns nil for text it cannot read, and the caller says which row and column.
public enum ImportValues {
    /// A local day number from `2024-03-07`, `07/03/2024`, `7/3/2024` or `07.03.2024` (day first, as in the UK).
    public static func day(_ s: String) -> Int? {
        let t = s.trimmingCharacters(in: .whitespaces)
        let iso = t.split(separator: "-", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, iso[1].count == 2, iso[2].count == 2 {
            return civil(Int(iso[0]), Int(iso[1]), Int(iso[2]))
        }
        for sep in ["/", "."] as [Character] {
            let uk = t.split(separator: sep, omittingEmptySubsequences: false)
            if uk.count == 3, (1...2).contains(uk[0].count), (1...2).contains(uk[1].count), uk[2].count == 4 {
                return civil(Int(uk[2]), Int(uk[1]), Int(uk[0]))
            }
        }
        return nil
    }

    /// Minutes after midnight from `9:30`, `09:30`, `09:30:00`, `9:30 AM`, `9:30pm` or `2pm`.
    public static func minuteOfDay(_ s: String) -> Int? {
        var t = s.trimmingCharacters(in: .whitespaces).lowercased()
        var meridiem: String?
        for m in ["am", "pm"] where t.hasSuffix(m) {
            meridiem = m
            t = String(t.dropLast(2)).trimmingCharacters(in: .whitespaces)
        }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
              var h = Int(parts[0]) else { return nil }
        let m = parts.count > 1 ? Int(parts[1]) : 0
        let sec = parts.count > 2 ? Int(parts[2]) : 0
        guard let m, let sec, parts.count == 1 ? meridiem != nil : parts[1].count == 2, (0...59).contains(m), (0...59).contains(sec) else { return nil }
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (meridiem == "pm" ? 12 : 0)
        }
        guard (0...23).contains(h) else { return nil }
        return h * 60 + m
    }

    /// An instant from an ISO time with a zone (`2024-03-07T09:30:00Z`), or a local date and time separated by a space
    /// or `T` (`2024-03-07 09:30`, `07/03/2024 9:30 AM`), read in the practice's time zone.
    public static func instant(_ s: String, calendar: PracticeCalendar) -> Instant? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let zoned = DateInput.parseZonedISO(t) { return zoned }
        guard let cut = t.firstIndex(where: { $0 == " " || $0 == "T" }) else { return nil }
        guard let d = day(String(t[..<cut])), let m = minuteOfDay(String(t[t.index(after: cut)...])) else { return nil }
        return calendar.instant(day: d, minute: m)
    }

    /// yes/no, true/false, y/n, 1/0; nil for anything else.
    public static func bool(_ s: String) -> Bool? {
        switch s.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "y", "true", "t", "1", "x", "✓": true
        case "no", "n", "false", "f", "0": false
        default: nil
        }
    }

    /// A flag column is set by any value but an explicit no (Cliniko writes the time something happened).
    public static func flag(_ s: String?) -> Bool {
        guard let s else { return false }
        return bool(s) ?? true
    }

    /// What became of an appointment, as written by a practice system.
    public enum Outcome: Equatable, Sendable {
        /// Booked, or no outcome given: decided by whether it has happened yet.
        case unsettled
        case attended
        case noShow
        case cancelled(by: CancelledBy, late: Bool)
    }

    /// The outcome a status column names, or nil for a word Keepwarm does not know.
    public static func outcome(_ s: String?) -> Outcome? {
        guard let s else { return .unsettled }
        let t = s.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch t {
        case "", "booked", "scheduled", "confirmed", "unconfirmed", "pending", "reserved", "future": return .unsettled
        case "attended", "arrived", "completed", "complete", "seen", "checked in", "checked out", "done", "paid": return .attended
        case "no show", "noshow", "dna", "did not arrive", "did not attend", "missed", "no showed": return .noShow
        default:
            guard t.contains("cancel") else { return nil }
            let byPractice = t.contains("practice") || t.contains("clinic") || t.contains("staff") || t.contains("practitioner")
            return .cancelled(by: byPractice ? .practice : .client, late: t.contains("late"))
        }
    }

    /// Whole minutes from `60`, `60 min`, `60 mins` or `1:00` (hours and minutes).
    public static func minutes(_ s: String) -> Int? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        if t.contains(":") {
            let p = t.split(separator: ":")
            guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), p[1].count == 2 else { return nil }
            return h * 60 + m
        }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        let rest = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, ["", "m", "min", "mins", "minute", "minutes"].contains(rest) else { return nil }
        return Int(digits)
    }

    private static func civil(_ y: Int?, _ m: Int?, _ d: Int?) -> Int? {
        guard let y, let m, let d, (1900...2200).contains(y), (1...12).contains(m), (1...Civil.daysInMonth(y, m)).contains(d) else { return nil }
        return Civil.days(y, m, d)
    }
}
