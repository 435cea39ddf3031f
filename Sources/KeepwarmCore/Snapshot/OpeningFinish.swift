import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The work an opening left (`EventStore.finishOpening`), running on a thread of its own while the console draws.
public final class OpeningFinish: @unchecked Sendable {
    private let work: Background<String?>
    private let lock = NSLock()
    private var heard = false

    init(_ work: Background<String?>) { self.work = work }

    /// Its warning once it is done, and only the first time asked; nil while it runs, or when it had none.
    public func warningIfDone() -> String? {
        guard work.isDone else { return nil }
        return lock.withLock {
            defer { heard = true }
            return heard ? nil : work.value
        }
    }

    /// Waits until it is done; its warning, if any (whether or not it was already heard).
    @discardableResult
    public func wait() -> String? { work.value }
}

extension EventStore {
    /// Runs `finishOpening` on a thread of its own at the lowest priority (on Linux a thread's nice value is its own),
    /// so whatever the caller does meanwhile goes first.
    public func finishOpeningInBackground() -> OpeningFinish {
        OpeningFinish(Background { [self] in
            #if canImport(Glibc)
            _ = nice(19)
            #endif
            return finishOpening()
        })
    }
}
