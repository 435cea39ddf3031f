import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Work done on a thread of its own while the caller does other work (two cores: the log's prefix checksum and one
/// section of a snapshot beside the caller's reading), waited for once.
final class Background<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var waited = false
    private let work: () -> T
    private var result: T?

    /// Starts `work` at once. The caller keeps what it reads (a descriptor, mapped bytes) alive until `wait`.
    init(_ work: @escaping () -> T) {
        self.work = work
        Thread { [self] in
            result = self.work()
            done.signal()
        }.start()
    }

    /// Waits for the work (once; later calls return at once).
    func wait() {
        guard !waited else { return }
        waited = true
        done.wait()
    }

    /// What the work gave, waiting for it if need be.
    var value: T {
        wait()
        return result!
    }
}

extension EventStore {
    /// Runs `finishOpening` on a thread of its own at the lowest priority (on Linux a thread's nice value is its own),
    /// so whatever the caller does meanwhile goes first; the function returned waits until it is done.
    public func finishOpeningInBackground() -> () -> Void {
        let work = Background { [self] in
            #if canImport(Glibc)
            _ = nice(19)
            #endif
            finishOpening()
        }
        return { work.wait() }
    }
}
