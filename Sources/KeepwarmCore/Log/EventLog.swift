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
    /// Bytes at the end of the file not counted yet: an incomplete last line, or a batch whose last line is not there
    /// (a write in progress, or one a crash cut short), from its `batch.begun` line on.
    public private(set) var pendingTailBytes = 0
    /// The batch those bytes begin with, when the file ends inside one.
    public private(set) var unfinishedBatch: UnfinishedBatch?
    /// Counts the times the file was replaced under this reader (by `erase` or `restore`) and read again from the start.
    public private(set) var generation = 0
    /// Lets this log be written on a network or cloud-synced folder (`--allow-network-fs`).
    public var allowsSharedFolder = false
    /// How a write waits while another desk holds the lock (says who, may give up); nil blocks silently.
    public var lockWait: LockWait?
    private var placementChecked = false
    /// The file's size and time when `mayHaveNews` last looked (`EventStore`).
    var newsStamp: (Int64, Int64) = (-1, -1)
    /// Whether this process already removed what an interrupted erasure left beside the log (once is enough).
    private var leftoversRemoved = false
    /// The leftovers it removed, for `erase` to report (which then clears it).
    var removedLeftovers: [String] = []
    /// The file read so far, to notice it being replaced by a rewritten one.
    private(set) var fileIdentity: (dev: UInt64, ino: UInt64)?

    private var offset = 0
    private var lineNumber = 0
    /// The read under way: its descriptor and the file's length when it began, for looking ahead when a batch begins.
    private var readFD: Int32 = -1
    private var readEnd = 0
    /// Set when this read met a batch the file does not yet hold all of: it and every line after it wait.
    private var holding = false
    private var unknownTypes: [String: Int] = [:]
    private var warnedCRLF = false
    private var poisoned = false
    private var scratch = DecodeScratch()
    private var newerVersion: Int?
    /// A line whose seq skipped ahead, waiting for the next line to say whether it is a gap or a jump (`SeqRule`).
    private var held: HeldLine?
    /// The last line read is complete (its checksum verifies) but has no newline yet: the next read steps over the
    /// newline when it arrives, and the next writer adds it before anything else.
    private var unterminated = false
    /// The last bytes read and where they end, to notice the file overwritten in place (`cp backup.log events.log`, an
    /// editor saving a hand fix): the same file, other bytes. A log only grows, so bytes once read never change.
    private var readMark: (end: Int, bytes: [UInt8]) = (0, [])
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
        let first = EventCodec.line(for: Event(seq: 1, at: at, by: by, body: .settingsChanged(settings)))
        if let refusal = EventCodec.refusal(first) {
            throw .unreadable(LogIssue(path: path, line: 2, column: refusal.column, reason: refusal.reason))
        }
        let made = try sharing.makeParentFolders(of: path)
        let fd: Int32
        do throws(LogError) { fd = try sharing.createFile(path) } catch {
            FileSharing.removeFolders(made)
            throw error
        }
        defer { close(fd) }
        var bytes = EventCodec.headerLine()
        bytes += first
        do throws(LogError) {
            try Files.writeAll(fd, bytes, path: path)
            guard fdatasync(fd) == 0 else { throw LogError.syncFailed(path: path, errno: errno) }
        } catch {
            // A half-made log would make the next `init` refuse with "already exists"; this one holds nothing yet,
            // and neither do the folders made for it.
            unlink(path)
            FileSharing.removeFolders(made)
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

    /// Appends several events as one write under one lock: all of them are written, or none. Two or more are opened by
    /// a `batch.begun` line, so that even a write a kill cuts short is never half read (see `holdsBack`); the events
    /// returned are the batch's own, without that line.
    @discardableResult
    public func appendBatch(by: String, at: Instant, kind: BatchKind,
                            _ make: (Practice) throws -> [EventBody]) throws -> [Event] {
        guard !poisoned else { throw LogError.needsReload(path: path) }
        try checkPlacement()
        let fd = try openLocked()
        defer { close(fd) }
        try refuseIfExposed(fd)
        try ingest(fd)
        if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
        if pendingTailBytes > 0 { try setAsideTornTail(fd) }
        if unterminated { try endLastLine(fd) }
        removeErasureLeftoversOnce()

        var staged = try StagedAppend(practice, by: by, at: at, kind: kind, bodies: try make(practice))
        guard !staged.events.isEmpty else { return [] }

        // Written a stretch at a time, not built whole first: an import of 200,000 clients would otherwise hold its
        // whole text (and, while the array grows, twice that) on top of the practice. Readers count none of a batch
        // until its last line is there, and a failure part-way takes back everything this call wrote.
        var written = 0
        var tail: [UInt8] = []
        let refused = try BatchLines(events: staged.events).write { bytes in
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n != bytes.count {
                let e = n < 0 ? errno : ENOSPC
                // Take back every line of this write so the log never keeps half an event or half a batch.
                if written > 0 || n > 0 { _ = ftruncate(fd, off_t(offset)) }
                throw LogError.io(path: path, action: "write the event", errno: e)
            }
            written += n
            tail = Array((tail + bytes).suffix(32))
        }
        if let refused {
            if written > 0 { _ = ftruncate(fd, off_t(offset)) }
            throw LogError.unreadable(LogIssue(path: path, line: lineNumber + 1 + refused.index, column: refused.damage.column, reason: refused.damage.reason))
        }
        guard fdatasync(fd) == 0 else {
            poisoned = true
            throw LogError.syncFailed(path: path, errno: errno)
        }
        do {
            try staged.settle(into: &practice)
        } catch {
            // Written but not applicable: a bug in a command's checks. Say so, and refuse further writes.
            poisoned = true
            damage.append(LogIssue(path: path, line: lineNumber + 1, column: 1, reason: error.reason))
            throw error
        }
        offset += written
        lineNumber += staged.events.count
        // What this desk wrote is read too: an overwrite must be noticed against it, not against older bytes.
        readMark = (offset, tail)
        return staged.takeOwnEvents()
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
        if unterminated { try endLastLine(fd) }
        if writing { removeErasureLeftoversOnce() }
        return try body(fd)
    }

    /// Runs `body` holding the writers' lock on the log at `path`, whatever state it is in and without reading it,
    /// for replacing it whole (a restore). It waits for the lock as every writer does (`wait`).
    static func withLock<T>(path: String, wait: LockWait? = nil, _ body: (Int32) throws -> T) throws -> T {
        let fd = try openLocked(path: path, wait: wait)
        defer { close(fd) }
        return try body(fd)
    }

    /// Opens the log for writing and takes the writers' lock. If `erase` or `restore` replaced the file while this
    /// waited for the lock, the lock is on the old file, which nobody reads any more: open the new one instead.
    func openLocked() throws -> Int32 { try EventLog.openLocked(path: path, wait: lockWait) }

    static func openLocked(path: String, wait: LockWait? = nil) throws -> Int32 {
        while true {
            let fd = Glibc.open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else {
                let e = errno
                throw e == ENOENT ? LogError.missing(path: path) : LogError.io(path: path, action: "open it for writing", errno: e)
            }
            if let wait {
                do { try wait.lock(fd, path: path) } catch { close(fd); throw error }
            } else {
                while flock(fd, LOCK_EX) != 0 {
                    guard errno == EINTR else {
                        let e = errno
                        close(fd)
                        throw LogError.io(path: path, action: "lock it", errno: e)
                    }
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
        removedLeftovers = Erasure.removeLeftoverTemps(of: Files.followingLink(path))
    }

    /// Refuses, once per log, to write on a network or cloud-synced folder unless allowed.
    private func checkPlacement() throws {
        guard !placementChecked && !allowsSharedFolder else { return }
        if let kind = LogPlacement.sharedKind(of: path) { throw FileSafetyError.sharedFolder(path: path, kind: kind) }
        placementChecked = true
    }

    /// Moves an incomplete last line (a crash mid-write), or an unfinished batch from its `batch.begun` line on, to
    /// `<log>.torn-<timestamp>` and truncates the log to the last line that counts. Only called under the lock, where
    /// no other writer can be mid-write.
    private func setAsideTornTail(_ fd: Int32) throws(LogError) {
        var fragment = [UInt8](repeating: 0, count: pendingTailBytes)
        let n = fragment.withUnsafeMutableBytes { pread(fd, $0.baseAddress, pendingTailBytes, off_t(offset)) }
        guard n == pendingTailBytes else { throw .io(path: path, action: "read its incomplete last line", errno: errno) }
        let stamp = Instant(Date()).iso.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        // Beside the real file, where erase looks for side files, even when the log's path is a link.
        let real = Files.followingLink(path)
        var aside = "\(real).torn-\(stamp)"
        var k = 1
        let sharing = FileSharing.of(log: path)
        var tfd: Int32 = -1
        while tfd < 0 {
            do {
                tfd = try sharing.createFile(aside)
            } catch .alreadyExists {
                aside = "\(real).torn-\(stamp)-\(k)"
                k += 1
            } catch {
                throw .io(path: aside, action: "create it to keep a torn line", errno: errno)
            }
        }
        do throws(LogError) {
            defer { close(tfd) }
            try Files.writeAll(tfd, fragment, path: aside)
            guard fsync(tfd) == 0 else { throw LogError.syncFailed(path: aside, errno: errno) }
            Files.giveToLogOwner(aside, log: path)
        } catch {
            // An empty or partial fragment on a full disk keeps nothing; the torn line stays in the log until there is room.
            unlink(aside)
            throw error
        }
        guard ftruncate(fd, off_t(offset)) == 0 else { throw .io(path: path, action: "cut off its torn last line", errno: errno) }
        guard fdatasync(fd) == 0 else { throw .syncFailed(path: path, errno: errno) }
        if let batch = unfinishedBatch {
            warnings.append("\(path):\(batch.line):1: \(batch.description), cut short by a crash, power cut or kill, was set aside in \(aside) (\(pendingTailBytes) bytes); none of it counts, and the log continues from there")
        } else {
            warnings.append("\(path):\(lineNumber + 1):1: the last line was incomplete (\(pendingTailBytes) bytes, from a crash or power cut); it was set aside in \(aside) and the log continues from there")
        }
        pendingTailBytes = 0
        unfinishedBatch = nil
    }

    // MARK: batches

    /// Whether the batch this `batch.begun` line opens is unfinished, so that it and everything after it wait (and
    /// the next writer sets them aside). Seqs are contiguous, so the batch is all there once the last complete line of
    /// this read has reached its last seq; only that one line is looked at, and only when a batch begins, so ordinary
    /// lines cost nothing. A file that ends on one of the batch's own lines (its time and writer) before its last is a
    /// write still under way or cut short. A file that goes on past an unfinished batch with someone else's lines can
    /// only be a hand edit or an older Keepwarm (which skips `batch.begun`): those lines are read as they are, with a
    /// warning, rather than hiding what others recorded.
    private func holdsBack(_ begun: Event, events: Int, kind: BatchKind) -> Bool {
        let last = begun.seq + events
        let tail: (seq: Int, at: Instant, by: String)
        switch lastCompleteLine(after: offset) {
        case nil:
            tail = (begun.seq, begun.at, begun.by)
        case .success(.event(let e))?:
            tail = (e.seq, e.at, e.by)
        case .success(.unknown(_, let seq, let at, let by))?:
            tail = (seq, at, by)
        default:
            // A damaged or out-of-place last line says nothing about the batch; the lines are read, and it is damage.
            return false
        }
        if tail.seq >= last { return false }
        if tail.seq >= begun.seq && tail.at == begun.at && tail.by == begun.by {
            holding = true
            unfinishedBatch = UnfinishedBatch(line: lineNumber, kind: kind, events: events, written: tail.seq - begun.seq)
            return true
        }
        warnings.append("\(path):\(lineNumber):1: the batch begun here (\(events) events) was never finished, yet later lines follow it (from a hand edit, or an older Keepwarm); its lines are read as they are")
        return false
    }

    /// The last complete line after byte `from` (where a line starts) and before the end of this read, decoded; nil
    /// when there is none. Reads back from the end a little at a time, as far as the line is long. "Complete" must mean
    /// what it means to the rest of the read (ending in a newline, or sealed by its checksum without one, as
    /// `takeSealedTail` counts it), or a batch could be counted without its last line.
    private func lastCompleteLine(after from: Int) -> Result<DecodedLine, LineDamage>? {
        var window = 16 << 10
        while true {
            let lo = max(from, readEnd - window)
            var buf = [UInt8](repeating: 0, count: readEnd - lo)
            let n = buf.withUnsafeMutableBytes { pread(readFD, $0.baseAddress, $0.count, off_t(lo)) }
            guard n == buf.count else { return .failure(LineDamage(column: 1, reason: "could not read ahead")) }
            let afterNewline = (buf.lastIndex(of: 0x0A) ?? -1) + 1
            if afterNewline > 0 || lo == from, afterNewline < buf.count {
                let sealed = buf.withUnsafeBufferPointer { EventCodec.isSealed(UnsafeBufferPointer(rebasing: $0[afterNewline...])) }
                if sealed {
                    var scratch = DecodeScratch()
                    return buf.withUnsafeBufferPointer { p in
                        LineOutcome.decode(UnsafeBufferPointer(rebasing: p[afterNewline...]), isFirst: false, scratch: &scratch).decoded
                    }
                }
            }
            guard let end = buf.lastIndex(of: 0x0A) else {
                if lo == from { return nil }
                window *= 4
                continue
            }
            let start: Int
            if let prev = buf[..<end].lastIndex(of: 0x0A) {
                start = prev + 1
            } else if lo == from {
                start = 0
            } else {
                window *= 4
                continue
            }
            var scratch = DecodeScratch()
            return buf.withUnsafeBufferPointer { p in
                LineOutcome.decode(UnsafeBufferPointer(rebasing: p[start..<end]), isFirst: false, scratch: &scratch).decoded
            }
        }
    }

    /// Adds the newline missing after a complete last line (written by another tool, or cut off just before its
    /// newline), so the next line starts on a line of its own. Only under the lock; the line itself is never touched.
    private func endLastLine(_ fd: Int32) throws(LogError) {
        let newline: [UInt8] = [0x0A]
        let n = newline.withUnsafeBytes { write(fd, $0.baseAddress, 1) }
        guard n == 1 else { throw .io(path: path, action: "end its last line", errno: n < 0 ? errno : ENOSPC) }
        guard fdatasync(fd) == 0 else {
            poisoned = true
            throw .syncFailed(path: path, errno: errno)
        }
        offset += 1
        unterminated = false
    }

    // MARK: reading

    /// Reads complete lines from `offset` to the end of the file and applies them.
    private func ingest(_ fd: Int32) throws(LogError) {
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
    private func takeSealedTail(_ fd: Int32) throws(LogError) {
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
    private func stepOverNewline(_ fd: Int32, size: Int) throws(LogError) {
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
    private func overwritten(_ fd: Int32, size: Int) -> Bool {
        guard offset > 0 else { return false }
        if size < offset { return true }
        let (end, bytes) = readMark
        guard !bytes.isEmpty, end <= offset else { return false }
        var now = [UInt8](repeating: 0, count: bytes.count)
        let n = now.withUnsafeMutableBytes { pread(fd, $0.baseAddress, bytes.count, off_t(end - bytes.count)) }
        return n != bytes.count || now != bytes
    }

    /// Remembers the last bytes read (up to 32: the last line's checksum among them), for `overwritten`.
    private func markRead(_ fd: Int32) {
        let n = min(32, offset)
        var bytes = [UInt8](repeating: 0, count: n)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, n, off_t(offset - n)) }
        readMark = got == n ? (offset, bytes) : (0, [])
    }

    /// The file was replaced by a rewritten one (`erase`, `restore`), or overwritten in place: what was read no longer
    /// describes it, so read it all again. The generation tells views to rebuild rather than patch.
    private func startOver() {
        clearRead()
        generation += 1
    }

    /// Forgets everything read, to read from the first line again.
    private func clearRead() {
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
    private func finishIngest() throws(LogError) {
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
    private func take(_ raw: UnsafeBufferPointer<UInt8>) {
        accept(LineOutcome.decode(raw, isFirst: lineNumber == 0, scratch: &scratch))
    }

    /// Applies one decoded line in order: line numbers, warnings, damage and the practice itself.
    private func accept(_ o: LineOutcome) {
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
    private func apply(_ d: DecodedLine, line: Int, keepingUndo: Bool) {
        switch d {
        case .event(let e):
            do {
                try practice.apply(e, keepingUndo: keepingUndo)
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
    private func releaseHeld(next: Int?) {
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
        while k < plan.count && !stopped && !holding {
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

    private func decodeAhead(_ k: Int, _ plan: ReadPlan, _ fd: Int32, into ahead: inout [Int: [OutcomeBatch]]) throws(LogError) {
        var batches: [OutcomeBatch] = []
        var scratch = DecodeScratch()
        try plan.batches(of: k, fd, scratch: &scratch) { batches.append($0); return true }
        ahead[k] = batches
    }
}

/// A decoded line held back by one line while its seq is judged (`SeqRule`), with its 1-based line number.
struct HeldLine {
    let line: Int
    let decoded: DecodedLine
    let keepingUndo: Bool
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

/// A batch the file ends inside: its `batch.begun` line and the events of it written so far.
public struct UnfinishedBatch: Equatable, Sendable {
    /// The line of its `batch.begun`.
    public let line: Int
    public let kind: BatchKind
    /// How many events the batch holds, and how many of them are complete lines in the file.
    public let events: Int
    public let written: Int

    /// `an unfinished import (479 of its 200000 events written)`.
    public var description: String {
        "an unfinished \(kind == .imported ? "import" : "batch of events") (\(written) of its \(events) events written)"
    }
}
