import Foundation
import KeepwarmCore
import Testing

/// One kind of store for the conformance suite: how to make a new practice in it and open another desk on it.
public protocol StoreMaker: Sendable, CustomStringConvertible {
    /// A new practice holding its first settings (as `keepwarm init` makes one), at `StoreConformance.start`.
    func newPractice() throws -> any EventStore
    /// Another desk (another process, as far as the store can tell) on the same practice.
    func anotherDesk(on store: any EventStore) throws -> any EventStore
}

/// The promises every store keeps (Docs/architecture.md, "The store"), checked the same way against each: the file
/// log, memory, PostgreSQL. Each test target runs them against its own stores.
public enum StoreConformance {
    public static let start = Instant(ms: 1_795_000_000_000)

    static func at(_ minutes: Int) -> Instant { Instant(ms: start.ms + Int64(minutes) * 60_000) }

    @discardableResult
    static func addClient(_ store: any EventStore, _ name: String, minute: Int = 1, by: String = "desk") throws -> Event {
        let now = at(minute)
        return try store.append(by: by, at: now) { p in try Command.addClient(ClientDraft(name: name)).event(in: p, now: now) }
    }

    /// Two clients' events for one batch, the second built against the practice with the first applied.
    static func twoClients(_ p: Practice, _ a: String, _ b: String) throws -> [EventBody] {
        let now = at(4)
        let first = try Command.addClient(ClientDraft(name: a)).event(in: p, now: now)
        var then = p
        try then.apply(Event(seq: p.lastSeq + 1, at: now, by: "desk", body: first))
        return [first, try Command.addClient(ClientDraft(name: b)).event(in: then, now: now)]
    }

    /// Appends take consecutive seqs, apply at once, and a reopened desk sees the same practice.
    public static func appendsAreNumberedAndApplied(_ maker: some StoreMaker) throws {
        let store = try maker.newPractice()
        let first = store.practice.lastSeq
        let a = try addClient(store, "Ada Lovelace")
        let b = try addClient(store, "Grace Hopper", minute: 2)
        #expect(a.seq == first + 1 && b.seq == first + 2)
        #expect(store.practice.clients.map(\.name) == ["Ada Lovelace", "Grace Hopper"])
        let other = try maker.anotherDesk(on: store)
        #expect(other.practice.lastSeq == b.seq)
        #expect(other.practice.clients.map(\.name) == ["Ada Lovelace", "Grace Hopper"])
        #expect(other.damage.isEmpty && store.damage.isEmpty)
    }

    /// Another desk's append is news: `mayHaveNews` says so and `refresh` applies it; with nothing new, refresh
    /// applies nothing.
    public static func anotherDesksAppendIsSeen(_ maker: some StoreMaker) throws {
        let store = try maker.newPractice()
        let other = try maker.anotherDesk(on: store)
        _ = store.mayHaveNews()
        #expect(try store.refresh() == 0)
        try addClient(other, "Mo Farah", by: "desk2")
        var told = false
        for _ in 0..<100 where !told {
            told = store.mayHaveNews()
            if !told { usleep(10_000) }
        }
        #expect(told, "another desk's append must be news within a second")
        #expect(try store.refresh() == 1)
        #expect(store.practice.clients.map(\.name) == ["Mo Farah"])
    }

    /// `make` runs against the freshest state: a desk that has not refreshed still sees the other desk's event
    /// when it builds its own, and its event takes the next seq after it.
    public static func appendsAreCheckedAgainstTheFreshState(_ maker: some StoreMaker) throws {
        let store = try maker.newPractice()
        let stale = try maker.anotherDesk(on: store)
        let ada = try addClient(store, "Ada Lovelace")
        var seen: [String] = []
        let now = at(5)
        let e = try stale.append(by: "desk2", at: now) { p in
            seen = p.clients.map(\.name)
            // Refused against the fresh state: Ada is on the books now, so a second Ada with her details is a duplicate.
            return try Command.addClient(ClientDraft(name: "Grace Hopper")).event(in: p, now: now)
        }
        #expect(seen == ["Ada Lovelace"])
        #expect(e.seq == ada.seq + 1)
    }

