import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `?` read as a receptionist reads it: every column starts under a heading (a section's own or "… (cont.)"), and no
/// description is cut, at 80×24 and 132×43, at every scroll position.
@Suite struct HelpColumnsTests {
    /// The help screen's two columns (text rows inside the frame) after `keys` and `down` presses of `j`.
    static func columns(width: Int, height: Int, keys: [Key], down: Int) -> (left: [String], right: [String], lines: [String]) {
        let p = WeekGoldenTests.practice
        let data = ConsoleData(p, now: GoldenTests.end)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: width, height: height), data: data, practice: p, now: GoldenTests.end)
        for k in keys + Array(repeating: .char("j"), count: down) { _ = m.handle(.key(k), data: data, practice: p, now: GoldenTests.end) }
        let g = ConsoleView.render(m, data: data, practice: p, now: GoldenTests.end, width: width, height: height, charset: .unicode)
        let r = OverlayView.frameRect(width: width - 2, height: height - 2, screenWidth: width, screenHeight: height)
        let colW = (r.w - 4) / 2
        func column(_ x: Int) -> [String] {
            (r.y + 1..<r.y + r.h - 1).map { y in
                let row = Array(g.row(y)) + Array(repeating: " ", count: width)
                return String(row[x..<(x + colW)]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            }
        }
        return (column(r.x + 2), column(r.x + 2 + colW + 1), KeyHelp.helpLines(for: m))
    }

    @Test(arguments: [(80, 24), (132, 43)])
    func everyColumnStartsUnderAHeadingAndNothingIsCut(size: (Int, Int)) {
        let (width, height) = size
        // From the week view (its right column used to start with the client card's keys, no heading), and the diary.
        for keys: [Key] in [[.char("W"), .char("?")], [.char("?")]] {
            var seen = Set<String>(), expected: [String] = []
            func words(_ s: String) -> String { s.split(separator: " ").joined(separator: " ") }
            // Down to where the longer column's last line shows.
            let r = OverlayView.frameRect(width: width - 2, height: height - 2, screenWidth: width, screenHeight: height)
            let all = Self.columns(width: width, height: height, keys: keys, down: 0).lines
            let maxScroll = HelpColumns.columns(all, rows: r.h - 2, width: (r.w - 4) / 2, scroll: 0).maxScroll
            #expect(maxScroll > 0 && maxScroll < 400)
            for down in 0...maxScroll {
                let (left, right, lines) = Self.columns(width: width, height: height, keys: keys, down: down)
                expected = lines.filter { $0.hasPrefix(" ") }.map(words)
                for column in [left, right] {
                    guard let first = column.first(where: { !$0.isEmpty }) else { continue }
                    #expect(!first.hasPrefix(" "), "\(width)x\(height) \(keys) j×\(down): a column starts with a key, no heading: \(column)")
                    // A key row and the lines wrapped under it (indented past the key column) read as one.
                    var rows: [String] = []
                    for line in column {
                        #expect(!line.contains("…"), "\(width)x\(height) j×\(down): cut: \(line)")
                        if line.hasPrefix(String(repeating: " ", count: HelpColumns.descriptionIndent)), !rows.isEmpty {
                            // Wrapped after a `/` (no space to wrap at) the word goes on without one.
                            rows[rows.count - 1] += rows[rows.count - 1].hasSuffix("/") ? line.trimmingCharacters(in: .whitespaces) : " " + line
                        } else {
                            rows.append(line)
                        }
                    }
                    seen.formUnion(rows.map(words))
                }
            }
            // Every key and its whole description is read somewhere while scrolling (the cut ones the QA tester
            // found, `yes (the only yes: not ⏎)`, `close, nothing recorded`, included).
            let missing = expected.filter { !seen.contains($0) }
            #expect(missing.isEmpty, "\(width)x\(height) \(keys): never shown whole: \(missing)")
            #expect(expected.contains { $0.contains("the only yes: not ⏎") } && expected.contains { $0.contains("close, nothing recorded") })
        }
    }

    /// Wrapping keeps every word, in order, and every line within the width.
    @Test func wrappingKeepsEveryWord() {
        let lines = ["Here: Week", "  y            yes (the only yes: not ⏎) and then some more words", "", "Client card", "  Ctrl-C/Ctrl-Q quit"]
        let wrapped = HelpColumns.wrapped(lines, width: 30)
        #expect(wrapped.allSatisfy { DisplayText.width($0) <= 30 }, "\(wrapped)")
        #expect(wrapped.joined(separator: " ").split(separator: " ") == lines.joined(separator: " ").split(separator: " "))
        #expect(wrapped[2] == String(repeating: " ", count: 15) + "yes: not ⏎) and", "\(wrapped)")
    }
}
