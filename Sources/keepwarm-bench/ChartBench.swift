import Foundation
import KeepwarmConsole
import KeepwarmCore

/// The owner's charts on the reports screen. A chart key only shows the screen and asks for the charts
/// (`ConsoleAction.workOutCharts`), so the key press is what is timed; how long the charts take to appear after it
/// (worked out on another thread, collected by the loop's next tick) is timed apart, on fresh consoles so nothing is
/// kept from before. `R` likewise only asks for the reports' tables (`ConsoleAction.workOutTables`): the key, the time
/// until the tables are on screen, and `R` again with the tables kept are timed the same way.
enum ChartBench {
    static func rows(_ app: ConsoleApp, _ time: (Key) -> Double, now: Instant) -> [Row] {
        let p = app.log.practice
        var rows: [Row] = []
        var work = Samples(), draw = Samples()
        for _ in 0..<10 {
            var charts: ReportCharts?
            work.add(Clock.seconds { charts = ReportCharts(p, now: now) } * 1000)
            let c = charts!
            draw.add(Clock.seconds {
                for chart in [c.funnel, c.diaryDensity, c.retention, c.newClientsBySource] { _ = ChartCells(chart, width: 128, charset: .unicode) }
            } * 1000)
        }
        rows.append(Row(figure: "Working out the four charts (one pass, off the key press)", unit: "ms", samples: work, target: "report", format: .millis))
        rows.append(Row(figure: "  and laying out their lines", unit: "ms", samples: draw, target: "report", format: .millis))

        var firstR = Samples(), tables = Samples(), againR = Samples(), firstC = Samples(), appear = Samples()
        for _ in 0..<5 {
            let fresh = ConsoleApp(log: app.log, terminal: MemoryTerminal(width: 132, height: 43), user: "bench", clock: { now })
            fresh.tick()
            // R shows the screen with its working line and asks for the tables (`.workOutTables`); the loop brings them.
            tables.add(Clock.seconds {
                firstR.add(Clock.seconds { fresh.press(.char("R")) } * 1000)
                while fresh.data.reports == nil || fresh.isWorkingOutTables {
                    usleep(500)
                    fresh.tick()
                }
            } * 1000)
            // Out and in again: the tables are kept for this practice, so nothing is worked out.
            fresh.press(.escape)
            againR.add(Clock.seconds { fresh.press(.char("R")) } * 1000)
            // The console's loop looks for finished charts every 10 ms while they are worked out; this looks every 0.5 ms.
            appear.add(Clock.seconds {
                firstC.add(Clock.seconds { fresh.press(.char("c")) } * 1000)
                while fresh.model.charts.shown == nil || fresh.isWorkingOutCharts {
                    usleep(500)
                    fresh.tick()
                }
            } * 1000)
        }
        rows.append(Row(figure: "Key to frame, first R (working line; tables off the key)", unit: "ms", samples: firstR, target: "< 5", format: .millis))
        rows.append(Row(figure: "  first R until the four tables are on screen", unit: "ms", samples: tables, target: "report", format: .millis))
        rows.append(Row(figure: "Key to frame, R again (tables kept)", unit: "ms", samples: againR, target: "< 5", format: .millis))
        rows.append(Row(figure: "Key to frame, first c on the reports screen (working line)", unit: "ms", samples: firstC, target: "< 5", format: .millis))
        rows.append(Row(figure: "  first c until the four charts are on screen", unit: "ms", samples: appear, target: "report", format: .millis))

        app.press(.char("R"))
        if !app.model.reportCharts { app.press(.char("c")) }
        while app.isWorkingOutCharts || app.model.charts.asked != nil || app.isWorkingOutTables || app.model.tables.asked != nil {
            usleep(500)
            app.tick()
        }
        var toCharts = Samples(), toTables = Samples(), tab3 = Samples(), tab1 = Samples(), down = Samples()
        for _ in 0..<100 {
            tab3.add(time(.char("3")))
            down.add(time(.char("j")))
            tab1.add(time(.char("1")))
            toTables.add(time(.char("c")))
            toCharts.add(time(.char("c")))
        }
        app.press(.escape)
        if case .reports = app.model.overlays.last { app.press(.escape) }
        for (name, s) in [("c to the charts (kept)", toCharts), ("c back to the tables", toTables), ("3 (retention's charts)", tab3),
                          ("1 (sources' chart)", tab1), ("j scrolling the charts", down)] {
            rows.append(Row(figure: "Key to frame, reports screen: \(name), p99", unit: "ms", samples: s, target: "< 5", format: .millis, p99: true))
        }
        return rows
    }
}

extension Bench {
    /// `--only charts`: the chart rows and the drill-down's keys, on the largest demo log, at 132×43 as the key
    /// presses are measured.
    mutating func charts(_ n: Int, _ path: String) throws {
        log("charts \(n)")
        let terminal = MemoryTerminal(width: 132, height: 43)
        let opened = try EventLog.open(path: path)
        let app = ConsoleApp(log: opened, terminal: terminal, user: "bench", clock: { Bench.end })
        app.tick()
        func time(_ k: Key) -> Double { Clock.seconds { app.press(k) } * 1000 }
        rows += ChartBench.rows(app, time, now: Bench.end)
        rows += DrillBench.keys(app, time).rows
    }
}
