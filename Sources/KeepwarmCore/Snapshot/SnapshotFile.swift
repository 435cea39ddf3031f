import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The checked snapshot kept beside a log (`<log>.snapshot`): the practice as replayed up to a byte offset, tagged so
/// that it is used only for exactly the log it came from (Docs/event-log.md, "The snapshot"). Every check that fails
/// means a full replay, never a guess; nothing about a snapshot is ever an error a person sees.
///
/// Layout: the 8 bytes `KWSNAP1\n`; a header (format version, the build that wrote it, the log's device and inode,
/// the offset, line count and last seq it covers, the CRC-32C of the log's first `offset` bytes, the payload's
/// length and CRC-32C), the header's own CRC-32C; then the payload (`SnapshotWriter.practice`).
public enum SnapshotFile {
    static let magic: [UInt8] = Array("KWSNAP1\n".utf8)
    /// Bumped whenever the payload's layout changes; a snapshot of another version is ignored.
    static let formatVersion: UInt32 = 4

    /// Where the snapshot of a log lives: beside the real file when the log's path is a link.
    public static func path(for log: String) -> String { Files.followingLink(log) + ".snapshot" }

    /// Which build of Keepwarm wrote a snapshot: the format version and the running program's size and time. A
    /// new Keepwarm (even a rebuild of the same version, whose records may differ) ignores every older snapshot.
    static let build: String = {
        var st = stat()
        let exe = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        guard stat(exe, &st) == 0 else { return "v\(formatVersion) unknown" }
        return "v\(formatVersion) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    /// What a snapshot covers: the state read, and where the log's reading continues.
    struct Covered {
        var practice: Practice
        var offset: Int
        var lines: Int
        var prefix: PrefixChecksum.State
    }

    /// The snapshot for the log open as `logFD`, when every check passes; otherwise nil and why (for the debug line).
    static func load(for logPath: String, logFD: Int32) -> (covered: Covered?, note: String) {
        let path = path(for: logPath)
        var log = stat()
        guard fstat(logFD, &log) == 0 else { return (nil, "not used: the log cannot be looked at") }
        // Not blocking: a named pipe in its place would otherwise hold the command before it could be looked at.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return (nil, errno == ENOENT ? "none yet" : "not used: it cannot be opened") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return (nil, "not used: not a plain file") }
        if let why = refusal(snapshot: st, log: log) { return (nil, "not used: \(why)") }
        let size = Int(st.st_size)
        guard size >= magic.count + 4 else { return (nil, "not used: it is cut short") }
        // Read into memory of its own, never the file mapped: another program (a sync client, `rsync --inplace`)
        // cutting the file short or rewriting it in place while it was read crashed a mapped read with SIGBUS, or let
        // it use bytes the checksum never saw. The copy's pages are dropped as they are read, as the mapping's were.
        guard let map = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), map != MAP_FAILED else {
            return (nil, "not used: there is no memory to read it into")
        }
        defer { munmap(map, size) }
        #if os(Linux)
        _ = madvise(map, size, MADV_HUGEPAGE)  // filled at once: 2 MB at a time, not a fault per 4 KB page
        #endif
        var copied = 0
        // The header first; the rest once the log's prefix checksum has started on another core (`read`'s `fill`).
        func fill(to end: Int) -> Bool {
            while copied < end {
                let n = pread(fd, map + copied, min(4 << 20, end - copied), off_t(copied))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                copied += n
            }
            return true
        }
        guard fill(to: min(size, 64 << 10)) else { return (nil, "not used: it is cut short") }
        do throws(SnapshotReader.Unreadable) {
            let started = DispatchTime.now().uptimeNanoseconds
            let covered = try read(UnsafeRawBufferPointer(start: map, count: size), mapped: true, logFD: logFD, log: log,
                                   fill: { fill(to: size) })
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            let p = covered.practice
            return (covered, "used: it covers \(covered.offset) bytes, \(p.eventCount) events (\(p.clients.count) clients, \(p.appointments.count) appointments, \(p.clients.reduce(0) { $0 + $1.touchpoints.count }) touchpoints, \(p.autopilot.attempts.count) attempts); read and checked in \(String(format: "%.1f", ms)) ms")
        } catch {
            return (nil, "not used: \(error.why)")
        }
    }

    /// Why a snapshot file may not be trusted by its owner and mode; nil when it may. In a practice private to one
    /// account it is that account's own 0600 file; in a group-shared one, a 0660 file of the log's group (any of the
    /// staff accounts may have written it, as any of them may write the log).
    static func refusal(snapshot st: stat, log: stat) -> String? {
        let mode = st.st_mode & 0o7777
        if log.st_mode & 0o020 != 0 {
            guard mode == 0o660, st.st_gid == log.st_gid else { return "it is not a 0660 file of the log's group" }
            return nil
        }
        guard st.st_uid == geteuid() else { return "it belongs to another account" }
        guard mode == 0o600 else { return "its mode is \(octal(mode)), not 600" }
        return nil
    }

