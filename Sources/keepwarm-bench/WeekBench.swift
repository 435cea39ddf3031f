import KeepwarmConsole
import KeepwarmCore

/// The week view's keys: the demo log has no working hours, so each practitioner is given a working week first (on
/// the tmpfs copy), or the view would show bookings only and time nothing of the free-time work.
enum WeekBench {
    /// Weekdays 09:00-13:00 and 14:00-18:00 for every practitioner, recorded as a desk would.
    static func setHours(_ log: EventLog, at now: Instant) throws {
        let week: [Int: [WorkingRange]] = Dictionary(uniqueKeysWithValues: (0..<5).map {
            ($0, [WorkingRange(start: 540, end: 780), WorkingRange(start: 840, end: 1080)])
        })
        for pr in log.practice.practitioners where !pr.withdrawn {
            try log.append(by: "bench", at: now) { p in try Command.setHours(practitioner: pr.id.description, days: week).event(in: p, now: now) }
        }
    }

    /// Opening the week, moving a week on and back, scrolling the day, and the next practitioner, each key timed to
    /// its frame.
    static func keys(_ app: ConsoleApp, _ time: (Key) -> Double) -> Samples {
        var s = Samples()
        for i in 0..<150 {
            s.add(time(.char("W")))
            s.add(time(i % 2 == 0 ? .char("]") : .char("[")))
            s.add(time(.right))
            s.add(time(.left))
            s.add(time(.pageDown))
            s.add(time(.char("k")))
            s.add(time(.tab))
            app.press(.escape)
        }
        return s
    }
}
