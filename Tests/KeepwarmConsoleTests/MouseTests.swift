import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The mouse in the model: a cell maps to what the view drew there, with the view's own layout.
@Suite struct MouseTests {
    /// seedDay's diary: Ada at 10:00 (a3) on row 0, Grace at 14:00 (a4) on row 1; at 80×24 list rows start at y 3, and
    /// the "now" line sits between them (y 4), so Grace is drawn at y 5.
    func driver() throws -> ModelDriver {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        _ = d.model.handle(.screen(width: 80, height: 24), data: d.data, practice: f.p, now: f.now)
        _ = d.model.handle(.refreshed(byAnotherDesk: false), data: d.data, practice: f.p, now: f.now)
        return d
    }

    func click(_ d: ModelDriver, _ x: Int, _ y: Int) -> [ConsoleAction] { d.key(.mouse(MouseEvent(.click, x: x, y: y))) }

    @Test func aClickOnARowSelectsItsRecord() throws {
        let d = try driver()
        #expect(click(d, 6, 4) == [] && d.model.cursors[.diary]?.index == 0, "a click on the now line selects nothing")
        #expect(click(d, 6, 5) == [], "a click records nothing")
        #expect(d.model.cursors[.diary]?.index == 1)
        #expect(d.model.cursors[.diary]?.id == .appointment(AppointmentID(4)), "the selection holds Grace's appointment by id")
        #expect(d.key(.char("a")) == [.record(.attend("a4"))])
    }

    @Test func aClickOnABorderOrHeaderFocusesThePaneAndKeepsItsSelection() throws {
        let d = try driver()
        _ = click(d, 60, 1)  // the lapsed pane's top border
        #expect(d.model.focus == .lapsed)
        _ = click(d, 6, 2)  // the diary's header row
        #expect(d.model.focus == .diary)
        #expect(d.model.cursors[.diary]?.index == 0)
        _ = click(d, 6, 8)  // below the diary's last row
        #expect(d.model.cursors[.diary]?.index == 0)
    }

    @Test func aClickOnAChoiceSelectsTheOptionWithoutPickingIt() throws {
        let d = try driver()
        _ = d.key(.char("c"))
        guard case .choice(let prompt)? = d.model.overlays.last else { Issue.record("c asks who cancelled"); return }
        let r = OverlayView.frameRect(width: OverlayView.choiceWidth(prompt, screenWidth: 80), height: prompt.options.count + 2,
                                      screenWidth: 80, screenHeight: 24)
        #expect(click(d, r.x + 3, r.y + 3) == [], "a click only selects: cancelling stays a key")
        guard case .choice(let after)? = d.model.overlays.last else { Issue.record("the choice stays open"); return }
        #expect(after.cursor == 2)
        #expect(d.key(.enter) == [.record(.cancel("a3", by: .practice, late: false))])
    }

    @Test func theWheelMovesTheListUnderThePointerAndNotTheFocus() throws {
        let d = try driver()
        _ = d.key(.char("3"))
        _ = d.key(.mouse(MouseEvent(.wheelDown, x: 6, y: 5)))
        #expect(d.model.focus == .thankYous)
        #expect(d.model.cursors[.diary]?.index == 1, "two rows: the wheel stops at the last")
        _ = d.key(.mouse(MouseEvent(.wheelUp, x: 6, y: 5)))
        #expect(d.model.cursors[.diary]?.index == 0)
    }

    @Test func withoutALayoutACellMeansNothing() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        #expect(click(d, 6, 4) == [])
        #expect(d.model.cursors[.diary]?.index == 0 && d.model.focus == .diary)
    }
}

/// On the demo practice, at both golden sizes and with the list scrolled: after a click, the row drawn as selected is
/// the row that was drawn where the click landed (a click below the last row changes nothing), in the panes and in
/// every list window. This holds `ScreenMap` to
/// the view's geometry.
@Suite struct MouseGeometryTests {
    /// The text between columns `x0` and `x1` of the one row in that band drawn reversed (the selection), if any.
    func selectedText(_ g: Grid, _ x0: Int, _ x1: Int) -> [String] {
        (0..<g.height).filter { g[x0 + 1, $0].style.attributes.contains(.reverse) && $0 > 0 && $0 < g.height - 1 }
            .map { y in (x0..<x1).map { g[$0, y].text }.joined() }
    }

