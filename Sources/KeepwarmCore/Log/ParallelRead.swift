import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a large read is shared between decoding threads: the bytes from `start` to `end` (the file's length when the
/// read began; anything appended later is read next time) cut into stretches of about `segmentBytes`, each starting
/// at the beginning of a line, so each thread can find its own stretches without asking the others.
struct ReadPlan: Sendable {
    let path: String
    let start: Int
    let end: Int
    let segmentBytes: Int

    var count: Int { max(1, (end - start + segmentBytes - 1) / segmentBytes) }

    /// Where stretch `k` starts: just after the first newline at or after the byte before its nominal start, so a
    /// line belongs to the stretch its first byte falls in. A line longer than a stretch leaves later ones empty.
    func boundary(_ k: Int, _ fd: Int32) throws(LogError) -> Int {
        guard k > 0 else { return start }
        guard k < count else { return end }
        var pos = start + k * segmentBytes - 1
        var buf = [UInt8](repeating: 0, count: 4 << 10)
        while pos < end {
            let want = min(buf.count, end - pos)
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(pos)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, action: "read it", errno: errno)
            }
            if n == 0 { return end }
            if let nl = buf.withUnsafeBytes({ memchr($0.baseAddress!, 0x0A, n) }) {
                return pos + buf.withUnsafeBytes { $0.baseAddress!.distance(to: UnsafeRawPointer(nl)) } + 1
            }
            pos += n
        }
        return end
    }

    /// Decodes stretch `k`, handing each line over in order; returns the bytes of an incomplete last line (only the
    /// file's last stretch can have any).
    func forEachLine(in k: Int, _ fd: Int32, scratch: inout DecodeScratch,
                     _ body: (consuming LineOutcome) -> Void) throws(LogError) -> Int {
        let from = try boundary(k, fd), to = try boundary(k + 1, fd)
        var isFirst = from == 0
        let rest = try LineStream.forEach(fd, path: path, from: from, limit: to) { _, line in
            body(LineOutcome.decode(line, isFirst: isFirst, scratch: &scratch))
            isFirst = false
        }
        return rest.tail.count
    }

    /// Stretch `k` decoded into batches, the last one marked as its end.
    func batches(of k: Int, _ fd: Int32, scratch: inout DecodeScratch, batchSize: Int = 4096,
                 _ deliver: (OutcomeBatch) -> Bool) throws(LogError) {
        var batch = OutcomeBatch(capacity: batchSize)
        var open = true
        let tail = try forEachLine(in: k, fd, scratch: &scratch) { o in
            batch.append(o)
            if batch.isFull {
                batch.markSupersededUndo()
                open = open && deliver(batch)
                batch = OutcomeBatch(capacity: batchSize)
            }
        }
        batch.endSegment(tail: tail)
        batch.markSupersededUndo()
        _ = open && deliver(batch)
    }

    /// One decoding thread's work: the lowest stretch nobody has taken, again and again, each handed over in batches.
    func decode(as who: Int, claims: SegmentClaims, into handoff: Handoff) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return handoff.fail(.io(path: path, action: "open it", errno: errno)) }
        defer { close(fd) }
        var scratch = DecodeScratch()
        var heap = ThreadHeap()
        do throws(LogError) {
            while !handoff.isCancelled, let k = claims.claim(by: who) {
                heap.preferHugePages()
                try batches(of: k, fd, scratch: &scratch) { handoff.put($0) }
            }
        } catch {
            handoff.fail(error)
        }
    }
}

/// Which thread decodes which stretch. Stretches are taken lowest first, by the decoding threads and, whenever it
/// would otherwise wait, by the applying thread itself: on two cores a third busy thread would only slow the applier.
final class SegmentClaims: @unchecked Sendable {
    static let applier = 0
    private let lock = NSLock()
    private var owners: [Int]
    private var next = 0

    init(count: Int) { owners = Array(repeating: -1, count: count) }

    /// Takes the lowest stretch nobody has, for `who` (the applier, or decoding thread 1, 2, …).
    func claim(by who: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < owners.count else { return nil }
        owners[next] = who
        next += 1
        return next - 1
    }

    func owner(_ k: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return owners[k] >= 0 ? owners[k] : nil
    }
}

