import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a writer waits when another desk holds the log's lock: after `noticeAfter` seconds `waiting` is told who holds
/// it, then again every `every` seconds, and may give up by returning false; `giveUpAfter` gives up by itself. Without
/// one (`EventLog.lockWait` nil) a writer simply blocks until the lock is free, as the test tools do.
public struct LockWait {
    public var noticeAfter: Double
    public var every: Double
    public var giveUpAfter: Double?
    public var waiting: (LockHolder?, _ waited: Double) -> Bool

    public init(noticeAfter: Double = 2, every: Double = 0.25, giveUpAfter: Double? = nil,
                waiting: @escaping (LockHolder?, Double) -> Bool) {
        self.noticeAfter = noticeAfter
        self.every = every
        self.giveUpAfter = giveUpAfter
        self.waiting = waiting
    }

    /// Takes the exclusive lock on `fd` (or a shared one, for a reader such as `repair` that must see no write half
    /// done), trying without blocking and sleeping between tries (1 ms, doubling to 20 ms), so a person can be told
    /// why nothing is happening and the wait can end.
    func lock(_ fd: Int32, path: String, shared: Bool = false) throws {
        let start = Self.seconds()
        var nextNotice = noticeAfter, pause: Double = 0.001
        while true {
            if flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) == 0 { return }
            let e = errno
            guard e == EWOULDBLOCK || e == EINTR else { throw LogError.io(path: path, action: "lock it", errno: e) }
            let waited = Self.seconds() - start
            if let limit = giveUpAfter, waited >= limit {
                throw LockWaitError(path: path, holder: LockHolder.of(fd: fd), seconds: limit)
            }
            if waited >= nextNotice {
                if !waiting(LockHolder.of(fd: fd), waited) {
                    throw LockWaitError(path: path, holder: LockHolder.of(fd: fd), seconds: waited)
                }
                nextNotice = waited + every
            }
            var limit = nextNotice - waited
            if let g = giveUpAfter { limit = min(limit, g - waited) }
            usleep(useconds_t(max(0, min(pause, limit)) * 1_000_000))
            pause = min(pause * 2, 0.02)
        }
    }

    static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// Another desk kept the log's lock for longer than this writer would wait; nothing was written.
public struct LockWaitError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let holder: LockHolder?
    public let seconds: Double

    /// Any store's writer that gave up: the file log names its holder; a database's lock says nobody.
    public init(path: String, holder: LockHolder?, seconds: Double) {
        self.path = path
        self.holder = holder
        self.seconds = seconds
    }

    public var description: String {
        let who = holder.map { " (\($0))" } ?? ""
        return "another desk is still writing \(path)\(who); gave up after \(Self.seconds(seconds)) s, so nothing was written. Try again in a moment"
    }

    /// `1`, `2.5`: seconds as a person would write them.
    public static func seconds(_ s: Double) -> String {
        s == s.rounded() && abs(s) < 1e9 ? String(Int(s)) : String(format: "%.1f", s)
    }
}