    func text(_ g: Grid, _ y: Int, _ x0: Int, _ x1: Int) -> String { (x0..<x1).map { g[$0, y].text }.joined() }

    /// Opens what `keys` open, clicks at every row `ys`, and checks the row drawn selected is the one clicked.
    func check(_ keys: [Key], band: (Int, Int) -> (Int, Int), ys: (Int) -> [Int], width: Int, height: Int) {
        let p = GoldenTests.demo
        var data = ConsoleData(p, now: GoldenTests.end)
        data.audit = AuditSummary(evidence: AuditEvidence.all(p, window: AuditWindow(end: GoldenTests.end)), answers: [:])
        let (x0, x1) = band(width, height)
        for y in ys(height) {
            var m = ConsoleModel(user: "sam")
            _ = m.handle(.screen(width: width, height: height), data: data, practice: p, now: GoldenTests.end)
            for k in keys { _ = m.handle(.key(k), data: data, practice: p, now: GoldenTests.end) }
            let before = ConsoleView.render(m, data: data, practice: p, now: GoldenTests.end, width: width, height: height)
            let clicked = text(before, y, x0, x1)
            let actions = m.handle(.key(.mouse(MouseEvent(.click, x: x0 + 3, y: y))), data: data, practice: p, now: GoldenTests.end)
            #expect(actions == [], "a click records nothing")
            let after = ConsoleView.render(m, data: data, practice: p, now: GoldenTests.end, width: width, height: height)
            // Below the last row, or on a divider (the diary's "now" line), nothing is there to select: the selection
            // stays where it was.
            // A follow-ups group heading ("│ post-session (2)") is not a row either.
            let blank = clicked.allSatisfy { " │|".contains($0) } || clicked.contains("── ")
                || clicked.range(of: #"^│ [a-z0-9-]+ \(\d+\) *$"#, options: .regularExpression) != nil
            #expect(selectedText(after, x0, x1) == (blank ? selectedText(before, x0, x1) : [clicked]), "\(keys) at \(width)×\(height), row \(y)")
        }
    }

    @Test func inTheDiaryScrolledOrNot() {
        for (w, h) in [(80, 24), (132, 43)] {
            // Rows 3… of the diary (its list starts under the header); 12 rows down scrolls it first.
            for keys in [[], Array(repeating: Key.char("j"), count: 12)] {
                check(keys, band: { w, _ in (0, w / 2) }, ys: { h in Array(3..<((h - 3) / 2)) }, width: w, height: h)
            }
        }
    }

    @Test func inTheZoomedLapsedPane() {
        check([.char("2"), .char("Z"), .end], band: { w, _ in (0, w) }, ys: { h in Array(3..<(h - 3)) }, width: 132, height: 43)
    }

    @Test func inTheFollowUpsAndCallbacksWindows() {
        for (w, h) in [(80, 24), (132, 43)] {
            for keys: [Key] in [[.char("f")], [.char("f"), .end], [.char("!")]] {
                let r = OverlayView.frameRect(width: OverlayView.tableWidth, height: OverlayView.tableHeight(screenHeight: h), screenWidth: w, screenHeight: h)
                check(keys, band: { _, _ in (r.x, r.x + r.w - 1) }, ys: { _ in Array((r.y + 2)..<(r.y + r.h - 1)) }, width: w, height: h)
            }
        }
    }

    @Test func inTheSearchResults() {
        let r = OverlayView.frameRect(width: OverlayView.searchWidth, height: OverlayView.searchHeight(screenHeight: 24), screenWidth: 80, screenHeight: 24)
        check([.char("/"), .char("a")], band: { _, _ in (r.x + 1, r.x + r.w - 1) }, ys: { _ in Array((r.y + 3)..<(r.y + r.h - 1)) }, width: 80, height: 24)
    }
}
