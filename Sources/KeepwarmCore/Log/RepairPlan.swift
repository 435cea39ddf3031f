/// One line `keepwarm repair` leaves out of the copy, kept exactly as it was.
public struct RejectedLine: Equatable, Sendable {
    /// Its 1-based line number in the original log.
    public let line: Int
    public let column: Int
    public let reason: String
    /// The earlier rejected line this one most likely failed because of (an event about a client whose
    /// `client.added` line was rejected), if it failed only a replay check after one.
    public let cause: Int?
    /// The line as it was in the file, without its newline (a CR or byte-order mark included).
    public let bytes: [UInt8]
    /// True for an incomplete last line, which had no newline in the original.
    public let torn: Bool
}

/// Which lines of a log a repair keeps and which it rejects, worked out by the same decoding and replay as
/// `EventLog`, so the copy it leads to opens without damage.
struct RepairPlan {
    var rejected: [RejectedLine] = []
    /// Lines copied from the original, a kept header included.
    var keptLines = 0
    /// Events the copy replays (events of unknown types are kept but not counted here).
    var appliedEvents = 0
    /// Kept events of any type, unknown ones included.
    var keptEvents = 0
    var crlf = false
    var bom = false
    /// The header was damaged or missing, so the copy starts with a new one.
    var freshHeader = false
    /// Bytes up to and including the last newline.
    var completeBytes = 0

    /// Rejected lines that were read fine but did not replay: the only kind a pasted copy can be.
    var replayFailures: Set<Int> = []

    var needsRepair: Bool { !rejected.isEmpty || crlf || bom || freshHeader }
    var rejectedLines: Set<Int> { Set(rejected.lazy.filter { !$0.torn }.map(\.line)) }

    /// Reads the whole log from `fd` and decides, line by line, what the copy keeps.
    static func make(_ fd: Int32, path: String) throws(LogError) -> RepairPlan {
        var plan = RepairPlan()
        var practice = Practice()
        var scratch = DecodeScratch()
        var newer: Int?
        // A header carries no state, so only a rejected event can explain why a later one no longer applies.
        var firstRejectedEvent: Int?

        let (tail, tailStart) = try LineStream.forEach(fd, path: path) { n, raw in
            let o = LineOutcome.decode(raw, isFirst: n == 1, scratch: &scratch)
            plan.crlf = plan.crlf || o.crlf
            plan.bom = plan.bom || o.bom
            func reject(_ column: Int, _ reason: String, cause: Int? = nil, event: Bool) {
                plan.rejected.append(RejectedLine(line: n, column: column, reason: reason, cause: cause, bytes: Array(raw), torn: false))
                if event && firstRejectedEvent == nil { firstRejectedEvent = n }
            }
            func keep(applied: Bool) {
                plan.keptLines += 1
                plan.keptEvents += 1
                if applied { plan.appliedEvents += 1 }
            }
            switch o.decoded {
            case .success(.header(let version)):
                guard n == 1 else {
                    plan.replayFailures.insert(n)
                    return reject(1, "a second header line in the middle of the log", event: false)
                }
                if version > EventCodec.version { newer = version }
                plan.keptLines += 1
            case .success(.event(let e)):
                // An event on line 1 means the header was lost; the event itself is sound, so it is kept under a new one.
                if n == 1 { plan.freshHeader = true }
                do throws(ApplyError) {
                    try practice.apply(e)
                    keep(applied: true)
                } catch {
                    reject(1, error.reason, cause: firstRejectedEvent, event: true)
                    plan.replayFailures.insert(n)
                }
            case .success(.unknown(_, let seq, _, let by)):
                if n == 1 { plan.freshHeader = true }
                do throws(ApplyError) {
                    try practice.skipUnknown(seq: seq, by: by)
                    keep(applied: false)
                } catch {
                    reject(1, error.reason, cause: firstRejectedEvent, event: true)
                    plan.replayFailures.insert(n)
                }
            case .failure(let damage):
                let d = DamageDetail.refine(DamageDetail.stripped(raw, o), damage)
                if n == 1 {
                    plan.freshHeader = true
                    reject(d.column, "the first line must be the keepwarm-events header: \(d.reason)", event: false)
                } else {
                    reject(d.column, d.reason, event: true)
                }
            }
        }
        if let newer { throw .newerFormat(path: path, version: newer) }
        plan.completeBytes = tailStart
        if !tail.isEmpty {
            if plan.keptLines == 0 && plan.rejected.isEmpty { plan.freshHeader = true }
            let line = (plan.keptLines + plan.rejected.count) + 1
            plan.rejected.append(RejectedLine(
                line: line, column: 1,
                reason: "the last line is incomplete (\(tail.count) bytes, from a crash or power cut)",
                cause: nil, bytes: tail, torn: true))
        }
        return plan
    }

    /// Says which rejected lines repeat an earlier line byte for byte.
    mutating func noteCopies(_ copyOf: [Int: Int]) {
        guard !copyOf.isEmpty else { return }
        rejected = rejected.map { r in
            guard let k = copyOf[r.line] else { return r }
            return RejectedLine(line: r.line, column: r.column, reason: r.reason + DamageDetail.copyNote(k), cause: r.cause, bytes: r.bytes, torn: r.torn)
        }
    }
}
