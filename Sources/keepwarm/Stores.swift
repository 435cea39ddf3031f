import Foundation
import KeepwarmCore

/// Opens and makes the practice's store from its address: the one place that knows which stores this build has.
enum Stores {
    /// Opens an existing store.
    static func open(_ address: StoreAddress) throws -> any EventStore {
        switch address {
        case .file(let path): return try EventLog.open(path: path)
        case .postgresql: throw notBuilt
        }
    }

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
        case .postgresql:
            throw notBuilt
        }
    }

    static let notBuilt = InputError("this keepwarm was built without PostgreSQL; use a log file (--log PATH), or build it with PostgreSQL (Docs/postgres.md)")
}
