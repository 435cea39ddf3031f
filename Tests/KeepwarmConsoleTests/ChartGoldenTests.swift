import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The reports screen's charts (`R` then `c`), each at 80×24 and 132×43, text and styles, and two in ASCII as under
/// `LANG=C`; on the golden demo (GoldenTests.demo). Regenerate with KEEPWARM_UPDATE_GOLDEN=1 and review.
@Suite struct ChartGoldenTests {
    let end = GoldenTests.end

    func check(_ name: String, width: Int, height: Int, keys: [Key], charset: Charset = .unicode) throws {
        let p = GoldenTests.demo
        var data = ConsoleData(p, now: end)
        data.reports = ReportsData(p, now: end)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: width, height: height), data: data, practice: p, now: end)
        // The chart key asks for the charts (`.workOutCharts`); the loop's message brings them.
        for k in keys where m.handle(.key(k), data: data, practice: p, now: end).contains(.workOutCharts) {
            _ = m.handle(.chartsWorkedOut(ReportCharts(p, now: end)), data: data, practice: p, now: end)
        }
        #expect(m.reportCharts)
        let grid = ConsoleView.render(m, data: data, practice: p, now: end, width: width, height: height, charset: charset)
        try GoldenTests.compare(name, grid)
    }

    /// `j` presses that bring the retention curve to the top: the funnel's lines and the blank line after them.
    func toCurve(width: Int, charset: Charset = .unicode) -> [Key] {
        let funnel = ReportCharts(GoldenTests.demo, now: end).funnel
        return Array(repeating: .char("j"), count: ChartCells(funnel, width: width - 4, charset: charset).lines.count + 1)
    }

    @Test func sourcesChart80x24() throws { try check("chart-sources-80x24", width: 80, height: 24, keys: [.char("R"), .char("c")]) }
    @Test func sourcesChart132x43() throws { try check("chart-sources-132x43", width: 132, height: 43, keys: [.char("R"), .char("c")]) }
    @Test func sourcesChartASCII80x24() throws {
        try check("chart-sources-ascii-80x24", width: 80, height: 24, keys: [.char("R"), .char("c")], charset: .ascii)
    }
    @Test func funnelASCII80x24() throws {
        try check("chart-funnel-ascii-80x24", width: 80, height: 24, keys: [.char("R"), .char("c"), .char("3")], charset: .ascii)
    }
    @Test func retentionCurveASCII80x24() throws {
        try check("chart-retention-ascii-80x24", width: 80, height: 24,
                  keys: [.char("R"), .char("c"), .char("3")] + toCurve(width: 80, charset: .ascii), charset: .ascii)
    }
    @Test func funnel80x24() throws { try check("chart-funnel-80x24", width: 80, height: 24, keys: [.char("R"), .char("c"), .char("3")]) }
    @Test func funnel132x43() throws { try check("chart-funnel-132x43", width: 132, height: 43, keys: [.char("R"), .char("c"), .char("3")]) }
    @Test func retentionCurve80x24() throws {
        try check("chart-retention-80x24", width: 80, height: 24, keys: [.char("R"), .char("c"), .char("3")] + toCurve(width: 80))
    }
    @Test func retentionCurve132x43() throws {
        try check("chart-retention-132x43", width: 132, height: 43, keys: [.char("R"), .char("c"), .char("3")] + toCurve(width: 132))
    }
    @Test func density80x24() throws { try check("chart-density-80x24", width: 80, height: 24, keys: [.char("R"), .char("c"), .char("3"), .char("G")]) }
    @Test func density132x43() throws { try check("chart-density-132x43", width: 132, height: 43, keys: [.char("R"), .char("c"), .char("3"), .char("G")]) }
    @Test func densityASCII80x24() throws {
        try check("chart-density-ascii-80x24", width: 80, height: 24, keys: [.char("R"), .char("c"), .char("3"), .char("G")], charset: .ascii)
    }

    @Test func cSwitchesBackToTheTables() throws {
        let p = GoldenTests.demo
        var data = ConsoleData(p, now: end)
        data.reports = ReportsData(p, now: end)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: 80, height: 24), data: data, practice: p, now: end)
        for k in [Key.char("R"), .char("c")] where m.handle(.key(k), data: data, practice: p, now: end).contains(.workOutCharts) {
            _ = m.handle(.chartsWorkedOut(ReportCharts(p, now: end)), data: data, practice: p, now: end)
        }
        var screen = ConsoleView.render(m, data: data, practice: p, now: end, width: 80, height: 24, charset: .unicode).text
        #expect(screen.contains("Reports — sources charts") && screen.contains("New clients by source per quarter"))
        #expect(screen.contains("c charts/tables"), "the key bar names the key")
        _ = m.handle(.key(.char("c")), data: data, practice: p, now: end)
        screen = ConsoleView.render(m, data: data, practice: p, now: end, width: 80, height: 24, charset: .unicode).text
        #expect(!m.reportCharts && screen.contains("Reports — sources") && !screen.contains("sources charts"))
    }
}
