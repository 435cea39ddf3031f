import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm backup`: a consistent, verified copy of the log.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the log to DEST under the writers' lock, then check the copy reads back the same.",
        discussion: "DEST is a new file, or a folder that gets events-<time>.log. From a PostgreSQL store (--store postgresql://…) the backup is the same plain-text log.\n\nExample:\n  keepwarm backup /media/usb/keepwarm/")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A new file, or an existing folder.") var dest: String

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let log = try desk.openLog()
            let outcome = try Backup.make(of: log, to: dest, at: try desk.now(log.practice.calendar))
            Stdout.line("backed up \(outcome.events) events to \(outcome.path) (read back and checked)")
        }
    }
}

/// `keepwarm restore`: puts a backup back as the log, keeping the replaced log aside.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup back as the log; the log it replaces is kept as <log>.before-restore-<time>.",
        discussion: "Into a PostgreSQL store (--store postgresql://…, the owner's role), the backup goes into an empty database or in place of its practice, which is first kept as <database>-before-restore-<time>.log beside the backup.\n\nExample:\n  keepwarm restore /media/usb/keepwarm/events-20261123T103000Z.log")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file.") var backup: String

    func run() throws {
        try guarded {
            let desk = Desk(global)
            guard FileManager.default.fileExists(atPath: backup) else {
                throw CommandError("there is no backup at \(backup); give the path of a file made by `keepwarm backup`")
            }
            // Into a database: every row in one transaction, re-checked by replay (DatabaseRestoreRepair).
            if case .postgresql(let url) = StoreAddress(desk.path) { return try DatabaseRestoreRepair.restore(backup, into: url, desk: desk) }
            let calendar = (try? EventLog.open(path: backup))?.practice.calendar ?? PracticeCalendar(identifier: "UTC")!
            let outcome = try Backup.restore(backup, to: desk.path, at: try desk.now(calendar), wait: desk.lockWait())
            Stdout.line("restored \(outcome.events) events from \(backup) to \(outcome.path)")
            if let aside = outcome.setAside { Stdout.line("the log it replaced was kept as \(aside)") }
        }
    }
}
