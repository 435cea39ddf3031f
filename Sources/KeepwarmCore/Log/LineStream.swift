#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks the complete lines of an open file in order, a megabyte at a time, so a large log is never held whole.
enum LineStream {
    /// Calls `body` with each complete line's 1-based number (counted from `start`) and its bytes (without the newline),
    /// reading from byte `start` and no further than `limit`, `chunk` bytes at a time (a caller expecting only a line
    /// or two asks for less); returns the bytes after the last newline (an incomplete line) and where they start.
    @discardableResult
    static func forEach(_ fd: Int32, path: String, from start: Int = 0, limit: Int = .max, chunk: Int = 1 << 20,
                        _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) throws(LogError) -> (tail: [UInt8], tailStart: Int) {
        var buf = [UInt8](repeating: 0, count: chunk)
        var carry: [UInt8] = []
        var pos = start
        var number = 0
        var lineStart = start
        while pos < limit {
            let want = min(chunk, limit - pos)
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(pos)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, action: "read it", errno: errno)
            }
            if n == 0 { break }
            let base = pos
            pos += n
            buf.withUnsafeBufferPointer { p in
                var from = 0
                while from < n {
                    guard let nl = memchr(p.baseAddress! + from, 0x0A, n - from) else {
                        carry.append(contentsOf: UnsafeBufferPointer(rebasing: p[from..<n]))
                        break
                    }
                    let end = p.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                    number += 1
                    if carry.isEmpty {
                        body(number, UnsafeBufferPointer(rebasing: p[from..<end]))
                    } else {
                        carry.append(contentsOf: UnsafeBufferPointer(rebasing: p[from..<end]))
                        carry.withUnsafeBufferPointer { body(number, $0) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    from = end + 1
                    lineStart = base + from
                }
            }
        }
        return (carry, lineStart)
    }
}
