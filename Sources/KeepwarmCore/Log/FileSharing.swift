import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may read Keepwarm's files: one account (0600 files in a 0700 folder), or a staff group (0660 files in a
/// setgid 2770 folder) when staff use separate accounts. Every file Keepwarm writes follows the log's own choice.
public struct FileSharing: Equatable, Sendable {
    /// The staff group, or nil for files private to one account.
    public let group: gid_t?

    public static let privateToAccount = FileSharing(group: nil)

    public init(group: gid_t?) { self.group = group }

    public var fileMode: mode_t { group == nil ? 0o600 : 0o660 }
    public var folderMode: mode_t { group == nil ? 0o700 : 0o2770 }

    /// The sharing a log already has: group-shared when its group may write it (a 0644 log is only a loose umask).
    public static func of(log path: String) -> FileSharing {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & 0o020 != 0 else { return .privateToAccount }
        return FileSharing(group: st.st_gid)
    }

    /// A staff group by name.
    public static func group(named name: String) throws(FileSafetyError) -> FileSharing {
        guard let g = getgrnam(name) else { throw .unknownGroup(name) }
        return FileSharing(group: g.pointee.gr_gid)
    }

    /// Creates a new file (never replacing one) with this sharing's mode and group.
    public func createFile(_ path: String) throws(LogError) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        guard fd >= 0 else {
            let e = errno
            throw e == EEXIST ? .alreadyExists(path: path) : .io(path: path, action: "create it", errno: e)
        }
        // The umask may have taken bits away; the mode is a promise, so set it exactly.
        fchmod(fd, fileMode)
        if let g = group { _ = fchown(fd, uid_t.max, g) }
        return fd
    }

    /// Creates a file, writes `bytes`, and makes both durable. A file that could not be written whole (a full disk)
    /// is removed again: a truncated copy beside the log would look like a good one.
    public func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(LogError) {
        let fd = try createFile(path)
        do throws(LogError) {
            defer { close(fd) }
            try Files.writeAll(fd, bytes, path: path)
            guard fsync(fd) == 0 else { throw LogError.syncFailed(path: path, errno: errno) }
        } catch {
            unlink(path)
            throw error
        }
        Files.syncDirectory(of: path)
    }

    /// Makes missing parent folders with this sharing's mode and group; returns the ones it made, outermost first,
    /// so a command that fails can take them away again.
    @discardableResult
    public func makeParentFolders(of path: String) throws(LogError) -> [String] {
        let made = try Files.makeParentDirectories(of: path, mode: folderMode)
        for m in made {
            chmod(m, folderMode)
            if let g = group { _ = chown(m, uid_t.max, g) }
        }
        return made
    }

    /// Makes one folder (and any missing above it) with this sharing's mode and group; an existing folder is left
    /// exactly as it is. Returns the folders it made, outermost first.
    @discardableResult
    public func makeFolder(_ path: String) throws(LogError) -> [String] {
        try makeParentFolders(of: (path as NSString).appendingPathComponent("x"))
    }

    /// Removes folders a failed command made (innermost first), if they are still empty.
    public static func removeFolders(_ made: [String]) {
        for m in made.reversed() { rmdir(m) }
    }
}

/// File permissions and places that would let the wrong people in, or let two computers corrupt one log.
public enum FileSafetyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Other accounts on the computer can read or change the log.
    case exposed(path: String, mode: mode_t, fix: mode_t)
    case unknownGroup(String)
    /// `init --group` on a folder that exists but is not shared with that group.
    case folderNotShared(folder: String, group: String)
    /// The log is on a network or cloud-synced folder, where locking does not protect it.
    case sharedFolder(path: String, kind: String)

    public var description: String {
        switch self {
        case .exposed(let p, let mode, let fix):
            return "\(p) can be read by other accounts on this computer (mode \(octal(mode))), and it holds client records; nothing was written. Run `chmod \(octal(fix)) \(p)` and try again"
        case .unknownGroup(let g):
            return "there is no group called \(g) on this computer; create it (e.g. `sudo groupadd \(g)`) and add the staff accounts to it, then try again"
        case .folderNotShared(let f, let g):
            return "\(f) already exists but is not a folder shared with \(g); run `chgrp \(g) \(f) && chmod 2770 \(f)`, or choose a new folder with --log"
        case .sharedFolder(let p, let kind):
            return "\(p) is on \(kind); two computers writing one log there can lose events, so nothing was written. Keep the log on one computer and open the console on it over ssh (Docs/reliability.md), or pass --allow-network-fs if only one computer ever writes"
        }
    }
}

func octal(_ mode: mode_t) -> String { String(mode & 0o7777, radix: 8) }
