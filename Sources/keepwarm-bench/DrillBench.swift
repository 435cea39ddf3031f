import KeepwarmConsole
import KeepwarmCore

/// The drill-down's keys on the big demo: Enter on the walkthrough's post-session step (the sessions that missed it),
/// moving in that list, `m` to the other list, and Enter on the retention report's rebooking rate.
enum DrillBench {
    static func keys(_ app: ConsoleApp, _ time: (Key) -> Double) -> (open: Samples, inList: Samples, report: Samples) {
        var open = Samples(), inList = Samples(), report = Samples()
        app.press(.escape)
        app.press(.char("4"))
        app.press(.char("w"))
        app.press(.home)
        for _ in 0..<16 { app.press(.left) }
        for _ in 0..<4 { app.press(.right) }
        for _ in 0..<50 {
            open.add(time(.enter))
            for k in [Key.char("j"), .char("j"), .pageDown, .char("m"), .char("k"), .right, .left] { inList.add(time(k)) }
            app.press(.escape)
        }
        app.press(.escape)
        app.press(.char("R"))
        app.press(.char("3"))
        for _ in 0..<50 {
            report.add(time(.enter))
            app.press(.escape)
        }
        app.press(.escape)
        return (open, inList, report)
    }
}
