import ArgumentParser
import Foundation
import KeepwarmCore
import KeepwarmImport

/// `keepwarm export history`: what was done with each client, for moving the practice with its clients and diary.
struct ExportHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Touchpoints, referrals and thank-yous, lapse reviews, milestones, feedback, holds, skips and the autopilot's messages, as CSV.",
        discussion: """
            With `export clients` and `export appointments` it moves the whole practice: import the three files in
            that order into the new log (keepwarm import history), and nothing is sent twice. See Docs/import.md.

            Example:
              keepwarm export history --out history.csv
            """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: CSVExportOptions

    func run() throws {
        try guarded {
            let log = try Desk(global).openLog()
            try options.write(HistoryCSV.table(log.practice, logLines: try ExportFiles.lines(of: log)), log, "history rows")
        }
    }
}

/// `keepwarm import history`: Keepwarm's own history export, each row at its own time.
struct ImportHistory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Import Keepwarm's history export (after its clients and appointments), each row at the time it happened.",
        discussion: """
            Clients are found by the id the clients file gave them, appointments by their client and start. Rows
            already in the log are skipped, so importing the file twice adds nothing. A dry run unless --commit.

            Example:
              keepwarm import history history.csv --commit
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file `keepwarm export history` wrote.") var file: String
    @Flag(help: "Write the import (one batch: all of it or nothing). Without it, only show what would be imported.")
    var commit = false

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let table = try CSVTable.read(path: file)
            let columns = try HistoryImport.columns(table)
            let log = try desk.openLog()
            defer { desk.report(log, damage: false) }
            let now = try desk.now(log.practice.calendar)
            var plan: ImportPlan
            if !commit {
                plan = HistoryImport.plan(table, practice: log.practice, by: desk.user, at: now)
            } else {
                var made: ImportPlan?
                // Planned again under the log's lock, so what is written is what a dry run at this moment shows.
                try log.appendBatch(by: desk.user, at: now, kind: .imported) { p in
                    let planned = HistoryImport.plan(table, practice: p, by: desk.user, at: now)
                    made = planned
                    return planned.events
                }
                guard let made else { throw CommandError("the import was not planned, so nothing was written; run it again") }
                plan = made
            }
            let report = ImportReport(plan: plan, map: columns, table: table)
            for s in report.planLines(committed: commit) + report.shapeLines() { Stdout.line(DisplayText.visible(s)) }
        }
    }
}
