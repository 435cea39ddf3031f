import Foundation
import KeepwarmCore
import PostgresNIO

/// What the file log does with its file, the database does in one transaction: the check before an email, the
/// erasure that rewrites every row, and where files written for the practice are kept.
extension PostgresEventStore {
    /// Files written for a practice in a database (letters, sent copies, exports) are private to the account that
    /// writes them: there is no log file whose group they could follow.
    public var fileSharing: FileSharing { .privateToAccount }

    public func checkAsWriter<T>(_ check: (Practice) throws -> T) throws -> T {
        let s = try connected(writing: true)
        var result: T?
        // The lock is taken as an append takes it, then let go by the rollback: nothing is written.
        try s.run("BEGIN")
        do {
            try takeLock(s)
            try catchUp(s)
            if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
            result = try check(practice)
            try s.run("ROLLBACK")
        } catch {
            if !s.isClosed { _ = try? s.run("ROLLBACK") }
            throw error
        }
        return result!
    }

    /// Rewrites every row with the client's details taken out and `client.erased` after the last, and counts the
    /// rewrite, all in one transaction under the practice's lock: every desk then reads the history again from the
    /// start. Only a role that may DELETE and UPDATE (the owner's, Docs/postgres.md) can do it.
    public func erase(_ client: ClientID, by: String, at: Instant, letters: [String], maildirs: [String]) throws -> Erasure.Outcome {
        let s = try connected(writing: true)
        var outcome = Erasure.Outcome()
        try transaction(s) {
            try takeLock(s)
            try catchUp(s)
            if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
            var all: [UInt8] = []
            for row in try s.run("SELECT line FROM keepwarm_events ORDER BY seq") {
                all += Array(try row.decode(String.self).utf8)
                all.append(0x0A)
            }
            let scrubbed = try Erasure.scrubbedLines(all, erasing: client, in: practice, by: by, at: at)
            outcome = scrubbed.outcome
            let lines = scrubbed.lines.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) }
            try s.run("DELETE FROM keepwarm_events")
            try Self.insert(lines, from: 0, s)
            try s.run("UPDATE keepwarm_practice SET rewrites = rewrites + 1")
            try s.run("SELECT pg_notify(\(PostgresSession.channel), '')")
        }
        try refresh()
        return outcome
    }
}
