import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only event log on disk and the practice replayed from it.
///
/// Reading never takes the lock: only complete lines count, so a line being written by another process is simply
/// not seen yet. Writing takes an exclusive `flock`, catches up on other writers, re-validates the command against that
/// fresh state, writes the line with one `write()` to an `O_APPEND` descriptor and `fdatasync`s before reporting success.
public final class EventLog {
    public let path: String
    public private(set) var practice = Practice()
    /// Damaged lines found while reading; while there are any, nothing may be appended.
    public private(set) var damage: [LogIssue] = []
    /// Things worth telling a person once (unknown event types, CRLF line ends, torn tails set aside).
    public private(set) var warnings: [String] = []
    /// Bytes at the end of the file after the last complete line: an append in progress, or a torn write.
    public private(set) var pendingTailBytes = 0
    /// Counts the times the file was replaced under this reader (by `erase` or `restore`) and read again from the start.
    public private(set) var generation = 0
    /// Lets this log be written on a network or cloud-synced folder (`--allow-network-fs`).
    public var allowsSharedFolder = false
    private var placementChecked = false
    /// Whether this process already removed what an interrupted erasure left beside the log (once is enough).
    private var leftoversRemoved = false
    /// The leftovers it removed, for `erase` to report (which then clears it).
    var removedLeftovers: [String] = []
    /// The file read so far, to notice it being replaced by a rewritten one.
    private var identity: (dev: UInt64, ino: UInt64)?

    private var offset = 0
    private var lineNumber = 0
    private var unknownTypes: [String: Int] = [:]
    private var warnedCRLF = false
    private var poisoned = false
    private var scratch = DecodeScratch()
    private var newerVersion: Int?
    /// Whether this read may leave out undo records that a later event replaces (see `ingest`).
    private var skippingUndo = false
    /// How many first reads were done again keeping every undo record (tests check it stays 0 for a sound log).
    private(set) var rereads = 0

    /// Unread bytes above which a read decodes on other threads while this one applies.
    let pipelineThreshold: Int
    public static let defaultPipelineThreshold = 1 << 20
    /// How many bytes a decoding thread takes at a time, when a test fixes it; otherwise it follows the read's size.
    let segmentBytes: Int?

    /// For a look back (`replay(path:until:)`): lines from the first event recorded after this instant are not applied.
    private let until: Instant?
    private var stopped = false

    private init(path: String, pipelineThreshold: Int = EventLog.defaultPipelineThreshold, segmentBytes: Int? = nil,
                 until: Instant? = nil) {
        self.path = path
        self.pipelineThreshold = pipelineThreshold
        self.segmentBytes = segmentBytes
        self.until = until
    }

    /// Opens an existing log and replays it.
    public static func open(path: String) throws(LogError) -> EventLog {
        try open(path: path, pipelineThreshold: defaultPipelineThreshold)
    }

