/// Applies a store's log lines, one whole line at a time and in order, to a practice: the reading half of every store
/// whose lines arrive complete (a database row, memory). The file log has its own reader (`EventLog.ingest`), which
/// also handles what only a file can hold: a torn tail, a batch half written, CRLF line ends, lines out of place.
public struct StoreReplay {
    public private(set) var practice = Practice()
    /// Lines that did not read or apply, named by their place in the store's order.
    public private(set) var damage: [LogIssue] = []
    /// Unknown event types (a newer Keepwarm wrote them), once per type.
    public private(set) var warnings: [String] = []
    /// Lines taken so far, the header included: the next line's number is `lines + 1`.
    public private(set) var lines = 0
    /// Set once a look back (`until`) meets the first event after its instant: nothing more is applied.
    public private(set) var stopped = false
    let location: String
    let until: Instant?
    private var scratch = DecodeScratch()
    private var unknownTypes: Set<String> = []

    public init(location: String, until: Instant? = nil) {
        self.location = location
        self.until = until
    }

    /// Reads one line (its newline, if any, is ignored) and applies it.
    public mutating func take(_ line: [UInt8]) {
        line.withUnsafeBufferPointer { take($0) }
    }

    /// Reads one line held elsewhere (a database row's bytes, without a copy of its own) and applies it.
    public mutating func take(_ line: UnsafeBufferPointer<UInt8>) {
        lines += 1
        guard !stopped else { return }
        let n = line.last == 0x0A ? line.count - 1 : line.count
        let decoded: Result<DecodedLine, LineDamage>
        do throws(LineDamage) {
            decoded = .success(try EventCodec.decode(UnsafeBufferPointer(rebasing: line[0..<n]), scratch: &scratch))
        } catch {
            decoded = .failure(error)
        }
        switch decoded {
        case .failure(let error):
            damage.append(LogIssue(path: location, line: lines, column: error.column, reason: error.reason))
        case .success(.header(let version)):
            if lines != 1 {
                damage.append(LogIssue(path: location, line: lines, column: 1, reason: "a second header line in the middle of the log"))
            } else if version > EventCodec.version {
                damage.append(LogIssue(path: location, line: 1, column: 1,
                                       reason: "written by a newer Keepwarm (format version \(version)); upgrade Keepwarm to use it"))
            }
        case .success(let d) where lines == 1:
            _ = d
            damage.append(LogIssue(path: location, line: 1, column: 1, reason: "the first line must be the keepwarm-events header"))
        case .success(.event(let e)):
            if let until, e.at > until { stopped = true; return }
            do {
                try practice.apply(e)
            } catch {
                damage.append(LogIssue(path: location, line: lines, column: 1, reason: error.reason))
            }
        case .success(.unknown(let type, let seq, let at, let by)):
            if let until, at > until { stopped = true; return }
            do {
                try practice.skipUnknown(seq: seq, by: by)
                if unknownTypes.insert(type).inserted {
                    warnings.append("\(location):\(lines):1: events of type \(type) were written by a newer Keepwarm; they are skipped")
                }
            } catch {
                damage.append(LogIssue(path: location, line: lines, column: 1, reason: error.reason))
            }
        }
    }
}
