import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small, careful file-system steps shared by the log and its side files.
enum Files {
    /// Creates missing parent directories (mode 0700 unless told otherwise: client data is nobody else's business) and
    /// returns the ones it made, outermost first.
    @discardableResult
    static func makeParentDirectories(of path: String, mode: mode_t = 0o700) throws(LogError) -> [String] {
        let dir = (path as NSString).deletingLastPathComponent
        guard !dir.isEmpty else { return [] }
        var missing: [String] = []
        var d = dir
        while !d.isEmpty && d != "/" && access(d, F_OK) != 0 {
            missing.append(d)
            d = (d as NSString).deletingLastPathComponent
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
        let dir = (path as NSString).deletingLastPathComponent
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
