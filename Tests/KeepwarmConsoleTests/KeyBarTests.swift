import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The key bar ends with what always matters (`? help  q quit` on the panes, the closing key in a window) and shows
/// `…` where it had to leave keys out, at every width and in every context.
@Suite struct KeyBarTests {
    static func bar(_ m: ConsoleModel, width: Int) -> String {
        var g = Grid(width: width, height: 1)
        KeyBar.draw(&g, m, y: 0)
        return g.row(0)
    }

    @Test(arguments: [80, 100, 132])
    func everyContextEndsWithItsEndKeys(width: Int) {
        for context in KeyContext.all {
            let m = KeymapTests.model(in: context)
            let line = Self.bar(m, width: width)
            let (entries, end) = KeyHelp.bar(for: m)
            let endText = end.map { "\($0.key) \($0.label)" }.joined(separator: "  ")
            #expect(line.hasSuffix(endText), "\(context) at \(width): \(line)")
            if case .pane = context { #expect(line.hasSuffix("? help  q quit"), "\(context) at \(width): \(line)") }
            let all = (entries + end).map { "\($0.key) \($0.label)" }.joined(separator: "  ")
            #expect(line == all || line.contains("…  "), "either every key shows or … says some were left out: \(line)")
            #expect(DisplayText.width(line) <= width)
        }
    }

    /// In a window `q` closes it, so its bar never says "quit": it ends with `? help` (where `?` is help there)
    /// and then the window's closing key, with `…` where keys were left out.
    @Test(arguments: [80, 100, 132])
    func aWindowsBarEndsWithHelpThenClose(width: Int) {
        for context in KeyContext.all {
            if case .pane = context { continue }
            let m = KeymapTests.model(in: context)
            let line = Self.bar(m, width: width)
            #expect(!line.contains("quit"), "\(context) at \(width): \(line)")
            let k = m.keymap
            guard let close = k.bindings.first(where: { $0.action == .close && $0.bar }) else { continue }
            let closeText = "\(close.keyNames) \(close.label)"
            if k.bindings.contains(where: { $0.action == .help }) {
                #expect(line.hasSuffix("? help  " + closeText), "\(context) at \(width): \(line)")
            } else {
                #expect(line.hasSuffix(closeText), "\(context) at \(width): \(line)")
            }
        }
        #expect(Self.bar(KeymapTests.model(in: .week), width: 80).hasSuffix("b/F book a slot  …  ? help  Esc/q/W close"))
    }

    /// The context with the most to say at 80 columns still ends with help and quit, after `…`.
    @Test func theLongestContextAt80Columns() {
        let longest = KeyContext.all.max { a, b in
            let wa = KeyHelp.bar(for: KeymapTests.model(in: a)).entries.map { $0.key.count + $0.label.count + 3 }.reduce(0, +)
            let wb = KeyHelp.bar(for: KeymapTests.model(in: b)).entries.map { $0.key.count + $0.label.count + 3 }.reduce(0, +)
            return wa < wb
        }!
        #expect(longest == .pane(.diary))
        let line = Self.bar(KeymapTests.model(in: longest), width: 80)
        #expect(line == "a attended  n no-show  c cancel  m move  r rebook  b book  …  ? help  q quit")
        #expect(Self.bar(KeymapTests.model(in: longest), width: 132)
                == "a attended  n no-show  c cancel  m move  r rebook  b book  ⏎ client card  [/← previous day  + new client  …  ? help  q quit")
    }
}

/// A status message too long for its line keeps what to do next.
@Suite struct StatusFitTests {
    static let diskFull = "the disk is full, so nothing was saved: free some space and try again (/home/desk/practice/events.log: could not write the event: No space left on device)"

    @Test func aTrailingDetailGoesFirstAndTheFixStays() {
        let fitted = StatusFit.fit("⚠ " + Self.diskFull, width: 78)
        #expect(fitted.hasPrefix("⚠ the disk is full, so nothing was saved: free some space and try again"))
        #expect(DisplayText.width(fitted) <= 78)
        // With no room for any detail, the detail goes and the message stays whole.
        #expect(StatusFit.fit(Self.diskFull, width: 72) == "the disk is full, so nothing was saved: free some space and try again")
    }

    @Test func aLongMessageIsCutFromTheMiddleKeepingItsLastClause() {
        let s = "The log is damaged at line 13, column 1: nothing was written. Run `keepwarm check` (checksum mismatch)"
        let fitted = StatusFit.fit("⚠ " + s, width: 78)
        #expect(fitted == "⚠ The log is damaged at line 13, column 1: nothing was … Run `keepwarm check`")
        let narrow = StatusFit.fit("a long first part that says what happened in great detail; then do this", width: 40)
        #expect(narrow.hasSuffix("… then do this") && DisplayText.width(narrow) <= 40, "\(narrow)")
    }

    @Test func widthsAreDisplayCells() {
        let fitted = StatusFit.fit("陈静's booking clashed with another one booked a moment ago; choose another time", width: 50)
        #expect(DisplayText.width(fitted) <= 50)
        #expect(fitted.hasSuffix("choose another time"))
        #expect(StatusFit.fit("short", width: 78) == "short")
    }

    /// Every message the console itself words fits 80 columns with its fix whole.
    @Test func theConsolesOwnMessagesKeepTheirFixAt80Columns() {
        let fixes = [("Stopped waiting: nothing was written; try again when the other desk is done", "try again when the other desk is done"),
                     ("waiting for another desk; Esc stops waiting (held by /usr/local/bin/keepwarm import --from x.csv, pid 4242, run by sam)", "Esc stops waiting")]
        for (message, fix) in fixes {
            let fitted = StatusFit.fit("⚠ " + message, width: 78)
            #expect(fitted.contains(fix), "\(fitted)")
        }
    }
}
