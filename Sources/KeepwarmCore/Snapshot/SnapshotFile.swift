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
/// the offset, line count and last seq it covers, the CRC-32C of the log's first `offset` bytes, a random seed, and
/// each section's length and CRC-32C), the header's own CRC-32C; then the sections (`SnapshotSections`).
public enum SnapshotFile {
    static let magic: [UInt8] = Array("KWSNAP1\n".utf8)
    /// Bumped whenever the layout of the header or the sections changes; a snapshot of another version is ignored.
    static let formatVersion: UInt32 = 6

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
        // The header alone first (it names every section and its checksum); then each section is read by the thread
        // that takes it, into a buffer of its own (`SnapshotParts`). Never the file mapped: another program (a sync
        // client, `rsync --inplace`) cutting it short or rewriting it in place while it was read crashed a mapped read
        // with SIGBUS, or let it use bytes the checksum never saw. A copied section is checked as copied.
        var head = [UInt8](repeating: 0, count: min(size, maxHeader))
        guard head.withUnsafeMutableBytes({ readAll(fd, $0, at: 0) }) else { return (nil, "not used: it is cut short") }
        do throws(SnapshotReader.Unreadable) {
            let started = DispatchTime.now().uptimeNanoseconds
            let h = try Header(head)
            let covered = try read(h, size: size, logFD: logFD, log: log) { at, into in readAll(fd, into, at: at) }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            let p = covered.practice
            return (covered, "used: it covers \(covered.offset) bytes, \(p.eventCount) events (\(p.clients.count) clients, \(p.appointments.count) appointments, \(touchpoints(p)) touchpoints, \(p.autopilot.attempts.count) attempts); read and checked in \(String(format: "%.1f", ms)) ms")
        } catch {
            return (nil, "not used: \(error.why)")
        }
    }

    /// How many touchpoints the clients have, without reading any still unread or copying a client.
    static func touchpoints(_ p: Practice) -> Int {
        var n = 0
        for k in p.clients.indices { n += p.clients[k].touchpointList.count }
        return n
    }

    /// The most a header may take: a count and checksum per part of a few thousand records, so about 15 bytes per
    /// 2,000 records; a megabyte is room for a log a hundred times larger than the largest measured.
    static let maxHeader = 1 << 20

    /// Copies `into.count` bytes at `at` of the file; false when it ends sooner.
    static func readAll(_ fd: Int32, _ into: UnsafeMutableRawBufferPointer, at: Int) -> Bool {
        var done = 0
        while done < into.count {
            let n = pread(fd, into.baseAddress! + done, into.count - done, off_t(at + done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// A snapshot's header: what it covers and where each of its sections is (`SnapshotSections`).
    struct Header {
        var device: UInt64 = 0, inode: UInt64 = 0
        var offset = 0, lines = 0, lastSeq = 0
        var prefix: UInt32 = 0
        /// Random for each file written, and summed before each section's bytes: a section of another snapshot file
        /// (a copy half-written over this one) never passes as this one's.
        var seed: UInt64 = 0
        /// Each section, its place counted from the header's end.
        var sections: [SnapshotParts.Section] = []
        /// Where the header ends, after its checksum: the first section starts here.
        var end = 0

        init(_ bytes: [UInt8]) throws(SnapshotReader.Unreadable) {
            var result: Result<Header, SnapshotReader.Unreadable> = .failure(.init(why: "it is cut short"))
            bytes.withUnsafeBytes { b in
                do throws(SnapshotReader.Unreadable) { result = .success(try Header(b)) } catch { result = .failure(error) }
            }
            self = try result.get()
        }

        /// Reads and checks the header at the start of `b`: its format, build and checksum (not yet whether it fits
        /// the log: `SnapshotFile.read`).
        init(_ b: UnsafeRawBufferPointer) throws(SnapshotReader.Unreadable) {
            var r = SnapshotReader(b)
            for m in magic { guard try r.byte() == m else { throw .init(why: "it is not a Keepwarm snapshot") } }
            guard try r.u32() == formatVersion else { throw .init(why: "another snapshot format") }
            guard try r.string() == build else { throw .init(why: "written by another build of Keepwarm") }
            device = try r.u64(); inode = try r.u64()
            offset = Int(truncatingIfNeeded: try r.u64()); lines = Int(truncatingIfNeeded: try r.u64())
            lastSeq = Int(truncatingIfNeeded: try r.u64())
            prefix = try r.u32()
            seed = try r.u64()
            var at = 0
            func section(_ kind: SnapshotParts.Section.Kind, count: Int, first: Int, _ r: inout SnapshotReader) throws(SnapshotReader.Unreadable) {
                let length = try r.nonNegative(), sum = try r.u32()
                // A record takes a byte at least, and the whole must fit in a file: no sum below can overflow.
                guard count <= length, length <= Int(Int32.max) else { throw .init(why: "a section's length is out of range") }
                sections.append(.init(kind: kind, at: at, length: length, checksum: sum, count: count, first: first))
                at += length
            }
            try section(.rest, count: 0, first: 0, &r)
            for kind in [SnapshotParts.Section.Kind.appointments, .clients] {
                let n = try r.nonNegative()
                guard n <= b.count else { throw .init(why: "a count is out of range") }
                var first = 0
                for _ in 0..<n {
                    let count = try r.nonNegative()
                    try section(kind, count: count, first: first, &r)
                    first += count
                }
            }
            let headerEnd = r.at
            guard try r.u32() == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[0..<headerEnd])) else {
                throw .init(why: "its header is damaged")
            }
            end = r.at
        }

        /// The bytes the sections take together.
        var payload: Int { sections.reduce(0) { $0 + $1.length } }
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

    /// Checks that the snapshot whose header is `h` (a file of `size` bytes) fits the log open as `logFD`, and reads
    /// its sections through `fetch` (`SnapshotParts`) while the log's prefix checksum is summed on another core.
    static func read(_ h: Header, size: Int, logFD: Int32, log: stat,
                     fetch: @escaping (Int, UnsafeMutableRawBufferPointer) -> Bool) throws(SnapshotReader.Unreadable) -> Covered {
        guard h.device == UInt64(log.st_dev), h.inode == UInt64(log.st_ino) else {
            throw .init(why: "it belongs to another log file (the log was rewritten, restored or replaced)")
        }
        guard h.offset > 0, h.offset <= Int(log.st_size) else { throw .init(why: "the log is shorter than what it covers") }
        guard h.payload == size - h.end else { throw .init(why: "it is cut short or has bytes after its end") }
        let sum = Background { PrefixChecksum.update(PrefixChecksum.start, logFD, from: 0, to: h.offset) }
        defer { sum.wait() }
        let sections = h.sections.map { SnapshotParts.Section(kind: $0.kind, at: h.end + $0.at, length: $0.length,
                                                               checksum: $0.checksum, count: $0.count, first: $0.first) }
        let practice = try SnapshotParts(sections: sections, seed: h.seed, fetch: fetch).read()
        guard practice.lastSeq == h.lastSeq else { throw .init(why: "its header and contents disagree") }
        guard let state = sum.value else { throw .init(why: "the log is shorter than what it covers") }
        guard PrefixChecksum.finish(state) == h.prefix else {
            throw .init(why: "the log's first \(h.offset) bytes changed since it was written (a hand edit, a restore or a rewrite)")
        }
        return Covered(practice: practice, offset: h.offset, lines: h.lines, prefix: state)
    }

    /// What became of writing a snapshot: the debug note, and, when the disk (or the account's quota or file-size
    /// limit) had no room, the one failure a person can do something about, what to tell them.
    struct Written {
        let note: String
        var noRoom: String? = nil
    }

    /// Writes the snapshot of what `log` has read, atomically (a temporary file renamed over the old one), with the
    /// log's sharing. Says why not when it did not (a full disk, a log changed under it): it is only ever a saving.
    static func write(_ covered: Covered, for logPath: String, logFD: Int32) -> Written {
        var log = stat()
        guard fstat(logFD, &log) == 0 else { return Written(note: "not written: the log cannot be looked at") }
        let real = Files.followingLink(logPath)
        let sections = SnapshotSections(covered.practice)
        let h = header(covered, sections, device: UInt64(log.st_dev), inode: UInt64(log.st_ino), seed: .random(in: .min ... .max))
        let target = real + ".snapshot"
        let temp = target + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let sharing = log.st_mode & 0o020 != 0 ? FileSharing(group: log.st_gid) : .privateToAccount
        let fd: Int32
        do throws(LogError) { fd = try sharing.createFile(temp) } catch {
            return Written(note: "not written: \(error)", noRoom: noRoom(error, target))
        }
        var failure: LogError?
        do throws(LogError) {
            try Files.writeAll(fd, h, path: temp)
            try Files.writeAll(fd, sections.rest, path: temp)
            for part in sections.appointments + sections.clients { try Files.writeAll(fd, part.bytes, path: temp) }
        } catch { failure = error }
        close(fd)
        // No fsync: a snapshot a crash leaves half-written fails its checksums and is rebuilt. Only a snapshot of the
        // file the path still names is kept: an erasure or restore that replaced the log meanwhile removes them.
        if let failure {
            unlink(temp)
            return Written(note: "not written: the disk refused it", noRoom: noRoom(failure, target))
        }
        guard stillNames(real, log) else {
            unlink(temp)
            return Written(note: "not written: the log was replaced meanwhile")
        }
        guard rename(temp, target) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temp)
            return Written(note: "not written: \(target) cannot be replaced (\(why))")
        }
        if !stillNames(real, log) { unlink(target) }
        let total = h.count + sections.rest.count + (sections.appointments + sections.clients).reduce(0) { $0 + $1.bytes.count }
        return Written(note: "written: \(covered.offset) bytes, \(covered.practice.eventCount) events, \(total) bytes")
    }

    /// What to tell a person when `error` means there was no room for the snapshot at `target`; nil for any other
    /// failure (a read-only folder, say, where every command reading the whole log is the expected cost).
    static func noRoom(_ error: LogError, _ target: String) -> String? {
        guard error.isNoRoom else { return nil }
        return "no room on the disk for the log's snapshot (\(target)), so every command reads the whole log and is slower: free some space"
    }

    /// The header's bytes for `sections` (see `Header`), each section summed after `seed`.
    static func header(_ covered: Covered, _ sections: SnapshotSections, device: UInt64, inode: UInt64, seed: UInt64) -> [UInt8] {
        var h = SnapshotWriter(capacity: 4096)
        h.bytes = magic
        h.u32(formatVersion); h.string(build); h.u64(device); h.u64(inode)
        h.u64(UInt64(covered.offset)); h.u64(UInt64(covered.lines)); h.u64(UInt64(covered.practice.lastSeq))
        h.u32(PrefixChecksum.finish(covered.prefix)); h.u64(seed)
        func sum(_ b: [UInt8]) -> UInt32 { b.withUnsafeBytes { CRC32C.checksum($0, seed: seed) } }
        h.int(sections.rest.count); h.u32(sum(sections.rest))
        for parts in [sections.appointments, sections.clients] {
            h.int(parts.count)
            for part in parts { h.int(part.count); h.int(part.bytes.count); h.u32(sum(part.bytes)) }
        }
        h.u32(CRC32C.checksum(h.bytes))
        return h.bytes
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
