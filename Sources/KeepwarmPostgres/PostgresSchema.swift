import PostgresNIO

/// The practice's tables, made when missing, and the version they were made at.
///
/// One database holds one practice. `keepwarm_events` holds every line of the log as the file holds it (without its
/// newline): row 0 is the header, row n is the line of the event with seq n. `keepwarm_practice` is one row: the
/// schema's version, the practice's id, and how many times its history was rewritten (an erasure), which a desk
/// compares to know when to read again from the start.
enum PostgresSchema {
    static let version = 1

    /// Both numbers of the advisory lock every append takes for the length of its transaction: "kw" and 1.
    static let lockKey: (Int32, Int32) = (0x6B77, 1)

    static let statements: [PostgresQuery] = [
        """
        CREATE TABLE IF NOT EXISTS keepwarm_practice (
            one boolean PRIMARY KEY DEFAULT true CHECK (one),
            schema_version integer NOT NULL,
            practice_id text NOT NULL,
            rewrites bigint NOT NULL DEFAULT 0)
        """,
        """
        CREATE TABLE IF NOT EXISTS keepwarm_events (
            seq bigint PRIMARY KEY CHECK (seq >= 0),
            line text NOT NULL)
        """,
    ]

    /// Takes the practice's lock until the transaction ends: appends one at a time, so a reader that sees seq n has
    /// seen every seq below it.
    static var lock: PostgresQuery { "SELECT pg_advisory_xact_lock(\(lockKey.0), \(lockKey.1))" }
    static var tryLock: PostgresQuery { "SELECT pg_try_advisory_xact_lock(\(lockKey.0), \(lockKey.1))" }
    /// The same lock held by the connection rather than a transaction, for an append that commits in one statement
    /// (PostgresEventStore.appendOnce); it waits for the transaction lock and the transaction lock for it.
    static var sessionLock: PostgresQuery { "SELECT pg_advisory_lock(\(lockKey.0), \(lockKey.1))" }
    static var trySessionLock: PostgresQuery { "SELECT pg_try_advisory_lock(\(lockKey.0), \(lockKey.1))" }
    static var unlock: PostgresQuery { "SELECT pg_advisory_unlock(\(lockKey.0), \(lockKey.1))" }

    /// Each line from `seq` on, in order, each with the practice's rewrite count (the same, read once): straight
    /// from the primary key's index. No row when no line is new; then `rewrites` says whether the history was
    /// rewritten. (`lines(from:)`, which always gives a row, had the server sort every row it sent, on disk past
    /// work_mem, and compile the plan with JIT: 400 ms of the server's time for 250k lines, against 50 ms.)
    static func rows(from seq: Int) -> PostgresQuery {
        "SELECT (SELECT rewrites FROM keepwarm_practice), seq, line FROM keepwarm_events WHERE seq >= \(Int64(seq)) ORDER BY seq"
    }

    static var rewrites: PostgresQuery { "SELECT rewrites FROM keepwarm_practice" }

    /// The practice's rewrite count, and each line from `seq` on, in order: one round trip, a row even when no line
    /// is new.
    static func lines(from seq: Int) -> PostgresQuery {
        """
        SELECT p.rewrites, e.seq, e.line FROM keepwarm_practice p
        LEFT JOIN keepwarm_events e ON e.seq >= \(Int64(seq)) ORDER BY e.seq
        """
    }
}
