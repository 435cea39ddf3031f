import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file log is the embedded store: one plain-text file, locked with `flock`, watched by its size and time.
extension EventLog: EventStore {
    public var location: String { path }

    public var identity: StoreIdentity {
        let id = fileIdentity.map { "\($0.dev):\($0.ino)" } ?? "unread"
        return StoreIdentity(kind: "file", name: "\(id)@\(generation)")
    }

    public var fileSharing: FileSharing { FileSharing.of(log: path) }

    public func erase(_ client: ClientID, by: String, at: Instant, letters: [String], maildirs: [String]) throws -> Erasure.Outcome {
        try Erasure.erase(client, in: self, by: by, at: at, letters: letters, maildirs: maildirs)
    }

    public func practice(asOf until: Instant) throws -> Practice {
        try EventLog.replay(path: path, until: until)
    }

    public func mayHaveNews() -> Bool {
        var st = stat()
        let stamp: (Int64, Int64) = stat(path, &st) == 0
            ? (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)) : (-1, -1)
        guard stamp != newsStamp else { return false }
        newsStamp = stamp
        return true
    }

    public func logLines() throws -> [UInt8] {
        // Only the lines read: a line another desk is still writing, or a torn tail, is not the practice's yet.
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LogError.io(path: path, action: "read it", errno: errno)
        }
        return [UInt8](data.prefix(bytesRead))
    }
}
