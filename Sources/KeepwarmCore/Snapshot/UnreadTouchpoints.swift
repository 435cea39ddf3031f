import Foundation

/// The touchpoints of one snapshot part's clients, kept as the snapshot's bytes and each client's read the first time
/// it is asked for (`TouchpointList`).
///
/// The bytes were checked when the part was read: its checksum, and every touchpoint stepped over field by field
/// (`SnapshotReader.skipTouchpoints`) against the same bounds reading them checks, so reading them later cannot fail.
/// One lock for the part, not one per client: a lock each was 45,000 more allocations at 1M events, and a client's
/// touchpoints are read in about a microsecond, so two threads seldom wait.
final class UnreadTouchpoints: @unchecked Sendable {
    /// The bytes of every client's touchpoints in the part, one after another.
    private let bytes: UnsafeMutableRawBufferPointer
    /// Where each client's touchpoints start in `bytes` (one more entry than clients: the last is the end), and how many.
    private let starts: [Int32], counts: [Int32]
    private let lock = NSLock()
    /// Each client's touchpoints once read (guarded by `lock`).
    private var lists: [[Touchpoint]?]

    /// Takes a copy of `bytes`; `starts` and `counts` say where each of the part's clients' touchpoints are.
    init(copying source: UnsafeRawBufferPointer, starts: [Int32], counts: [Int32]) {
        bytes = .allocate(byteCount: max(1, source.count), alignment: 8)
        if let from = source.baseAddress, source.count > 0 { bytes.baseAddress!.copyMemory(from: from, byteCount: source.count) }
        self.starts = starts
        self.counts = counts
        lists = Array(repeating: nil, count: counts.count)
    }

    deinit { bytes.deallocate() }

    /// The touchpoints of the client at `slot`, read now if no one has asked before.
    func list(slot: Int) -> [Touchpoint] {
        lock.lock()
        defer { lock.unlock() }
        if let done = lists[slot] { return done }
        let made = decode(slot)
        lists[slot] = made
        return made
    }

    /// Whether the client at `slot` has no touchpoints (kept as an empty list, never looked up here).
    func isEmpty(slot: Int) -> Bool { counts[slot] == 0 }
    /// How many touchpoints the client at `slot` has.
    func count(slot: Int) -> Int { Int(counts[slot]) }

    /// The bytes the client at `slot`'s touchpoints were written as, for a new snapshot to copy unread.
    func encoded(slot: Int) -> (count: Int, bytes: UnsafeRawBufferPointer) {
        (Int(counts[slot]), UnsafeRawBufferPointer(rebasing: bytes[Int(starts[slot])..<Int(starts[slot + 1])]))
    }

    /// The two closed words a touchpoint holds, counted once rather than on each client's first read.
    private static let wordCounts = [(ObjectIdentifier(TouchpointKind.self), TouchpointKind.allCases.count),
                                     (ObjectIdentifier(Channel.self), Channel.allCases.count)]

    private func decode(_ slot: Int) -> [Touchpoint] {
        let (n, part) = encoded(slot: slot)
        var r = SnapshotReader(part)
        r.wordCounts = Self.wordCounts
        do throws(SnapshotReader.Unreadable) {
            var out: [Touchpoint] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try r.touchpoint()) }
            guard r.atEnd else { throw .init(why: "touchpoints have bytes after their end") }
            return out
        } catch {
            // Stepped over with the same checks when the part was read, so this is a fault in Keepwarm itself.
            preconditionFailure("a snapshot's touchpoints, checked when read, no longer read: \(error.why)")
        }
    }
}
