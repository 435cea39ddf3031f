import Foundation
import KeepwarmCore
import KeepwarmImport

/// One import as `keepwarm import` and the console's import screen both run it: the file read, its columns mapped and
/// its dates decided once, planned against whatever the practice is, and committed by planning again under the log's
/// lock, so a dry run and a commit from either place are the same code.
struct ImportJob: Sendable {
    let table: CSVTable
    let columns: ColumnMap
    let appointments: Bool
    let dates: DateReading
    let statuses: StatusMap

    /// Where `--save-map` keeps maps, beside config.toml; `--preset NAME` (and the console's preset) finds them there.
    static func maps(_ desk: Desk) -> String {
        (desk.config.configPath as NSString).deletingLastPathComponent + "/maps"
    }

    /// Reads the file, maps its columns and decides its day/month order (the whole file is read first; a file that
    /// cannot tell is refused); throws one line before anything is looked at row by row.
    static func read(file: String, preset: ImportPreset, map: String?, sheet: String?, dateOrder: String?, status: String?,
                     appointments: Bool) throws -> ImportJob {
        let table = try CSVTable.read(path: file, sheet: sheet)
        let columns = try ColumnMap.make(table, preset: preset, map: map, forAppointments: appointments)
        let dates = try DateOrder.decide(table, columns, fields: DateOrder.fields(forAppointments: appointments), given: try DateOrder.named(dateOrder))
        let statuses = try StatusMap.parse(status)
        return ImportJob(table: table, columns: columns, appointments: appointments, dates: dates, statuses: statuses)
    }

    /// What the import would write to this practice: the dry run.
    func plan(_ p: Practice, by: String, at now: Instant) -> ImportPlan {
        appointments ? AppointmentImport.plan(table, map: columns, practice: p, by: by, at: now, dates: dates, statuses: statuses)
                     : ClientImport.plan(table, map: columns, practice: p, by: by, at: now, dates: dates)
    }

    /// Plans again against the fresh log under its lock and writes the events as one batch (nothing when there are
    /// none); the plan that was written. Another desk's writes since a dry run are seen, so what is written is what a
    /// dry run at this moment shows.
    func commit(to log: any EventStore, by: String, at now: Instant) throws -> ImportPlan {
        var made: ImportPlan?
        try log.appendBatch(by: by, at: now, kind: .imported) { p in
            let planned = plan(p, by: by, at: now)
            made = planned
            return planned.events
        }
        guard let made else { throw CommandError("the import was not planned, so nothing was written; run it again") }
        return made
    }

    /// The report's lines, as `keepwarm import` prints them and the console's import screen shows them.
    func report(_ plan: ImportPlan, committed: Bool) -> [String] {
        ImportReport(plan: plan, map: columns, table: table).lines(committed: committed)
    }
}
