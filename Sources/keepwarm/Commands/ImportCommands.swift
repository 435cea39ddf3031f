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
    @Argument(help: "The CSV file (comma- or semicolon-separated, UTF-8).") var file: String
    @Option(help: ArgumentHelp("Column names of a practice system's export: \(ImportPreset.all.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var preset = "keepwarm"
    @Option(help: ArgumentHelp("Which column holds which field, overriding the preset: \"First Name=first,Mobile=phone\".", valueName: "Column=field,…"))
    var map: String?
    @Flag(help: "Write the import (one batch: all of it or nothing). Without it, only show what would be imported.")
    var commit = false

    func run(_ desk: Desk, appointments: Bool) throws {
        // The same reading, planning and batch as the console's import screen (ImportJob).
        let job = try ImportJob.read(file: file, preset: preset, map: map, appointments: appointments)
        let log = try desk.openLog()
        defer { desk.report(log, damage: false) }
        let now = try desk.now(log.practice.calendar)
        guard commit else {
            print(job.plan(log.practice, by: desk.user, at: now), committed: false)
            return
        }
        print(try job.commit(to: log, by: desk.user, at: now), committed: true)
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
        for n in plan.notes { line("  note: \(n)") }
        if !plan.unusedColumns.isEmpty {
            line("  columns not imported: \(plan.unusedColumns.map { "'\($0)'" }.joined(separator: ", "))")
        }
    }
}
