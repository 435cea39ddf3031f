import Foundation
import KeepwarmCore
#if PostgreSQL
import KeepwarmPostgres
#endif

/// Opens and makes the practice's store from its address: the one place that knows which stores this build has.
enum Stores {
    /// Opens an existing store; `allowingSharedFolder` lets a log file on a network or cloud-synced folder be written
    /// (`--allow-network-fs`).
    /// `drawingFirst`: the console, which draws before it does work an opening may leave (`finishOpening`).
    static func open(_ address: StoreAddress, allowingSharedFolder: Bool = false, drawingFirst: Bool = false) throws -> any EventStore {
        switch address {
        case .file(let path):
            // From the checked snapshot beside the log when one fits (Docs/event-log.md, "The snapshot").
            // KEEPWARM_SNAPSHOT=off replays the whole log, as before snapshots (the bench's "without" figure).
            let off = ProcessInfo.processInfo.environment["KEEPWARM_SNAPSHOT"] == "off"
            let log = try EventLog.open(path: path, usingSnapshot: !off, deferringWrite: drawingFirst)
            log.allowsSharedFolder = allowingSharedFolder
            if ProcessInfo.processInfo.environment["KEEPWARM_DEBUG"] != nil,
               let note = off ? "snapshot not used: KEEPWARM_SNAPSHOT=off (the whole log read, none written)" : log.snapshotNote {
                Stderr.line("debug: \(path): \(note)")
            }
            // Said even without debugging: a full disk makes every command slow, and soon refuses the desk's writes.
            // The console's snapshot is written after it draws; it shows this on its status line (`ConsoleApp.hear`).
            if let warning = log.snapshotWarning { warn(warning) }
            return log
        case .postgresql(let url):
            #if PostgreSQL
            return try PostgresEventStore.open(url: url)
            #else
            _ = url
            throw notBuilt
            #endif
        }
    }

    /// Says a warning on standard error as every command does: `keepwarm: warning: …`, made safe for a terminal (the
    /// log's path may hold anything).
    static func warn(_ warning: String) { Stderr.line("warning: \(warning)") }

    /// Makes a new store holding exactly `lines` (a plain-text log, header first), refusing one that exists or holds
    /// events: `migrate` copies a practice into it.
    static func create(_ address: StoreAddress, holding lines: [UInt8], sharing: FileSharing) throws -> any EventStore {
        switch address {
        case .file(let path):
            if access(path, F_OK) == 0 { throw LogError.alreadyExists(path: path) }
            let made = try sharing.makeParentFolders(of: path)
            do {
                try sharing.writeNewFile(path, lines)
            } catch {
                FileSharing.removeFolders(made)
                throw error
            }
            return try EventLog.open(path: path)
        case .postgresql(let url):
            #if PostgreSQL
            return try PostgresEventStore.createFromLines(url: url, lines: lines)
            #else
            _ = url
            throw notBuilt
            #endif
        }
    }

    /// Starts a practice in a new store, as `keepwarm init` does.
    static func create(_ address: StoreAddress, settings: SettingsChange, by: String, at: Instant, sharing: FileSharing) throws -> any EventStore {
        switch address {
        case .file(let path):
            return try EventLog.create(path: path, settings: settings, by: by, at: at, sharing: sharing)
        case .postgresql(let url):
            #if PostgreSQL
            return try PostgresEventStore.create(url: url, settings: settings, by: by, at: at)
            #else
            _ = url
            throw notBuilt
            #endif
        }
    }

    static let notBuilt = InputError("this keepwarm was built without PostgreSQL; use a log file (--log PATH), or build it with PostgreSQL (Docs/postgres.md)")
}
