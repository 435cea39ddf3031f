import Foundation
import KeepwarmCore

/// Reading the values practice systems export: dates and times (in the file's own day/month order, `DateOrder`),
/// yes/no answers and appointment outcomes. Each returns nil for text it cannot read, and the caller says which row
/// and column.
public enum ImportValues {
    /// A local day number from `2026-03-25`, `25/03/2026` or `03/25/2026` (read in `order`), `25.03.2026`,
    /// `16 May 2025`, `May 16, 2025`, `Fri, 16 May 2025`, `16-May-2025` or an Excel serial day (`45742`). With no order,
    /// a numeric date is read only when it can mean one day (25/03/2026); `DateOrder.decide` gives the file's order.
    public static func day(_ s: String, order: DateOrder? = nil) -> Int? {
        guard let written = ImportDates.read(s) else { return nil }
        return written.resolved(order)?.day
    }

    /// Minutes after midnight from `9:30`, `09:30`, `09:30:00`, `9:30 AM`, `9:30pm`, `12:30 p.m.`, `2pm` or an Excel
    /// time cell's fraction of a day (`0.5`).
    public static func minuteOfDay(_ s: String) -> Int? {
        var t = s.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasPrefix("0."), t.count > 2, t.dropFirst(2).allSatisfy({ $0.isASCII && $0.isNumber }), let f = Double(t) {
            let m = Int((f * 1440).rounded())
            return m < 1440 ? m : nil
        }
        // `12:30 p.m.`, `12:30 PM` → `12:30pm`.
        for (written, m) in [(" a.m.", "am"), (" p.m.", "pm"), ("a.m.", "am"), ("p.m.", "pm"), (" a.m", "am"), (" p.m", "pm"),
                             ("a.m", "am"), ("p.m", "pm"), (" am", "am"), (" pm", "pm")] where t.hasSuffix(written) {
            t = String(t.dropLast(written.count)).trimmingCharacters(in: .whitespaces) + m
            break
        }
        return ImportDates.minute(Array(t.utf8))
    }

    /// An instant from an ISO time with an offset (`2026-03-25T14:30:00Z`, `…+01:00`), or a local date and time in
    /// any shape `day` reads (`2026-03-25 14:30:00`, `03/25/2026 2:30 PM`, `May 16, 2025 12:30 pm`, `45742.604166`),
    /// read in the practice's time zone. A date with no time is not an instant (nil).
    public static func instant(_ s: String, calendar: PracticeCalendar, order: DateOrder? = nil) -> Instant? {
        guard let written = ImportDates.read(s) else { return nil }
        if case .zoned(let i) = written { return i }
        guard let (day, minute) = written.resolved(order), let minute else { return nil }
        return calendar.instant(day: day, minute: minute)
    }

    /// The day of a date that may also carry a time (a "last visit" column written as `2026-03-25 14:30`), in the
    /// practice's time zone.
    public static func dayOf(_ s: String, calendar: PracticeCalendar, order: DateOrder? = nil) -> Int? {
        guard let written = ImportDates.read(s) else { return nil }
        if case .zoned(let i) = written { return calendar.day(of: i) }
        return written.resolved(order)?.day
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

        /// Whether it was called off (by anyone, late or not).
        public var isCancellation: Bool { if case .cancelled = self { true } else { false } }
        /// Not an appointment that was kept or missed (deleted or archived in the other system, a request never
        /// accepted): the row is left out and counted.
        case leftOut
    }

    /// The outcome a status column names (`--status` first, then the words of each system, `StatusWords`), or nil
    /// for a word Keepwarm does not know.
    public static func outcome(_ s: String?, custom: StatusMap = .none) -> Outcome? {
        guard let s else { return .unsettled }
        let key = StatusWords.key(s)
        return custom.outcomes[key] ?? StatusWords.outcome(key)
    }

    /// Who cancelled, from a `cancelled-by` column: `client` (patient, customer) or `practice` (clinic, clinician,
    /// practitioner, staff, seller, business); nil for anything else.
    public static func cancelledBy(_ s: String) -> CancelledBy? {
        let t = StatusWords.key(s)
        if ["client", "patient", "customer", "member", "the client"].contains(t) { return .client }
        if ["practice", "clinic", "clinician", "practitioner", "staff", "seller", "business", "provider", "therapist",
            "the practice"].contains(t) { return .practice }
        return nil
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
}
