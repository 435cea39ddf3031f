/// Each person's latest action and how to reverse it. Replay replaces one of these for every event, and runs of events
/// come from the same desk, so the person last written is checked first, before any hashing.
public struct LastActions: Sendable {
    private var slots: [String: Int] = [:]
    private var records: [UndoRecord?] = []
    private var lastName = ""
    private var lastSlot = -1

    public init() {}

    public subscript(by: String) -> UndoRecord? {
        get {
            if lastSlot >= 0, by == lastName { return records[lastSlot] }
            return slots[by].flatMap { records[$0] }
        }
        set {
            if lastSlot < 0 || by != lastName {
                if let s = slots[by] {
                    lastSlot = s
                } else {
                    lastSlot = records.count
                    slots[by] = lastSlot
                    records.append(nil)
                }
                lastName = by
            }
            records[lastSlot] = newValue
        }
    }

    /// Everyone with an action that can still be undone.
    public var people: [String] { slots.keys.filter { records[slots[$0]!] != nil }.sorted() }
}
