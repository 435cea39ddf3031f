import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The mouse in the model: a cell maps to what the view drew there, with the view's own layout.
@Suite struct MouseTests {
    /// seedDay's diary: Ada at 10:00 (a3) on row 0, Grace at 14:00 (a4) on row 1; at 80×24 list rows start at y 3.
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
        #expect(click(d, 6, 4) == [], "a click records nothing")
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
