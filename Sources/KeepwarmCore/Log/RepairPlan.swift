/// One line `keepwarm repair` leaves out of the copy; its bytes are kept exactly as they were in the rejected file.
public struct RejectedLine: Equatable, Sendable {
    /// Its 1-based line number in the original log.
    public let line: Int
    public let column: Int
    public internal(set) var reason: String
    /// The earlier rejected line this one most likely failed because of (an event about a client whose
    /// `client.added` line was rejected), if it failed only a replay check after one.
    public let cause: Int?
    /// True for an incomplete last line, which had no newline in the original.
    public let torn: Bool
}

/// A line `keepwarm repair` keeps with a new seq: its seq jumped ahead of the lines around it, and only that was wrong.
public struct RenumberedLine: Equatable, Sendable {
    /// Its 1-based line number in the original log.
    public let line: Int
    /// The seq it had, and the seq the copy gives it.
    public let seq: Int
    public let keptAs: Int
    /// The line as the copy holds it, sealed with a new checksum (and its newline).
    let bytes: [UInt8]
}

/// Which lines of a log a repair keeps and which it rejects, worked out by the same decoding and replay as
/// `EventLog`, so the copy it leads to opens without damage.
struct RepairPlan {
    /// In line order.
    var rejected: [RejectedLine] = []
    /// The practice the kept lines replay to.
    var practice = Practice()
    /// Lines copied from the original, a kept header included.
    var keptLines = 0
    /// Kept events of any type, unknown ones included.
    var keptEvents = 0
    var crlf = false
    var bom = false
    /// The header was damaged or missing, so the copy starts with a new one.
    var freshHeader = false
    /// Bytes up to and including the last newline.
    var completeBytes = 0
    /// The bytes after the last newline: an incomplete line (rejected), or a complete one without its newline.
    var tail: [UInt8] = []

    /// Lines whose seq jumped ahead but whose event is sound: the copy holds each written again with the seq it is
    /// read as (`SeqRule.renumbered`), in line order.
    var renumbered: [RenumberedLine] = []

    /// Rejected lines whose seq was not above the last one: the only kind a line pasted twice can be.
    var seqFailures: [(line: Int, bytes: [UInt8])] = []

    var needsRepair: Bool { !rejected.isEmpty || !renumbered.isEmpty || crlf || bom || freshHeader }

