/// Where a practice's events are kept, and the practice replayed from them: the file log, PostgreSQL, or memory.
///
/// Every store keeps the file log's promises (Docs/event-log.md, Docs/architecture.md "The store"): an append is
/// built and checked against the freshest state under the store's lock, takes the next seq there, and is durable
/// before it returns; a reader applies every event once, in seq order, and never skips one that commits late. Rules,
/// reports, the console and the commands see only this protocol; nothing outside a store knows it is a file.
public protocol EventStore: AnyObject {
    /// Names the store to a person: the log's path, or the database's URL without its password.
    var location: String { get }
    /// Stays the same while the store holds the same history; changes when the history is rewritten (an erasure,
    /// a restore), so anything kept beside it (a snapshot, a cache) knows to start again.
    var identity: StoreIdentity { get }
    /// The practice as of the last event read.
    var practice: Practice { get }
    /// Damaged events found while reading; while there are any, nothing may be appended.
    var damage: [LogIssue] { get }
    /// Things worth telling a person once (unknown event types, a torn tail set aside).
    var warnings: [String] { get }
    /// Counts the times the history was rewritten under this reader and read again from the start.
    var generation: Int { get }
    /// How a write waits while another desk holds the lock (says who, may give up); nil blocks silently.
    var lockWait: LockWait? { get set }

    /// Reads what other desks appended since the last read; returns how many events were applied.
    @discardableResult
    func refresh() throws -> Int

    /// Appends the events `make` builds from the freshest state, all or none, durably, and applies them. `make` runs
    /// under the store's lock after catching up with other desks, so its checks hold at the moment of writing. Two or
    /// more events are opened by a `batch.begun` event, as in the file log; the events returned are the batch's own.
    @discardableResult
    func appendBatch(by: String, at: Instant, kind: BatchKind, _ make: (Practice) throws -> [EventBody]) throws -> [Event]

    /// The practice as it stood at `until`: the history replayed up to the first event recorded after that instant
    /// (`--as-of`, and the last audit's figures).
    func practice(asOf until: Instant) throws -> Practice

    /// Whether another desk may have written since the last call: cheap, for the console to ask between keys.
    /// A false "yes" costs one `refresh`; a missed one only delays the news until the next call says yes.
    func mayHaveNews() -> Bool

    /// Holds the store's lock as an append would (catching up with other desks first, waiting as `lockWait` says),
    /// runs `check` on that fresh state and lets go, appending nothing: for work done outside the store before its
    /// event is written (an email sent), which must not begin when the write would be refused.
    func checkAsWriter<T>(_ check: (Practice) throws -> T) throws -> T

    /// How files Keepwarm writes for this practice (letters, sent copies, exports) are shared: as the log file is,
    /// for the file store; private to the account otherwise.
    var fileSharing: FileSharing { get }

    /// Takes `client`'s personal details out of every event the store holds and records `client.erased`, under the
    /// lock, all or none; the history is then rewritten (`identity` and `generation` change). `letters` and
    /// `maildirs` are folders of files kept for the practice that are cleaned too.
    func erase(_ client: ClientID, by: String, at: Instant, letters: [String], maildirs: [String]) throws -> Erasure.Outcome

    /// Every event as its log line (header first), exactly as the file log would hold them: same JSON, same
    /// checksum. `backup` and `export` write these; `keepwarm check` accepts them.
    func logLines() throws -> [UInt8]

    /// The header and the practice's first event, exactly as `logLines` begins: what names the practice for good (a
    /// calendar's UIDs), without reading the whole history.
    func openingLines() throws -> [UInt8]

    /// Work an opening left until a screen was drawn (the file log's snapshot); may run on another thread, and is
    /// waited for before the process exits. Nothing for stores that leave nothing. Returns what the person should
    /// hear of it (no room on the disk for the snapshot), or nil.
    @discardableResult
    func finishOpening() -> String?
}

extension EventStore {
    @discardableResult
    public func finishOpening() -> String? { nil }

    /// Cut from every line; a store that can read its first rows alone does so instead.
    public func openingLines() throws -> [UInt8] {
        let all = try logLines()
        guard let header = all.firstIndex(of: 0x0A) else { return all }
        let end = all[(header + 1)...].firstIndex(of: 0x0A).map { $0 + 1 } ?? all.count
        return Array(all[..<end])
    }

    /// Appends the one event `make` builds from the freshest state, durably, and applies it.
    @discardableResult
    public func append(by: String, at: Instant, _ make: (Practice) throws -> EventBody) throws -> Event {
        try appendBatch(by: by, at: at, kind: .audit) { p in [try make(p)] }[0]
    }
}

/// Which history a store holds: its kind and a name that changes when the history is rewritten.
public struct StoreIdentity: Hashable, Sendable, CustomStringConvertible {
    /// "file", "postgresql" or "memory".
    public let kind: String
    /// For a file, its device and inode (a rewrite is a new file); for a database, the practice's id and its
    /// rewrite count.
    public let name: String

    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String { "\(kind):\(name)" }
}
