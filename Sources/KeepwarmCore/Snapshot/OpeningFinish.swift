import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The work an opening left (`EventStore.finishOpening`), running on a thread of its own while the console draws.
public final class OpeningFinish: @unchecked Sendable {
    private let work: Background<String?>

    init(_ work: Background<String?>) { self.work = work }

    /// Whether it is done, without waiting; `wait` then returns at once.
    public var isDone: Bool { work.isDone }

    /// Waits until it is done; its warning, if any.
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
