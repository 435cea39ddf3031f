import KeepwarmCore

/// A client-only export's history and rhythm: the usual interval between visits (`cadence`), the visits count, the
/// first and last visit, when the other system added the client and when it last contacted them (`ImportedHistory`),
/// so the lapsed list and the follow-ups are right on the first day without an appointments file.
extension ClientRow {
    /// The usual interval in days: `28`, `28 days`, `4 weeks`; anything else rejects the row naming its column.
    mutating func readCadence(_ cells: Cells) throws(CommandError) {
        guard let (v, column) = cells.cell(.cadence) else { return }
        guard let days = Self.days(v) else { throw CommandError("\(column) is '\(v)'; use a number of days, such as 28") }
        client.cadence = try Validate.cadence(days)
    }

    /// The history columns. Dates are the practice's local days; a date after the import, a first visit after the
    /// last, or a last visit with no visits rejects the row (each naming its column), since a wrong date would put
    /// the client on the wrong list.
    mutating func readHistory(_ cells: Cells, calendar: PracticeCalendar, today: Int, order: DateOrder?) throws(CommandError) {
        var h = ImportedHistory()
        if let (v, column) = cells.cell(.visits) {
            guard let n = Int(v.trimmingCharacters(in: .whitespaces)), (0...100_000).contains(n) else {
                throw CommandError("\(column) is '\(v)'; use a whole number of visits, such as 6")
            }
            h.visits = n
        }
        func day(_ f: ImportField) throws(CommandError) -> (day: Int, column: String)? {
            guard let (v, column) = cells.cell(f) else { return nil }
            // A date with a time (`2026-03-07 09:30`, as exports often write a visit) counts as its day.
            guard let d = ImportValues.dayOf(v, calendar: calendar, order: order) else {
                throw CommandError("\(column): \(ImportDates.problem(v, what: "date", order: order))")
            }
            guard d <= today else { throw CommandError("\(column) is \(Civil.string(ofDay: d)), which hasn't come yet") }
            return (d, column)
        }
        let first = try day(.firstVisit), last = try day(.lastVisit)
        h.firstVisit = first?.day
        h.lastVisit = last?.day
        h.since = try day(.added)?.day
        if let first, let last, first.day > last.day {
            throw CommandError("\(first.column) (\(Civil.string(ofDay: first.day))) is after \(last.column) (\(Civil.string(ofDay: last.day)))")
        }
        if h.visits == 0, let last {
            throw CommandError("\(last.column) is \(Civil.string(ofDay: last.day)) but \(cells.cell(.visits)?.column ?? "visits") is 0")
        }
        if let (v, column) = cells.cell(.lastContacted) {
            // A date alone is the start of that day.
            guard let at = ImportValues.instant(v, calendar: calendar, order: order)
                    ?? ImportValues.dayOf(v, calendar: calendar, order: order).map({ calendar.instant(day: $0, minute: 0) }) else {
                throw CommandError("\(column) is '\(v)'; use a date, or a date and time such as 2026-03-07 09:30")
            }
            guard calendar.day(of: at) <= today else { throw CommandError("\(column) is \(v), which hasn't come yet") }
            h.contacted = at
        }
        // No visits and nothing else is no history at all (a client the other system never saw).
        if h.visits == 0 && h.firstVisit == nil && h.lastVisit == nil { h.visits = nil }
        client.history = h.isEmpty ? nil : h
    }

    static func days(_ s: String) -> Int? {
        let t = ConsentWords.normal(s)
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 5, let n = Int(digits) else { return nil }
        switch t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces) {
        case "", "d", "day", "days": return n
        case "w", "wk", "wks", "week", "weeks": return n * 7
        default: return nil
        }
    }
}
