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
    private let lock = NSLock()
    private var finished = false

    /// Starts `work` at once. The caller keeps what it reads (a descriptor, mapped bytes) alive until `wait`.
    init(_ work: @escaping () -> T) {
        self.work = work
        Thread { [self] in
            let r = self.work()
            lock.withLock {
                result = r
                finished = true
            }
            done.signal()
        }.start()
    }

    /// Whether the work is done, without waiting; `value` then returns at once.
    var isDone: Bool { lock.withLock { finished } }

    /// Waits for the work (once; later calls return at once).
    func wait() {
        guard !waited else { return }
        waited = true
        done.wait()
    }

    /// What the work gave, waiting for it if need be.
    var value: T {
        wait()
        return lock.withLock { result! }
    }
}
