import Foundation
import KeepwarmCore
import KeepwarmStoreConformance
import Testing
@testable import KeepwarmPostgres

/// The append and read paths' shape (Docs/postgres.md, "How it keeps the file log's promises"): an append holds the
/// practice's lock only while it runs, whatever its end; a desk that is behind appends from the fresh state; and
/// catching up reads the rows in the index's order instead of having the server sort them.
@Suite struct PostgresAppendPathTests {
    static func newStore() throws -> PostgresEventStore {
        try PostgresEventStore.create(url: try PostgresCluster.shared().newDatabase(), environment: [:],
                                      settings: SettingsChange(name: "Paths"), by: "init", at: StoreConformance.start)
    }

    static func addCallback(_ store: any EventStore, _ name: String) throws -> Event {
        try store.append(by: "desk", at: StoreConformance.start) { p in
            try Command.addCallback(name: name, phone: "07700 900123", reason: nil, by: StoreConformance.start.adding(hours: 2)).event(in: p, now: StoreConformance.start)
        }
    }

    /// The lock is the connection's for the length of an append (not a transaction's), so it must be let go on every
    /// way out: after an append, after one its check refuses, and after one that builds nothing.
    @Test func anAppendLetsGoOfThePracticesLockHoweverItEnds() throws {
        let store = try Self.newStore()
        let watcher = try PostgresSession.connect(store.target)
        defer { watcher.close() }
        func advisoryLocks() throws -> Int64 {
            // The desk's next statement runs after the unlock it sent without waiting. Other tests' databases share
            // the cluster, and their locks with it.
            try store.refresh()
            return try watcher.run("""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).first?.decode(Int64.self) ?? -1
        }
        _ = try Self.addCallback(store, "Jo Park")
        #expect(try advisoryLocks() == 0)
        struct Refused: Error {}
        #expect(throws: Refused.self) { try store.append(by: "desk", at: StoreConformance.start) { _ in throw Refused() } }
        #expect(try advisoryLocks() == 0)
        #expect(try store.appendBatch(by: "desk", at: StoreConformance.start, kind: .audit) { _ in [] }.isEmpty)
        #expect(try advisoryLocks() == 0)
    }

    /// A desk that has not read another desk's append builds its event on what it has, finds at the insert that it
    /// is behind, reads, and builds again: its event follows the other's, and a check that the fresh state fails
    /// refuses it, writing nothing.
    @Test func aDeskThatIsBehindAppendsFromTheFreshState() throws {
        let a = try Self.newStore()
        let b = try PostgresEventStore.open(url: a.location, environment: [:])
        let first = try Self.addCallback(a, "Jo Park")
        var seenByMake: [Int] = []
        let second = try b.append(by: "desk", at: StoreConformance.start) { p in
            seenByMake.append(p.lastSeq)
            return try Command.addCallback(name: "Sam Lee", phone: "07700 900124", reason: nil, by: StoreConformance.start.adding(hours: 2)).event(in: p, now: StoreConformance.start)
        }
        #expect(second.seq == first.seq + 1)
        #expect(seenByMake == [first.seq - 1, first.seq], "built once on what B had read, then once on the fresh state")
        // A refusal from what B had read is not believed: B reads, and the fresh state lets it through.
        let third = try Self.addCallback(a, "Ana Diaz")
        struct Behind: Error {}
        let fourth = try b.append(by: "desk", at: StoreConformance.start) { p in
            if p.lastSeq < third.seq { throw Behind() }
            return try Command.addCallback(name: "Lee Moss", phone: "07700 900125", reason: nil, by: StoreConformance.start.adding(hours: 2))
                .event(in: p, now: StoreConformance.start)
        }
        #expect(fourth.seq == third.seq + 1)
        // A refusal from the fresh state is: nothing is written.
        let fifth = try Self.addCallback(a, "Kim Hale")
        struct TooMany: Error {}
        #expect(throws: TooMany.self) {
            try b.append(by: "desk", at: StoreConformance.start) { p in
                if p.lastSeq >= fifth.seq { throw TooMany() }
                return try Command.addCallback(name: "Max Row", phone: "07700 900126", reason: nil, by: StoreConformance.start.adding(hours: 2))
                    .event(in: p, now: StoreConformance.start)
            }
        }
        #expect(try a.refresh() == 0, "nothing was written by the refused append")
        #expect(b.practice.lastSeq == fifth.seq)
    }

    /// Catching up (and so opening a practice) reads the rows as the primary key's index holds them. The query it
    /// replaced joined the practice's row to every line and had the server sort them all, spilling to disk past
    /// work_mem: 400 ms of the server's time for 250k lines, against 50 ms.
    @Test func catchingUpReadsInTheIndexsOrderWithoutASort() throws {
        let store = try Self.newStore()
        let s = try PostgresSession.connect(store.target)
        defer { s.close() }
        // Lines enough for the planner to choose as it would for a real practice (the plan, not the reading, is tested).
        try s.run("INSERT INTO keepwarm_events (seq, line) SELECT g, repeat('x', 200) FROM generate_series(10, 50009) g")
        try s.run("ANALYZE keepwarm_events")
        var explainCatchUp = PostgresSchema.rows(from: 0), explainBefore = PostgresSchema.lines(from: 0)
        explainCatchUp.sql = "EXPLAIN " + explainCatchUp.sql
        explainBefore.sql = "EXPLAIN " + explainBefore.sql
        let catchUp = try s.run(explainCatchUp).map { try $0.decode(String.self) }.joined(separator: "\n")
        #expect(catchUp.contains("Index Scan using keepwarm_events_pkey"), "\(catchUp)")
        #expect(!catchUp.contains("Sort"), "\(catchUp)")
        let before = try s.run(explainBefore).map { try $0.decode(String.self) }.joined(separator: "\n")
        #expect(before.contains("Sort"), "the query replaced sorted every row: \(before)")
    }
}
