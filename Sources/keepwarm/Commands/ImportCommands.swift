import ArgumentParser
import Foundation
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
    @Option(name: .customLong("save-map"), help: ArgumentHelp("Keep the columns as this run reads them, for the next file: --preset NAME then finds them (works in a dry run).", valueName: "NAME"))
    var saveMap: String?

    func run(_ desk: Desk, appointments: Bool) throws {
        let maps = (desk.config.configPath as NSString).deletingLastPathComponent + "/maps"
        if let name = saveMap { try SavedMap.checkName(name) }
        let preset = try ImportPreset.named(self.preset, savedIn: maps, forAppointments: appointments)
        let table = try CSVTable.read(path: file, sheet: sheet)
        let columns = try ColumnMap.make(table, preset: preset, map: map, forAppointments: appointments)
        // The whole file is read for its day/month order before anything else; a file that cannot tell is refused.
        let dates = try DateOrder.decide(table, columns, fields: DateOrder.fields(forAppointments: appointments), given: try DateOrder.named(dateOrder))
        let statuses = try StatusMap.parse(status)
        if let name = saveMap {
            let saved = SavedMap(name: name, table: table, map: columns, base: preset.base, forAppointments: appointments)
            let path = try saved.save(in: maps)
            Stdout.line(DisplayText.visible("map saved as '\(name)' in \(path): use it with --preset \(name)"))
            for h in saved.leftOut { Stdout.line(DisplayText.visible("  the column '\(h)' is not in the map (a header with no letter or digit can't be found again); rename it in the file")) }
        }
        let log = try desk.openLog()
        defer { desk.report(log, damage: false) }
        let now = try desk.now(log.practice.calendar)
        func plan(_ p: Practice) -> ImportPlan {
            appointments ? AppointmentImport.plan(table, map: columns, practice: p, by: desk.user, at: now, dates: dates, statuses: statuses)
                         : ClientImport.plan(table, map: columns, practice: p, by: desk.user, at: now, dates: dates)
        }
        guard commit else {
            print(plan(log.practice), columns, table, committed: false)
            return
        }
        var made: ImportPlan?
        try log.appendBatch(by: desk.user, at: now, kind: .imported) { p in
            let planned = plan(p)
            made = planned
            return planned.events
        }
        if let made { print(made, columns, table, committed: true) }
    }

    /// The report's lines (ImportReport, shared with the console's import screen), each made visible.
    private func print(_ plan: ImportPlan, _ map: ColumnMap, _ table: CSVTable, committed: Bool) {
        for s in ImportReport(plan: plan, map: map, table: table).lines(committed: committed) { Stdout.line(DisplayText.visible(s)) }
    }
}
