import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Screens rendered from a fixed demo log at a fixed time, compared with reviewed text files in Golden/: the text
/// (`name.txt`) and, cell for cell, the styles (`name.styles.txt`, see `StyleMap`), so a lost highlight or a colour
/// gone wrong fails as surely as a wrong word.
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

    func check(_ name: String, width: Int, height: Int, keys: [Key] = [], charset: Charset = .unicode, practice: Practice? = nil) throws {
        let p = practice ?? Self.demo
        var data = ConsoleData(p, now: Self.end)
        data.audit = AuditSummary(evidence: AuditEvidence.all(p, window: AuditWindow(end: Self.end)), answers: [:])
        data.reports = ReportsData(p, now: Self.end)
        data.autopilot = AutopilotList(p, now: Self.end)
        var m = ConsoleModel(user: "sam")
        // The model hears the screen's size as the loop would tell it: page moves and the mouse need the layout.
        _ = m.handle(.screen(width: width, height: height), data: data, practice: p, now: Self.end)
        for k in keys {
            _ = m.handle(.key(k), data: data, practice: p, now: Self.end)
            if data.follow(m.diaryDay, p) { _ = m.handle(.diaryShown, data: data, practice: p, now: Self.end) }
            if data.followReview(m.lapsedScope, p, now: Self.end) { _ = m.handle(.refreshed(byAnotherDesk: false), data: data, practice: p, now: Self.end) }
        }
        let grid = ConsoleView.render(m, data: data, practice: p, now: Self.end, width: width, height: height, charset: charset)
        try Self.compare(name, grid)
    }

    /// Compares a drawn screen with Golden/`name`.txt (its text) and Golden/`name`.styles.txt (its styles), or writes
    /// them under KEEPWARM_UPDATE_GOLDEN=1.
    static func compare(_ name: String, _ grid: Grid, filePath: String = #filePath) throws {
        let width = grid.width
        let screen = grid.text + "\n"
        let golden = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let file = golden.appendingPathComponent("\(name).txt"), styleFile = golden.appendingPathComponent("\(name).styles.txt")
        let styles = StyleMap.text(grid)
        if ProcessInfo.processInfo.environment["KEEPWARM_UPDATE_GOLDEN"] == "1" {
            try screen.write(to: file, atomically: true, encoding: .utf8)
            try styles.write(to: styleFile, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(screen == expected, "\(name) differs from Golden/\(name).txt; if the change is intended, regenerate with KEEPWARM_UPDATE_GOLDEN=1 and review")
        let expectedStyles = try String(contentsOf: styleFile, encoding: .utf8)
        #expect(styles == expectedStyles, "\(name)'s styles differ from Golden/\(name).styles.txt\(firstDifference(styles, expectedStyles)); if the change is intended, regenerate with KEEPWARM_UPDATE_GOLDEN=1 and review")
        for line in screen.split(separator: "\n") {
            #expect(DisplayText.width(String(line)) <= width, "no row is wider than the screen")
        }
    }

    /// Where two style maps first differ, as " (row 3, column 12: `r` instead of `u`)".
    static func firstDifference(_ a: String, _ b: String) -> String {
        let ra = a.split(separator: "\n", omittingEmptySubsequences: false), rb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for (y, (x1, x2)) in zip(ra, rb).enumerated() where x1 != x2 {
            let ca = Array(x1), cb = Array(x2)
            let x = (0..<min(ca.count, cb.count)).first { ca[$0] != cb[$0] } ?? min(ca.count, cb.count)
            func at(_ c: [Character]) -> String { x < c.count ? "`\(c[x])`" : "plain" }
            return " (row \(y), column \(x): \(at(ca)) instead of \(at(cb)))"
        }
        return ""
    }

    @Test func frontDeskAt80x24() throws { try check("front-desk-80x24", width: 80, height: 24) }
    @Test func frontDeskAt132x43() throws { try check("front-desk-132x43", width: 132, height: 43) }
    @Test func zoomedLapsedAt132x43() throws { try check("lapsed-zoomed-132x43", width: 132, height: 43, keys: [.char("2"), .char("Z")]) }
    @Test func zoomedThankYousAt80x24() throws { try check("thankyous-zoomed-80x24", width: 80, height: 24, keys: [.char("3"), .char("z")]) }
    @Test func clientCardAt80x24() throws { try check("client-card-80x24", width: 80, height: 24, keys: [.char("j"), .enter]) }
    @Test func rebookPromptAt80x24() throws { try check("rebook-80x24", width: 80, height: 24, keys: [.char("r")]) }
    @Test func auditWalkthroughAt80x24() throws { try check("audit-walk-80x24", width: 80, height: 24, keys: [.char("4"), .char("w"), .right, .right, .right, .right]) }
    @Test func auditSummaryAt80x24() throws { try check("audit-summary-80x24", width: 80, height: 24, keys: [.char("4"), .char("w"), .end] + Array(repeating: Key.right, count: 16)) }
    @Test func auditSummaryAt132x43() throws { try check("audit-summary-132x43", width: 132, height: 43, keys: [.char("4"), .char("w"), .end] + Array(repeating: Key.right, count: 16)) }
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

/// The diary on other days and the morning after (issue 13, "The whole diary").
@Suite struct DiaryDayGoldenTests {
    /// The demo with two appointments from earlier days nobody marked (Fri 20 Nov, booked in the past by force).
    static let morningAfter: Practice = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-golden-unmarked-\(UUID().uuidString)").path
        let path = dir + "/events.log"
        _ = try! DemoGenerator(seed: 7, events: 4000, end: GoldenTests.end).write(to: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = try! EventLog.open(path: path)
        for (client, at) in [("c3", "2026-11-20T18:00:00Z"), ("c12", "2026-11-21T18:30:00Z")] {
            let start = DateInput.parseZonedISO(at)!
            _ = try! log.append(by: "sam", at: GoldenTests.end) { p in
                try Command.book(client: client, practitioner: "p1", start: start, minutes: 60, force: true).event(in: p, now: GoldenTests.end)
            }
        }
        return log.practice
    }()

    @Test func tomorrowAt80x24() throws { try GoldenTests().check("diary-tomorrow-80x24", width: 80, height: 24, keys: [.char("]")]) }
    @Test func tomorrowAt132x43() throws { try GoldenTests().check("diary-tomorrow-132x43", width: 132, height: 43, keys: [.char("]")]) }
    @Test func pastDayAt80x24() throws {
        try GoldenTests().check("diary-past-80x24", width: 80, height: 24, keys: [.char("g")] + "-3d".map { Key.char($0) } + [.enter])
    }
    @Test func pastDayAt132x43() throws { try GoldenTests().check("diary-past-132x43", width: 132, height: 43, keys: [.left, .left, .left]) }
    @Test func morningAfterAt80x24() throws {
        try GoldenTests().check("diary-morning-after-80x24", width: 80, height: 24, practice: Self.morningAfter)
    }
    @Test func morningAfterAt132x43() throws {
        try GoldenTests().check("diary-morning-after-132x43", width: 132, height: 43, practice: Self.morningAfter)
    }
    @Test func aBadDateIsOneLineInTheForm() throws {
        try GoldenTests().check("diary-goto-bad-80x24", width: 80, height: 24, keys: [.char("g")] + "someday".map { Key.char($0) } + [.enter])
    }
}

extension DiaryDayGoldenTests {
    /// In the diary `g` is "go to a date", so Home and End (and `G`) are the first and last row; `t` on today keeps the
    /// highlight where it was.
    @Test func homeEndAndTodayKeepTheirRowsInTheDiary() {
        let p = GoldenTests.demo
        var data = ConsoleData(p, now: GoldenTests.end)
        var m = ConsoleModel(user: "sam")
        func press(_ k: Key) {
            _ = m.handle(.key(k), data: data, practice: p, now: GoldenTests.end)
            if data.follow(m.diaryDay, p) { _ = m.handle(.diaryShown, data: data, practice: p, now: GoldenTests.end) }
        }
        press(.end)
        #expect(m.cursors[.diary]?.index == data.diary.count - 1)
        press(.char("t"))
        #expect(m.cursors[.diary]?.index == data.diary.count - 1, "t on today moves nothing")
        press(.home)
        #expect(m.cursors[.diary]?.index == 0)
        press(.char("G"))
        #expect(m.cursors[.diary]?.index == data.diary.count - 1)
        press(.char("g"))
        guard case .form(.goToDay, _)? = m.overlays.last else { Issue.record("g opens the go-to-date form"); return }
        press(.escape)
        press(.char("]"))
        #expect(data.diaryDay == data.today + 1 && m.cursors[.diary]?.index == 0, "a new day starts on its first row")
    }
}