    /// The same, for tests that want the threaded read on a small file, cut into small stretches.
    static func open(path: String, pipelineThreshold: Int, segmentBytes: Int? = nil, until: Instant? = nil) throws(LogError) -> EventLog {
        let log = EventLog(path: path, pipelineThreshold: pipelineThreshold, segmentBytes: segmentBytes, until: until)
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw e == ENOENT ? .missing(path: path) : .io(path: path, action: "open it", errno: e)
        }
        defer { close(fd) }
        try log.ingest(fd)
        return log
    }

    /// Creates a new log (refusing to overwrite one) with its header and the practice's first settings.
    @discardableResult
    public static func create(path: String, settings: SettingsChange, by: String, at: Instant,
                              sharing: FileSharing = .privateToAccount) throws(LogError) -> EventLog {
        try sharing.makeParentFolders(of: path)
        let fd = try sharing.createFile(path)
        defer { close(fd) }
        var bytes = EventCodec.headerLine()
        bytes += EventCodec.line(for: Event(seq: 1, at: at, by: by, body: .settingsChanged(settings)))
        do throws(LogError) {
            try Files.writeAll(fd, bytes, path: path)
            guard fdatasync(fd) == 0 else { throw LogError.syncFailed(path: path, errno: errno) }
        } catch {
            // A half-made log would make the next `init` refuse with "already exists"; this one holds nothing yet.
            unlink(path)
            throw error
        }
        Files.syncDirectory(of: path)
        let log = EventLog(path: path)
        let rfd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard rfd >= 0 else { throw .io(path: path, action: "open it", errno: errno) }
        defer { close(rfd) }
        try log.ingest(rfd)
        return log
    }

    /// Reads what other processes appended since the last read; returns how many events were applied.
    @discardableResult
    public func refresh() throws(LogError) -> Int {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, action: "open it", errno: errno) }
        defer { close(fd) }
        let before = practice.eventCount, gen = generation
        try ingest(fd)
        return generation == gen ? practice.eventCount - before : max(1, practice.eventCount)
    }

    /// Size in bytes of the part of the file already read.
    public var bytesRead: Int { offset }

    // MARK: appending

    /// Appends the event `make` builds from the freshest state, durably, and applies it. `make` runs under the lock, after
    /// catching up with other writers, so its checks (a free slot, a known id) hold at the moment of writing.
    @discardableResult
    public func append(by: String, at: Instant, _ make: (Practice) throws -> EventBody) throws -> Event {
        let events = try appendBatch(by: by, at: at) { p in [try make(p)] }
        return events[0]
    }

    /// Appends several events as one write under one lock: all of them are written, or none.
    @discardableResult
    public func appendBatch(by: String, at: Instant, _ make: (Practice) throws -> [EventBody]) throws -> [Event] {
        guard !poisoned else { throw LogError.needsReload(path: path) }
        try checkPlacement()
        let fd = try openLocked()
        defer { close(fd) }
        try refuseIfExposed(fd)
        try ingest(fd)
        if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
        if pendingTailBytes > 0 { try setAsideTornTail(fd) }
        removeErasureLeftoversOnce()

        let bodies = try make(practice)
        var events: [Event] = []
        var bytes: [UInt8] = []
        // A batch is tried on a copy first, so a later event that would not apply stops the whole write. A single
        // event was checked by its command against this same state, and applying it in place after the write spares
        // copying every client and appointment on each key press.
        var trial: Practice? = bodies.count > 1 ? practice : nil
        for (i, body) in bodies.enumerated() {
            let e = Event(seq: practice.lastSeq + 1 + i, at: at, by: by, body: body)
            try trial?.apply(e)
            events.append(e)
            bytes += EventCodec.line(for: e)
        }
        guard !bytes.isEmpty else { return [] }

        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written != bytes.count {
            let e = written < 0 ? errno : ENOSPC
            // Take back a partial line so the log never keeps half an event.
            if written > 0 { _ = ftruncate(fd, off_t(offset)) }
            throw LogError.io(path: path, action: "write the event", errno: e)
        }
        guard fdatasync(fd) == 0 else {
            poisoned = true
            throw LogError.syncFailed(path: path, errno: errno)
        }
        if let trial {
            practice = trial
        } else {
            do {
                try practice.apply(events[0])
            } catch {
                // Written but not applicable: a bug in a command's checks. Say so, and refuse further writes.
                poisoned = true
                damage.append(LogIssue(path: path, line: lineNumber + 1, column: 1, reason: error.reason))
                throw error
            }
        }
        offset += bytes.count
        lineNumber += events.count
        return events
    }

    /// Runs `body` holding the writers' lock, caught up with other writers, for work that must see the whole log at one
    /// moment (a backup, an erasure). A damaged log is refused; a torn tail is set aside first, so the bytes up to
    /// `bytesRead` are exactly the complete lines.
    func underLock<T>(writing: Bool, _ body: (Int32) throws -> T) throws -> T {
        if writing { try checkPlacement() }
        let fd = try openLocked()
        defer { close(fd) }
        if writing { try refuseIfExposed(fd) }
        try ingest(fd)
        if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
        if pendingTailBytes > 0 { try setAsideTornTail(fd) }
        if writing { removeErasureLeftoversOnce() }
        return try body(fd)
    }

    /// Runs `body` holding the writers' lock on the log at `path`, whatever state it is in and without reading it,
    /// for replacing it whole (a restore).
    static func withLock<T>(path: String, _ body: (Int32) throws -> T) throws -> T {
        let fd = try openLocked(path: path)
        defer { close(fd) }
        return try body(fd)
    }

    /// Opens the log for writing and takes the writers' lock. If `erase` or `restore` replaced the file while this
    /// waited for the lock, the lock is on the old file, which nobody reads any more: open the new one instead.
    func openLocked() throws(LogError) -> Int32 { try EventLog.openLocked(path: path) }

    static func openLocked(path: String) throws(LogError) -> Int32 {
        while true {
            let fd = Glibc.open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else {
                let e = errno
                throw e == ENOENT ? LogError.missing(path: path) : LogError.io(path: path, action: "open it for writing", errno: e)
            }
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let e = errno
                    close(fd)
                    throw LogError.io(path: path, action: "lock it", errno: e)
                }
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0 && stat(path, &named) == 0 && held.st_ino == named.st_ino && held.st_dev == named.st_dev {
                return fd
            }
            close(fd)
        }
    }

    /// Like ssh with a key file: a log other accounts can read is not written to until its mode is fixed.
    private func refuseIfExposed(_ fd: Int32) throws {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LogError.io(path: path, action: "check its permissions", errno: errno) }
        if st.st_mode & 0o007 != 0 {
            throw FileSafetyError.exposed(path: path, mode: st.st_mode, fix: st.st_mode & 0o020 != 0 ? 0o660 : 0o600)
        }
    }

    /// Once per process, under the lock (where no erasure is running): removes the temporary copies an erasure killed
    /// part-way left beside the log, which hold the details it was erasing.
    private func removeErasureLeftoversOnce() {
        guard !leftoversRemoved else { return }
        leftoversRemoved = true
        removedLeftovers = Erasure.removeLeftoverTemps(of: path)
    }

    /// Refuses, once per log, to write on a network or cloud-synced folder unless allowed.
    private func checkPlacement() throws {
        guard !placementChecked && !allowsSharedFolder else { return }
        if let kind = LogPlacement.sharedKind(of: path) { throw FileSafetyError.sharedFolder(path: path, kind: kind) }
        placementChecked = true
    }

    /// Moves an incomplete last line (a crash mid-write) to `<log>.torn-<timestamp>` and truncates the log to its
    /// last complete line. Only called under the lock, where no other writer can be mid-line.
    private func setAsideTornTail(_ fd: Int32) throws(LogError) {
        var fragment = [UInt8](repeating: 0, count: pendingTailBytes)
        let n = fragment.withUnsafeMutableBytes { pread(fd, $0.baseAddress, pendingTailBytes, off_t(offset)) }
        guard n == pendingTailBytes else { throw .io(path: path, action: "read its incomplete last line", errno: errno) }
        let stamp = Instant(Date()).iso.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        var aside = "\(path).torn-\(stamp)"
        var k = 1
        let sharing = FileSharing.of(log: path)
        var tfd: Int32 = -1
        while tfd < 0 {
            do {
                tfd = try sharing.createFile(aside)
            } catch .alreadyExists {
                aside = "\(path).torn-\(stamp)-\(k)"
                k += 1
            } catch {
                throw .io(path: aside, action: "create it to keep a torn line", errno: errno)
            }
        }
        do {
            defer { close(tfd) }
            try Files.writeAll(tfd, fragment, path: aside)
            guard fsync(tfd) == 0 else { throw LogError.syncFailed(path: aside, errno: errno) }
        }
        guard ftruncate(fd, off_t(offset)) == 0 else { throw .io(path: path, action: "cut off its torn last line", errno: errno) }
        guard fdatasync(fd) == 0 else { throw .syncFailed(path: path, errno: errno) }
        warnings.append("\(path):\(lineNumber + 1):1: the last line was incomplete (\(pendingTailBytes) bytes, from a crash or power cut); it was set aside in \(aside) and the log continues from there")
        pendingTailBytes = 0
    }

    // MARK: reading

    /// Reads complete lines from `offset` to the end of the file and applies them.
    private func ingest(_ fd: Int32) throws(LogError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "read it", errno: errno) }
        let id = (dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
        if let known = identity, known != id { startOver() }
        identity = id
        if Int(st.st_size) - offset >= pipelineThreshold && pendingTailBytes == 0 {
            // A first read leaves out the undo records that the same person's next event replaces. Should any line
            // not apply, it is read again keeping every record, so undo offers exactly what a line-by-line read would.
            let first = offset == 0, warningsBefore = warnings.count
            skippingUndo = first
            defer { skippingUndo = false }
            try ingestPipelined(fd, from: offset, to: Int(st.st_size))
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
        pendingTailBytes = rest.tail.count
        try finishIngest()
    }

    /// The file was replaced by a rewritten one (`erase`, `restore`): what was read no longer describes it, so read it
    /// all again. The generation tells views to rebuild rather than patch.
    private func startOver() {
        clearRead()
        generation += 1
    }

    /// Forgets everything read, to read from the first line again.
    private func clearRead() {
        practice = Practice()
        damage = []
        pendingTailBytes = 0
        offset = 0
        lineNumber = 0
        unknownTypes = [:]
        warnedCRLF = false
        scratch = DecodeScratch()
        newerVersion = nil
    }

    /// What is said once a read reaches the end: an empty or header-less log, a newer format, unknown types.
    private func finishIngest() throws(LogError) {
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
    private func take(_ raw: UnsafeBufferPointer<UInt8>) {
        accept(LineOutcome.decode(raw, isFirst: lineNumber == 0, scratch: &scratch))
    }

    /// Applies one decoded line in order: line numbers, warnings, damage and the practice itself.
    private func accept(_ o: LineOutcome) {
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
        switch o.decoded {
        case .success(.header(let version)):
            guard lineNumber == 1 else {
                damage.append(LogIssue(path: path, line: lineNumber, column: 1, reason: "a second header line in the middle of the log"))
                return
            }
            if version > EventCodec.version { newerVersion = version }
        case .success(.event(let e)):
            guard lineNumber > 1 else {
                damage.append(LogIssue(path: path, line: 1, column: 1, reason: "the first line must be the keepwarm-events header"))
                return
            }
            do {
                try practice.apply(e, keepingUndo: !(skippingUndo && o.undoSuperseded))
            } catch {
                damage.append(LogIssue(path: path, line: lineNumber, column: 1, reason: error.reason + consequenceNote))
            }
        case .success(.unknown(let type, let seq, _, let by)):
            do {
                try practice.skipUnknown(seq: seq, by: by)
                unknownTypes[type, default: 0] += 1
            } catch {
                damage.append(LogIssue(path: path, line: lineNumber, column: 1, reason: error.reason))
            }
        case .failure(let error):
            let reason = lineNumber == 1 ? "the first line must be the keepwarm-events header: \(error.reason)" : error.reason
            damage.append(LogIssue(path: path, line: lineNumber, column: error.column, reason: reason))
        }
    }

    /// Decodes on other threads while this one applies, for a large first read: decoding is most of replay. The
    /// file (as long as it is now) is cut into stretches at line starts; the decoding threads take the lowest stretch
    /// nobody has, and this thread applies the stretches in order, decoding one itself whenever it would otherwise
    /// wait. The result is the one-thread read's exactly (PipelinedReadTests).
    private func ingestPipelined(_ fd: Int32, from start: Int, to end: Int) throws(LogError) {
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
        while k < plan.count && !stopped {
            guard let owner = claims.owner(k) else {
                guard let mine = claims.claim(by: SegmentClaims.applier) else { continue }
                if mine == k {
                    tail += try plan.forEachLine(in: k, fd, scratch: &scratch) { accept($0) }
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
            while !stopped {
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
        pendingTailBytes = tail
    }

    private func decodeAhead(_ k: Int, _ plan: ReadPlan, _ fd: Int32, into ahead: inout [Int: [OutcomeBatch]]) throws(LogError) {
        var batches: [OutcomeBatch] = []
        var scratch = DecodeScratch()
        try plan.batches(of: k, fd, scratch: &scratch) { batches.append($0); return true }
        ahead[k] = batches
    }
}

/// One line decoded, with what the reader needs to account for it, ready to apply in order.
struct LineOutcome: Sendable {
    /// Bytes in the line before its newline (a CR included).
    let length: Int
    let crlf: Bool
    let bom: Bool
    let decoded: Result<DecodedLine, LineDamage>
    /// Set by a decoding thread when the same person's next event in the batch replaces this one as their last action.
    var undoSuperseded = false

    static func decode(_ raw: UnsafeBufferPointer<UInt8>, isFirst: Bool, scratch: inout DecodeScratch) -> LineOutcome {
        var line = raw
        let crlf = line.last == 0x0D
        if crlf { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        let bom = isFirst && line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF
        if bom { line = UnsafeBufferPointer(rebasing: line.dropFirst(3)) }
        let result: Result<DecodedLine, LineDamage>
        do {
            result = .success(try EventCodec.decode(line, scratch: &scratch))
        } catch {
            result = .failure(error)
        }
        return LineOutcome(length: raw.count, crlf: crlf, bom: bom, decoded: result)
    }
}
