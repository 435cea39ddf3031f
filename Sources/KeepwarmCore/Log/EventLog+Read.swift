import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading: complete lines from where the last read stopped, in order, on other threads for a large first read;
/// damage is named by line and column.
extension EventLog {
    // MARK: reading

    /// Reads complete lines from `offset` to the end of the file and applies them.
    func ingest(_ fd: Int32) throws(LogError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "read it", errno: errno) }
        let id = (dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
        if let known = fileIdentity, known != id { startOver() }
        fileIdentity = id
        if overwritten(fd, size: Int(st.st_size)) { startOver() }
        defer { markRead(fd) }
        if unterminated && Int(st.st_size) != offset { try stepOverNewline(fd, size: Int(st.st_size)) }
        readFD = fd
        readEnd = Int(st.st_size)
        holding = false
        unfinishedBatch = nil
        if Int(st.st_size) - offset >= pipelineThreshold && pendingTailBytes == 0 {
            // A first read leaves out the undo records that the same person's next event replaces. Should any line
            // not apply, it is read again keeping every record, so undo offers exactly what a line-by-line read would.
            let first = offset == 0, warningsBefore = warnings.count
            skippingUndo = first
            defer { skippingUndo = false }
            try ingestPipelined(fd, from: offset, to: Int(st.st_size))
            try takeSealedTail(fd)
            releaseHeld(next: nil)
            if !first || damage.isEmpty {
                try finishIngest()
                return
            }
            skippingUndo = false
            clearRead()
            warnings.removeSubrange(warningsBefore...)
            rereads += 1
        }
        // Usually nothing or one line is new: size the buffer to what is there, up to 1 MB at a time.
        let chunk = max(1, min(1 << 20, Int(st.st_size) - offset + 1))
        let rest = try LineStream.forEach(fd, path: path, from: offset, chunk: chunk) { _, line in take(line) }
        pendingTailBytes = holding ? readEnd - offset : rest.tail.count
        try takeSealedTail(fd)
        try finishIngest()
    }

    /// Bytes after the last newline that end with a checksum that verifies are a complete line, not a torn one: no
    /// shorter piece of a line ends like that. They are counted now (a writer still mid-write is about to add the
    /// newline; a line from another tool may never get one), so no event is set aside and no id handed out twice.
    func takeSealedTail(_ fd: Int32) throws(LogError) {
        // Bytes held back with an unfinished batch are not one line; the batch decides what they are.
        guard !holding, pendingTailBytes > EventCodec.crcTailLength else { return }
        var tail = [UInt8](repeating: 0, count: pendingTailBytes)
        let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, pendingTailBytes, off_t(offset)) }
        guard n == pendingTailBytes else { return }
        let sealed = tail.withUnsafeBufferPointer { EventCodec.isSealed($0) }
        guard sealed else { return }
        pendingTailBytes = 0
        tail.withUnsafeBufferPointer { take($0) }
        offset -= 1  // `take` counts a newline after every line; this one has none yet
        unterminated = true
    }

    /// The line counted last had no newline: step over it once it has arrived. If the file is now shorter, or
    /// something else follows, that line was taken back (a short write on a full disk that stopped just before its
    /// newline, never acknowledged) or run into by another tool: read the file again from the start, as a fresh
    /// reader would.
    func stepOverNewline(_ fd: Int32, size: Int) throws(LogError) {
        var byte: UInt8 = 0
        let n = size > offset ? withUnsafeMutableBytes(of: &byte) { pread(fd, $0.baseAddress, 1, off_t(offset)) } : 0
        guard n >= 0 else { throw .io(path: path, action: "read it", errno: errno) }
        unterminated = false
        if n == 1 && byte == 0x0A {
            offset += 1
        } else {
            startOver()
        }
    }

    /// Whether the bytes already read are no longer in the file: it is shorter than what was read, or the last bytes
    /// read are not there any more. One small read, so checking on every refresh costs nothing that shows.
    func overwritten(_ fd: Int32, size: Int) -> Bool {
        guard offset > 0 else { return false }
        if size < offset { return true }
        let (end, bytes) = readMark
        guard !bytes.isEmpty, end <= offset else { return false }
        var now = [UInt8](repeating: 0, count: bytes.count)
        let n = now.withUnsafeMutableBytes { pread(fd, $0.baseAddress, bytes.count, off_t(end - bytes.count)) }
        return n != bytes.count || now != bytes
    }

    /// Remembers the last bytes read (up to 32: the last line's checksum among them), for `overwritten`.
    func markRead(_ fd: Int32) {
        let n = min(32, offset)
        var bytes = [UInt8](repeating: 0, count: n)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, n, off_t(offset - n)) }
        readMark = got == n ? (offset, bytes) : (0, [])
    }

    /// The file was replaced by a rewritten one (`erase`, `restore`), or overwritten in place: what was read no longer
    /// describes it, so read it all again. The generation tells views to rebuild rather than patch.
    func startOver() {
        clearRead()
        generation += 1
    }

    /// Forgets everything read, to read from the first line again.
    func clearRead() {
        practice = Practice()
        damage = []
        pendingTailBytes = 0
        unfinishedBatch = nil
        holding = false
        offset = 0
        lineNumber = 0
        unknownTypes = [:]
        warnedCRLF = false
        scratch = DecodeScratch()
        newerVersion = nil
        held = nil
        unterminated = false
        readMark = (0, [])
    }

    /// What is said once a read reaches the end: an empty or header-less log, a newer format, unknown types.
    func finishIngest() throws(LogError) {
        releaseHeld(next: nil)
        if lineNumber == 0 && damage.isEmpty {
            let reason = pendingTailBytes == 0
                ? "the log is empty: it has lost even its header line (restore it from a backup)"
                : "the log has no complete header line, probably from an interrupted `keepwarm init`; remove it and run init again, or restore it from a backup"
            damage.append(LogIssue(path: path, line: 1, column: 1, reason: reason))
        }
        if let v = newerVersion { throw .newerFormat(path: path, version: v) }
        if !unknownTypes.isEmpty {
            let list = unknownTypes.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            warnings.append("\(path): skipped events of types this version does not know (\(list)); they were written by a newer Keepwarm, so upgrade to see them")
            unknownTypes = [:]
        }
    }

    /// Later lines often fail only because an earlier damaged line never applied; say so, to point at the cause.
    private var consequenceNote: String {
        guard let first = damage.first else { return "" }
        return " (perhaps because line \(first.line) is damaged)"
    }

    /// Handles one complete line (without its newline).
    func take(_ raw: UnsafeBufferPointer<UInt8>) {
        accept(LineOutcome.decode(raw, isFirst: lineNumber == 0, scratch: &scratch))
    }

    /// Applies one decoded line in order: line numbers, warnings, damage and the practice itself.
    func accept(_ o: LineOutcome) {
        if holding { return }
        lineNumber += 1
        offset += o.length + 1
        if o.crlf && !warnedCRLF {
            warnedCRLF = true
            warnings.append("\(path):\(lineNumber):\(o.length): Windows (CRLF) line ends, probably from an editor; they are read as ordinary line ends")
        }
        if o.bom {
            warnings.append("\(path):1:1: a UTF-8 byte-order mark, probably from an editor; it is ignored")
        }
        if let until {
            if stopped { return }
            switch o.decoded {
            case .success(.event(let e)) where e.at > until: stopped = true
            case .success(.unknown(_, _, let at, _)) where at > until: stopped = true
            default: break
            }
            if stopped { return }
        }
        let next: Int? = switch o.decoded {
        case .success(let d): d.seq
        case .failure: nil
        }
        if held != nil { releaseHeld(next: next) }
        switch o.decoded {
        case .success(.header(let version)):
            guard lineNumber == 1 else {
                damage.append(LogIssue(path: path, line: lineNumber, column: 1, reason: "a second header line in the middle of the log"))
                return
            }
            if version > EventCodec.version { newerVersion = version }
        case .success(let d):
            if case .event = d, lineNumber == 1 {
                damage.append(LogIssue(path: path, line: 1, column: 1, reason: "the first line must be the keepwarm-events header"))
                return
            }
            if case .event(let e) = d, case .batchBegun(let events, let kind) = e.body, holdsBack(e, events: events, kind: kind) {
                lineNumber -= 1
                offset -= o.length + 1
                return
            }
            let keepingUndo = !(skippingUndo && o.undoSuperseded)
            if let seq = next, SeqRule.skipsAhead(seq, after: practice.lastSeq) {
                held = HeldLine(line: lineNumber, decoded: d, keepingUndo: keepingUndo)
                return
            }
            apply(d, line: lineNumber, keepingUndo: keepingUndo)
        case .failure(let error):
            let reason = lineNumber == 1 ? "the first line must be the keepwarm-events header: \(error.reason)" : error.reason
            damage.append(LogIssue(path: path, line: lineNumber, column: error.column, reason: reason))
        }
    }

    /// An event or unknown-type line in order, or the damage saying why it does not apply.
    func apply(_ d: DecodedLine, line: Int, keepingUndo: Bool) {
        switch d {
        case .event(let e):
            do {
                try practice.apply(e, keepingUndo: keepingUndo)
                if !keepingUndo { undoRecordsSpared += 1 }
            } catch {
                damage.append(LogIssue(path: path, line: line, column: 1, reason: error.reason + consequenceNote))
            }
        case .unknown(let type, let seq, _, let by):
            do {
                try practice.skipUnknown(seq: seq, by: by)
                unknownTypes[type, default: 0] += 1
            } catch {
                damage.append(LogIssue(path: path, line: line, column: 1, reason: error.reason))
            }
        case .header:
            break
        }
    }

    /// Settles the line held because its seq skipped ahead (`SeqRule`), now that the next line's seq is known (nil at
    /// the end of a read, or when the next line has none): a jump is damage on that line alone, a gap is applied. A
    /// jumped event with room for it is still read, as the seq after the last, so its ids are not lost.
    func releaseHeld(next: Int?) {
        guard let h = held else { return }
        held = nil
        let seq = h.decoded.seq ?? 0
        if SeqRule.isJump(held: seq, next: next, last: practice.lastSeq), let next {
            damage.append(LogIssue(path: path, line: h.line, column: 1,
                                   reason: SeqRule.jumpReason(held: seq, last: practice.lastSeq, next: next)))
            if let renumbered = SeqRule.renumbered(next: next, last: practice.lastSeq), case .event(let e) = h.decoded {
                try? practice.apply(Event(seq: renumbered, at: e.at, by: e.by, body: e.body), keepingUndo: h.keepingUndo)
            }
        } else {
            apply(h.decoded, line: h.line, keepingUndo: h.keepingUndo)
        }
    }

    /// Decodes on other threads while this one applies, for a large first read: decoding is most of replay. The
    /// file (as long as it is now) is cut into stretches at line starts; the decoding threads take the lowest stretch
    /// nobody has, and this thread applies the stretches in order, decoding one itself whenever it would otherwise
    /// wait. The result is the one-thread read's exactly (PipelinedReadTests).
    func ingestPipelined(_ fd: Int32, from start: Int, to end: Int) throws(LogError) {
        // At least sixteen stretches, so a small log still spreads over both cores; at most a megabyte each.
        let stretch = segmentBytes ?? min(1 << 20, max(64 << 10, (end - start) / 16))
        let plan = ReadPlan(path: path, start: start, end: end, segmentBytes: stretch)
        let claims = SegmentClaims(count: plan.count)
        // One core stays with this thread; the rest decode.
        let decoders = max(1, min(3, ProcessInfo.processInfo.activeProcessorCount - 1))
        let handoffs = (0..<decoders).map { _ in Handoff() }
        for d in 0..<decoders {
            let handoff = handoffs[d]
            Thread { plan.decode(as: d + 1, claims: claims, into: handoff) }.start()
        }
        defer { for h in handoffs { h.cancel() } }
        // Stretches this thread decoded ahead while waiting, kept until their turn (at most two, so memory stays flat).
        var ahead: [Int: [OutcomeBatch]] = [:]
        var tail = 0
        func drain(_ batch: OutcomeBatch) -> Bool {
            batch.drain { accept($0) }
            if batch.endsSegment { tail += batch.tail }
            return batch.endsSegment
        }
        var k = 0
        // The practice grows on this thread's heap as the stretches apply (`ThreadHeap`).
        var heap = ThreadHeap()
        while k < plan.count && !stopped && !holding {
            heap.preferHugePages()
            guard let owner = claims.owner(k) else {
                guard let mine = claims.claim(by: SegmentClaims.applier) else { continue }
                if mine == k {
                    // In batches, as the decoding threads hand theirs over, so this stretch is marked for undo records
                    // too: read line by line it was not, and every event in it built an undo record nobody reads.
                    try plan.batches(of: k, fd, scratch: &scratch) { _ = drain($0); return true }
                    k += 1
                } else {
                    try decodeAhead(mine, plan, fd, into: &ahead)
                }
                continue
            }
            if owner == SegmentClaims.applier {
                for batch in ahead.removeValue(forKey: k) ?? [] { _ = drain(batch) }
                k += 1
                continue
            }
            let handoff = handoffs[owner - 1]
            while !stopped && !holding {
                if let batch = handoff.poll() {
                    if drain(batch) { break }
                    continue
                }
                if ahead.count < 2, let mine = claims.claim(by: SegmentClaims.applier) {
                    try decodeAhead(mine, plan, fd, into: &ahead)
                    continue
                }
                guard let batch = handoff.take() else { throw handoff.failure ?? .io(path: path, action: "read it", errno: EIO) }
                if drain(batch) { break }
            }
            k += 1
        }
        pendingTailBytes = holding ? end - offset : tail
    }

    func decodeAhead(_ k: Int, _ plan: ReadPlan, _ fd: Int32, into ahead: inout [Int: [OutcomeBatch]]) throws(LogError) {
        var batches: [OutcomeBatch] = []
        var scratch = DecodeScratch()
        try plan.batches(of: k, fd, scratch: &scratch) { batches.append($0); return true }
        ahead[k] = batches
    }
}
