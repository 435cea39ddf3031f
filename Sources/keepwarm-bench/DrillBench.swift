import Foundation
import KeepwarmConsole
import KeepwarmCore

/// The drill-down's keys on the big demo: Enter on the walkthrough's post-session step (the sessions that missed it),
/// moving and paging in that list, `m` to the other list, and Enter on the retention report's rebooking rate; each key
/// on its own row.
enum DrillBench {
    struct Keys {
        var open = Samples(), move = Samples(), page = Samples(), other = Samples(), report = Samples()

        /// One row per key, median and p99.
        var rows: [Row] {
            [("opening an audit step's drill-down (⏎)", open), ("moving in a drill-down (j, k, →, ←)", move),
             ("paging in a drill-down (PgDn)", page), ("the other list of a drill-down (m)", other),
             ("opening a report's drill-down (⏎)", report)].map { name, s in
                Row(figure: "Key to frame, \(name), p99", unit: "ms", samples: s, target: "< 5", format: .millis, p99: true)
            }
        }
    }

    static func keys(_ app: ConsoleApp, _ time: (Key) -> Double) -> Keys {
        var k = Keys()
        app.press(.escape)
        app.press(.char("4"))
        app.press(.char("w"))
        app.press(.home)
        for _ in 0..<16 { app.press(.left) }
        for _ in 0..<4 { app.press(.right) }
        for _ in 0..<50 {
            k.open.add(time(.enter))
            for key in [Key.char("j"), .char("j")] { k.move.add(time(key)) }
            k.page.add(time(.pageDown))
            k.other.add(time(.char("m")))
            for key in [Key.char("k"), .right, .left] { k.move.add(time(key)) }
            app.press(.escape)
        }
        app.press(.escape)
        app.press(.char("R"))
        // The tables are worked out off the key (`.workOutTables`): ⏎ on a figure is timed once they are in.
        while app.isWorkingOutTables || app.model.tables.asked != nil {
            usleep(500)
            app.tick()
        }
        app.press(.char("3"))
        for _ in 0..<50 {
            k.report.add(time(.enter))
            app.press(.escape)
        }
        app.press(.escape)
        return k
    }
}