    /// Checks and reads the snapshot at `all`; `mapped` only when `all` is a mapping of its own, whose pages may be
    /// dropped as it goes (dropping a heap buffer's pages would zero other allocations sharing them).
    /// `fill` copies the bytes past the header into `all` (false when the file turned out shorter); it is called once
    /// the header is read and the prefix checksum started, so the two overlap.
    static func read(_ all: UnsafeRawBufferPointer, mapped: Bool, logFD: Int32, log: stat,
                     fill: () -> Bool = { true }) throws(SnapshotReader.Unreadable) -> Covered {
        var r = SnapshotReader(all)
        for m in magic { guard try r.byte() == m else { throw .init(why: "it is not a Keepwarm snapshot") } }
        guard try r.u32() == formatVersion else { throw .init(why: "another snapshot format") }
        guard try r.string() == build else { throw .init(why: "written by another build of Keepwarm") }
        guard try r.u64() == UInt64(log.st_dev), try r.u64() == UInt64(log.st_ino) else {
            throw .init(why: "it belongs to another log file (the log was rewritten, restored or replaced)")
        }
        let offset = Int(try r.u64()), lines = Int(try r.u64()), lastSeq = Int(try r.u64())
        let prefix = try r.u32()
        let length = Int(try r.u64()), payloadSum = try r.u32()
        let headerEnd = r.at
        guard try r.u32() == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[0..<headerEnd])) else {
            throw .init(why: "its header is damaged")
        }
        guard offset > 0, offset <= Int(log.st_size) else { throw .init(why: "the log is shorter than what it covers") }
        guard length == all.count - r.at else { throw .init(why: "it is cut short or has bytes after its end") }
        let payload = UnsafeRawBufferPointer(rebasing: all[r.at...])
        // The log's prefix is summed on another core while this one checks and reads the payload.
        let sum = Background { PrefixChecksum.update(PrefixChecksum.start, logFD, from: 0, to: offset) }
        defer { sum.wait() }
        guard fill() else { throw .init(why: "it is cut short") }
        guard CRC32C.checksum(payload) == payloadSum else { throw .init(why: "its contents are damaged") }
        var body = SnapshotReader(payload, mapped: mapped)
        let practice = try body.practice()
        guard body.atEnd else { throw .init(why: "it has bytes after its end") }
        guard practice.lastSeq == lastSeq else { throw .init(why: "its header and contents disagree") }
        guard let state = sum.value else { throw .init(why: "the log is shorter than what it covers") }
        guard PrefixChecksum.finish(state) == prefix else {
            throw .init(why: "the log's first \(offset) bytes changed since it was written (a hand edit, a restore or a rewrite)")
        }
        return Covered(practice: practice, offset: offset, lines: lines, prefix: state)
    }

    /// Writes the snapshot of what `log` has read, atomically (a temporary file renamed over the old one), with the
    /// log's sharing. Returns why not when it did not (a full disk, a log changed under it): it is only ever a saving.
    static func write(_ covered: Covered, for logPath: String, logFD: Int32) -> String {
        var log = stat()
        guard fstat(logFD, &log) == 0 else { return "not written: the log cannot be looked at" }
        let real = Files.followingLink(logPath)
        var w = SnapshotWriter(capacity: 64 << 20)
        w.practice(covered.practice)
        let payload = w.bytes
        var h = SnapshotWriter(capacity: 128)
        h.bytes = magic
        h.u32(formatVersion); h.string(build); h.u64(UInt64(log.st_dev)); h.u64(UInt64(log.st_ino))
        h.u64(UInt64(covered.offset)); h.u64(UInt64(covered.lines)); h.u64(UInt64(covered.practice.lastSeq))
        h.u32(PrefixChecksum.finish(covered.prefix)); h.u64(UInt64(payload.count)); h.u32(CRC32C.checksum(payload))
        h.u32(CRC32C.checksum(h.bytes))
        let target = real + ".snapshot"
        let temp = target + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let sharing = log.st_mode & 0o020 != 0 ? FileSharing(group: log.st_gid) : .privateToAccount
        let fd: Int32
        do throws(LogError) { fd = try sharing.createFile(temp) } catch { return "not written: \(error)" }
        var ok = true
        do throws(LogError) {
            try Files.writeAll(fd, h.bytes, path: temp)
            try Files.writeAll(fd, payload, path: temp)
        } catch { ok = false }
        close(fd)
        // No fsync: a snapshot a crash leaves half-written fails its checksums and is rebuilt. Only a snapshot of the
        // file the path still names is kept: an erasure or restore that replaced the log meanwhile removes them.
        guard ok, stillNames(real, log) else {
            unlink(temp)
            return ok ? "not written: the log was replaced meanwhile" : "not written: the disk refused it"
        }
        guard rename(temp, target) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temp)
            return "not written: \(target) cannot be replaced (\(why))"
        }
        if !stillNames(real, log) { unlink(target) }
        return "written: \(covered.offset) bytes, \(covered.practice.eventCount) events, \(h.bytes.count + payload.count) bytes"
    }

    static func stillNames(_ path: String, _ log: stat) -> Bool {
        var now = stat()
        return stat(path, &now) == 0 && now.st_dev == log.st_dev && now.st_ino == log.st_ino
    }

    /// Removes the snapshot and any temporary ones beside the log: `erase` calls it, since a snapshot holds the
    /// erased client's details. Returns the files removed.
    @discardableResult
    public static func remove(for logPath: String) -> [String] {
        let target = path(for: logPath)
        let folder = Files.folder(of: target).isEmpty ? "." : Files.folder(of: target)
        let name = (target as NSString).lastPathComponent
        var removed: [String] = []
        if unlink(target) == 0 { removed.append(target) }
        for other in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where other.hasPrefix(name + ".tmp-") {
            let full = (folder as NSString).appendingPathComponent(other)
            if unlink(full) == 0 { removed.append(full) }
        }
        return removed
    }
}
