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
    public internal(set) var practice = Practice()
    /// Damaged lines found while reading; while there are any, nothing may be appended.
    public internal(set) var damage: [LogIssue] = []
    /// Things worth telling a person once (unknown event types, CRLF line ends, torn tails set aside).
    public internal(set) var warnings: [String] = []
    /// Bytes at the end of the file not counted yet: an incomplete last line, or a batch whose last line is not there
    /// (a write in progress, or one a crash cut short), from its `batch.begun` line on.
    public internal(set) var pendingTailBytes = 0
    /// The batch those bytes begin with, when the file ends inside one.
    public internal(set) var unfinishedBatch: UnfinishedBatch?
    /// Counts the times the file was replaced under this reader (by `erase` or `restore`) and read again from the start.
    public internal(set) var generation = 0
    /// Lets this log be written on a network or cloud-synced folder (`--allow-network-fs`).
    public var allowsSharedFolder = false
    /// How a write waits while another desk holds the lock (says who, may give up); nil blocks silently.
    public var lockWait: LockWait?
    var placementChecked = false
    /// The file's size and time when `mayHaveNews` last looked (`EventStore`).
    var newsStamp: (Int64, Int64) = (-1, -1)
    /// Whether this process already removed what an interrupted erasure left beside the log (once is enough).
    var leftoversRemoved = false
    /// The leftovers it removed, for `erase` to report (which then clears it).
    var removedLeftovers: [String] = []
    /// The file read so far, to notice it being replaced by a rewritten one.
    var fileIdentity: (dev: UInt64, ino: UInt64)?

    var offset = 0
    var lineNumber = 0
    /// The read under way: its descriptor and the file's length when it began, for looking ahead when a batch begins.
    var readFD: Int32 = -1
    var readEnd = 0
    /// Set when this read met a batch the file does not yet hold all of: it and every line after it wait.
    var holding = false
    var unknownTypes: [String: Int] = [:]
    var warnedCRLF = false
    var poisoned = false
    var scratch = DecodeScratch()
    var newerVersion: Int?
    /// A line whose seq skipped ahead, waiting for the next line to say whether it is a gap or a jump (`SeqRule`).
    var held: HeldLine?
    /// The last line read is complete (its checksum verifies) but has no newline yet: the next read steps over the
    /// newline when it arrives, and the next writer adds it before anything else.
    var unterminated = false
    /// The last bytes read and where they end, to notice the file overwritten in place (`cp backup.log events.log`, an
    /// editor saving a hand fix): the same file, other bytes. A log only grows, so bytes once read never change.
    var readMark: (end: Int, bytes: [UInt8]) = (0, [])
    /// Whether this read may leave out undo records that a later event replaces (see `ingest`).
    var skippingUndo = false
    /// How many first reads were done again keeping every undo record (tests check it stays 0 for a sound log).
    var rereads = 0
    /// How many events were applied without an undo record, because the same person's later actions push them out
    /// of their undo steps (tests check a threaded read spares nearly all of them, whoever decoded the stretch).
    var undoRecordsSpared = 0
    /// What became of the snapshot when this log was opened (used, ignored and why, written), for a debug line.
    public internal(set) var snapshotNote: String?
    /// Set when a snapshot was due but the disk had no room for it (`SnapshotFile.noRoom`): what to tell the
    /// person, since every command then reads the whole log. Nil otherwise, for a database, and for the console
    /// (whose snapshot is written after it draws).
    public internal(set) var snapshotWarning: String?
    /// A snapshot due but left for `finishOpening` (the console draws first), with its own descriptor of the file read.
    var pendingSnapshot: PendingSnapshot?

    /// Unread bytes above which a read decodes on other threads while this one applies.
    let pipelineThreshold: Int
    public static let defaultPipelineThreshold = 1 << 20
    /// How many bytes a decoding thread takes at a time, when a test fixes it; otherwise it follows the read's size.
    let segmentBytes: Int?

    /// For a look back (`replay(path:until:)`): lines from the first event recorded after this instant are not applied.
    let until: Instant?
    var stopped = false

    init(path: String, pipelineThreshold: Int = EventLog.defaultPipelineThreshold, segmentBytes: Int? = nil,
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
}
