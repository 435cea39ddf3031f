/// The events one append writes, numbered from the freshest state's last seq, and how they change that state: what
/// every store does between building the bodies under its lock and writing them, so all stores number, bracket and
/// check a batch alike.
public struct StagedAppend {
    /// What is written, in order: a `batch.begun` event first when there are two or more.
    public private(set) var events: [Event]
    /// For a batch, the practice with every event applied: tried on a copy, so one event that does not apply stops
    /// the whole write. A single event was checked by its command against this same state, and is applied in place
    /// after the write (`settle`), which spares copying every client and appointment on each key press.
    public private(set) var trial: Practice?

    public init(_ practice: Practice, by: String, at: Instant, kind: BatchKind, bodies: [EventBody]) throws {
        let bracket = bodies.count > 1
        var events: [Event] = []
        events.reserveCapacity(bodies.count + (bracket ? 1 : 0))
        // The batch's opening event goes in front, not into `bodies`, which the caller may still hold: inserting
        // there would copy an import's whole list.
        if bracket { events.append(Event(seq: practice.lastSeq + 1, at: at, by: by, body: .batchBegun(events: bodies.count, kind: kind))) }
        for body in bodies { events.append(Event(seq: practice.lastSeq + 1 + events.count, at: at, by: by, body: body)) }
        if bracket {
            var copy = practice
            copy.reserveCapacity(for: bodies)
            // Only a person's last few actions keep an undo step (`LastActions.depth`): building one for every event
            // of an import, to be dropped at once, was a third of applying it.
            let undoFrom = events.count - LastActions.depth - 1
            for (i, e) in events.enumerated() { try copy.apply(e, keepingUndo: i >= undoFrom) }
            trial = copy
        }
        self.events = events
    }

    /// Each event's log line (with its newline), checked to read back as its event. Throws, naming the event's
    /// place after `lineBase` (the number of lines already held), for one the reader would refuse.
    public func lines(location: String, lineBase: Int) throws(LogError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        out.reserveCapacity(events.count)
        for (i, e) in events.enumerated() {
            let line = EventCodec.line(for: e)
            if let refusal = EventCodec.refusal(line) {
                throw .unreadable(LogIssue(path: location, line: lineBase + 1 + i, column: refusal.column, reason: refusal.reason))
            }
            out.append(line)
        }
        return out
    }

    /// Applies the written events to `practice`: the batch's trial copy, or the single event in place.
    public func settle(into practice: inout Practice) throws(ApplyError) {
        if let trial {
            practice = trial
        } else if let only = events.first {
            try practice.apply(only)
        }
    }

    /// The events the caller asked for, without the batch's opening event: taken out in place, since a copy of an
    /// import's 400,000 events would be one more at the peak.
    public mutating func takeOwnEvents() -> [Event] {
        if trial != nil { events.removeFirst() }
        return events
    }
}
