import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening a log from its checked snapshot: the practice as it stood at the snapshot's offset, then only the lines
/// after it, read as any later read is. Every command and the console open the file log this way (`Stores.open`);
/// `check`, `repair`, `restore`, `erase`'s own checks and look-backs read the whole file.
extension EventLog {
    /// Logs smaller than this are replayed whole and get no snapshot: replaying them costs less than a millisecond or two.
    public static let snapshotMinimumBytes = 1 << 20
    /// A snapshot is written again once this many bytes were read after it (about 25,000 events, 15 ms to replay).
    public static let snapshotRewriteBytes = 4 << 20

    /// Opens an existing log, starting from its snapshot when one passes every check, and leaves a fresh snapshot
    /// behind when it read many lines without one. The practice, damage and warnings are exactly a full replay's.
    /// `deferringWrite`: a snapshot that is due is written by `finishOpening` instead, so a console can draw first
    /// (writing one takes about 0.25 s at 1M events, a second at 4M).
    public static func open(path: String, usingSnapshot: Bool, minimumBytes: Int = snapshotMinimumBytes,
                            rewriteBytes: Int = snapshotRewriteBytes, deferringWrite: Bool = false) throws(LogError) -> EventLog {
        guard usingSnapshot else { return try open(path: path) }
        let log = EventLog(path: path)
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw e == ENOENT ? .missing(path: path) : .io(path: path, action: "open it", errno: e)
        }
        defer { close(fd) }
        var st = stat()
        let size = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
        var notes: [String] = []
        var from: (offset: Int, prefix: PrefixChecksum.State)?
        if size < minimumBytes { notes.append("no snapshot kept: the log is under \(minimumBytes) bytes and read whole") }
        if size >= minimumBytes {
            let (loaded, note) = SnapshotFile.load(for: path, logFD: fd)
            notes.append("snapshot \(note)")
            if var covered = loaded {
                // Moved, not copied: a second holder of the practice made the tail's first new client copy every
                // client (a retain per field, 45,000 clients at 1M events), and freeing both copies at exit cost as
                // much again (Docs/performance.md, "The snapshot, round six").
                swap(&log.practice, &covered.practice)
                log.offset = covered.offset
                log.lineNumber = covered.lines
                from = (covered.offset, covered.prefix)
            }
        }
        try log.ingest(fd)
        if size >= minimumBytes, log.snapshotFits, log.offset - (from?.offset ?? 0) >= (from == nil ? 0 : rewriteBytes) {
            let pending = PendingSnapshot(practice: log.practice, offset: log.offset, lines: log.lineNumber,
                                          from: from ?? (0, PrefixChecksum.start))
            // Its own descriptor: the snapshot must be summed and tied to the very file read, even if the path names
            // another one by the time it is written (an erasure or restore meanwhile; `write` then keeps nothing).
            if deferringWrite, let kept = pending.keeping(fd) {
                log.pendingSnapshot = kept
                notes.append("snapshot to be written once the console is drawn")
            } else {
                let written = pending.write(for: path, logFD: fd)
                notes.append("snapshot " + written.note)
                log.snapshotWarning = written.noRoom
            }
        }
        log.snapshotNote = notes.isEmpty ? nil : notes.joined(separator: "; ")
        return log
    }

    /// Whether the state read may stand for its bytes in a snapshot: a later line can change how a line already read
    /// counts only when something is still open (damage, a warning to repeat, an unfinished batch or line, a seq that
    /// skipped ahead and waits for the next line to judge it), so a snapshot is kept only of a log with none of these
    /// and whose seqs run 1, 2, 3… without a gap.
    var snapshotFits: Bool {
        damage.isEmpty && warnings.isEmpty && pendingTailBytes == 0 && unfinishedBatch == nil && !unterminated
            && held == nil && !holding && newerVersion == nil && unknownTypes.isEmpty
            && practice.lastSeq == practice.eventCount && lineNumber == practice.eventCount + 1
    }
}

extension EventLog {
    /// Writes the snapshot `open(deferringWrite:)` left, if any (`EventStore.finishOpening`); the console calls it on
    /// a thread of its own once its first frame is drawn, and waits for it before it exits. Returns the warning a
    /// command would print (`snapshotWarning`) when there was no room for it; the console shows it.
    @discardableResult
    public func finishOpening() -> String? {
        guard let pending = pendingSnapshot else { return nil }
        pendingSnapshot = nil
        defer { pending.release() }
        // On a thread of its own while the console draws, so it sets nothing on the log (which belongs to the
        // console's thread): the warning goes back to the caller.
        return pending.write(for: path, logFD: pending.fd).noRoom
    }
}

/// A snapshot worked out from a read, waiting to be written: the practice as read, where it ends, and where the
/// prefix checksum continues from (an earlier snapshot's offset and sum, or the start).
struct PendingSnapshot {
    let practice: Practice
    let offset: Int
    let lines: Int
    let from: (offset: Int, prefix: PrefixChecksum.State)
    var fd: Int32 = -1

    /// The same, holding a duplicate of `logFD` so it can be written after the log's own descriptor is closed.
    func keeping(_ logFD: Int32) -> PendingSnapshot? {
        let copy = dup(logFD)
        guard copy >= 0 else { return nil }
        var kept = self
        kept.fd = copy
        return kept
    }

    /// Closes the duplicate descriptor.
    func release() { if fd >= 0 { close(fd) } }

    /// Sums the log's prefix and writes the snapshot; says what became of it.
    func write(for path: String, logFD: Int32) -> SnapshotFile.Written {
        guard let prefix = PrefixChecksum.update(from.prefix, logFD, from: from.offset, to: offset) else {
            return SnapshotFile.Written(note: "not written: the log is shorter than what was read")
        }
        return SnapshotFile.write(SnapshotFile.Covered(practice: practice, offset: offset, lines: lines, prefix: prefix), for: path, logFD: logFD)
    }
}
