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

    private func appendOnce(_ s: PostgresSession, by: String, at: Instant, kind: BatchKind,
                            _ make: (Practice) throws -> [EventBody]) throws -> [Event] {
        var lines: [[UInt8]] = []
        var staged: StagedAppend
        do {
            try s.run("BEGIN")
        } catch {
            throw Failure.beforeCommit(error)
        }
        do {
            try takeLock(s)
            try catchUp(s)
            if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
            staged = try StagedAppend(practice, by: by, at: at, kind: kind, bodies: try make(practice))
            guard !staged.events.isEmpty else {
                try s.run("ROLLBACK")
                return []
            }
            lines = try staged.lines(location: location, lineBase: reader.lines)
            // Tried on a copy before anything is sent, so a write is all or none.
            var trial = practice
            try staged.settle(into: &trial)
            try Self.insert(lines, from: reader.lines, s)
            try s.run("SELECT pg_notify(\(PostgresSession.channel), '')")
        } catch {
            if !s.isClosed { _ = try? s.run("ROLLBACK") }
            throw Failure.beforeCommit(error)
        }
        do {
            try s.run("COMMIT")
        } catch {
            throw Failure.atCommit(error)
        }
        // The desk takes its own lines exactly as another desk does, so both see the same practice.
        for line in lines { reader.take(line) }
        return staged.takeOwnEvents()
    }

    public func practice(asOf until: Instant) throws -> Practice {
        let s = try connected(writing: false)
        var look = StoreReplay(location: location, until: until)
        do {
            for row in try s.run(PostgresSchema.lines(from: 0)) {
                let (_, _, line) = try row.decode((Int64, Int64?, String?).self)
                guard let line, !look.stopped else { break }
                look.take(Array(line.utf8))
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
    func catchUp(_ s: PostgresSession) throws {
        var rows = try s.run(PostgresSchema.lines(from: reader.lines))
        guard let first = rows.first else { throw PostgresStoreError.noPractice(location: location) }
        let rewrote = try first.decode((Int64, Int64?, String?).self).0
        if rewrote != rewrites {
            if rewrites >= 0 {
                // Rewritten (an erasure): read again from the start, so no erased detail is kept.
                generation += 1
            }
            rewrites = rewrote
            if reader.lines > 0 {
                reader = StoreReplay(location: location)
                rows = try s.run(PostgresSchema.lines(from: 0))
            }
        }
        for row in rows {
            let (_, seq, line) = try row.decode((Int64, Int64?, String?).self)
            guard let seq, let line else { break }
            // Appends take the next seq under the lock, so a gap is a row removed by hand: nothing more is read or written.
            guard seq == Int64(reader.lines) else { throw PostgresStoreError.gap(location: location, expected: reader.lines, found: Int(seq)) }
            reader.take(Array(line.utf8))
        }
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
        guard let wait = lockWait else {
            try s.run(PostgresSchema.lock)
            return
        }
        let start = Self.seconds()
        var nextNotice = wait.noticeAfter
        while try s.run(PostgresSchema.tryLock).first?.decode(Bool.self) != true {
            let waited = Self.seconds() - start
            if let limit = wait.giveUpAfter, waited >= limit { throw PostgresStoreError.gaveUpWaiting(location: location, seconds: limit) }
            if waited >= nextNotice {
                guard wait.waiting(nil, waited) else { throw PostgresStoreError.gaveUpWaiting(location: location, seconds: waited) }
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
