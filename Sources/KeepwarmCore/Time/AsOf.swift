import Foundation

extension EventLog {
    /// The practice as it stood at `until`: the log replayed up to the first event recorded after that instant.
    /// A figure for a closed period therefore stays as it was, whatever is recorded later. Damaged lines are skipped,
    /// as a normal open would; use `keepwarm check` to see them.
    public static func replay(path: String, until: Instant) throws -> Practice {
        guard let data = FileManager.default.contents(atPath: path) else { throw LogError.missing(path: path) }
        var practice = Practice()
        var newer: Int?
        data.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            var start = 0
            var first = true
            while start < all.count {
                guard let nl = all[start...].firstIndex(of: 0x0A) else { break }  // an incomplete last line is not an event yet
                var end = nl
                if end > start && all[end - 1] == 0x0D { end -= 1 }
                var lineStart = start
                if first && end - start >= 3 && all[start] == 0xEF && all[start + 1] == 0xBB && all[start + 2] == 0xBF { lineStart += 3 }
                first = false
                let line = UnsafeBufferPointer(rebasing: all[lineStart..<end])
                start = nl + 1
                switch try? EventCodec.decode(line) {
                case .header(let version)?:
                    if version > EventCodec.version { newer = version; return }
                case .event(let e)?:
                    if e.at > until { return }
                    try? practice.apply(e)
                case .unknown(_, let seq, let at, let by)?:
                    if at > until { return }
                    try? practice.skipUnknown(seq: seq, by: by)
                default:
                    continue
                }
            }
        }
        if let v = newer { throw LogError.newerFormat(path: path, version: v) }
        return practice
    }
}