    /// Reads the whole log from `fd` and decides, line by line, what the copy keeps. A batch the log ends inside (an
    /// import a crash cut short) is left out whole from its `batch.begun` line on (`cut`), as a writer sets it aside.
    static func make(_ fd: Int32, path: String, cut: (line: Int, reason: String)? = nil) throws(LogError) -> RepairPlan {
        var plan = RepairPlan()
        // The last batch opened by a kept line, and the last kept event, to tell whether the log ends inside it.
        var batch: (line: Int, begun: Event, events: Int, kind: BatchKind)?
        var lastKept: (seq: Int, at: Instant, by: String)?
        var scratch = DecodeScratch()
        var newer: Int?
        // A header carries no state, so only a rejected event can explain why a later one no longer applies.
        var firstRejectedEvent: Int?

        func reject(_ n: Int, _ column: Int, _ reason: String, cause: Int? = nil, event: Bool) {
            plan.rejected.append(RejectedLine(line: n, column: column, reason: reason, cause: cause, torn: false))
            if event && firstRejectedEvent == nil { firstRejectedEvent = n }
        }
        /// Applies an event (or skips an unknown type) from line `n`, or rejects it with the replay's reason.
        func settle(_ n: Int, _ d: DecodedLine, _ raw: UnsafeBufferPointer<UInt8>?) {
            // An event on line 1 means the header was lost; the event itself is sound, so it is kept under a new one.
            if n == 1 { plan.freshHeader = true }
            do throws(ApplyError) {
                switch d {
                case .event(let e):
                    try plan.practice.apply(e)
                    lastKept = (e.seq, e.at, e.by)
                    if case .batchBegun(let events, let kind) = e.body { batch = (n, e, events, kind) }
                case .unknown(_, let seq, let at, let by):
                    try plan.practice.skipUnknown(seq: seq, by: by)
                    lastKept = (seq, at, by)
                case .header: return
                }
                plan.keptLines += 1
                plan.keptEvents += 1
            } catch {
                reject(n, 1, error.reason, cause: firstRejectedEvent, event: true)
                if let raw, let seq = d.seq, seq <= plan.practice.lastSeq { plan.seqFailures.append((n, Array(raw))) }
            }
        }
        // A line whose seq skipped ahead waits for the next line, as in every read (`SeqRule`).
        var held: (line: Int, decoded: DecodedLine)?
        func release(next: Int?) {
            guard let h = held else { return }
            held = nil
            let seq = h.decoded.seq ?? 0, last = plan.practice.lastSeq
            if SeqRule.isJump(held: seq, next: next, last: last), let next {
                if let renumbered = SeqRule.renumbered(next: next, last: last), case .event(let e) = h.decoded {
                    let fixed = Event(seq: renumbered, at: e.at, by: e.by, body: e.body)
                    let kept = plan.keptEvents
                    settle(h.line, .event(fixed), nil)
                    if plan.keptEvents > kept {
                        plan.renumbered.append(RenumberedLine(line: h.line, seq: seq, keptAs: renumbered, bytes: EventCodec.line(for: fixed)))
                    }
                    return
                }
                reject(h.line, 1, SeqRule.jumpReason(held: seq, last: last, next: next), event: true)
            } else {
                settle(h.line, h.decoded, nil)
            }
        }

        func take(_ n: Int, _ raw: UnsafeBufferPointer<UInt8>) {
            let o = LineOutcome.decode(raw, isFirst: n == 1, scratch: &scratch)
            plan.crlf = plan.crlf || o.crlf
            plan.bom = plan.bom || o.bom
            if let cut, n >= cut.line {
                release(next: nil)
                return reject(n, 1, cut.reason, event: false)
            }
            switch o.decoded {
            case .success(.header(let version)):
                release(next: nil)
                guard n == 1 else { return reject(n, 1, "a second header line in the middle of the log", event: false) }
                if version > EventCodec.version { newer = version }
                plan.keptLines += 1
            case .success(let d):
                release(next: d.seq)
                if let seq = d.seq, SeqRule.skipsAhead(seq, after: plan.practice.lastSeq) {
                    held = (n, d)
                    return
                }
                settle(n, d, raw)
            case .failure(let damage):
                release(next: nil)
                let d = DamageDetail.refine(DamageDetail.stripped(raw, o), damage)
                if n == 1 {
                    plan.freshHeader = true
                    reject(n, d.column, "the first line must be the keepwarm-events header: \(d.reason)", event: false)
                } else {
                    reject(n, d.column, d.reason, event: true)
                }
            }
        }

        var lines = 0
        let (tail, tailStart) = try LineStream.forEach(fd, path: path) { n, raw in
            lines = n
            take(n, raw)
        }
        plan.completeBytes = tailStart
        plan.tail = tail
        // A last line without its newline whose checksum verifies is complete, and read like any other (every read
        // counts it); the copy gives it its newline.
        let sealed = tail.withUnsafeBufferPointer { EventCodec.isSealed($0) }
        if sealed { tail.withUnsafeBufferPointer { take(lines + 1, $0) } }
        release(next: nil)
        if let newer { throw .newerFormat(path: path, version: newer) }
        if cut == nil, let b = batch, let k = lastKept, k.seq < b.begun.seq + b.events, k.at == b.begun.at, k.by == b.begun.by {
            let unfinished = UnfinishedBatch(line: b.line, kind: b.kind, events: b.events, written: k.seq - b.begun.seq)
            return try make(fd, path: path, cut: (b.line, "part of \(unfinished.description), cut short by a crash, power cut or kill: none of it counts"))
        }
        if !tail.isEmpty && !sealed {
            plan.rejected.append(RejectedLine(
                line: lines + 1, column: 1,
                reason: "the last line is incomplete (\(tail.count) bytes, from a crash or power cut)",
                cause: nil, torn: true))
        }
        return plan
    }
}
