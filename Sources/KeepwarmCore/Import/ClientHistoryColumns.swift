import KeepwarmCore

/// A client-only export's history and rhythm: the usual interval between visits (`cadence`), and (with the imported
/// history) the visits count, the first and last visit, when the client was added and last contacted.
extension ClientRow {
    /// The usual interval in days: `28`, `28 days`, `4 weeks`; anything else rejects the row naming its column.
    mutating func readCadence(_ cells: Cells) throws(CommandError) {
        guard let (v, column) = cells.cell(.cadence) else { return }
        guard let days = Self.days(v) else { throw CommandError("\(column) is '\(v)'; use a number of days, such as 28") }
        client.cadence = try Validate.cadence(days)
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
