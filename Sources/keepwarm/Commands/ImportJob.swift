import KeepwarmCore
import KeepwarmImport

/// One import as `keepwarm import` and the console's import screen both run it: the file read and its columns mapped
/// once, planned against whatever the practice is, and committed by planning again under the log's lock, so a dry
/// run and a commit from either place are the same code.
struct ImportJob: Sendable {
    let table: CSVTable
    let columns: ColumnMap
    let appointments: Bool

    /// Reads the file and maps its columns; throws one line (no such preset, no such file, a bad map) before
    /// anything is looked at row by row.
    static func read(file: String, preset: String, map: String?, appointments: Bool) throws -> ImportJob {
        let preset = try ImportPreset.named(preset)
        let table = try CSVTable.read(path: file)
        let columns = try ColumnMap.make(table, preset: preset, map: map, forAppointments: appointments)
        return ImportJob(table: table, columns: columns, appointments: appointments)
    }

    /// What the import would write to this practice: the dry run.
    func plan(_ p: Practice, by: String, at now: Instant) -> ImportPlan {
        appointments ? AppointmentImport.plan(table, map: columns, practice: p, by: by, at: now)
                     : ClientImport.plan(table, map: columns, practice: p, by: by, at: now)
    }

    /// Plans again against the fresh log under its lock and writes the events as one batch (nothing when there are
    /// none); the plan that was written. Another desk's writes since a dry run are seen, so what is written is what a
    /// dry run at this moment shows.
    func commit(to log: EventLog, by: String, at now: Instant) throws -> ImportPlan {
        var made: ImportPlan?
        try log.appendBatch(by: by, at: now, kind: .imported) { p in
            let planned = plan(p, by: by, at: now)
            made = planned
            return planned.events
        }
        guard let made else { throw CommandError("the import was not planned, so nothing was written; run it again") }
        return made
    }
}
