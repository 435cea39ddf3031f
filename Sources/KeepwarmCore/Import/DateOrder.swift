import KeepwarmCore

/// Whether a file's numeric dates put the day first (25/03/2026, as in the UK) or the month first (03/25/2026, as in
/// the US). Decided once for the whole file (`decide`), never guessed from one row.
public enum DateOrder: String, Sendable, CaseIterable {
    case dmy, mdy

    /// `day first`, `month first`.
    public var words: String { self == .dmy ? "day first" : "month first" }
    /// `dd/mm/yyyy`, `mm/dd/yyyy`.
    public var pattern: String { self == .dmy ? "dd/mm/yyyy" : "mm/dd/yyyy" }

    /// The date fields an appointments import reads.
    public static let appointmentFields: [ImportField] = [.start, .date, .end, .bookedAt, .settledAt]
    /// The date fields a clients import reads.
    public static let clientFields: [ImportField] = [.firstVisit, .lastVisit, .added, .lastContacted]

    public static func fields(forAppointments: Bool) -> [ImportField] { forAppointments ? appointmentFields : clientFields }

    /// `--date-order`: nil when not given.
    public static func named(_ name: String?) throws(ImportError) -> DateOrder? {
        guard let name else { return nil }
        guard let order = DateOrder(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ImportError("--date-order: '\(name)' is not an order; use dmy (day first, 25/03/2026) or mdy (month first, 03/25/2026)")
        }
        return order
    }

    /// Reads every date of `fields` in every row before deciding. A date whose first number is over 12 proves day
    /// first; one whose second is over 12 proves month first. One proof decides the file, and the reading says so;
    /// proofs both ways, or numeric dates that could be read either way and no proof, refuse the whole file (unless
    /// `given`, from `--date-order`, decides it: the rows that contradict it are then rejected one by one). A file
    /// with only ISO, month-name or Excel serial dates needs no decision.
    public static func decide(_ table: CSVTable, _ map: ColumnMap, fields: [ImportField], given: DateOrder?) throws(ImportError) -> DateReading {
        var proof: [DateOrder: (row: Int, text: String)] = [:]
        var ambiguous: [(row: Int, text: String)] = []
        var numeric = 0
        for row in table.rows {
            for field in fields {
                guard let text = map.value(field, in: row) else { continue }
                let evidence = ImportDates.orderEvidence(text)
                if evidence.numeric { numeric += 1 }
                if let order = evidence.proves, proof[order] == nil { proof[order] = (row.number, text) }
                if evidence.ambiguous && ambiguous.count < 3 { ambiguous.append((row.number, text)) }
            }
        }
        if let given {
            return DateReading(order: given, note: numeric == 0 ? nil : "dates read \(given.words) (\(given.pattern)), as --date-order \(given.rawValue) says")
        }
        let fix = "add --date-order dmy (day first, \(DateOrder.dmy.pattern)) or --date-order mdy (month first, \(DateOrder.mdy.pattern))"
        switch (proof[.dmy], proof[.mdy]) {
        case (let d?, let m?):
            throw ImportError("\(table.file): the dates disagree: row \(d.row) has \(d.text) (day first) but row \(m.row) has \(m.text) (month first); correct the file, or \(fix) to reject the rows that disagree")
        case (let d?, nil):
            return DateReading(order: .dmy, note: "dates read day first (\(DateOrder.dmy.pattern)): row \(d.row) has \(d.text)")
        case (nil, let m?):
            return DateReading(order: .mdy, note: "dates read month first (\(DateOrder.mdy.pattern)): row \(m.row) has \(m.text)")
        case (nil, nil):
            guard !ambiguous.isEmpty else { return DateReading(order: nil, note: nil) }
            let shown = ambiguous.map { "row \($0.row) has \($0.text)" }.joined(separator: ", ")
            throw ImportError("\(table.file): can't tell whether the dates are day first or month first (\(shown)); \(fix)")
        }
    }
}

/// How one file's dates are read: its order (nil when no date needed one) and, when the order was decided, the
/// sentence saying how, for the dry run.
public struct DateReading: Equatable, Sendable {
    public let order: DateOrder?
    public let note: String?

    public init(order: DateOrder?, note: String?) {
        self.order = order
        self.note = note
    }

    /// No numeric date needed an order: only unambiguous dates are read.
    public static let unneeded = DateReading(order: nil, note: nil)
}
