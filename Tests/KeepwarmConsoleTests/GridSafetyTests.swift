import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Hostile text drawn into the grid: nothing a terminal would act on reaches a cell, and the columns stay where the
/// layout put them, whatever the text and wherever it is cut.
@Suite struct GridSafetyTests {
    static let hostile: [String] = [
        "Eve\u{1B}]0;PWNED\u{07}", "Eve\u{1B}[2JMallory", "Eve\u{1B}[10;10HZed", "Eve\u{1B}[201~paste", "C1 \u{9B}31m \u{85}\u{90}\u{9C}",
        "bidi \u{202E}gnp.exe\u{202C} \u{2066}iso\u{2069} \u{200E}\u{200F}\u{061C}", "ZWJ a\u{200D}b 👩‍👩‍👧‍👦", "lines\n\r\u{2028}\u{2029}",
        "東京\u{200B}都", "L\u{FE0F}\u{FEFF}x", "\u{301}lone mark first", String(repeating: "Ω東\u{1B}", count: 3_334),
    ]

    @Test func hostileTextNeverReachesACellAndKeepsItsColumns() {
        for s in Self.hostile {
            for (x, width) in [(0, 80), (3, 20), (79, 1), (78, 2), (-2, 10)] {
                var g = Grid(width: 80, height: 3)
                g.put("│", x: 0, y: 1)
                g.put("│", x: 79, y: 1)
                let used = g.put(s, x: x, y: 1, maxWidth: width)
                #expect(screenProblem(g) == nil, "\(s.prefix(40).debugDescription) at \(x) in \(width)")
                #expect(used <= width, "never wider than asked")
                // The borders either side are untouched unless the text was told it could cover them.
                if x > 0 { #expect(g[0, 1].text == "│") }
                if x + width < 79 { #expect(g[79, 1].text == "│") }
                let shown = g.row(1)
                for bad: Unicode.Scalar in ["\u{1B}", "\u{07}", "\u{9B}", "\u{85}", "\u{202E}", "\u{2066}", "\u{0A}", "\u{2028}"] {
                    #expect(!shown.unicodeScalars.contains(bad), "U+\(String(bad.value, radix: 16)) in \(shown.prefix(40).debugDescription)")
                }
            }
        }
    }

    @Test func escapeShowsAsAVisibleSymbol() {
        var g = Grid(width: 40, height: 1)
        g.put("Eve\u{1B}]0;PWNED\u{07}", x: 0, y: 0)
        #expect(g.row(0) == "Eve␛]0;PWNED␇")
    }

    /// A zero-width character after a wide one joins the wide one's first cell: in its continuation cell it would
    /// end the pair, and the terminal would show both halves as replacement marks.
    @Test func aZeroWidthCharacterAfterAWideOneKeepsThePairWhole() {
        var g = Grid(width: 10, height: 1)
        g.put("東京\u{200B}都", x: 0, y: 0)
        #expect(g[2, 0].text == "京\u{200B}")
        #expect(g[3, 0].text == "")
        #expect(g[4, 0].text == "都")
        #expect(screenProblem(g) == nil)
    }

    @Test func aTenThousandCharacterNameIsCutToItsColumn() {
        var g = Grid(width: 80, height: 1)
        g.put("│", x: 30, y: 0)
        g.putFitted(String(repeating: "Ω東\u{202E}", count: 3_334), x: 5, y: 0, width: 20)
        #expect(g[30, 0].text == "│")
        #expect(DisplayText.width(g.row(0)) == 31)
        #expect(g.row(0).hasSuffix("…" + String(repeating: " ", count: 5) + "│"))
        #expect(screenProblem(g) == nil)
    }
}
