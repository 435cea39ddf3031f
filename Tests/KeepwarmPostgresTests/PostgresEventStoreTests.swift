import Foundation
import KeepwarmCore
import KeepwarmStoreConformance
import Testing
@testable import KeepwarmPostgres

/// What only PostgreSQL must prove beyond the conformance suite: a paused append hides what comes after it, readers
/// never skip an event while desks append, a restarted server is caught up with, and a write during an outage is
/// refused whole.
@Suite struct PostgresEventStoreTests {
    static let start = StoreConformance.start

    static func at(_ minutes: Int) -> Instant { Instant(ms: start.ms + Int64(minutes) * 60_000) }

    @discardableResult
    static func add(_ store: any EventStore, _ name: String, minute: Int = 1, by: String = "desk") throws -> Event {
        let now = at(minute)
        return try store.append(by: by, at: now) { p in try Command.addClient(ClientDraft(name: name)).event(in: p, now: now) }
    }

    static func newStore(_ cluster: PostgresCluster) throws -> PostgresEventStore {
        try PostgresEventStore.create(url: try cluster.newDatabase(), environment: [:], settings: SettingsChange(name: "Pg"),
                                      by: "init", at: start)
    }

    /// Desk A's append is held open under the lock (its `make` has not returned). Desk B's append waits for it; a
    /// reader sees neither meanwhile, and afterwards sees A's event before B's, with no seq skipped.
    @Test func aPausedAppendHidesEverythingAfterIt() throws {
        let cluster = try PostgresCluster.shared()
        let a = try Self.newStore(cluster)
        let b = try PostgresEventStore.open(url: a.location, environment: [:])
        let reader = try PostgresEventStore.open(url: a.location, environment: [:])
        let watcher = try PostgresSession.connect(a.target)
        let first = a.practice.lastSeq
        let inside = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let desks = Shared((a, b))
        let results = Shared(Results())
        DispatchQueue.global().async(group: done) {
            results.value.set(0, Result { try Self.add(desks.value.0, "Ada Lovelace", by: "a") { inside.signal(); release.wait() } })
        }
        inside.wait()
        DispatchQueue.global().async(group: done) {
            results.value.set(1, Result { try Self.add(desks.value.1, "Grace Hopper", by: "b") })
        }
        // B is queued behind A's lock: the server shows one advisory lock not granted.
        var waiting: Int64 = 0
        for _ in 0..<1000 where waiting == 0 {
            waiting = try watcher.run("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").first?.decode(Int64.self) ?? 0
            if waiting == 0 { usleep(10_000) }
        }
        #expect(waiting == 1, "desk B must be waiting for desk A's lock")
        #expect(try reader.refresh() == 0)
        #expect(reader.practice.lastSeq == first)
        release.signal()
        done.wait()
        let ada = try results.value.get(0), grace = try results.value.get(1)
        #expect(ada.seq == first + 1 && grace.seq == first + 2)
        #expect(try reader.refresh() == 2)
        #expect(reader.practice.clients.map(\.name) == ["Ada Lovelace", "Grace Hopper"])
        watcher.close()
    }

    /// A reader refreshing as fast as it can while four desks append: every refresh sees a whole prefix of the one
    /// order (a skipped seq would be a gap, which the store refuses), and it ends with every event.
    @Test func aReaderNeverSkipsWhileDesksAppend() throws {
        let cluster = try PostgresCluster.shared()
        let store = try Self.newStore(cluster)
        let first = store.practice.lastSeq
        let desks = Shared(try (0..<4).map { _ in try PostgresEventStore.open(url: store.location, environment: [:]) })
        let finished = Counter()
        let group = DispatchGroup()
        for d in 0..<4 {
            DispatchQueue.global().async(group: group) {
                for i in 0..<50 { _ = try? Self.add(desks.value[d], "Desk\(d) Client\(i)", by: "desk\(d)") }
                finished.add()
            }
        }
        var seen: [Int] = []
        while finished.count < 4 {
            try store.refresh()
            #expect(store.practice.clients.count == store.practice.lastSeq - first)
            seen.append(store.practice.lastSeq)
        }
        group.wait()
        try store.refresh()
        #expect(store.practice.lastSeq == first + 200)
        #expect(Set(store.practice.clients.map(\.name)).count == 200)
        #expect(seen == seen.sorted(), "a reader's view only moves forward")
    }

