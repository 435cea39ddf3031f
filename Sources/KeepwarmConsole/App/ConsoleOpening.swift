import Foundation
import KeepwarmCore

/// Reads the practice on another thread while this one keeps the opening screen up to date, so the console has a
/// frame on screen at once, whatever the log's size, and fills its panes when the read ends (issue 18).
public enum ConsoleOpening {
    /// How often the opening screen's seconds move on.
    public static let redrawMilliseconds = 100
    /// How long it waits for a key before looking again for the read's end: the panes replace the opening screen
    /// within this of the read ending. Looking only at each redraw kept them waiting 50 ms on average.
    public static let lookMilliseconds = 5

    /// Runs `open` on its own thread and returns what it returns (or throws what it throws); nil when the person
    /// asked to leave first (`q`, Ctrl-C or Ctrl-Q, or a signal), in which case the read is abandoned with the process. Keys typed
    /// meanwhile are dropped: a key meant for the screen they saw must not act on the diary that replaces it.
    public static func run<T>(on terminal: any Terminal, what: String, bytes: Int?, seconds: @escaping () -> Double,
                              _ open: @escaping () throws -> T) throws -> T? {
        let box = Outcome<T>(open)
        let thread = Thread { box.run() }
        thread.stackSize = 8 << 20
        thread.start()
        var drawn: (at: ContinuousClock.Instant, width: Int, height: Int)?
        while true {
            if let result = box.result { return try result.get() }
            let size = terminal.size, now = ContinuousClock.now
            if drawn.map({ now - $0.at >= .milliseconds(redrawMilliseconds) || $0.width != size.width || $0.height != size.height }) ?? true {
                terminal.draw(OpeningScreen.render(what: what, bytes: bytes, seconds: seconds(), width: size.width,
                                                   height: size.height, charset: terminal.charset))
                drawn = (now, size.width, size.height)
            }
            if terminal.stopRequested { return nil }
            // The panes' own ways out leave here too: q, and Ctrl-C or Ctrl-Q as everywhere else in the console.
            if let key = terminal.readKey(timeoutMilliseconds: lookMilliseconds), ConsoleOpening.leaves(key) { return nil }
        }
    }

    /// The keys that leave the opening screen before the read ends; any other is dropped.
    static func leaves(_ key: Key) -> Bool { key == .char("q") || key == .ctrl("c") || key == .ctrl("q") }

    /// The read and its result, handed from the reading thread to the drawing one under a lock.
    private final class Outcome<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var open: (() throws -> T)?
        private var stored: Result<T, any Error>?

        init(_ open: @escaping () throws -> T) { self.open = open }

        func run() {
            lock.lock()
            let work = open
            open = nil
            lock.unlock()
            guard let work else { return }
            let r = Result { try work() }
            lock.lock()
            stored = r
            lock.unlock()
        }

        var result: Result<T, any Error>? {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }
}
