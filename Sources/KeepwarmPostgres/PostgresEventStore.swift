import Foundation
import KeepwarmCore
import PostgresNIO

/// A practice's event log kept in PostgreSQL (Docs/postgres.md): the same lines as the file log, one row each, for
/// many desks on many computers. Appends take a per-practice advisory lock for their transaction, catch up, build
/// their events from that fresh state and insert them, so every desk sees one order with nothing skipped.
public final class PostgresEventStore: EventStore {
    public let target: PostgresTarget
    public var location: String { target.location }
    public var practice: Practice { reader.practice }
    public var damage: [LogIssue] { reader.damage }
    public var warnings: [String] { target.warnings + reader.warnings }
    public private(set) var generation = 0
    public var lockWait: LockWait?
    private var reader: StoreReplay
    private var rewrites: Int64 = -1
    private var practiceID = ""
    private var session: PostgresSession?
    private var lastPoll: Double = 0

    init(target: PostgresTarget) {
        self.target = target
        reader = StoreReplay(location: target.location)
    }

    /// Opens the practice in the database `url` names (with the PG* variables in `environment` and ~/.pgpass) and
    /// reads it.
    public static func open(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresEventStore {
        let store = PostgresEventStore(target: try PostgresTarget.parse(url: url, environment: environment))
        let s = try store.connected(writing: false)
        try store.checkSchema(s)
        try store.refresh()
        return store
    }

    /// Starts a practice in an empty database, holding the header and its first settings, as `keepwarm init` does.
    public static func create(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                              settings: SettingsChange, by: String, at: Instant) throws -> PostgresEventStore {
        let first = Event(seq: 1, at: at, by: by, body: .settingsChanged(settings))
        return try createFromLines(url: url, environment: environment, lines: EventCodec.headerLine() + EventCodec.line(for: first))
    }

    /// Copies a whole log (a file's bytes, header first) into an empty database, for `keepwarm migrate`; refuses a
    /// log that does not read cleanly, and a database that already holds a practice.
    public static func createFromLines(url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                                       lines: [UInt8]) throws -> PostgresEventStore {
        let target = try PostgresTarget.parse(url: url, environment: environment)
        let rows = try Self.checkedRows(lines, location: target.location)
        let store = PostgresEventStore(target: target)
        let s = try store.connected(writing: true)
        try store.transaction(s) {
            for statement in PostgresSchema.statements { try s.run(statement) }
            try s.run(PostgresSchema.lock)
            try store.checkEncoding(s)
            let held = try s.run("SELECT count(*) FROM keepwarm_events").first?.decode(Int64.self) ?? 0
            guard held == 0 else { throw PostgresStoreError.notEmpty(location: target.location, lines: Int(held)) }
            try s.run("DELETE FROM keepwarm_practice")
            let id = (0..<4).map { _ in String(format: "%08x", UInt32.random(in: 0...UInt32.max)) }.joined()
            try s.run("INSERT INTO keepwarm_practice (schema_version, practice_id) VALUES (\(PostgresSchema.version), \(id))")
            try Self.insert(rows, from: 0, s)
        }
        try store.checkSchema(s)
        try store.refresh()
        return store
    }

    public var identity: StoreIdentity { StoreIdentity(kind: "postgresql", name: "\(practiceID)@\(rewrites)") }

    @discardableResult
    public func refresh() throws -> Int {
        let before = reader.practice.eventCount
        do {
            try catchUp(try connected(writing: false))
        } catch let e where PostgresSession.isConnectionLoss(e) {
            // A connection that died quietly (the server restarted since the last call): one fresh try.
            drop()
            do {
                try catchUp(try connected(writing: false))
            } catch let e where PostgresSession.isConnectionLoss(e) {
                drop()
                throw PostgresStoreError.lostConnection(location: location, reason: PostgresSession.reason(e))
            } catch PostgresStoreError.unreachable(_, let reason) {
                throw PostgresStoreError.lostConnection(location: location, reason: reason)
            }
        } catch PostgresStoreError.unreachable(_, let reason) {
            throw PostgresStoreError.lostConnection(location: location, reason: reason)
        } catch let e as PSQLError {
            throw PostgresStoreError.server(location: location, reason: PostgresSession.reason(e))
        }
        return reader.practice.eventCount - before
    }

    @discardableResult
    public func appendBatch(by: String, at: Instant, kind: BatchKind, _ make: (Practice) throws -> [EventBody]) throws -> [Event] {
        var tries = 0
        while true {
            tries += 1
            let s = try connected(writing: true)
            do {
                return try appendOnce(s, by: by, at: at, kind: kind, make)
            } catch Failure.beforeCommit(let e) where tries == 1 && PostgresSession.isConnectionLoss(e) {
                // The connection was gone before anything was sent to be committed: a fresh one, once.
                drop()
            } catch Failure.beforeCommit(let e) {
                if PostgresSession.isConnectionLoss(e) {
                    drop()
                    throw PostgresStoreError.notRecorded(location: location, reason: PostgresSession.reason(e))
                }
                if let p = e as? PSQLError { throw PostgresStoreError.server(location: location, reason: PostgresSession.reason(p)) }
                throw e
            } catch Failure.atCommit(let e) {
                drop()
                throw PostgresStoreError.unconfirmed(location: location, reason: PostgresSession.reason(e))
            }
        }
    }

    /// Where an append failed: before COMMIT was sent nothing can have been written; at COMMIT the server may have
    /// written it all.
    private enum Failure: Error {
        case beforeCommit(any Error)
        case atCommit(any Error)
    }

    /// One try at an append, in two round trips when this desk has read everything already (the usual case): the
    /// practice's lock, then one statement that inserts the lines only if no other desk wrote since this desk's last
    /// read, wakes the other desks and commits. The events are built from what this desk has read before the lock is
    /// taken; the statement's check makes that the freshest state under the lock, as if it had been read there. When
    /// another desk did write, nothing is inserted: the desk reads the new rows (still under the lock, so no more can
    /// come) and builds again. A refusal is only believed from the freshest state, so one from an older state reads
    /// first too. (Before, an append was six round trips: BEGIN, the lock, catching up, INSERT, NOTIFY, COMMIT.)
    private func appendOnce(_ s: PostgresSession, by: String, at: Instant, kind: BatchKind,
                            _ make: (Practice) throws -> [EventBody]) throws -> [Event] {
        do {
            try takeAppendLock(s)
        } catch {
            throw Failure.beforeCommit(error)
        }
        // Let go without waiting for the answer: the append is over once its statement committed, and this
        // connection's next statement goes after the unlock. A lost connection lets go of the lock by itself.
        defer { if !s.isClosed { s.send(PostgresSchema.unlock) } }
        var caughtUp = false
        while true {
            let read = (generation, reader.lines)
            var staged: StagedAppend
            var lines: [[UInt8]] = []
            do {
                if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
                staged = try StagedAppend(practice, by: by, at: at, kind: kind, bodies: try make(practice))
                if !staged.events.isEmpty { lines = try staged.lines(location: location, lineBase: reader.lines) }
            } catch {
                if caughtUp { throw Failure.beforeCommit(error) }
                try catchUpUnderLock(s)
                caughtUp = true
                if (generation, reader.lines) == read { throw Failure.beforeCommit(error) }
                continue
            }
            if staged.events.isEmpty {
                if caughtUp { return [] }
                try catchUpUnderLock(s)
                caughtUp = true
                if (generation, reader.lines) == read { return [] }
                continue
            }
            let written: Bool
            do {
                written = try Self.insertIfFresh(lines, from: reader.lines, rewrites: rewrites, s)
            } catch {
                // The statement is its own transaction: a refusal wrote nothing, a lost answer may have written it all.
                throw PostgresSession.isConnectionLoss(error) ? Failure.atCommit(error) : Failure.beforeCommit(error)
            }
            if written {
                // The desk takes its own lines exactly as another desk does, so both see the same practice. A single
                // event was checked by its command against this same state and is applied here, in place, as the
                // file log does (a copy of a large practice per key press cost milliseconds); a batch was tried on a
                // copy by StagedAppend before anything was sent.
                for line in lines { reader.take(line) }
                return staged.takeOwnEvents()
            }
            try catchUpUnderLock(s)
            caughtUp = true
        }
    }

    private func catchUpUnderLock(_ s: PostgresSession) throws {
        do {
            try catchUp(s)
        } catch {
            throw Failure.beforeCommit(error)
        }
    }

    /// Takes the practice's lock for this connection (until `PostgresSchema.unlock`, or the connection's end), as
    /// `takeLock` does for a transaction: the two kinds of lock on one key wait for each other.
    func takeAppendLock(_ s: PostgresSession) throws {
        try waitForLock(s, blocking: PostgresSchema.sessionLock, trying: PostgresSchema.trySessionLock)
    }

    /// Inserts `lines` as rows `from`, `from + 1`, … and notifies the other desks, in one statement (and so one
    /// transaction), only if the last row is still `from - 1` and the history was not rewritten; says whether it did.
    static func insertIfFresh(_ lines: [[UInt8]], from: Int, rewrites: Int64, _ s: PostgresSession) throws -> Bool {
        let seqs = (0..<lines.count).map { Int64(from + $0) }
        let texts = lines.map { line in String(decoding: line.last == 0x0A ? line.dropLast() : line[...], as: UTF8.self) }
        let rows = try s.run("""
            WITH ins AS (
                INSERT INTO keepwarm_events (seq, line)
                SELECT * FROM unnest(\(seqs)::bigint[], \(texts)::text[])
                WHERE (SELECT max(seq) FROM keepwarm_events) = \(Int64(from - 1))
                  AND (SELECT rewrites FROM keepwarm_practice) = \(rewrites)
                RETURNING 1)
            SELECT c.n FROM (SELECT count(*) AS n FROM ins) c,
                LATERAL (SELECT pg_notify(\(PostgresSession.channel), '') WHERE c.n > 0) notified
            """)
        return try rows.first?.decode(Int64.self) == Int64(lines.count)
    }

    public func practice(asOf until: Instant) throws -> Practice {
        let s = try connected(writing: false)
        var look = StoreReplay(location: location, until: until)
        do {
            let feed = RowFeed.start(s, PostgresSchema.rows(from: 0))
            while let batch = try feed.next() {
                batch.forEach { _, line in look.take(line) }
                if look.stopped {
                    feed.abandon()
                    break
                }
            }
        } catch {
            if PostgresSession.isConnectionLoss(error) { drop() }
            throw PostgresStoreError.lostConnection(location: location, reason: PostgresSession.reason(error))
        }
        return look.practice
    }

    public func mayHaveNews() -> Bool {
        if let s = session, s.news.take() { return true }
        let now = Self.seconds()
        guard now - lastPoll >= 1 else { return false }
        lastPoll = now
        // Disconnected: say yes, so the next refresh tries to reconnect (and says so when it cannot).
        guard let s = session, !s.isClosed else { return true }
        do {
            let row = try s.run("SELECT (SELECT coalesce(max(seq), -1) FROM keepwarm_events), (SELECT rewrites FROM keepwarm_practice)").first
            guard let (top, rewrote) = try row?.decode((Int64, Int64?).self) else { return true }
            return top != Int64(reader.lines - 1) || rewrote != rewrites
        } catch {
            drop()
            return true
        }
    }

    public func logLines() throws -> [UInt8] {
        var out: [UInt8] = []
        let s = try connected(writing: false)
        do {
            let rows = try s.run("SELECT line FROM keepwarm_events WHERE seq < \(Int64(reader.lines)) ORDER BY seq")
            for row in rows {
                out += Array(try row.decode(String.self).utf8)
                out.append(0x0A)
            }
        } catch {
            if PostgresSession.isConnectionLoss(error) { drop() }
            throw PostgresStoreError.lostConnection(location: location, reason: PostgresSession.reason(error))
        }
        return out
    }

    /// Closes the connection; the next call opens another.
    public func close() {
        session?.close()
        session = nil
    }

    deinit { session?.close() }

    // MARK: - Reading

    /// Reads the lines after the last one read and applies them; reads from the start when the history was rewritten.
    /// The rows come in batches (`RowFeed`): this thread applies one while the connection's receives the next.
    func catchUp(_ s: PostgresSession) throws {
        var feed = RowFeed.start(s, PostgresSchema.rows(from: reader.lines))
        var first = true
        while let batch = try feed.next() {
            if first {
                first = false
                guard let rewrote = feed.rewrites else {
                    feed.abandon()
                    throw PostgresStoreError.noPractice(location: location)
                }
                if noteRewrites(rewrote) {
                    feed.abandon()
                    feed = RowFeed.start(s, PostgresSchema.rows(from: 0))
                    first = true
                    continue
                }
            }
            do {
                try batch.forEach { seq, line in
                    // Appends take the next seq under the lock, so a gap is a row removed by hand: nothing more is read or written.
                    guard seq == Int64(reader.lines) else { throw PostgresStoreError.gap(location: location, expected: reader.lines, found: Int(seq)) }
                    reader.take(line)
                }
            } catch {
                feed.abandon()
                throw error
            }
        }
        if first {
            // Nothing new: the practice's row alone says whether the history was rewritten meanwhile (shorter).
            guard let row = try s.run(PostgresSchema.rewrites).first else { throw PostgresStoreError.noPractice(location: location) }
            if noteRewrites(try row.decode(Int64.self)) { try catchUp(s) }
        }
    }

    /// Takes the practice's rewrite count as read; says whether the lines read so far must be read again (an
    /// erasure rewrote them), having started again from nothing.
    private func noteRewrites(_ rewrote: Int64) -> Bool {
        guard rewrote != rewrites else { return false }
        if rewrites >= 0 {
            // Rewritten (an erasure): read again from the start, so no erased detail is kept.
            generation += 1
        }
        rewrites = rewrote
        guard reader.lines > 0 else { return false }
        reader = StoreReplay(location: location)
        return true
    }

    private func checkSchema(_ s: PostgresSession) throws {
        let row = try s.run("SELECT to_regclass('keepwarm_practice') IS NOT NULL").first
        guard try row?.decode(Bool.self) == true,
              let (version, id) = try s.run("SELECT schema_version, practice_id FROM keepwarm_practice").first?.decode((Int32, String).self)
        else { throw PostgresStoreError.noPractice(location: location) }
        guard Int(version) <= PostgresSchema.version else { throw PostgresStoreError.newerSchema(location: location, version: Int(version)) }
        practiceID = id
        try checkEncoding(s)
    }

    private func checkEncoding(_ s: PostgresSession) throws {
        let encoding = try s.run("SHOW server_encoding").first?.decode(String.self) ?? "?"
        guard encoding == "UTF8" else { throw PostgresStoreError.notUTF8(location: location, encoding: encoding) }
    }

    // MARK: - Writing

    /// Waits for the practice's lock: silently, or telling `lockWait` and giving up when it says so.
    func takeLock(_ s: PostgresSession) throws {
        try waitForLock(s, blocking: PostgresSchema.lock, trying: PostgresSchema.tryLock)
    }

    /// Either lock, as `lockWait` says: `blocking` when nobody is told; else `trying` every 5 ms, telling `lockWait`
    /// and giving up (having written nothing) when it says so.
    private func waitForLock(_ s: PostgresSession, blocking: PostgresQuery, trying: PostgresQuery) throws {
        guard let wait = lockWait else {
            try s.run(blocking)
            return
        }
        let start = Self.seconds()
        var nextNotice = wait.noticeAfter
        while try s.run(trying).first?.decode(Bool.self) != true {
            let waited = Self.seconds() - start
            if let limit = wait.giveUpAfter, waited >= limit { throw LockWaitError(path: location, holder: nil, seconds: limit) }
            if waited >= nextNotice {
                guard wait.waiting(nil, waited) else { throw LockWaitError(path: location, holder: nil, seconds: waited) }
                nextNotice = waited + wait.every
            }
            usleep(5_000)
        }
    }

    /// Inserts `lines` as rows `from`, `from + 1`, …: a few thousand a statement, so a migrated log goes in quickly.
    static func insert(_ lines: [[UInt8]], from: Int, _ s: PostgresSession) throws {
        var start = 0
        while start < lines.count {
            let end = min(start + 5_000, lines.count)
            let seqs = (start..<end).map { Int64(from + $0) }
            let texts = lines[start..<end].map { line in String(decoding: line.last == 0x0A ? line.dropLast() : line[...], as: UTF8.self) }
            try s.run("INSERT INTO keepwarm_events (seq, line) SELECT * FROM unnest(\(seqs)::bigint[], \(texts)::text[])")
            start = end
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction(_ s: PostgresSession, _ body: () throws -> Void) throws {
        do {
            try s.run("BEGIN")
            do {
                try body()
            } catch {
                if !s.isClosed { _ = try? s.run("ROLLBACK") }
                throw error
            }
            try s.run("COMMIT")
        } catch let e as PSQLError {
            if PostgresSession.isConnectionLoss(e) {
                drop()
                throw PostgresStoreError.notRecorded(location: location, reason: PostgresSession.reason(e))
            }
            throw PostgresStoreError.server(location: location, reason: PostgresSession.reason(e))
        }
    }

    /// A log's bytes as rows: split into lines, each read back as the file log would read it; refuses any damage.
    private static func checkedRows(_ bytes: [UInt8], location: String) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            lines.append(Array(bytes[start...i]))
            start = i + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        var check = StoreReplay(location: location)
        for line in lines {
            guard String(validating: line, as: UTF8.self) != nil else {
                throw PostgresStoreError.badLog(location: location, line: check.lines + 1, reason: "the line is not UTF-8 text")
            }
            check.take(line)
        }
        if let first = check.damage.first { throw LogError.damaged(first, more: check.damage.count - 1) }
        return lines
    }

    // MARK: - The connection

    /// The open connection, or a new one (reconnecting after a loss). A write that cannot connect is not recorded.
    func connected(writing: Bool) throws -> PostgresSession {
        if let s = session, !s.isClosed { return s }
        drop()
        do {
            let s = try PostgresSession.connect(target)
            session = s
            return s
        } catch {
            if writing, case .unreachable(_, let reason) = error {
                throw PostgresStoreError.notRecorded(location: location, reason: reason)
            }
            throw error
        }
    }

    func drop() {
        session?.close()
        session = nil
    }

    static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
