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
    public static func open(path: String, usingSnapshot: Bool, minimumBytes: Int = snapshotMinimumBytes,
                            rewriteBytes: Int = snapshotRewriteBytes) throws(LogError) -> EventLog {
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
        var from: SnapshotFile.Covered?
        if size < minimumBytes { notes.append("no snapshot kept: the log is under \(minimumBytes) bytes and read whole") }
        if size >= minimumBytes {
            let (covered, note) = SnapshotFile.load(for: path, logFD: fd)
            notes.append("snapshot \(note)")
            if let covered {
                log.practice = covered.practice
                log.offset = covered.offset
                log.lineNumber = covered.lines
                from = covered
            }
        }
        try log.ingest(fd)
        if size >= minimumBytes, log.snapshotFits, log.offset - (from?.offset ?? 0) >= (from == nil ? 0 : rewriteBytes) {
            let prefix = PrefixChecksum.update(from?.prefix ?? PrefixChecksum.start, fd, from: from?.offset ?? 0, to: log.offset)
            if let prefix {
                let covered = SnapshotFile.Covered(practice: log.practice, offset: log.offset, lines: log.lineNumber, prefix: prefix)
                notes.append("snapshot " + SnapshotFile.write(covered, for: path, logFD: fd))
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
