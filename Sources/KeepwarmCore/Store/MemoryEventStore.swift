import Foundation

/// A practice's events held in memory, as log lines: for tests, and the plainest model of the store contract.
/// Several desks share one history by each opening a `MemoryEventStore` over the same `MemoryHistory`.
public final class MemoryEventStore: EventStore {
    public let history: MemoryHistory
    public var location: String { "memory:\(history.name)" }
    public var practice: Practice { reader.practice }
    public var damage: [LogIssue] { reader.damage }
    public var warnings: [String] { reader.warnings }
    public private(set) var generation = 0
    public var lockWait: LockWait?
    private var reader: StoreReplay
    private var rewrites: Int
    private var newsSeen = -1

    /// Opens `history` and replays it.
    public init(_ history: MemoryHistory) {
        self.history = history
        reader = StoreReplay(location: "memory:\(history.name)")
        rewrites = 0
        _ = try? refresh()
    }

    /// A new history holding the header and the practice's first settings, like `keepwarm init`.
    public static func create(name: String = "practice", settings: SettingsChange, by: String, at: Instant) -> MemoryEventStore {
        let history = MemoryHistory(name: name)
        history.lines = [EventCodec.headerLine(), EventCodec.line(for: Event(seq: 1, at: at, by: by, body: .settingsChanged(settings)))]
        return MemoryEventStore(history)
    }

    public var identity: StoreIdentity { StoreIdentity(kind: "memory", name: "\(history.name)@\(rewrites)") }

    @discardableResult
    public func refresh() throws -> Int {
        history.lock.lock()
        defer { history.lock.unlock() }
        return catchUp()
    }

    /// Reads what other desks wrote; the caller holds the history's lock.
    private func catchUp() -> Int {
        if history.rewrites != rewrites {
            // Rewritten (an erasure): read again from the start, so no erased detail is kept.
            rewrites = history.rewrites
            reader = StoreReplay(location: location)
            generation += 1
        }
        let before = reader.practice.eventCount
        while reader.lines < history.lines.count { reader.take(history.lines[reader.lines]) }
        return reader.practice.eventCount - before
    }

    @discardableResult
    public func appendBatch(by: String, at: Instant, kind: BatchKind, _ make: (Practice) throws -> [EventBody]) throws -> [Event] {
        history.lock.lock()
        defer { history.lock.unlock() }
        _ = catchUp()
        if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
        var staged = try StagedAppend(practice, by: by, at: at, kind: kind, bodies: try make(practice))
        guard !staged.events.isEmpty else { return [] }
        let lines = try staged.lines(location: location, lineBase: history.lines.count)
        if let limit = history.capacity, history.lines.count + lines.count > limit {
            throw LogError.io(path: location, action: "write the event", errno: ENOSPC)
        }
        // Tried on a copy before anything is written, so a write is all or none; memory has no cost to spare.
        var trial = practice
        try staged.settle(into: &trial)
        history.lines += lines
        // The reader takes the lines just written, exactly as another desk does, so both see the same practice.
        _ = catchUp()
        return staged.takeOwnEvents()
    }

    public var fileSharing: FileSharing { .privateToAccount }

    public func checkAsWriter<T>(_ check: (Practice) throws -> T) throws -> T {
        history.lock.lock()
        defer { history.lock.unlock() }
        _ = catchUp()
        if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
        return try check(practice)
    }

    public func erase(_ client: ClientID, by: String, at: Instant, letters: [String], maildirs: [String]) throws -> Erasure.Outcome {
        history.lock.lock()
        defer { history.lock.unlock() }
        _ = catchUp()
        if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
        let (bytes, outcome) = try Erasure.scrubbedLines(Array(history.lines.joined()), erasing: client, in: practice, by: by, at: at)
        history.lines = bytes.split(separator: 0x0A).map { Array($0) + [0x0A] }
        history.rewrites += 1
        _ = catchUp()
        return outcome
    }

    public func practice(asOf until: Instant) throws -> Practice {
        history.lock.lock()
        let lines = history.lines
        history.lock.unlock()
        var look = StoreReplay(location: location, until: until)
        for line in lines { look.take(line) }
        return look.practice
    }

    public func mayHaveNews() -> Bool {
        history.lock.lock()
        defer { history.lock.unlock() }
        let stamp = history.lines.count &+ history.rewrites << 40
        defer { newsSeen = stamp }
        return stamp != newsSeen
    }

    public func logLines() throws -> [UInt8] {
        history.lock.lock()
        defer { history.lock.unlock() }
        return Array(history.lines[0..<reader.lines].joined())
    }
}

/// One practice's history in memory, shared by every desk (`MemoryEventStore`) that opens it.
public final class MemoryHistory: @unchecked Sendable {
    public let name: String
    /// Every line, header first; guarded by `lock`.
    var lines: [[UInt8]] = []
    /// How many times the history was rewritten.
    var rewrites = 0
    /// Lines it may hold before a write fails as a full disk would (tests); nil: no limit.
    public var capacity: Int?
    let lock = NSLock()

    public init(name: String) {
        self.name = name
    }
}
