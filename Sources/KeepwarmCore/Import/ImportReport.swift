import KeepwarmCore

/// What an import says to the person, as lines of text: what would be (or was) added, the rows left out and why, the
/// notes, and for a dry run which column became which field. `keepwarm import` prints these lines and the console's
/// import screen shows the same ones, so the two never tell a different story. Every header and value in them is
/// already made visible (`DisplayText.visible`), so columns line up on a terminal.
public struct ImportReport: Sendable {
    public let plan: ImportPlan
    public let map: ColumnMap
    /// The file's header row, in the file's order.
    public let header: [String]
    /// How the file was read: its sheet or encoding, and the rows above the header and after the data.
    public let shape: Shape

    /// The parts of a table the report needs besides its header (the rows themselves are not kept).
    public struct Shape: Sendable {
        public let encoding: TextEncoding?
        public let sheet: String?
        public let headerRow: Int
        public let skippedAbove: [CSVRow]
        public let footer: [CSVRow]
    }

    public init(plan: ImportPlan, map: ColumnMap, table: CSVTable) {
        self.plan = plan
        self.map = map
        header = table.header
        shape = Shape(encoding: table.encoding, sheet: table.sheet, headerRow: table.headerRow, skippedAbove: table.skippedAbove,
                      footer: table.footer)
    }

    /// The whole report: the plan's lines, how the file was read, then (for a dry run) the mapping.
    public func lines(committed: Bool) -> [String] {
        planLines(committed: committed) + shapeLines() + (committed ? [] : mappingLines())
    }

    /// How the file was read, when that is worth knowing: a workbook's sheet, an encoding other than UTF-8, and the
    /// rows above the header and after the data (a report's title, column numbers, totals) that were not read.
    public func shapeLines() -> [String] {
        var out: [String] = []
        func line(_ s: String) { out.append(DisplayText.visible(s)) }
        func text(_ r: CSVRow) -> String {
            let s = r.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(separator: ",")
            return s.count > 70 ? String(s.prefix(69)) + "…" : s
        }
        let t = shape
        if let sheet = t.sheet { line("  read: Excel workbook, sheet '\(sheet)'") } else if let e = t.encoding, e != .utf8, e != .utf8BOM { line("  read as \(e.rawValue) text") }
        if !t.skippedAbove.isEmpty {
            line("  \(t.skippedAbove.count) row\(t.skippedAbove.count == 1 ? "" : "s") above the header (row \(t.headerRow)), not read:")
            for r in t.skippedAbove { line("    \(plan.file):row \(r.number): \(text(r))") }
        }
        if !t.footer.isEmpty {
            line("  \(t.footer.count) row\(t.footer.count == 1 ? "" : "s") after the data read as the report's footer, not imported:")
            for r in t.footer { line("    \(plan.file):row \(r.number): \(text(r))") }
        }
        return out
    }

    /// The counts, the rows already imported, duplicates and rejected, the notes and the columns not imported.
    public func planLines(committed: Bool) -> [String] {
        var out: [String] = []
        func line(_ s: String) { out.append(DisplayText.visible(s)) }
        let nothing = plan.events.isEmpty
        let rows = "\(plan.rows) row\(plan.rows == 1 ? "" : "s")"
        if committed {
            line(nothing ? "\(plan.file): \(rows); nothing to import, nothing written"
                         : "\(plan.file): \(rows); imported in one batch")
        } else {
            line("\(plan.file): \(rows); dry run, nothing written\(nothing ? "" : " (add --commit to import)")")
        }
        if !nothing { for s in plan.summary { line("  \(committed ? "added" : "would add"): \(s)") } }
        if !plan.alreadyImported.isEmpty {
            // A file imported again lists every row here: the count says it all, a few rows show which.
            let n = plan.alreadyImported.count
            line("  \(n) row\(n == 1 ? "" : "s") already imported, skipped:")
            for d in plan.alreadyImported.prefix(5) { line("    \(plan.file):row \(d.row): \(d.reason)") }
            if n > 5 { line("    … and \(n - 5) more") }
        }
        if !plan.duplicates.isEmpty {
            line("  \(plan.duplicates.count) duplicate\(plan.duplicates.count == 1 ? "" : "s"), skipped:")
            for d in plan.duplicates { line("    \(plan.file):row \(d.row): \(d.reason)") }
        }
        if !plan.rejected.isEmpty {
            line("  \(plan.rejected.count) rejected (fix them in the file and import it again; the rest is not held up):")
            for r in plan.rejected { line("    \(plan.file):row \(r.row): \(r.reason)") }
        }
        func listed(_ s: StatusRows) -> String {
            let first = s.rows.prefix(5).map(String.init).joined(separator: ", ")
            return "'\(s.word)': \(s.rows.count) row\(s.rows.count == 1 ? "" : "s") (row\(s.rows.count == 1 ? "" : "s") \(first)\(s.rows.count > 5 ? ", …" : ""))"
        }
        if !plan.unknownStatuses.isEmpty {
            let n = plan.unknownStatuses.reduce(0) { $0 + $1.rows.count }
            line("  \(n) row\(n == 1 ? "" : "s") left out, with a status Keepwarm doesn't know; say what each means with --status \"Word=attended|no-show|cancelled|late-cancelled|cancelled-by-practice|booked|skip\":")
            for s in plan.unknownStatuses { line("    \(listed(s))") }
        }
        if !plan.leftOut.isEmpty {
            let n = plan.leftOut.reduce(0) { $0 + $1.rows.count }
            line("  \(n) row\(n == 1 ? "" : "s") left out by status (deleted or archived in the other system, requests never accepted, or --status Word=skip):")
            for s in plan.leftOut { line("    \(listed(s))") }
        }
        for n in plan.notes { line("  note: \(n)") }
        if !plan.unusedColumns.isEmpty {
            line("  columns not imported: \(plan.unusedColumns.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return out
    }

    /// Column by column, in the file's order: `First Name  → first  (cliniko preset)`, or `not imported`. Where
    /// several columns feed one field, each after the first says which column it stands in for.
    public func mappingLines() -> [String] {
        var fieldOf: [Int: ImportField] = [:]
        var firstOf: [ImportField: Int] = [:]
        for f in ImportField.allCases {
            guard let cols = map.columns[f], let first = cols.first else { continue }
            firstOf[f] = first
            for i in cols where fieldOf[i] == nil { fieldOf[i] = f }
        }
        let shown = header.indices.filter { !header[$0].isEmpty }
        guard !shown.isEmpty else { return [] }
        let names = header.map(DisplayText.visible)
        // Very long headers are not padded to: one of them must not push every arrow off the screen.
        let width = min(28, shown.map { DisplayText.width(names[$0]) }.max() ?? 0)
        let fieldWidth = fieldOf.values.map(\.rawValue.count).max() ?? 0
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - DisplayText.width(s))) }
        var out = ["  columns (correct with --map \"Column=field\"; keep for the next file with --save-map NAME):"]
        for i in shown {
            guard let f = fieldOf[i] else {
                out.append("    \(pad(names[i], width))   not imported")
                continue
            }
            var why = map.origins[i] ?? "preset"
            if let first = firstOf[f], first != i { why += "; read where '\(names[first])' is empty" }
            out.append("    \(pad(names[i], width)) → \(pad(f.rawValue, fieldWidth))  (\(DisplayText.visible(why)))")
        }
        return out
    }
}
