import Foundation
import KeepwarmConsole
import KeepwarmCore

/// Another desk's change on screen: a console runs its real loop on one store while a second process (the bench's
/// `--child-desk`) appends to the same practice; each change is timed from the moment the other desk's append
/// returned to the first frame drawn that holds it. Both processes read CLOCK_MONOTONIC, which is the machine's.
enum DeskWatch {
    static let changes = 40

    static func measure(_ b: Bench, store: any EventStore, address: String) throws -> Samples {
        let terminal = WatchingTerminal(store: store)
        let app = ConsoleApp(log: store, terminal: terminal, user: "bench", clock: { Bench.end })
        let out = "\(b.options.dir)/desk-\(getpid()).out"
        defer { unlink(out) }
        let desk = ChildDesk()
        DispatchQueue.global().async {
            let status = (try? spawnAndWait([CommandLine.arguments[0], "--child-desk", address, String(changes)], output: out)) ?? -1
            desk.finish(status: status, lines: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
        }
        terminal.desk = desk
        app.run()
        guard let (status, lines) = desk.result, status == 0 else {
            throw BenchError("the other desk (keepwarm-bench --child-desk \(address)) failed: \(desk.result?.lines ?? "no answer")")
        }
        var s = Samples()
        for line in lines.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let seq = Int(parts[0]), let written = UInt64(parts[1]) else { continue }
            guard let shown = terminal.shown[seq] else {
                throw BenchError("the console on \(address) never showed event \(seq) of the other desk")
            }
            s.add(Double(Int64(shown) - Int64(written)) / 1e6)
        }
        return s
    }

    /// CLOCK_MONOTONIC in nanoseconds: the same clock in every process of the machine.
    static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}

/// What the other desk's process answered, once it has ended.
final class ChildDesk: @unchecked Sendable {
    private let lock = NSLock()
    private var ended: (status: Int32, lines: String)?

    func finish(status: Int32, lines: String) {
        lock.lock(); ended = (status, lines); lock.unlock()
    }

    var result: (status: Int32, lines: String)? {
        lock.lock(); defer { lock.unlock() }
        return ended
    }
}

/// A console screen in memory that notes when each event was first on it, and waits for keys as curses does (the
/// whole timeout, since none come); it asks the console to stop a little after the other desk has ended.
final class WatchingTerminal: Terminal {
    let size = (width: 132, height: 43)
    let store: any EventStore
    var desk: ChildDesk?
    /// When each seq was first in a drawn frame (CLOCK_MONOTONIC ns).
    private(set) var shown: [Int: UInt64] = [:]
    private var highest = 0
    private var endedAt: UInt64?

    init(store: any EventStore) {
        self.store = store
        highest = store.practice.lastSeq
    }

    func draw(_ grid: Grid) {
        let t = DeskWatch.now()
        let top = store.practice.lastSeq
        if top > highest {
            for seq in highest + 1...top { shown[seq] = t }
            highest = top
        }
    }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        usleep(UInt32(timeoutMilliseconds) * 1000)
        return nil
    }

    var stopRequested: Bool {
        guard desk?.result != nil else { return false }
        let now = DeskWatch.now()
        if endedAt == nil { endedAt = now }
        // Two more seconds for the last change to arrive: far past any target, so a late one is measured, not lost.
        return now - endedAt! > 2_000_000_000
    }
}
