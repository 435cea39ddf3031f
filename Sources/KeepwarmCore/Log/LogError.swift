/// A problem at one place in the log, printed as `path:line:column: reason` so editors and people can find it.
public struct LogIssue: Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let reason: String
    public var description: String { "\(path):\(line):\(column): \(reason)" }
}

/// Why the log could not be opened, read or written. Each message says what to do next.
public enum LogError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case alreadyExists(path: String)
    case io(path: String, action: String, errno: Int32)
    case damaged(LogIssue, more: Int)
    case newerFormat(path: String, version: Int)
    case syncFailed(path: String, errno: Int32)
    case needsReload(path: String)
    /// An event the reader would refuse (a number out of its range, an instant beyond year 9999), so it was not written.
    case unreadable(LogIssue)

    /// Whether the disk, the account's quota or the file-size limit had no room: the failure a person fixes by
    /// freeing space.
    public var isNoRoom: Bool {
        guard case .io(_, _, let e) = self else { return false }
        return [ENOSPC, EDQUOT, EFBIG].contains(e)
    }

    public var description: String {
        switch self {
        case .missing(let p):
            return "no event log at \(p): create one with `keepwarm init --log \(p)`, or point --log or $KEEPWARM_LOG at yours"
        case .alreadyExists(let p):
            return "\(p) already exists; Keepwarm never overwrites a log. Choose another --log path or remove it yourself"
        case .io(let p, let action, let e) where isNoRoom:
            // What to do first: the console's status line is one row, and a long path would push it out of sight.
            return "the disk is full, so nothing was saved: free some space and try again (\(p): could not \(action): \(errnoText(e)))"
        case .io(let p, let action, let e):
            return "\(p): could not \(action): \(errnoText(e))"
        case .damaged(let issue, let more):
            let others = more > 0 ? " (and \(more) more)" : ""
            return "\(issue)\(others). The log is damaged, so nothing was written: run `keepwarm check` to list every problem, then `keepwarm repair` for a clean copy"
        case .newerFormat(let p, let v):
            return "\(p) was written by a newer Keepwarm (format version \(v)); upgrade Keepwarm to use it"
        case .syncFailed(let p, let e):
            return "\(p): the disk did not confirm the write (\(errnoText(e))); it may not be saved. Nothing more will be written until the log is re-read; check the disk, then try again"
        case .needsReload(let p):
            return "\(p): an earlier write was not confirmed by the disk; re-open the log before writing again"
        case .unreadable(let issue):
            return "\(issue): the log could not read this event back, so nothing was written"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func errnoText(_ e: Int32) -> String { String(cString: strerror(e)) }
