import ArgumentParser
import Foundation
import KeepwarmCore
#if PostgreSQL
import KeepwarmPostgres
#endif

/// `restore` and `repair` when the practice is kept in a PostgreSQL database (Docs/postgres.md): a backup goes in as
/// every row in one transaction; a database has no torn tails, so repair says what its damage is and how to mend it.
enum DatabaseRestoreRepair {
    /// Puts the plain-text `backup` into the database `url`: into an empty one, or in place of its practice, which is
    /// first kept as a plain log beside the backup (`<database>-before-restore-<time>.log`), as a file restore keeps
    /// the log it replaces.
    static func restore(_ backup: String, into url: String, desk: Desk) throws {
        let (source, bytes) = try Backup.finished(backup)
        #if PostgreSQL
        let at = try desk.now(source.practice.calendar)
        let target = try PostgresTarget.parse(url: url, environment: ProcessInfo.processInfo.environment)
        let folder = (backup as NSString).deletingLastPathComponent
        let aside = ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("\(target.database)-before-restore-\(stamp(at)).log")
        let (store, restored) = try PostgresEventStore.restore(url: url, lines: bytes, keepReplacedAt: aside)
        Stdout.line(DisplayText.visible("restored \(restored.events) events from \(backup) to \(store.location); checked by replaying the rows: \(store.practice.eventCount) events, last seq \(store.practice.lastSeq), state digest \(PracticeDigest.of(store.practice))"))
        if let kept = restored.keptAs, let n = restored.replacedEvents {
            Stdout.line(DisplayText.visible("the practice it replaced (\(n) events) was kept as \(kept)"))
        }
        #else
        _ = (source, bytes, url, desk)
        throw Stores.notBuilt
        #endif
    }

    /// A database keeps whole rows only: no torn tail, no half-written line, nothing a copy could fix that a backup
    /// does not fix better. Says so, or lists the damaged rows and what to do.
    static func repair(_ desk: Desk) throws {
        let store = try desk.open()
        let p = store.practice
        guard !store.damage.isEmpty else {
            Stdout.line(DisplayText.visible("\(store.location) is a database: it holds whole rows only (no torn tails), and none is damaged, so there is nothing to repair (\(p.eventCount) events)."))
            return
        }
        for issue in store.damage.prefix(RepairCommand.listed) { Stdout.line(DisplayText.visible("  \(describe(issue))")) }
        if store.damage.count > RepairCommand.listed { Stdout.line("  … and \(store.damage.count - RepairCommand.listed) more") }
        Stdout.line(DisplayText.visible("\(store.damage.count) damaged row\(store.damage.count == 1 ? "" : "s") in \(store.location), so it is read-only; nothing was changed. A database is not repaired in place: restore the last good backup into it (keepwarm restore BACKUP --store \(store.location)), as the practice owner."))
        throw ExitCode(1)
    }

    /// A damaged row as `check` and `repair` name it: where the reader found it, and the row's seq (row n of
    /// keepwarm_events holds the line a file log has at line n + 1), so it can be looked at with SQL.
    static func describe(_ issue: LogIssue) -> String {
        "\(issue.description) (the row with seq \(issue.line - 1) in keepwarm_events)"
    }

    /// `20261123T103000Z`, as a file restore names the log it keeps.
    static func stamp(_ at: Instant) -> String {
        at.iso.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".000", with: "")
            .components(separatedBy: ".").first ?? "restore"
    }
}