    /// The server stops under an open store: an append then is refused and records nothing, a refresh says the
    /// connection is lost; once the server is back the next refresh reconnects and catches up.
    @Test func aRestartedServerIsCaughtUpWithAndAnOutageRecordsNothing() throws {
        let cluster = try PostgresCluster()
        defer { cluster.remove() }
        let store = try Self.newStore(cluster)
        try Self.add(store, "Ada Lovelace")
        try cluster.stop()
        let refused = #expect(throws: PostgresStoreError.self) { try Self.add(store, "Mo Farah", minute: 2) }
        #expect(refused?.description.hasPrefix("not recorded: \(store.location) could not be reached") == true, "\(String(describing: refused))")
        let lost = #expect(throws: PostgresStoreError.self) { try store.refresh() }
        #expect(lost?.description.hasPrefix("lost the connection to \(store.location)") == true, "\(String(describing: lost))")
        #expect(store.mayHaveNews(), "a store that lost its connection asks to be refreshed")
        try cluster.start()
        let other = try PostgresEventStore.open(url: store.location, environment: [:])
        #expect(other.practice.clients.map(\.name) == ["Ada Lovelace"], "the append during the outage left nothing")
        try Self.add(other, "Grace Hopper", minute: 3, by: "desk2")
        #expect(try store.refresh() == 1)
        #expect(store.practice.clients.map(\.name) == ["Ada Lovelace", "Grace Hopper"])
        let mo = try Self.add(store, "Mo Farah", minute: 4)
        #expect(mo.seq == store.practice.lastSeq && mo.seq == other.practice.lastSeq + 1)
    }

    /// `migrate`'s way in: a file log's bytes become the database's rows, and come back out byte for byte.
    @Test func aFileLogMovesInAndComesBackOutTheSame() throws {
        let cluster = try PostgresCluster.shared()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-pgm-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try EventLog.create(path: dir + "/events.log", settings: SettingsChange(name: "Moving"), by: "init", at: Self.start)
        try Self.add(file, "Zoë \"Quote\" O'Brien\u{202E}")
        try Self.add(file, "Ada Lovelace", minute: 2)
        let bytes = try file.logLines()
        let url = try cluster.newDatabase()
        let store = try PostgresEventStore.createFromLines(url: url, environment: [:], lines: bytes)
        #expect(try store.logLines() == bytes)
        // Every desk on the database names the same history; another database is another.
        let desk = try PostgresEventStore.open(url: url, environment: [:])
        #expect(store.identity == desk.identity && store.identity.kind == "postgresql" && store.identity.name.count == 34)
        #expect(store.practice.lastSeq == file.practice.lastSeq)
        #expect(store.practice.clients.map(\.name) == file.practice.clients.map(\.name))
        let again = #expect(throws: PostgresStoreError.self) { try PostgresEventStore.createFromLines(url: url, environment: [:], lines: bytes) }
        #expect(again == .notEmpty(location: store.location, lines: bytes.split(separator: 0x0A).count))
        // A damaged log is refused before anything is written.
        var damaged = bytes
        damaged[damaged.count - 10] ^= 0x01
        let empty = try cluster.newDatabase()
        #expect(try Self.newStore(cluster).identity != store.identity)
        #expect(throws: LogError.self) { try PostgresEventStore.createFromLines(url: empty, environment: [:], lines: damaged) }
        let none = #expect(throws: PostgresStoreError.self) { try PostgresEventStore.open(url: empty, environment: [:]) }
        #expect(none?.description.hasSuffix("holds no Keepwarm practice: start one with keepwarm init, or move a log there with keepwarm migrate") == true)
    }

