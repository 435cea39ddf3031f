#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `keepwarm repair` did: the copy it wrote, the lines it rejected and why.
public struct RepairReport: Sendable {
    public let path: String
    /// The file the log's path leads to (itself, or the file a link points at): the copy goes beside it and replaces it.
    public let realPath: String
    /// The fixed copy, or nil when the log needed no repair and nothing was written.
    public let repairedPath: String?
    /// Where the rejected lines were kept, or nil when none were rejected.
    public let rejectedPath: String?
    /// Lines copied unchanged (apart from line ends), the original header included.
    public let keptLines: Int
    public let rejected: [RejectedLine]
    /// Lines kept with a new seq (theirs jumped ahead of the lines around them), in line order.
    public let renumbered: [RenumberedLine]
    public let removedCRLF: Bool
    public let removedBOM: Bool
    /// The header was damaged or missing, so the copy starts with a new one.
    public let freshHeader: Bool
    /// The copy as read back: events, clients and appointments, as `keepwarm check` counts them.
    public let events: Int
    public let clients: Int
    public let appointments: Int
}

/// Why `keepwarm repair` wrote nothing. Each message says what to do next.
public enum RepairError: Error, Equatable, Sendable, CustomStringConvertible {
    case log(LogError)
    case empty(path: String)
    case nothingKept(path: String, lines: Int)
    case outputExists(path: String)
    case stillDamaged(LogIssue)
    /// Another desk kept writing for longer than `--wait`.
    case gaveUpWaiting(LockWaitError)

    public var description: String {
        switch self {
        case .log(let e):
            return e.description
        case .empty(let p):
            return "\(p) is empty (0 bytes): it holds nothing to repair. Restore the log from a backup"
        case .nothingKept(let p, let n):
            let which = n == 1 ? "its one line holds no event" : "none of its \(n) lines holds an event"
            return "\(p): \(which) that can be kept, so there is nothing to repair. Restore the log from a backup"
        case .outputExists(let p):
            return "\(p) already exists and repair never overwrites a file: look at it, move it away or remove it, then run repair again"
        case .gaveUpWaiting(let e):
            return e.description
        case .stillDamaged(let issue):
            return "the repaired copy would still be damaged (\(issue)), so it was removed and the original left as it was; please report this as a bug"
        }
    }
}

/// Writes a fixed copy of a damaged log beside it (`<log>.repaired`), with the lines it leaves out kept byte for byte
/// in `<log>.rejected`. The original is only read, under a shared lock so no write lands half-way through.
public enum Repair {
    /// `wait` is how to wait while another desk writes (nil: as long as it takes, silently).
    public static func run(path: String, wait: LockWait? = nil) throws(RepairError) -> RepairReport {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw .log(e == ENOENT ? .missing(path: path) : .io(path: path, action: "open it", errno: e))
        }
        defer { close(fd) }
        // Writers take an exclusive lock, so while this is held the file stays as read, and an incomplete last line
        // is a torn write rather than one in progress. It is waited for as every writer waits (`wait`).
        if let wait {
            do { try wait.lock(fd, path: path, shared: true) } catch let e as LockWaitError {
                throw .gaveUpWaiting(e)
            } catch {
                throw .log(error as? LogError ?? .io(path: path, action: "lock it", errno: EIO))
            }
        } else {
            while flock(fd, LOCK_SH) != 0 {
                guard errno == EINTR else { throw .log(.io(path: path, action: "lock it", errno: errno)) }
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .log(.io(path: path, action: "read it", errno: errno)) }
        guard st.st_size > 0 else { throw .empty(path: path) }

        var plan: RepairPlan
        do { plan = try RepairPlan.make(fd, path: path) } catch { throw .log(error) }
        guard plan.needsRepair else { return report(path, nil, nil, plan, plan.practice) }
        guard plan.keptEvents > 0 else { throw .nothingKept(path: path, lines: plan.keptLines + plan.rejected.count) }

        // Beside the real file when the log's path is a link: the copy is moved over that file, never over the link.
        let real = Files.followingLink(path)
        let repairedPath = real + ".repaired"
        let rejectedPath = plan.rejected.isEmpty ? nil : real + ".rejected"
        for p in [repairedPath, rejectedPath].compactMap({ $0 }) where access(p, F_OK) == 0 { throw .outputExists(path: p) }
        var created: [String] = []
        func removeCreated() {
            for p in created { unlink(p) }
            Files.syncDirectory(of: path)
        }
        do throws(LogError) {
            var copy = try OutputFile(repairedPath, beside: path)
            created.append(repairedPath)
            defer { copy.close() }
            var rejected: OutputFile?
            if let rejectedPath {
                rejected = try OutputFile(rejectedPath, beside: path)
                created.append(rejectedPath)
            }
            defer { rejected?.close() }
            try split(fd, path: path, &plan, copy: &copy, rejected: &rejected)
            try copy.finish()
            try rejected?.finish()
        } catch {
            removeCreated()
            if case .alreadyExists(let p) = error { throw .outputExists(path: p) }
            throw .log(error)
        }
        Files.syncDirectory(of: path)

        // Success is only reported for a copy that reads back clean, through the same reader every command uses.
        let copy: EventLog
        do { copy = try EventLog.open(path: repairedPath) } catch {
            removeCreated()
            throw .log(error)
        }
        var problem = copy.damage.first
        if problem == nil && (copy.pendingTailBytes > 0 || copy.practice.eventCount != plan.practice.eventCount) {
            problem = LogIssue(path: repairedPath, line: 1, column: 1,
                               reason: "it replays \(copy.practice.eventCount) events, not the \(plan.practice.eventCount) kept")
        }
        if let problem {
            removeCreated()
            throw .stillDamaged(problem)
        }
        return report(path, repairedPath, rejectedPath, plan, copy.practice)
    }

