import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The reports screen's charts are never worked out on the key press: the key shows the screen with a working line and
/// asks for them (`.workOutCharts`); the charts come back as a message, kept per practice seq; a late result for an
/// older practice never replaces a newer one.
@Suite struct ChartsEffectTests {
    func screen(_ d: ModelDriver) -> String {
        ConsoleView.render(d.model, data: d.data, practice: d.fixture.p, now: d.fixture.now, width: 80, height: 24).text
    }

    @Test func theChartKeyShowsTheScreenAtOnceAndTheMessageFillsIt() throws {
        let d = try ModelDriver.seededDay()
        _ = d.send(.screen(width: 80, height: 24))
        #expect(d.key(.char("R")) == [.workOutTables], "the tables need no charts")
        #expect(d.key(.char("c")) == [.workOutCharts])
        #expect(screen(d).contains("Reports — sources charts") && screen(d).contains("Working out the charts…"))
        #expect(!screen(d).contains("New clients by source per quarter"))
        #expect(d.send(.chartsWorkedOut(ReportCharts(d.fixture.p, now: d.fixture.now))) == [])
        #expect(!screen(d).contains("Working out the charts…") && screen(d).contains("New clients by source per quarter"))
        // Kept for this practice: back to the tables, out, in again and to the charts asks for nothing.
        #expect(d.key(.char("c")) == [])
        #expect(d.key(.escape) == [])
        #expect(d.key(.char("R")) == [])
        #expect(d.key(.char("c")) == [])
        #expect(d.key(.char("3")) == [])
        #expect(screen(d).contains("First, second and third visits by first-visit quarter"))
        // Asked once only while they are being worked out.
        _ = d.key(.escape)
        try d.fixture.record("2026-11-23 10:00", .attend("a3"))
        #expect(d.key(.char("R")) == [.workOutCharts, .workOutTables], "the charts are on, and the practice changed")
        #expect(d.key(.char("c")) == [])
        #expect(d.key(.char("c")) == [], "already being worked out")
    }

    @Test func aLateResultForAnOlderPracticeIsDropped() throws {
        let d = try ModelDriver.seededDay()
        let older = ReportCharts(d.fixture.p, now: d.fixture.now)
        _ = d.key(.char("R"))
        #expect(d.key(.char("c")) == [.workOutCharts])
        // Another desk writes while the charts are worked out: the refresh asks for the newer practice's.
        try d.fixture.record("2026-11-23 10:00", .attend("a3"))
        #expect(d.send(.refreshed(byAnotherDesk: true)) == [.workOutCharts, .workOutTables], "the tables too, for the newer practice")
        #expect(d.model.charts.asked == ChartsKey(d.fixture.p, now: d.fixture.now))
        let newer = ReportCharts(d.fixture.p, now: d.fixture.now)
        #expect(newer.diaryDensity != older.diaryDensity, "the attended session shows in the week's bar")
        _ = d.send(.chartsWorkedOut(newer))
        #expect(d.model.charts.asked == nil)
        _ = d.send(.chartsWorkedOut(older))
        #expect(d.model.charts.shown?.key == newer.key)
        #expect(d.model.charts.shown?.diaryDensity == newer.diaryDensity)
        // The older one coming first is shown until the newer one replaces it, with a note that it is being updated.
        let m = ModelDriver(d.fixture)
        _ = m.send(.screen(width: 80, height: 24))
        _ = m.key(.char("R"))
        _ = m.key(.char("c"))
        _ = m.send(.chartsWorkedOut(older))
        #expect(m.model.charts.asked != nil && screen(m).contains("updating…"))
        _ = m.send(.chartsWorkedOut(newer))
        #expect(m.model.charts.asked == nil && !screen(m).contains("updating…"))
    }

    /// The loop lays the charts' lines out with them, off the key press; a frame drawn from those is the frame drawn
    /// from the charts alone.
    @Test func linesLaidOutAheadDrawTheSameScreen() throws {
        let d = try ModelDriver.seededDay(), e = ModelDriver(d.fixture)
        let p = d.fixture.p, now = d.fixture.now
        for (driver, charts) in [(d, ReportCharts(p, now: now)), (e, ReportCharts(p, now: now, layout: (76, .unicode)))] {
            _ = driver.send(.screen(width: 80, height: 24))
            _ = driver.key(.char("R"))
            _ = driver.key(.char("c"))
            _ = driver.send(.chartsWorkedOut(charts))
            _ = driver.key(.char("3"))
            _ = driver.key(.char("j"))
        }
        #expect(e.model.charts.shown?.laidOut?.width == 76)
        #expect(screen(e) == screen(d) && screen(d).contains("first-visit quarter"))
    }

    /// The real loop: `c` draws the working line, the charts arrive on a later tick, and another desk's write brings
    /// the newer practice's charts without a key.
    @Test func theLoopWorksTheChartsOutOffTheKeyPress() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("R"), .char("c"))
        #expect(f.screen.contains("Working out the charts…"))
        try waitForCharts(f)
        #expect(f.screen.contains("New clients by source per quarter") && !f.screen.contains("Working out"))
        #expect(f.app.model.charts.shown?.key == ChartsKey(f.p, now: f.now))
        let other = try EventLog.open(path: f.log.path)
        let now = f.now
        _ = try other.append(by: "anna", at: now) { p in try Command.attend("a3").event(in: p, now: now) }
        f.app.tick()
        try waitForCharts(f)
        #expect(f.app.model.charts.shown?.key == ChartsKey(f.p, now: f.now), "worked out again for the other desk's write")
    }

    /// Ticks until the charts asked for are handed to the model (a bounded wait, not a timing check).
    func waitForCharts(_ f: ConsoleFixture) throws {
        for _ in 0..<1000 where f.app.isWorkingOutCharts || f.app.model.charts.asked != nil {
            usleep(10_000)
            f.app.tick()
        }
        #expect(f.app.model.charts.asked == nil)
    }
}
