import KeepwarmCore

/// One row left out of an import, and why, by its row number as a spreadsheet shows it.
public struct SkippedRow: Equatable, Sendable {
    public let row: Int
    public let reason: String
}

/// What an import would write, worked out against the practice as it stands: the events (written together, or not at
/// all), and the rows left out as duplicates or rejected. The same plan is the dry run's report and `--commit`'s batch.
public struct ImportPlan: Sendable {
    public let file: String
    /// Data rows in the file (blank lines left out).
    public let rows: Int
    public internal(set) var events: [EventBody] = []
    /// One line per kind of record written, such as "3 clients to add (c4–c6)".
    public internal(set) var summary: [String] = []
    /// Things worth knowing before committing that are not wrong, such as outcomes assumed.
    public internal(set) var notes: [String] = []
    /// Rows already in the log from an earlier import of the same rows (or, for appointments, the same appointment):
    /// skipped, so importing a file again adds nothing.
    public internal(set) var alreadyImported: [SkippedRow] = []
    public internal(set) var duplicates: [SkippedRow] = []
    public internal(set) var rejected: [SkippedRow] = []
    /// Status words Keepwarm does not know, each once with its rows: those rows are left out until
    /// `--status "Word=outcome"` says what the word means.
    public internal(set) var unknownStatuses: [StatusRows] = []
    /// Rows left out on purpose by their status (deleted or archived in the other system, requests never accepted),
    /// counted by word.
    public internal(set) var leftOut: [StatusRows] = []
    /// Headers of columns that are not imported.
    public let unusedColumns: [String]
    /// Rows that become records.
    public internal(set) var imported = 0

    init(file: String, rows: Int, unusedColumns: [String]) {
        self.file = file
        self.rows = rows
        self.unusedColumns = unusedColumns
    }
}

/// Applies planned events to a copy of the practice as they are made, so ids, duplicates and clashes within the file
/// are seen exactly as `EventLog.appendBatch` will see them.
struct Trial {
    var practice: Practice
    let by: String
    let at: Instant
    var events: [EventBody] = []

    mutating func add(_ body: EventBody) throws(ApplyError) {
        try practice.tryOut(Event(seq: practice.lastSeq + 1, at: at, by: by, body: body))
        events.append(body)
    }
}

/// How duplicates are recognised: the same name with the same phone number or the same email address, each compared
/// by the practice's one rule for whose record is this (`Ownership`: names ignoring case and spacing, phones by their
/// digits with +44 read as 0, emails trimmed and ignoring case).
enum DuplicateKey {
    static func keys(name: String, phone: String?, email: String?, rule: Ownership) -> [String] {
        keys(RowKeys(NewClient(id: ClientID(1), name: name, phone: phone, email: email), rule: rule))
    }

    static func keys(_ k: RowKeys) -> [String] {
        guard let n = k.name else { return [] }
        var out: [String] = []
        if let d = k.phone { out.append(n + "|p:" + d) }
        if let e = k.email { out.append(n + "|e:" + e) }
        return out
    }
}

/// Wording shared by the import summaries.
enum Wording {
    /// `3 clients`, `1 client`.
    static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// ` (c4–c6)`, ` (c4)`, or nothing for no ids.
    static func span<K>(_ ids: [ID<K>]) -> String {
        guard let a = ids.first, let b = ids.last else { return "" }
        return a == b ? " (\(a))" : " (\(a)–\(b))"
    }
}