    /// Reads the log once more and sends each line to the copy (without CRs or a byte-order mark, under a new header
    /// when the old one was lost) or to the rejected file (exactly as it was, after a line saying where and why).
    private static func split(_ fd: Int32, path: String, _ plan: inout RepairPlan,
                              copy: inout OutputFile, rejected: inout OutputFile?) throws(LogError) {
        if plan.freshHeader { copy.append(EventCodec.headerLine()) }
        rejected?.append(Array("""
            # Lines `keepwarm repair` left out of \(DisplayText.visible(path)), each kept exactly as it was.
            # Each follows a line starting "# line" that says where it was and why it was left out.

            """.utf8))
        var copies = CopyFinder()
        for (line, bytes) in plan.seqFailures { copies.want(line, bytes) }
        var next = 0, nextRenumbered = 0
        // Lines arrive in order and rejections were recorded in order, so one index walks both.
        try LineStream.forEach(fd, path: path, limit: plan.completeBytes) { n, raw in
            if !copies.isEmpty { copies.see(n, raw) }
            if nextRenumbered < plan.renumbered.count && plan.renumbered[nextRenumbered].line == n {
                copy.append(plan.renumbered[nextRenumbered].bytes)
                nextRenumbered += 1
                return
            }
            if next < plan.rejected.count && plan.rejected[next].line == n {
                if let k = copies.copyOf[n] { plan.rejected[next].reason += DamageDetail.copyNote(k) }
                rejected?.append(Array("# \(describe(plan.rejected[next]))\n".utf8))
                rejected?.append(raw)
                rejected?.append([0x0A])
                next += 1
                return
            }
            var line = raw
            if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            if n == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = UnsafeBufferPointer(rebasing: line.dropFirst(3)) }
            copy.append(line)
            copy.append([0x0A])
        }
        // What is left after the complete lines is the last line without its newline: rejected (torn, or complete
        // but not applying), or kept with the newline it lacked.
        if next < plan.rejected.count {
            rejected?.append(Array("# \(describe(plan.rejected[next]))\n".utf8))
            rejected?.append(plan.tail)
            rejected?.append([0x0A])
        } else if !plan.tail.isEmpty {
            copy.append(plan.tail)
            copy.append([0x0A])
        }
    }

    private static func report(_ path: String, _ repaired: String?, _ rejected: String?, _ plan: RepairPlan,
                               _ p: Practice) -> RepairReport {
        RepairReport(path: path, realPath: Files.followingLink(path), repairedPath: repaired, rejectedPath: rejected, keptLines: plan.keptLines,
                     rejected: plan.rejected, renumbered: plan.renumbered, removedCRLF: plan.crlf, removedBOM: plan.bom, freshHeader: plan.freshHeader,
                     events: p.eventCount, clients: p.clients.count { !$0.withdrawn },
                     appointments: p.appointments.count { !$0.withdrawn })
    }

    /// `line 5, column 1: unknown client c2 (rejected because of line 4)`, on one line whatever the reason holds.
    public static func describe(_ r: RejectedLine) -> String {
        var s = "line \(r.line), column \(r.column): \(r.reason)"
        if let c = r.cause { s += " (rejected because of line \(c))" }
        if r.torn { s += "; it had no line end, so one was added here" }
        return DisplayText.visible(s)
    }
}

/// A new file with the log's sharing (0600, or 0660 for a staff group, so the copy still works once moved into
/// place), written through a buffer so a large copy is never held whole.
struct OutputFile {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Appending cannot throw from inside a line walk, so the first write error waits here for `finish`.
    private var failure: LogError?

    /// Creates the file beside `log`; an existing one is never overwritten.
    init(_ path: String, beside log: String) throws(LogError) {
        let fd = try FileSharing.of(log: log).createFile(path)
        Files.giveToLogOwner(path, log: log)
        self.path = path
        self.fd = fd
        buffer.reserveCapacity(1 << 20)
    }

    mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        guard failure == nil else { return buffer.removeAll(keepingCapacity: true) }
        do throws(LogError) { try Files.writeAll(fd, buffer, path: path) } catch { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and waits for the disk to confirm it.
    mutating func finish() throws(LogError) {
        flush()
        if let failure { throw failure }
        guard fsync(fd) == 0 else { throw .syncFailed(path: path, errno: errno) }
    }

    func close() { closeFile(fd) }
}

/// The system's close, which `OutputFile.close` would otherwise hide.
private func closeFile(_ fd: Int32) { close(fd) }
