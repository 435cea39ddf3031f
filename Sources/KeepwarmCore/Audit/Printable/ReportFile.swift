import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report of client data written to a file of the owner's choosing: readable by this account only (0600), written
/// whole or not at all (a temporary copy in the same folder, made durable, then put in place in one step), and never
/// over an existing file unless the owner said `--force`.
public enum ReportFile {
    /// Refuses a file that is already there, before any work is done, unless it may be replaced.
    public static func checkFree(_ path: String, force: Bool) throws(CommandError) {
        var st = stat()
        guard !force, lstat(path, &st) == 0 else { return }
        throw CommandError("\(path) already exists; nothing was written. Choose another --out file, or add --force to replace it")
    }

    /// Writes `bytes` to `path`: a temporary `.<name>.<pid>.tmp` beside it (0600, fsynced), then linked into place
    /// (which fails rather than replace a file another program made meanwhile) or, with `force`, renamed over the old
    /// one. On any failure the temporary copy is removed and `path` is as it was.
    public static func save(_ bytes: [UInt8], to path: String, force: Bool) throws(CommandError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temp = folder + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        func failed(_ what: String, _ e: Int32) -> CommandError {
            CommandError("can't \(what) \(path): \(String(cString: strerror(e))); nothing was written")
        }
        unlink(temp)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failed("write", errno) }
        // The umask may have taken bits away, and a report of client data is for this account only: set it exactly.
        fchmod(fd, 0o600)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let e = errno
                close(fd)
                unlink(temp)
                throw failed("write", e)
            }
            done += n
        }
        guard fsync(fd) == 0 else {
            let e = errno
            close(fd)
            unlink(temp)
            throw failed("write", e)
        }
        close(fd)
        if force {
            guard rename(temp, path) == 0 else { let e = errno; unlink(temp); throw failed("replace", e) }
        } else {
            guard link(temp, path) == 0 else {
                let e = errno
                unlink(temp)
                if e == EEXIST { throw CommandError("\(path) appeared while the report was being made; nothing was written. Choose another --out file, or add --force to replace it") }
                throw failed("write", e)
            }
            unlink(temp)
        }
        let dir = open(folder, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
