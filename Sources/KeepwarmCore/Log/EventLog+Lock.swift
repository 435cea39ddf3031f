import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writers' lock, and what is checked once it is held: the file's placement and permissions, leftovers of an
/// interrupted erasure.
extension EventLog {
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
    func refuseIfExposed(_ fd: Int32) throws {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LogError.io(path: path, action: "check its permissions", errno: errno) }
        if st.st_mode & 0o007 != 0 {
            throw FileSafetyError.exposed(path: path, mode: st.st_mode, fix: st.st_mode & 0o020 != 0 ? 0o660 : 0o600)
        }
    }

    /// Once per process, under the lock (where no erasure is running): removes the temporary copies an erasure killed
    /// part-way left beside the log, which hold the details it was erasing.
    func removeErasureLeftoversOnce() {
        guard !leftoversRemoved else { return }
        leftoversRemoved = true
        removedLeftovers = Erasure.removeLeftoverTemps(of: Files.followingLink(path))
    }

    /// Refuses, once per log, to write on a network or cloud-synced folder unless allowed.
    func checkPlacement() throws {
        guard !placementChecked && !allowsSharedFolder else { return }
        if let kind = LogPlacement.sharedKind(of: path) { throw FileSafetyError.sharedFolder(path: path, kind: kind) }
        placementChecked = true
    }
}
