import Foundation
import KeepwarmCore

/// Works out the reports screen's tables (sources, referrers, retention, why-left) on a thread of their own, as
/// `ChartWork` does the charts: the key that asked returns at once, and the loop collects what is finished
/// (`finished`) and hands it to the model as a message. One is worked out at a time; one asked for while a newer one
/// waits is skipped, since only the newest practice is worth showing.
final class TableWork: @unchecked Sendable {
    private let queue = DispatchQueue(label: "keepwarm.tables", qos: .userInitiated)
    private let lock = NSLock()
    private var done: [ReportsData] = []
    private var waiting = 0
    private var asked = 0

    /// Starts on the practice as it stands (a copy: the log may move on meanwhile).
    func start(_ p: Practice, now: Instant) {
        let number = lock.withLock { waiting += 1; asked += 1; return asked }
        queue.async { [self] in
            let newest = lock.withLock { asked == number }
            let tables = newest ? ReportsData(p, now: now) : nil
            lock.withLock {
                if let tables { done.append(tables) }
                waiting -= 1
            }
        }
    }

    /// The tables finished since the last look, oldest first.
    func finished() -> [ReportsData] {
        lock.withLock {
            defer { done = [] }
            return done
        }
    }

    /// Whether any tables are still being worked out or waiting to be collected.
    var isBusy: Bool { lock.withLock { waiting > 0 || !done.isEmpty } }
}
