import KeepwarmConsole
import KeepwarmCore

/// The owner's charts on the reports screen: each chart worked out and drawn on its own (what opening it costs the
/// first time), and the keys on the screen once they are kept (`c` to charts, `3` and `1` between tabs, `c` back).
enum ChartBench {
    static func rows(_ app: ConsoleApp, _ time: (Key) -> Double, now: Instant) -> [Row] {
        let p = app.log.practice
        var rows: [Row] = []
        let charts: [(String, (Practice, Instant) -> Chart)] = [
            ("funnel", Chart.funnel), ("diary density", Chart.diaryDensity),
            ("retention curve", Chart.retentionCurve), ("new clients by source", Chart.newClientsBySource),
        ]
        for (name, build) in charts {
            var s = Samples()
            for _ in 0..<10 {
                s.add(Clock.seconds { _ = ChartCells(build(p, now), width: 128, charset: .unicode) } * 1000)
            }
            rows.append(Row(figure: "Opening the \(name) chart (worked out and drawn)", unit: "ms", samples: s, target: "< 5", format: .millis))
        }
        app.press(.char("R"))
        var first = Samples()
        first.add(time(.char("c")))
        var keys = Samples()
        for _ in 0..<100 {
            keys.add(time(.char("3")))
            keys.add(time(.char("j")))
            keys.add(time(.char("1")))
            keys.add(time(.char("c")))
            keys.add(time(.char("c")))
        }
        app.press(.escape)
        if case .reports = app.model.overlays.last { app.press(.escape) }
        rows.append(Row(figure: "Key to frame, first c on the reports screen (all four charts)", unit: "ms", samples: first, target: "< 5", format: .millis))
        rows.append(Row(figure: "Key to frame, charts kept (3, j, 1, c, c), p99", unit: "ms", samples: keys, target: "< 5", format: .millis, p99: true))
        return rows
    }
}

extension Bench {
    /// `--only charts`: the chart rows alone, on the largest demo log, at 132×43 as the key presses are measured.
    mutating func charts(_ n: Int, _ path: String) throws {
        log("charts \(n)")
        let terminal = MemoryTerminal(width: 132, height: 43)
        let opened = try EventLog.open(path: path)
        let app = ConsoleApp(log: opened, terminal: terminal, user: "bench", clock: { Bench.end })
        app.tick()
        func time(_ k: Key) -> Double { Clock.seconds { app.press(k) } * 1000 }
        rows += ChartBench.rows(app, time, now: Bench.end)
    }
}
