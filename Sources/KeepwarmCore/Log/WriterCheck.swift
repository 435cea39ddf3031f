#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EventLog {
    /// Waits for the writers' lock exactly as a write would (`lockWait`: says who holds it, may give up), catches up
    /// with other writers, runs `check` on that fresh state and lets go, appending nothing. For work done outside the
    /// log before its event is written (an email sent), which must not begin when the write would be refused or when
    /// `--wait` would run out before the log could be had.
    public func checkAsWriter<T>(_ check: (Practice) throws -> T) throws -> T {
        try underLock(writing: true) { _ in try check(practice) }
    }
}