/// Hands decoded batches from one decoding thread to the applying one, at most a few at a time.
final class Handoff: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [OutcomeBatch] = []
    private var failed = false
    private var cancelled = false
    private(set) var failure: LogError?

    /// Queues a batch, waiting while the applier is behind; false once the read was abandoned.
    @discardableResult
    func put(_ batch: OutcomeBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= 4 && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    func fail(_ error: LogError) {
        condition.lock()
        failure = error
        failed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The applier gave up (another thread's read failed): lets this thread's decoder stop instead of waiting forever.
    func cancel() {
        condition.lock()
        cancelled = true
        batches = []
        condition.broadcast()
        condition.unlock()
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// The next batch if one is ready, without waiting.
    func poll() -> OutcomeBatch? {
        condition.lock()
        defer { condition.unlock() }
        guard !batches.isEmpty else { return nil }
        condition.broadcast()
        return batches.removeFirst()
    }

    /// The next batch in order, or nil once the decoder failed and everything before the failure was taken.
    func take() -> OutcomeBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !failed { condition.wait() }
        guard !batches.isEmpty else { return nil }
        let b = batches.removeFirst()
        condition.broadcast()
        return b
    }
}

/// Decoded lines on their way from a decoding thread to the applying one. Each line is moved in and moved out
/// exactly once, so a million events cross without the retain, copy and release an array's element access would cost.
final class OutcomeBatch: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<LineOutcome>
    private let capacity: Int
    private var count = 0
    private var taken = 0
    /// The last batch of a stretch, and the bytes after its last newline (only the file's last stretch has any).
    private(set) var endsSegment = false
    private(set) var tail = 0

    init(capacity: Int) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit {
        (storage + taken).deinitialize(count: count - taken)
        storage.deallocate()
    }

    var isFull: Bool { count == capacity }

    func append(_ o: consuming LineOutcome) {
        (storage + count).initialize(to: o)
        count += 1
    }

    /// Marks each event that its person's later actions in this batch will push out of their undo steps (they keep
    /// `LastActions.depth`), so the applier need not build an undo record for it. An undo or redo reaches back into
    /// the steps, so only actions between an event and its person's next undo or redo count towards pushing it out.
    /// People are looked up in order while there are few (most practices: a handful of names, compared without
    /// hashing) and by a dictionary beyond that: a large practice's 50 staff in one batch used to switch the marking
    /// off, and every event then built an undo record (a fifth of a cold replay at 4M events).
    func markSupersededUndo() {
        var people: [String] = []
        var byName: [String: Int] = [:]
        // Per person: how many of their actions follow, before their next undo or redo.
        var later: [Int] = []
        var i = count - 1
        while i >= taken {
            let o = storage + i
            i -= 1
            let by: String
            var next = true
            switch o.pointee.decoded {
            case .success(.event(let e)):
                if case .batchBegun = e.body {
                    // An unfinished batch is held back whole, so nothing before it may count on its events.
                    people.removeAll()
                    byName.removeAll()
                    later.removeAll()
                    continue
                }
                // Looking at a report and the autopilot's own lines record no undo step (`Practice.apply`), so they
                // push nothing out: counting them spared the record of an action undo still had to offer.
                if e.body.isBookkeeping { continue }
                if case .undone = e.body { next = false }
                if case .redone = e.body { next = false }
                by = e.by
            case .success(.unknown(_, _, _, let who)):
                by = who
            default:
                continue
            }
            let known = people.count <= Self.scannedPeople ? people.firstIndex(of: by) : byName[by]
            if let k = known {
                if later[k] >= LastActions.depth { o.pointee.undoSuperseded = true }
                later[k] = next ? later[k] + 1 : 0
            } else {
                people.append(by)
                later.append(next ? 1 : 0)
                if people.count > Self.scannedPeople {
                    if byName.isEmpty { for (k, name) in people.enumerated() { byName[name] = k } } else { byName[by] = people.count - 1 }
                }
            }
        }
    }

    /// Up to this many people, finding one by comparing names in order is quicker than hashing.
    static let scannedPeople = 16

    func endSegment(tail: Int) {
        endsSegment = true
        self.tail = tail
    }

    /// Hands each line over in order, leaving the batch empty.
    func drain(_ body: (consuming LineOutcome) -> Void) {
        while taken < count {
            let o = (storage + taken).move()
            taken += 1
            body(o)
        }
    }
}
