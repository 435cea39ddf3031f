import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Drawing a chart as text: bars in eighths, parts of a stacked bar told apart without colour, ASCII under `LANG=C`,
/// and the numbers beside every bar.
@Suite struct ChartCellsTests {
    let stacked = Chart(key: "diaryDensity", title: "Diary density per week", period: "the 2 weeks to 2026-12-06", kind: .stacked,
                        series: ["attended", "no-show", "still booked"],
                        rows: [Chart.Row(label: "2026-11-23", values: [30, 2, 0], caption: "32 booked: 30 attended · 2 no-show · 0 still booked"),
                               Chart.Row(label: "2026-11-30*", values: [8, 0, 8], caption: "16 booked: 8 attended · 0 no-show · 8 still booked")],
                        formula: "appointments starting in the week")
    let funnel = Chart(key: "funnel", title: "Funnel", period: "2026-Q3 to 2026-Q4", kind: .grouped, series: ["first visit", "second", "third"],
                       rows: [Chart.Row(label: "2026-Q3", values: [40, 30, 21], caption: "")], formula: "clients")

    @Test func barsAreDrawnInEighthsAndInASCIIWholeCells() {
        #expect(ChartCells.bar(2.5, mark: "#", .unicode) == "██▌")
        #expect(ChartCells.bar(2.125, mark: "#", .unicode) == "██▏")
        #expect(ChartCells.bar(2.5, mark: "#", .ascii) == "###")
        #expect(ChartCells.bar(0, mark: "#", .unicode) == "")
    }

    @Test func aStackedBarShowsEachPartWithItsOwnMarkAndStyleAndItsNumbers() {
        let c = ChartCells(stacked, width: 100, charset: .unicode)
        let text = c.text
        #expect(text.hasPrefix("Diary density per week — the 2 weeks to 2026-12-06"))
        #expect(text.contains("█ attended  ▓ no-show  ▒ still booked"))
        let row = try! #require(c.lines.first { $0.first?.text.hasPrefix("2026-11-23") ?? false })
        // 30 of a scale of 32: attended and no-show parts, each in its series' style, then the caption.
        #expect(row[1].text.allSatisfy { $0 == "█" } && row[1].style == ChartCells.style(0))
        #expect(row[2].text.allSatisfy { $0 == "▓" } && row[2].style == ChartCells.style(1))
        #expect(row.last?.text.hasSuffix("32 booked: 30 attended · 2 no-show · 0 still booked") ?? false)
        for line in text.split(separator: "\n") { #expect(DisplayText.width(String(line)) <= 100) }
    }

    @Test func narrowScreensGetTheNumbersInShort() {
        let text = ChartCells(stacked, width: 60, charset: .unicode).text
        #expect(text.contains("32 = 30 + 2 + 0"))
        for line in text.split(separator: "\n") { #expect(DisplayText.width(String(line)) <= 60) }
    }

    @Test func underLangCEveryCharacterIsASCII() {
        let text = ChartCells(stacked, width: 80, charset: .ascii).text + ChartCells(funnel, width: 80, charset: .ascii).text
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text)")
        #expect(text.contains("# attended  = no-show  + still booked"))
        #expect(text.contains("Diary density per week - the 2 weeks"))
    }

    /// Under `LANG=C` every symbol means one thing in a chart: `.` was both "(not recorded)" and the separator between
    /// numbers ("25 new: 8 . 5 . 0"), `*` both "Other sources" and the part-quarter mark, `-` both a series and the
    /// dash in every date. Now the numbers are separated by commas, no series mark is a character the chart writes
    /// otherwise, and what `*` means is said under the rows.
    @Test func underLangCNoMarkIsASeparatorOrThePartMark() {
        let marks = (0..<7).map { ChartCells.mark($0, .ascii) }
        #expect(Set(marks).count == 7, "\(marks)")
        for reserved in ["-", ".", "*", "~", ":", ",", "%", " "] { #expect(!marks.contains(reserved), "\(reserved)") }
        let levels = ChartCells.asciiLevels.map(\.mark)
        #expect(Set(levels).count == levels.count && !levels.contains("*") && !levels.contains(":"), "\(levels)")
        let sources = Chart(key: "newClientsBySource", title: "New clients by source per quarter", period: "2026-Q3 to 2026-Q4", kind: .stacked,
                            series: ["Google", "Client referral", "Word of mouth", "GP", "Instagram", "Other sources", "(not recorded)"],
                            rows: [Chart.Row(label: "2026-Q3", values: [8, 5, 0, 3, 2, 4, 3], caption: "25 new: 8 · 5 · 0 · 3 · 2 · 4 · 3"),
                                   Chart.Row(label: "2026-Q4*", values: [1, 1, 1, 1, 1, 1, 1], caption: "7 new: 1 · 1 · 1 · 1 · 1 · 1 · 1")],
                            formula: "clients added in this quarter")
        let text = ChartCells(sources, width: 100, charset: .ascii).text
        #expect(text.contains("# Google  = Client referral  + Word of mouth  o GP  @ Instagram  x Other sources  _ (not recorded)"), "\(text)")
        #expect(text.contains("25 new: 8, 5, 0, 3, 2, 4, 3") && !text.contains(" . "), "\(text)")
        let q4 = text.split(separator: "\n").first { $0.hasPrefix("2026-Q4* ") }.map(String.init) ?? ""
        let bar = q4.dropFirst(9).prefix { $0 != " " }
        #expect(bar.hasPrefix("#") && bar.hasSuffix("_") && marks.allSatisfy { bar.contains($0) }, "\(q4)")
        #expect(text.contains("\n* the chart's period covers only part of this quarter\n"), "\(text)")
        #expect(ChartCells(stacked, width: 60, charset: .ascii).text.contains("32: 30, 2, 0"), "the short form has no = or +")
        #expect(ChartCells(stacked, width: 80, charset: .ascii).text.contains("* the chart's period covers only part of this week"))
    }

    @Test func aGroupedRowHasABarPerValueEachAfterTheFirstWithItsShareOfTheOneAbove() {
        let lines = ChartCells(funnel, width: 80, charset: .unicode).text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("2026-Q3 first visit █") && $0.hasSuffix(" 40") })
        #expect(lines.contains { $0.hasPrefix("        second      █") && $0.hasSuffix(" 30 (75%)") })
        #expect(lines.contains { $0.hasPrefix("        third       █") && $0.hasSuffix(" 21 (70%)") })
        let ascii = ChartCells(funnel, width: 80, charset: .ascii).text
        #expect(ascii.contains("first visit ####") && ascii.contains("second      ====") && ascii.contains("third       ++++"))
    }

