import Dispatch
import Foundation

/// A batch's log lines, made a stretch of events per core at a time. Each event is encoded and its line read back
/// before anything is written (a line that would not read as its event is refused); for an import of 200,000 clients
/// that was a fifth of the whole command on one core (Docs/performance.md, "Imports").
struct BatchLines {
    let events: [Event]
    /// Events one core encodes at a time: a few hundred kilobytes of text, so a wave holds about a megabyte.
    static let stretch = 2048

    /// Hands `write` the lines of successive stretches, in order. Stops before writing a stretch holding a line that
    /// would not read back, and returns that event's index and why.
    func write(_ write: ([UInt8]) throws -> Void) rethrows -> (index: Int, damage: LineDamage)? {
        let cores = events.count > BatchLines.stretch ? max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) : 1
        let slots = Slots(cores)
        var start = 0
        while start < events.count {
            let first = start
            if cores == 1 {
                slots.encode(events, first..<min(first + BatchLines.stretch, events.count), into: 0)
            } else {
                let events = self.events
                DispatchQueue.concurrentPerform(iterations: cores) { k in
                    let lo = min(first + k * BatchLines.stretch, events.count)
                    slots.encode(events, lo..<min(lo + BatchLines.stretch, events.count), into: k)
                }
            }
            for k in 0..<cores {
                if let refused = slots.refusal[k] { return refused }
                if !slots.bytes[k].isEmpty { try write(slots.bytes[k]) }
            }
            start += cores * BatchLines.stretch
        }
        return nil
    }
}

/// Each core's lines of the current wave, in its own slot: written by that core only, read after all have finished.
private final class Slots: @unchecked Sendable {
    let bytes: UnsafeMutableBufferPointer<[UInt8]>
    let refusal: UnsafeMutableBufferPointer<(index: Int, damage: LineDamage)?>

    init(_ n: Int) {
        bytes = .allocate(capacity: n)
        bytes.initialize(repeating: [])
        refusal = .allocate(capacity: n)
        refusal.initialize(repeating: nil)
    }

    deinit {
        bytes.deinitialize().deallocate()
        refusal.deinitialize().deallocate()
    }

    func encode(_ events: [Event], _ range: Range<Int>, into k: Int) {
        var out = bytes[k]
        bytes[k] = []
        out.removeAll(keepingCapacity: true)
        refusal[k] = nil
        for i in range {
            let line = EventCodec.line(for: events[i])
            if let damage = EventCodec.refusal(line) {
                refusal[k] = (i, damage)
                break
            }
            out += line
        }
        bytes[k] = out
    }
}
