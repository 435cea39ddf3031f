import ArgumentParser
import KeepwarmCore
import KeepwarmImport

/// `keepwarm import clients|appointments`: bring a practice system's CSV export into the log.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import clients or past and future appointments from a CSV export (a dry run unless --commit).",
        discussion: """
            Presets: \(ImportPreset.all.map { "\($0.name) (\($0.system))" }.joined(separator: ", ")). See Docs/import.md.

            Example:
              keepwarm import clients patients.csv --preset cliniko
              keepwarm import clients patients.csv --preset cliniko --commit
              keepwarm import appointments appointments.csv --preset cliniko --commit
            """,
        subcommands: [Clients.self, Appointments.self])
    @OptionGroup var global: GlobalOptions

    /// `keepwarm import clients`.
    struct Clients: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import clients; rows repeating a client (same name and phone or email) are skipped.",
            discussion: "Example:\n  keepwarm import clients patients.csv --map \"First Name=first,Last Name=last,Mobile=phone\" --commit")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportOptions

        func run() throws { try guarded { try options.run(Desk(global), appointments: false) } }
    }

    /// `keepwarm import appointments`.
    struct Appointments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import appointments with their outcomes, for clients already in the log; new practitioners are added.",
            discussion: "Example:\n  keepwarm import appointments appointments.csv --preset jane --commit")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportOptions

        func run() throws { try guarded { try options.run(Desk(global), appointments: true) } }
    }
}

/// The file and how to read it, shared by both imports.
struct ImportOptions: ParsableArguments {
    @Argument(help: "The file: CSV (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab) or an Excel workbook (.xlsx).") var file: String
    @Option(help: ArgumentHelp("Column names of a practice system's export: \(ImportPreset.all.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var preset = "keepwarm"
    @Option(help: ArgumentHelp("Which column holds which field, overriding the preset: \"First Name=first,Mobile=phone\".", valueName: "Column=field,…"))
    var map: String?
    @Option(help: ArgumentHelp("The worksheet to read from an Excel workbook (.xlsx); the first one when not given.", valueName: "name"))
    var sheet: String?
    @Flag(help: "Write the import (one batch: all of it or nothing). Without it, only show what would be imported.")
    var commit = false
    @Option(help: ArgumentHelp("Read numeric dates day first (dmy: 25/03/2026) or month first (mdy: 03/25/2026) when the file cannot tell; rows that contradict it are rejected.", valueName: "dmy|mdy"))
    var dateOrder: String?
    @Option(help: ArgumentHelp("What the file's own appointment status words mean: \"Word=attended|no-show|cancelled|late-cancelled|cancelled-by-practice|booked|skip,…\".", valueName: "Word=outcome,…"))
    var status: String?

    func run(_ desk: Desk, appointments: Bool) throws {
        let preset = try ImportPreset.named(self.preset)
        let table = try CSVTable.read(path: file, sheet: sheet)
        let columns = try ColumnMap.make(table, preset: preset, map: map, forAppointments: appointments)
        // The whole file is read for its day/month order before anything else; a file that cannot tell is refused.
        let dates = try DateOrder.decide(table, columns, fields: DateOrder.fields(forAppointments: appointments), given: try DateOrder.named(dateOrder))
        let statuses = try StatusMap.parse(status)
        let log = try desk.openLog()
        defer { desk.report(log, damage: false) }
        let now = try desk.now(log.practice.calendar)
        func plan(_ p: Practice) -> ImportPlan {
            appointments ? AppointmentImport.plan(table, map: columns, practice: p, by: desk.user, at: now, dates: dates, statuses: statuses)
                         : ClientImport.plan(table, map: columns, practice: p, by: desk.user, at: now, dates: dates)
        }
        guard commit else {
            print(plan(log.practice), committed: false)
            printShape(table)
            return
        }
        var made: ImportPlan?
        try log.appendBatch(by: desk.user, at: now, kind: .imported) { p in
            let planned = plan(p)
            made = planned
            return planned.events
        }
        if let made { print(made, committed: true) }
        printShape(table)
    }

    /// How the file was read, when that is worth knowing: a workbook's sheet, an encoding other than UTF-8, and the
    /// rows above the header and after the data (a report's title, column numbers, totals) that were not read.
    private func printShape(_ t: CSVTable) {
        func line(_ s: String) { Stdout.line(DisplayText.visible(s)) }
        func text(_ r: CSVRow) -> String {
            let s = r.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.joined(separator: ",")
            return s.count > 70 ? String(s.prefix(69)) + "…" : s
        }
        if let sheet = t.sheet { line("  read: Excel workbook, sheet '\(sheet)'") } else if let e = t.encoding, e != .utf8, e != .utf8BOM { line("  read as \(e.rawValue) text") }
        if !t.skippedAbove.isEmpty {
            line("  \(t.skippedAbove.count) row\(t.skippedAbove.count == 1 ? "" : "s") above the header (row \(t.headerRow)), not read:")
            for r in t.skippedAbove { line("    \(t.file):row \(r.number): \(text(r))") }
        }
        if !t.footer.isEmpty {
            line("  \(t.footer.count) row\(t.footer.count == 1 ? "" : "s") after the data read as the report's footer, not imported:")
            for r in t.footer { line("    \(t.file):row \(r.number): \(text(r))") }
        }
    }

    private func print(_ plan: ImportPlan, committed: Bool) {
        func line(_ s: String) { Stdout.line(DisplayText.visible(s)) }
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
    }
}
