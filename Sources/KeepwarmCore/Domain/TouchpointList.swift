/// A client's touchpoints: a list, or, for a client read from a snapshot, the snapshot's bytes for them until someone
/// first asks.
///
/// The 1M-event demo holds 258,036 touchpoints, and making each one (two texts among its fields) was the largest part
/// of reading the snapshot, while most commands look at a few clients' touchpoints at most: `lapsed --json` at the
/// lapsed ones only (Docs/performance.md, "The snapshot, round seven"). Compared by the touchpoints themselves,
/// whichever form either side is in. Ten bytes, so the client's one-byte fields after it fill its last word.
enum TouchpointList: Equatable, Sendable, CustomReflectable {
    case read([Touchpoint])
    /// The snapshot part holding them still as bytes, and the client's place in it.
    case unread(UnreadTouchpoints, slot: UInt16)

    init(_ list: [Touchpoint] = []) { self = .read(list) }

    /// The touchpoints, read from the snapshot's bytes the first time any copy of this client asks.
    var all: [Touchpoint] {
        switch self {
        case .read(let list): list
        case .unread(let part, let slot): part.list(slot: Int(slot))
        }
    }

    /// How many, without reading them.
    var count: Int {
        switch self {
        case .read(let list): list.count
        case .unread(let part, let slot): part.count(slot: Int(slot))
        }
    }

    /// The touchpoints moved out, leaving none: a list taken, changed and put back is not copied.
    mutating func take() -> [Touchpoint] {
        let list = all
        self = .read([])
        return list
    }

    static func == (a: TouchpointList, b: TouchpointList) -> Bool {
        if case .unread(let p, let s) = a, case .unread(let q, let t) = b, p === q, s == t { return true }
        return a.all == b.all
    }

    /// The touchpoints themselves, whichever form they are in, for what reads a practice by reflection
    /// (`PracticeDigest`, which a snapshot's practice must match).
    var customMirror: Mirror { Mirror(self, children: ["touchpoints": all], displayStyle: .struct) }
}
