import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small, careful file-system steps shared by the log and its side files.
enum Files {
    /// The folder part of a path ("" for a bare name, "/" for a name at the root). Foundation's
    /// `deletingLastPathComponent` crashes on a one-character name ("b"), which walking up `--log b/events.log` meets.
    static func folder(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        var folder = p[..<slash]
        while folder.count > 1 && folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// Creates missing parent directories (mode 0700 unless told otherwise: client data is nobody else's business) and
    /// returns the ones it made, outermost first.
    @discardableResult
    static func makeParentDirectories(of path: String, mode: mode_t = 0o700) throws(LogError) -> [String] {
        let dir = folder(of: path)
        guard !dir.isEmpty else { return [] }
        var missing: [String] = []
        var d = dir
        while !d.isEmpty && d != "/" && access(d, F_OK) != 0 {
            missing.append(d)
            d = folder(of: d)
        }
        for m in missing.reversed() {
            if mkdir(m, 0o700) != 0 && errno != EEXIST { throw .io(path: m, action: "create the folder", errno: errno) }
            chmod(m, mode)
        }
        return missing.reversed()
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(LogError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, action: "write it", errno: errno)
            }
            done += n
        }
    }

    /// Makes a new directory entry durable; best effort, as some file systems refuse fsync on directories.
    static func syncDirectory(of path: String) {
        let dir = folder(of: path)
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

extension Files {
    /// The first `count` bytes of an open file.
    static func readPrefix(_ fd: Int32, count: Int, path: String) throws(LogError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io(path: path, action: "read it", errno: n < 0 ? errno : EIO) }
            done += n
        }
        return bytes
    }

    /// The size of an open file.
    static func size(_ fd: Int32, path: String) throws(LogError) -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(path: path, action: "read it", errno: errno) }
        return Int(st.st_size)
    }
}

extension Files {
    /// The file `path` names once every symbolic link is followed, so a replace lands on the real file and leaves a
    /// link a link, and copies made beside the log sit beside the real file (same folder, same file system). A path
    /// that does not exist yet keeps its name in its folder's real path; a link to a missing file gives its target.
    static func realPath(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            if let resolved = realpath(current, nil) {
                defer { free(resolved) }
                return String(cString: resolved)
            }
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { break }
            // A link to a file that is not there yet (a restore onto a fresh disk): follow it by hand.
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &target, target.count - 1)
            guard n > 0 else { break }
            let text = String(decoding: target[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let base = folder(of: current)
            current = text.hasPrefix("/") || base.isEmpty ? text : (base as NSString).appendingPathComponent(text)
        }
        let dir = folder(of: current)
        guard let resolved = realpath(dir.isEmpty ? "." : dir, nil) else { return current }
        defer { free(resolved) }
        return (String(cString: resolved) as NSString).appendingPathComponent((current as NSString).lastPathComponent)
    }

    /// `path` itself, unless it is a symbolic link: then the real file it leads to. Side files (`.torn-…`,
    /// `.before-restore-…`, `.repaired`) are named from this, so they sit beside the real log (a link's own folder may
    /// be elsewhere) and a path without links is shown exactly as the person typed it.
    static func followingLink(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return path }
        return realPath(path)
    }

    /// Gives a file Keepwarm just made beside the log to the log's owner and group, so a command run as root (an
    /// administrator's restore) leaves copies the practice's own account can read, and `erase` can clean. Only root
    /// can give a file away; for anyone else this does nothing.
    static func giveToLogOwner(_ path: String, log: String) {
        guard geteuid() == 0 else { return }
        var st = stat()
        guard stat(log, &st) == 0 else { return }
        _ = chown(path, st.st_uid, st.st_gid)
    }

    /// Replaces the file at `path` (its real file, when `path` is a link) with `bytes`, atomically: a temporary copy
    /// `.<name>.<purpose>-<pid>` in the real file's folder, with the original's owner, group and mode (so a restore
    /// run as root hands the log back to its owner), fsynced, passed to `verify`, renamed over the file, and the
    /// folder fsynced. On any failure the temporary copy is removed and the file is as it was.
    static func replace(_ path: String, with bytes: [UInt8], purpose: String = "replacing",
                        verify: (String) throws -> Void = { _ in }) throws {
        let real = realPath(path)
        let temp = (folder(of: real) as NSString).appendingPathComponent(".\((real as NSString).lastPathComponent).\(purpose)-\(getpid())")
        unlink(temp)
        var original = stat()
        let existed = stat(real, &original) == 0
        let fd = try FileSharing.of(log: real).createFile(temp)
        do {
            do {
                defer { close(fd) }
                if existed {
                    // Root may give the copy away; anyone else keeps what createFile gave (their own account).
                    _ = fchown(fd, original.st_uid, original.st_gid)
                    fchmod(fd, original.st_mode & 0o7777)
                }
                try writeAll(fd, bytes, path: temp)
                guard fsync(fd) == 0 else { throw LogError.syncFailed(path: temp, errno: errno) }
            }
            try verify(temp)
            guard rename(temp, real) == 0 else { throw LogError.io(path: real, action: "replace it", errno: errno) }
        } catch {
            unlink(temp)
            throw error
        }
        syncDirectory(of: real)
    }
}
