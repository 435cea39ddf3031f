import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Issue 18: the console has a frame on screen before the practice is read, says how far the read has got, drops
/// keys typed meanwhile, lets the person leave, and hands over the practice (or the refusal) when the read ends.
@Suite struct ConsoleOpeningTests {
    /// A read that waits until the test lets it go, so the test sees the screens drawn meanwhile.
    final class Gate: @unchecked Sendable {
        private let lock = NSCondition()
        private var open = false
        func wait() { lock.lock(); while !open { lock.wait() }; lock.unlock() }
        func release() { lock.lock(); open = true; lock.broadcast(); lock.unlock() }
    }

    /// A terminal whose keys come in while the read is under way; the gate opens once it has drawn `frames` frames.
    final class SlowTerminal: Terminal {
        let size = (width: 80, height: 24)
        var keys: [Key]
        var frames: [Grid] = []
        var waits: [Int] = []
        var stopRequested = false
        let gate: Gate
        let framesBeforeRelease: Int
        init(keys: [Key], gate: Gate, framesBeforeRelease: Int) {
            self.keys = keys
            self.gate = gate
            self.framesBeforeRelease = framesBeforeRelease
        }
        func draw(_ grid: Grid) {
            frames.append(grid)
            if frames.count == framesBeforeRelease { gate.release() }
        }
        func readKey(timeoutMilliseconds: Int) -> Key? {
            waits.append(timeoutMilliseconds)
            if keys.isEmpty {
                Thread.sleep(forTimeInterval: Double(timeoutMilliseconds) / 1000)
                return nil
            }
            return keys.removeFirst()
        }
    }

    @Test func theFrameIsDrawnBeforeTheReadEndsAndTypedKeysAreDropped() throws {
        let gate = Gate()
        let t = SlowTerminal(keys: [.char("a"), .char("x"), .enter], gate: gate, framesBeforeRelease: 3)
        var tick = 0.0
        let got = try ConsoleOpening.run(on: t, what: "/srv/practice/events.log", bytes: 169_477_430,
                                         seconds: { tick += 0.1; return tick }) { () -> Int in
            gate.wait()
            return 42
        }
        #expect(got == 42)
        #expect(t.frames.count >= 3, "the screen was drawn while the read waited")
        let first = try #require(t.frames.first).text
        #expect(first.contains("Opening the practice") && first.contains("/srv/practice/events.log"))
        #expect(first.contains("Reading 169 MB… 0.1 s"))
        #expect(t.frames[2].text.contains("Reading 169 MB… 0.3 s"), "the seconds move on")
        #expect(t.keys.isEmpty, "a, x and Enter were read and dropped, not left for the diary")
    }

    /// The read's end is looked for every few milliseconds, not only at each redraw (which kept the panes waiting 50 ms
    /// on average), while the opening screen is still drawn only when its seconds move on.
    @Test func theReadsEndIsSeenWithinAFewMillisecondsWithoutRedrawingEachTime() throws {
        let gate = Gate()
        let t = SlowTerminal(keys: [], gate: gate, framesBeforeRelease: 3)
        var tick = 0.0
        _ = try ConsoleOpening.run(on: t, what: "events.log", bytes: 1_048_576, seconds: { tick += 0.1; return tick }) { () -> Int in
            gate.wait()
            return 1
        }
        #expect(t.waits.allSatisfy { $0 <= ConsoleOpening.lookMilliseconds }, "\(t.waits)")
        #expect(t.waits.count > 4 * t.frames.count, "\(t.waits.count) looks, \(t.frames.count) frames")
        #expect(t.frames.map(\.text).allSatisfy { $0.contains("Reading 1 MB") })
    }

    @Test(arguments: [Key.char("q"), .ctrl("c"), .ctrl("q")])
    func theConsolesWaysOutLeaveBeforeTheReadEnds(_ key: Key) throws {
        let gate = Gate()
        let t = SlowTerminal(keys: [.char("x"), key], gate: gate, framesBeforeRelease: 1000)
        let got = try ConsoleOpening.run(on: t, what: "events.log", bytes: nil, seconds: { 0 }) { () -> Int in
            gate.wait()
            return 1
        }
        gate.release()
        #expect(got == nil, "\(key)")
    }

    @Test func aRefusedReadIsThrownToTheCaller() throws {
        struct Refused: Error {}
        let t = SlowTerminal(keys: [], gate: Gate(), framesBeforeRelease: 1000)
        #expect(throws: Refused.self) {
            _ = try ConsoleOpening.run(on: t, what: "events.log", bytes: nil, seconds: { 0 }) { () -> Int in throw Refused() }
        }
    }

    @Test func theOpeningScreenShowsHostileTextAsTextWithItsStyles() throws {
        let g = OpeningScreen.render(what: "/tmp/\u{1B}[31mred\u{7}/events.log", bytes: 2_000, seconds: 12.34, width: 80, height: 24)
        #expect(!g.text.contains("\u{1B}") && !g.text.contains("\u{7}"))
        #expect(g.text.contains("Reading 2 KB… 12.3 s"))
        #expect(g[1, 0].style == Style([.reverse, .bold]), "the title bar")
        let row = try #require((0..<24).first { g.row($0).contains("Reading") })
        let x = try #require(g.row(row).range(of: "Reading").map { g.row(row).distance(from: g.row(row).startIndex, to: $0.lowerBound) })
        #expect(g[x, row].style == .muted)
        #expect(OpeningScreen.render(what: "x", bytes: nil, seconds: 0, width: 10, height: 3).text.contains("Opening…"))
    }
}