    /// Each way of not reaching the practice says where and what to do, without the password.
    @Test func failuresToConnectSayWhatToDo() throws {
        let cluster = try PostgresCluster.shared()
        let port = PostgresCluster.freePort()
        let refused = #expect(throws: PostgresStoreError.self) {
            try PostgresEventStore.open(url: "postgresql://kw:secret@127.0.0.1:\(port)/clinic", environment: [:])
        }
        #expect(refused?.description == "could not reach the database at 127.0.0.1:\(port) (connection refused): start PostgreSQL or check --store")
        let missing = #expect(throws: PostgresStoreError.self) { try PostgresEventStore.open(url: cluster.url("nowhere"), environment: [:]) }
        #expect(missing?.description == "there is no database nowhere at 127.0.0.1:\(cluster.port): create it (createdb nowhere) or check --store")
        let url = try cluster.newDatabase()
        let store = try PostgresEventStore.create(url: url, environment: [:], settings: SettingsChange(name: "Pg"), by: "init", at: Self.start)
        let twice = #expect(throws: PostgresStoreError.self) {
            try PostgresEventStore.create(url: url, environment: [:], settings: SettingsChange(name: "Pg"), by: "init", at: Self.start)
        }
        #expect(twice == .notEmpty(location: store.location, lines: 2))
        for e in [refused, missing, twice].compactMap({ $0 }) { #expect(!e.description.contains("secret")) }
    }

    /// sslmode as libpq spells it, against a server that offers TLS with a self-signed certificate.
    @Test func tlsIsUsedWhenOfferedAndCheckedWhenAskedFor() throws {
        let cluster = try PostgresCluster.shared()
        let db = String(try cluster.newDatabase().split(separator: "/").last!.split(separator: "?")[0])
        func encrypted(_ options: String) throws -> Bool {
            let s = try PostgresSession.connect(try PostgresTarget.parse(url: cluster.url(db, options: options), environment: [:]))
            defer { s.close() }
            return try s.run("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?.decode(Bool.self) ?? false
        }
        #expect(try encrypted("sslmode=prefer"))
        #expect(try encrypted("sslmode=require"))
        #expect(try !encrypted("sslmode=disable"))
        #expect(try encrypted("sslmode=verify-full&sslrootcert=\(cluster.certificate)"))
        // Another certificate is not the server's signer: verify-ca refuses to talk.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-pgc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try PostgresCluster.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=stranger",
                                     "-keyout", dir + "/k.pem", "-out", dir + "/c.pem"])
        let wrong = #expect(throws: PostgresStoreError.self) { try encrypted("sslmode=verify-ca&sslrootcert=\(dir)/c.pem") }
        #expect(wrong?.description.hasPrefix("could not make a TLS connection to 127.0.0.1:\(cluster.port)") == true, "\(String(describing: wrong))")
    }
}

extension PostgresEventStoreTests {
    /// `add`, with `pause` run under the store's lock before the event is built.
    @discardableResult
    static func add(_ store: any EventStore, _ name: String, by: String, pause: () -> Void) throws -> Event {
        let now = at(1)
        return try store.append(by: by, at: now) { p in
            pause()
            return try Command.addClient(ClientDraft(name: name)).event(in: p, now: now)
        }
    }
}

/// A value handed to other threads in a test, which take care not to share it unsafely.
final class Shared<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// How many threads of a test are done.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0

    func add() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}

/// What each thread of a test got, kept under a lock.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int: Result<Event, any Error>] = [:]

    func set(_ i: Int, _ r: Result<Event, any Error>) { lock.lock(); items[i] = r; lock.unlock() }
    func get(_ i: Int) throws -> Event { lock.lock(); defer { lock.unlock() }; return try items[i]!.get() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }
}
