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
              keepwarm import history history.csv --commit
            """,
        subcommands: [Clients.self, Appointments.self, ImportHistory.self])
    @OptionGroup var global: GlobalOptions

    /// `keepwarm import clients`.
    struct Clients: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clients",
            abstract: "Import clients; rows repeating a client (same name and phone or email) are skipped.",
            discussion: "Example:\n  keepwarm import clients patients.csv --map \"First Name=first,Last Name=last,Mobile=phone\" --commit")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ImportOptions

        func run() throws { try guarded { try options.run(Desk(global), appointments: false) } }
    }

    /// `keepwarm import appointments`.
    struct Appointments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "appointments",
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
        let maps = ImportJob.maps(desk)
        if let name = saveMap { try SavedMap.checkName(name) }
        let preset = try ImportPreset.named(self.preset, savedIn: maps, forAppointments: appointments)
        // The same reading, planning and batch as the console's import screen (ImportJob).
        let job = try ImportJob.read(file: file, preset: preset, map: map, sheet: sheet, dateOrder: dateOrder, status: status,
                                     appointments: appointments)
        if let name = saveMap {
            let saved = SavedMap(name: name, table: job.table, map: job.columns, base: preset.base, forAppointments: appointments)
            let path = try saved.save(in: maps)
            Stdout.line(DisplayText.visible("map saved as '\(name)' in \(path): use it with --preset \(name)"))
            for h in saved.leftOut { Stdout.line(DisplayText.visible("  the column '\(h)' is not in the map (a header with no letter or digit can't be found again); rename it in the file")) }
        }
        let log = try desk.openLog()
        defer { desk.report(log, damage: false) }
        let now = try desk.now(log.practice.calendar)
        guard commit else {
            print(job.plan(log.practice, by: desk.user, at: now), job, committed: false)
            return
        }
        print(try job.commit(to: log, by: desk.user, at: now), job, committed: true)
    }

    /// The report's lines (ImportReport, shared with the console's import screen), each made visible.
    private func print(_ plan: ImportPlan, _ job: ImportJob, committed: Bool) {
        for s in job.report(plan, committed: committed) { Stdout.line(DisplayText.visible(s)) }
    }
}
