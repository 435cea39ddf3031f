/// Each person's recent actions, newest last, and the ones they have undone, for undo and redo. Replay updates one of
/// these for every event, and runs of events come from the same desk, so the person last written is checked first,
/// before any hashing. Each person keeps at most `depth` of each, so memory stays flat however long the log grows.
public struct LastActions: Sendable {
    /// How many steps back a person can undo (and so how many undone steps they can redo).
    public static let depth = 10

    private var slots: [String: Int] = [:]
    private var histories: [UndoHistory] = []
    private var lastName = ""
    private var lastSlot = -1

    public init() {}

    /// The person's latest action that can still be undone.
    public subscript(by: String) -> UndoRecord? { history(by).undo.last }

    /// The person's latest undone action, which redo would put back.
    public func redoable(by: String) -> UndoRecord? { history(by).redo.last }

    /// Everything the person can undo and redo.
    public func history(_ by: String) -> UndoHistory {
        if lastSlot >= 0, by == lastName { return histories[lastSlot] }
        return slots[by].map { histories[$0] } ?? UndoHistory()
    }

    /// A new action: it can be undone, and nothing undone before it can be redone any more (as in every editor).
    mutating func record(_ r: UndoRecord, by: String) {
        modify(by) { h in
            h.undo.append(r)
            if h.undo.count > Self.depth { h.undo.removeFirst() }
            h.redo.removeAll()
        }
    }

    /// Takes the latest action off the undo steps and, when it can be put back, onto the redo steps.
    mutating func undone(by: String, redo: UndoRecord?) {
        modify(by) { h in
            _ = h.undo.popLast()
            if let redo { h.redo.append(redo) }
        }
    }

    /// Takes the latest undone action off the redo steps and back onto the undo steps.
    mutating func redone(by: String, undo: UndoRecord) {
        modify(by) { h in
            _ = h.redo.popLast()
            h.undo.append(undo)
            if h.undo.count > Self.depth { h.undo.removeFirst() }
        }
    }

    private mutating func modify(_ by: String, _ change: (inout UndoHistory) -> Void) {
        if lastSlot < 0 || by != lastName {
            if let s = slots[by] {
                lastSlot = s
            } else {
                lastSlot = histories.count
                slots[by] = lastSlot
                histories.append(UndoHistory())
            }
            lastName = by
        }
        change(&histories[lastSlot])
    }

    /// Everyone with an action that can still be undone or redone.
    public var people: [String] { slots.keys.filter { !histories[slots[$0]!].isEmpty }.sorted() }
}

/// One person's undo and redo steps, newest last.
public struct UndoHistory: Equatable, Sendable {
    public internal(set) var undo: [UndoRecord] = []
    public internal(set) var redo: [UndoRecord] = []
    var isEmpty: Bool { undo.isEmpty && redo.isEmpty }
}

extension LastActions {
    /// Everything it holds, for the snapshot (Snapshot/SnapshotUndo.swift); the parts stay private to everything else.
    var snapshotParts: (slots: [String: Int], histories: [UndoHistory], lastName: String, lastSlot: Int) {
        (slots, histories, lastName, lastSlot)
    }

    /// Puts back what `snapshotParts` gave.
    init(snapshotParts p: (slots: [String: Int], histories: [UndoHistory], lastName: String, lastSlot: Int)) {
        slots = p.slots
        histories = p.histories
        lastName = p.lastName
        lastSlot = p.lastSlot
    }
}
