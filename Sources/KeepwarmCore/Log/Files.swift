import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small, careful file-system steps shared by the log and its side files.
enum Files {
    /// Creates missing parent directories with mode 0700: client data is nobody else's business.
    static func makeParentDirectories(of path: String) throws(LogError) {
        let dir = (path as NSString).deletingLastPathComponent
        guard !dir.isEmpty else { return }
        var missing: [String] = []
        var d = dir
        while !d.isEmpty && d != "/" && access(d, F_OK) != 0 {
            missing.append(d)
            d = (d as NSString).deletingLastPathComponent
        }
        for m in missing.reversed() {
            if mkdir(m, 0o700) != 0 && errno != EEXIST { throw .io(path: m, action: "create the folder", errno: errno) }
            chmod(m, 0o700)
        }
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
        let dir = (path as NSString).deletingLastPathComponent
        let fd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
