import Foundation
import KeepwarmCore

/// Works out the reports screen's charts on a thread of their own, so the key that asked for them returns at once; the
/// loop collects what is finished (`finished`) and hands it to the model as a message. One is worked out at a time;
/// one asked for while a newer one waits is skipped, since only the newest practice is worth showing.
final class ChartWork: @unchecked Sendable {
    /// How often the loop looks for finished charts while some are being worked out.
    static let pollMilliseconds = 10

    private let queue = DispatchQueue(label: "keepwarm.charts", qos: .userInitiated)
    private let lock = NSLock()
    private var done: [ReportCharts] = []
    private var waiting = 0
    private var asked = 0

    /// Starts on the practice as it stands (a copy: the log may move on meanwhile).
    /// `layout`: the screen's line width and character set, so the lines are laid out here too.
    func start(_ p: Practice, now: Instant, layout: (width: Int, charset: Charset)) {
        let number = lock.withLock { waiting += 1; asked += 1; return asked }
        queue.async { [self] in
            let newest = lock.withLock { asked == number }
            let charts = newest ? ReportCharts(p, now: now, layout: layout) : nil
            lock.withLock {
                if let charts { done.append(charts) }
                waiting -= 1
            }
        }
    }

    /// The charts finished since the last look, oldest first.
    func finished() -> [ReportCharts] {
        lock.withLock {
            defer { done = [] }
            return done
        }
    }

    /// Whether any charts are still being worked out or waiting to be collected.
    var isBusy: Bool { lock.withLock { waiting > 0 || !done.isEmpty } }
}
