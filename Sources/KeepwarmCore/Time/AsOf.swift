import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EventLog {
    /// The practice as it stood at `until`: the log replayed up to the first event recorded after that instant.
    /// A figure for a closed period therefore stays as it was, whatever is recorded later. Damaged lines are skipped,
    /// as a normal open would; use `keepwarm check` to see them.
    public static func replay(path: String, until: Instant) throws -> Practice {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ENOENT ? LogError.missing(path: path) : LogError.io(path: path, action: "open it", errno: errno) }
        defer { close(fd) }
        var practice = Practice()
        var newer: Int?
        var done = false
        var scratch = DecodeScratch()
        // Read a megabyte at a time rather than the whole file at once, and decode as replay does; an incomplete
        // last line is not an event yet.
        try LineStream.forEach(fd, path: path) { number, raw in
            guard !done else { return }
            var line = raw
            if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            if number == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
                line = UnsafeBufferPointer(rebasing: line.dropFirst(3))
            }
            switch try? EventCodec.decode(line, scratch: &scratch) {
            case .header(let version)?:
                if version > EventCodec.version {
                    newer = version
                    done = true
                }
            case .event(let e)?:
                if e.at > until { done = true } else { try? practice.apply(e) }
            case .unknown(_, let seq, let at, let by)?:
                if at > until { done = true } else { try? practice.skipUnknown(seq: seq, by: by) }
            default:
                break
            }
        }
        if let v = newer { throw LogError.newerFormat(path: path, version: v) }
        return practice
    }
}
