import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The reports screen's tables are never worked out on the key press: `R` shows the screen with a working line and asks
/// for them (`.workOutTables`); they come back into the snapshot with a message, kept per practice seq and day; a late
/// result for an older practice never replaces a newer one; Enter before they are in says so.
@Suite struct TablesEffectTests {
    func screen(_ d: ModelDriver) -> String {
        ConsoleView.render(d.model, data: d.data, practice: d.fixture.p, now: d.fixture.now, width: 80, height: 24).text
    }

    /// What the loop does with finished tables: into the snapshot, then the model hears.
    func arrive(_ d: ModelDriver, _ r: ReportsData) {
        _ = d.data.takeReports(r)
        _ = d.send(.tablesWorkedOut(r.key))
    }

    @Test func rShowsTheScreenAtOnceAndTheMessageFillsIt() throws {
        let d = try ModelDriver.seededDay()
        _ = d.send(.screen(width: 80, height: 24))
        #expect(d.key(.char("R")) == [.workOutTables])
        #expect(screen(d).contains("Reports — sources") && screen(d).contains("Working out the reports…"))
        #expect(!screen(d).contains("All sources"))
        // Enter on a figure before the tables are in: said, and no drill-down opens.
        _ = d.key(.enter)
        #expect(d.model.status?.text == "still working out the reports; press Enter again in a moment")
        guard case .reports = d.model.overlays.last else { Issue.record("expected the reports screen still"); return }
        arrive(d, ReportsData(d.fixture.p, now: d.fixture.now))
        #expect(d.model.tables.asked == nil)
        #expect(!screen(d).contains("Working out the reports…") && screen(d).contains("All sources"))
        #expect(!screen(d).contains("updating…"))
        // Kept for this practice: tabs, out and in again ask for nothing.
        #expect(d.key(.char("3")) == [])
        #expect(d.key(.char("1")) == [])
        #expect(d.key(.escape) == [])
        #expect(d.key(.char("R")) == [])
        // The drill-down works once they are in.
        _ = d.key(.enter)
        guard case .drill = d.model.overlays.last else { Issue.record("expected the drill-down"); return }
        _ = d.key(.escape)
        _ = d.key(.escape)
        // The practice changed: asked again, once; the old tables stay, marked as being updated.
        try d.fixture.record("2026-11-23 10:00", .attend("a3"))
        #expect(d.key(.char("R")) == [.workOutTables])
        #expect(screen(d).contains("All sources") && screen(d).contains("updating…"))
        _ = d.key(.escape)
        #expect(d.key(.char("R")) == [], "already being worked out")
    }

    @Test func aLateResultForAnOlderPracticeIsDropped() throws {
        let d = try ModelDriver.seededDay()
        _ = d.send(.screen(width: 80, height: 24))
        let older = ReportsData(d.fixture.p, now: d.fixture.now)
        #expect(d.key(.char("R")) == [.workOutTables])
        // Another desk writes while the tables are worked out: the refresh asks for the newer practice's.
        try d.fixture.record("2026-11-23 10:00", .attend("a3"))
        #expect(d.send(.refreshed(byAnotherDesk: true)) == [.workOutTables])
        #expect(d.model.tables.asked == ChartsKey(d.fixture.p, now: d.fixture.now))
        let newer = ReportsData(d.fixture.p, now: d.fixture.now)
        #expect(newer.key > older.key)
        // The older one coming first is shown, marked as being updated, until the newer one replaces it.
        arrive(d, older)
        #expect(d.data.reports?.key == older.key && d.model.tables.asked != nil)
        #expect(screen(d).contains("All sources") && screen(d).contains("updating…"))
        arrive(d, newer)
        #expect(d.data.reports?.key == newer.key && d.model.tables.asked == nil && !screen(d).contains("updating…"))
        // And coming after the newer one, it is dropped.
        let taken = d.data.takeReports(older)
        #expect(!taken)
        _ = d.send(.tablesWorkedOut(older.key))
        #expect(d.data.reports?.key == newer.key && d.model.tables.asked == nil)
    }

    /// The real loop: `R` draws the working line, the tables arrive on a later tick, and another desk's write brings
    /// the newer practice's tables without a key.
    @Test func theLoopWorksTheTablesOutOffTheKeyPress() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("R"))
        #expect(f.screen.contains("Working out the reports…"), "the key itself works nothing out")
        #expect(f.app.data.reports == nil)
        f.waitForReports()
        #expect(f.screen.contains("All sources") && !f.screen.contains("Working out"))
        #expect(f.app.data.reports?.key == ChartsKey(f.p, now: f.now))
        f.press(.enter)
        guard case .drill = f.app.model.overlays.last else { Issue.record("expected the drill-down"); return }
        f.press(.escape)
        let other = try EventLog.open(path: f.log.path)
        let now = f.now
        _ = try other.append(by: "anna", at: now) { p in try Command.attend("a3").event(in: p, now: now) }
        f.app.tick()
        f.waitForReports()
        #expect(f.app.data.reports?.key == ChartsKey(f.p, now: f.now), "worked out again for the other desk's write")
        #expect(!f.screen.contains("updating…"))
    }
}