    /// A batch is all or none: a `make` that throws, or a batch with an event that does not apply, writes nothing
    /// that any desk can see.
    public static func aBatchIsAllOrNone(_ maker: some StoreMaker) throws {
        let store = try maker.newPractice()
        try addClient(store, "Ada Lovelace")
        let before = store.practice.lastSeq
        #expect(throws: Refused.self) {
            try store.appendBatch(by: "desk", at: at(3), kind: .imported) { _ in throw Refused() }
        }
        // The second event names an appointment nobody booked: the whole batch is refused.
        #expect(throws: (any Error).self) {
            try store.appendBatch(by: "desk", at: at(3), kind: .imported) { _ in
                [try Command.addClient(ClientDraft(name: "Grace Hopper")).event(in: store.practice, now: at(3)),
                 .appointmentAttended(AppointmentID(99))]
            }
        }
        let other = try maker.anotherDesk(on: store)
        #expect(store.practice.lastSeq == before && other.practice.lastSeq == before)
        #expect(other.practice.clients.map(\.name) == ["Ada Lovelace"])
        // A batch that applies is written whole, opened by its batch.begun event.
        let events = try store.appendBatch(by: "desk", at: at(4), kind: .imported) { p in try twoClients(p, "Grace Hopper", "Mo Farah") }
        #expect(events.map(\.seq) == [before + 2, before + 3])
        #expect(try other.refresh() == 3)
        #expect(other.practice.clients.map(\.name) == ["Ada Lovelace", "Grace Hopper", "Mo Farah"])
    }

    /// Several desks appending at once: one global order, no gap, no duplicate, every acknowledged event present
    /// once, and every desk ends with the same practice.
    public static func desksAppendingAtOnceMakeOneOrder(_ maker: some StoreMaker, desks: Int = 4, each: Int = 50) throws {
        let store = try maker.newPractice()
        let first = store.practice.lastSeq
        let opened = Desks(try (0..<desks).map { _ in try maker.anotherDesk(on: store) })
        let acknowledged = Acknowledged(desks)
        DispatchQueue.concurrentPerform(iterations: desks) { d in
            for i in 0..<each {
                if let e = try? addClient(opened.desks[d], "Desk\(d) Client\(i)", minute: i, by: "desk\(d)") {
                    acknowledged.add(d, e.seq, "Desk\(d) Client\(i)")
                }
            }
        }
        let all = acknowledged.all
        #expect(all.count == desks * each, "every append is acknowledged")
        #expect(all.map(\.seq).sorted() == Array(first + 1...first + desks * each), "one order, no gap, no duplicate")
        try store.refresh()
        let names = Set(store.practice.clients.map(\.name))
        #expect(names.count == desks * each && all.allSatisfy { names.contains($0.name) })
        for desk in opened.desks {
            try desk.refresh()
            #expect(desk.practice.lastSeq == store.practice.lastSeq)
            #expect(desk.practice.clients.map(\.name) == store.practice.clients.map(\.name))
        }
        // Each desk's own events are in the order it wrote them.
        for d in 0..<desks {
            let mine = all.filter { $0.desk == d }.sorted { $0.seq < $1.seq }.map(\.name)
            #expect(mine == (0..<each).map { "Desk\(d) Client\($0)" })
        }
    }

    /// A look back replays only what was recorded by the instant asked for.
    public static func aLookBackStopsAtItsInstant(_ maker: some StoreMaker) throws {
        let store = try maker.newPractice()
        try addClient(store, "Ada Lovelace", minute: 10)
        try addClient(store, "Grace Hopper", minute: 20)
        #expect(try store.practice(asOf: at(15)).clients.map(\.name) == ["Ada Lovelace"])
        #expect(try store.practice(asOf: at(25)).clients.map(\.name) == ["Ada Lovelace", "Grace Hopper"])
        #expect(try store.practice(asOf: at(5)).clients.isEmpty)
    }

    /// The store's lines are a plain-text log the file store opens to the same practice: the practice's backup and
    /// way out.
    public static func itsLinesAreAPlainTextLog(_ maker: some StoreMaker, scratch: String) throws {
        let store = try maker.newPractice()
        try addClient(store, "Zoë \"Quote\" O'Brien\u{202E}", minute: 1)
        try store.appendBatch(by: "desk", at: at(2), kind: .imported) { p in try twoClients(p, "Ada Lovelace", "Mo Farah") }
        let path = scratch + "/from-\(store.identity.kind).log"
        _ = FileManager.default.createFile(atPath: path, contents: Data(try store.logLines()))
        let file = try EventLog.open(path: path)
        #expect(file.damage.isEmpty && file.warnings.isEmpty)
        #expect(file.practice.lastSeq == store.practice.lastSeq)
        #expect(file.practice.clients.map(\.name) == store.practice.clients.map(\.name))
        #expect(try file.logLines() == store.logLines())
    }

    /// An erasure takes the client's details out of every event the store holds, on every desk, records
    /// `client.erased`, and changes the store's identity so nothing kept beside it is trusted.
    public static func anErasureLeavesNoTraceOnAnyDesk(_ maker: some StoreMaker) throws {
        let store = try maker.newPractice()
        let ada = try addClient(store, "Ada Lovelace")
        try addClient(store, "Grace Hopper", minute: 2)
        let other = try maker.anotherDesk(on: store)
        let before = store.identity
        guard case .clientAdded(let added) = ada.body else { Issue.record("not a client"); return }
        let outcome = try store.erase(added.id, by: "owner", at: at(5), letters: [], maildirs: [])
        #expect(outcome.linesRewritten == 1)
        #expect(store.identity != before)
        let text = String(decoding: try store.logLines(), as: UTF8.self)
        #expect(!text.contains("Ada") && text.contains("Grace Hopper") && text.contains("client.erased"))
        try other.refresh()
        #expect(other.generation > 0)
        #expect(!other.practice.clients.contains { $0.name.contains("Ada") })
        #expect(!String(decoding: try other.logLines(), as: UTF8.self).contains("Ada"))
        #expect(other.practice.clients[added.id.index].erasedAt != nil)
        #expect(throws: (any Error).self) { try store.erase(added.id, by: "owner", at: at(6), letters: [], maildirs: []) }
    }

    /// Undo is an event like any other: appended through the store, it takes back the last action on every desk.
    public static func undoTakesBackTheLastActionOnEveryDesk(_ maker: some StoreMaker) throws {
        let store = try maker.newPractice()
        try addClient(store, "Ada Lovelace", by: "sam")
        let other = try maker.anotherDesk(on: store)
        let now = at(3)
        try store.append(by: "sam", at: now) { p in try Command.undo(by: "sam").event(in: p, now: now) }
        try other.refresh()
        #expect(store.practice.clients.filter { !$0.withdrawn }.isEmpty)
        #expect(other.practice.clients.filter { !$0.withdrawn }.isEmpty)
    }
}

/// What the desks were told was written, gathered from several threads.
final class Acknowledged: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(desk: Int, seq: Int, name: String)] = []
    init(_ desks: Int) {}
    func add(_ desk: Int, _ seq: Int, _ name: String) {
        lock.lock(); items.append((desk, seq, name)); lock.unlock()
    }
    var all: [(desk: Int, seq: Int, name: String)] { lock.lock(); defer { lock.unlock() }; return items }
}

/// A `make` that refuses, standing for a command whose check fails under the lock.
struct Refused: Error {}

/// Desks handed one each to the threads of a concurrent test; no two threads touch the same desk.
final class Desks: @unchecked Sendable {
    let desks: [any EventStore]
    init(_ desks: [any EventStore]) { self.desks = desks }
}
