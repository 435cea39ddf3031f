import Foundation
import KeepwarmCore
import PostgresNIO

/// `keepwarm restore BACKUP --store postgresql://…`: a plain-text backup put back as the practice's rows, in one
/// transaction under the practice's lock, and committed only once the rows read back replay as the backup does.
extension PostgresEventStore {
    /// What a restore into a database did.
    public struct Restored: Sendable {
        /// The events restored.
        public let events: Int
        /// The events of the practice it replaced, kept as a plain log at `keptAs`; nil when the database held none.
        public let replacedEvents: Int?
        public let keptAs: String?
    }

    /// Replaces every row with `lines` (a backup's bytes, header first, that read with no damage). The practice it
    /// replaces is first written as a plain log to `keepReplacedAt` (never over a file), so a restore loses nothing; the
    /// rows are then deleted and the backup's inserted, the rewrite counted (every desk reads again from the start),
    /// and the rows read back and replayed: only the same count, last seq and state digest as the backup commit.
    /// A database with no practice (no tables, or none of its rows) simply takes the backup. Only a role that may
    /// DELETE rows (the owner's, Docs/postgres.md) can restore; a desk's is refused and nothing changes.
    public static func restore(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                               lines bytes: [UInt8], keepReplacedAt aside: String) throws -> (store: PostgresEventStore, restored: Restored) {
        let target = try PostgresTarget.parse(url: url, environment: environment)
        var rows: [[UInt8]] = []
        var backup = StoreReplay(location: target.location)
        var split = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if split.last?.isEmpty == true { split.removeLast() }
        for line in split {
            guard String(validating: line, as: UTF8.self) != nil else {
                throw PostgresStoreError.badLog(location: target.location, line: rows.count + 1, reason: "the line is not UTF-8 text")
            }
            rows.append(Array(line))
            backup.take(Array(line))
        }
        if let first = backup.damage.first { throw LogError.damaged(first, more: backup.damage.count - 1) }
        let store = PostgresEventStore(target: target)
        let s = try store.connected(writing: true)
        var replaced: Int?
        var kept: String?
        do {
            try store.transaction(s) {
                for statement in PostgresSchema.statements { try s.run(statement) }
                try s.run(PostgresSchema.lock)
                let encoding = try s.run("SHOW server_encoding").first?.decode(String.self) ?? "?"
                guard encoding == "UTF8" else { throw PostgresStoreError.notUTF8(location: target.location, encoding: encoding) }
                var old: [UInt8] = []
                var oldLines = 0
                for row in try s.run("SELECT line FROM keepwarm_events ORDER BY seq") {
                    old += Array(try row.decode(String.self).utf8)
                    old.append(0x0A)
                    oldLines += 1
                }
                // Deleting first is what a desk's role may not do: it is refused here, before any file is written.
                try s.run("DELETE FROM keepwarm_events")
                if oldLines > 0 {
                    try FileSharing.privateToAccount.writeNewFile(aside, old)
                    kept = aside
                    replaced = oldLines - 1
                }
                let practices = try s.run("SELECT count(*) FROM keepwarm_practice").first?.decode(Int64.self) ?? 0
                if practices == 0 {
                    let id = (0..<4).map { _ in String(format: "%08x", UInt32.random(in: 0...UInt32.max)) }.joined()
                    try s.run("INSERT INTO keepwarm_practice (schema_version, practice_id) VALUES (\(PostgresSchema.version), \(id))")
                } else {
                    try s.run("UPDATE keepwarm_practice SET rewrites = rewrites + 1")
                }
                try Self.insert(rows, from: 0, s)
                // Re-checked inside the transaction: what the database now holds must replay as the backup does.
                var copy = StoreReplay(location: target.location)
                for row in try s.run("SELECT line FROM keepwarm_events ORDER BY seq") { copy.take(Array(try row.decode(String.self).utf8)) }
                let check = RestoreCheck(backup: backup, copy: copy)
                if let difference = check.difference { throw RestoreCheck.Mismatch(location: target.location, difference: difference) }
                try s.run("SELECT pg_notify(\(PostgresSession.channel), '')")
            }
        } catch {
            // Nothing was replaced (rolled back), so the copy kept aside is only a duplicate of what is still there.
            if let kept { unlink(kept) }
            if case PostgresStoreError.server(let location, let reason) = error, reason.contains("permission denied") {
                throw RestoreCheck.OwnerOnly(location: location, reason: reason)
            }
            throw error
        }
        store.drop()
        let opened = try open(url: url, environment: environment)
        return (opened, Restored(events: backup.practice.eventCount, replacedEvents: replaced, keptAs: kept))
    }
}

/// A restore's rows read back against the backup: the same damage-free replay, count, last seq and state digest.
struct RestoreCheck {
    let backup: StoreReplay
    let copy: StoreReplay

    var difference: String? {
        if let d = copy.damage.first { return "\(d)" }
        if backup.practice.eventCount != copy.practice.eventCount { return "\(backup.practice.eventCount) events, the database \(copy.practice.eventCount)" }
        if backup.practice.lastSeq != copy.practice.lastSeq { return "last seq \(backup.practice.lastSeq), the database \(copy.practice.lastSeq)" }
        let a = PracticeDigest.of(backup.practice), b = PracticeDigest.of(copy.practice)
        return a == b ? nil : "state digest \(a), the database \(b)"
    }

    /// The rows read back did not replay as the backup does: rolled back.
    struct Mismatch: Error, CustomStringConvertible {
        let location: String
        let difference: String
        var description: String {
            "the rows written to \(location) did not replay as the backup does (\(difference)), so the restore was rolled back and nothing changed"
        }
    }

    /// The role connected may not delete rows: a desk's.
    struct OwnerOnly: Error, CustomStringConvertible {
        let location: String
        let reason: String
        var description: String {
            "\(location): \(reason): only the practice owner's role may restore (connect as it, Docs/postgres.md); nothing changed"
        }
    }
}