    @Test func aCurveRowIsAMarkPerQuarterThenItsNumbers() {
        let curve = Chart(key: "retention", title: "Still visiting", period: "p", kind: .curve, series: ["+1q", "+2q", "+3q"],
                          rows: [Chart.Row(label: "2026-Q1", values: [1, 0.5, 0], caption: "2 clients: 100% 50% 0%"),
                                 Chart.Row(label: "2026-Q3", values: [0.5], caption: "2 clients: 50%")], formula: "f")
        let text = ChartCells(curve, width: 80, charset: .unicode).text
        #expect(text.contains("2026-Q1 █▄·  2 clients: 100% 50% 0%"))
        #expect(text.contains("2026-Q3 ▄    2 clients: 50%"))
        let ascii = ChartCells(curve, width: 80, charset: .ascii).text
        #expect(ascii.contains("2026-Q1 @O_  2 clients: 100% 50% 0%"), "\(ascii)")
        #expect(ascii.contains("_ none  . under 25%  o 25% to 49%  O 50% to 74%  @ 75% or more"), "the legend names each mark")
        #expect(ChartCells.level(0.244, .ascii) == "." && ChartCells.level(0.245, .ascii) == "o", "as the caption rounds: 24%, 25%")
    }

    @Test func anEmptyChartSaysSo() {
        let empty = Chart(key: "funnel", title: "Funnel", period: "no visits yet", kind: .grouped, series: ["a"], rows: [], formula: "f")
        #expect(ChartCells(empty, width: 80, charset: .unicode).text.contains("No data: nothing to draw yet."))
    }

    @Test func theLocaleDecidesTheCharset() {
        #expect(Charset.of(environment: ["LANG": "C"]) == .ascii)
        #expect(Charset.of(environment: [:]) == .ascii)
        #expect(Charset.of(environment: ["LANG": "en_GB.UTF-8"]) == .unicode)
        #expect(Charset.of(environment: ["LANG": "en_GB.UTF-8", "LC_ALL": "C"]) == .ascii)
        #expect(Charset.of(environment: ["LC_CTYPE": "C.utf8"]) == .unicode)
    }
}
