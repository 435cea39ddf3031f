import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Screens rendered from a fixed demo log at a fixed time, compared with reviewed text files in Golden/.
/// After an intended change, run with KEEPWARM_UPDATE_GOLDEN=1, review the diff of Golden/, and commit it.
@Suite struct GoldenTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    /// One demo log shared by the suite's tests (the generator is deterministic, so this is always the same file).
    static let demo: Practice = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-golden-\(UUID().uuidString)").path
        let path = dir + "/events.log"
        _ = try! DemoGenerator(seed: 7, events: 4000, end: end).write(to: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try! EventLog.open(path: path).practice
    }()

    func check(_ name: String, width: Int, height: Int, keys: [Key] = [], charset: Charset = .unicode) throws {
        let p = Self.demo
        var data = ConsoleData(p, now: Self.end)
        data.audit = AuditSummary(evidence: AuditEvidence.all(p, window: AuditWindow(end: Self.end)), answers: [:])
        data.reports = ReportsData(p, now: Self.end)
        var m = ConsoleModel(user: "sam")
        for k in keys { _ = m.handle(k, data: data, practice: p, now: Self.end) }
        let screen = ConsoleView.render(m, data: data, practice: p, now: Self.end, width: width, height: height, charset: charset).text + "\n"
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
        if ProcessInfo.processInfo.environment["KEEPWARM_UPDATE_GOLDEN"] == "1" {
            try screen.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(screen == expected, "\(name) differs from Golden/\(name).txt; if the change is intended, regenerate with KEEPWARM_UPDATE_GOLDEN=1 and review")
        for line in screen.split(separator: "\n") {
            #expect(DisplayText.width(String(line)) <= width, "no row is wider than the screen")
        }
    }

    @Test func frontDeskAt80x24() throws { try check("front-desk-80x24", width: 80, height: 24) }
    @Test func frontDeskAt132x43() throws { try check("front-desk-132x43", width: 132, height: 43) }
    @Test func zoomedLapsedAt132x43() throws { try check("lapsed-zoomed-132x43", width: 132, height: 43, keys: [.char("2"), .char("Z")]) }
    @Test func zoomedThankYousAt80x24() throws { try check("thankyous-zoomed-80x24", width: 80, height: 24, keys: [.char("3"), .char("z")]) }
    @Test func clientCardAt80x24() throws { try check("client-card-80x24", width: 80, height: 24, keys: [.char("j"), .enter]) }
    @Test func rebookPromptAt80x24() throws { try check("rebook-80x24", width: 80, height: 24, keys: [.char("r")]) }
    @Test func auditWalkthroughAt80x24() throws { try check("audit-walk-80x24", width: 80, height: 24, keys: [.char("4"), .char("w"), .right, .right, .right, .right]) }
    @Test func auditSummaryAt80x24() throws { try check("audit-summary-80x24", width: 80, height: 24, keys: [.char("4"), .char("w"), .end] + Array(repeating: Key.right, count: 16)) }
    @Test func sourcesReportAt100x30() throws { try check("report-sources-100x30", width: 100, height: 30, keys: [.char("R")]) }
    @Test func retentionReportAt132x43() throws { try check("report-retention-132x43", width: 132, height: 43, keys: [.char("R"), .char("3")]) }
    @Test func referrersReportAt80x24() throws { try check("report-referrers-80x24", width: 80, height: 24, keys: [.char("R"), .tab]) }
    @Test func tooSmall() throws { try check("too-small-60x20", width: 60, height: 20) }
    // Keys, help and messages (issue 13, section 4).
    @Test func helpFromTheDiaryAt80x24() throws { try check("help-80x24", width: 80, height: 24, keys: [.char("?")]) }
    @Test func helpFromTheFollowUpsAt132x43() throws { try check("help-followups-132x43", width: 132, height: 43, keys: [.char("f"), .char("?")]) }
    @Test func messageLogAt80x24() throws {
        try check("message-log-80x24", width: 80, height: 24, keys: [.ctrl("n"), .ctrl("f"), .char("z"), .char("z"), .enter, .char("M")])
    }
    @Test func groupedFollowUpsAt80x24() throws { try check("followups-grouped-80x24", width: 80, height: 24, keys: [.char("f"), .end]) }
    @Test func groupedFollowUpsAt132x43() throws { try check("followups-grouped-132x43", width: 132, height: 43, keys: [.char("f")]) }
    @Test func findInTheFollowUpsAt80x24() throws {
        try check("followups-find-80x24", width: 80, height: 24, keys: [.char("f"), .char("/"), .char("c"), .char("l"), .char("a"), .char("i"), .char("r")])
    }
    @Test func missedThankYousAt80x24() throws { try check("missed-thankyous-80x24", width: 80, height: 24, keys: [.char("3"), .char("T")]) }
    @Test func missedThankYousAt132x43() throws { try check("missed-thankyous-132x43", width: 132, height: 43, keys: [.char("3"), .char("T")]) }
}

/// The same screens under a non-UTF-8 locale: ASCII borders and symbols, every width as in Unicode.
@Suite struct AsciiGoldenTests {
    @Test func frontDeskInAsciiAt80x24() throws {
        try GoldenTests().check("front-desk-ascii-80x24", width: 80, height: 24, charset: .ascii)
    }

    @Test func clientCardInAsciiAt80x24() throws {
        try GoldenTests().check("client-card-ascii-80x24", width: 80, height: 24, keys: [.char("j"), .enter], charset: .ascii)
    }

    /// Every stand-in is one ASCII column for one column, so the layout computed from the Unicode text still holds.
    @Test func everyFallbackKeepsItsWidth() {
        #expect(!Charset.asciiFallback.isEmpty)
        for (symbol, ascii) in Charset.asciiFallback {
            #expect(DisplayText.width(of: symbol) == 1, "\(symbol) is one column")
            #expect(ascii.isASCII && DisplayText.width(of: ascii) == 1, "\(symbol) falls back to one ASCII column, not \(ascii)")
        }
    }

    /// A name with letters ASCII lacks is left as it is (the terminal shows what its locale can) and keeps its columns.
    @Test func namesAreNotRewrittenAndKeepTheirWidth() {
        var g = Grid(width: 20, height: 3, charset: .ascii)
        g.box(x: 0, y: 0, width: 20, height: 3, title: "Zoë → 李")
        #expect(g.row(0) == "+ Zoë > 李 --------+")
        #expect(g.row(1) == "|                  |")
        #expect(g.row(2) == "+------------------+")
    }
}

extension AsciiGoldenTests {
    @Test func helpInAsciiAt80x24() throws {
        try GoldenTests().check("help-ascii-80x24", width: 80, height: 24, keys: [.char("?")], charset: .ascii)
    }
}
