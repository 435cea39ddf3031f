import Foundation
import KeepwarmCore

extension Desk {
    /// The practice as `--as-of DATE` asks for it: replayed up to the last millisecond of that local day, so
    /// everything recorded on it counts and nothing after; without the option, the practice as it is now. A day after
    /// today is refused: the log can only say how things stood up to now. The audit and its printable report share it.
    func practice(asOf text: String?) throws -> (practice: Practice, now: Instant) {
        let log = try openLog()
        let p = log.practice
        let now = try self.now(p.calendar)
        guard let text else { return (p, now) }
        let day = try DateInput(calendar: p.calendar, now: now).day(text)
        let today = p.calendar.day(of: now)
        guard day <= today else {
            throw InputError("--as-of \(Civil.string(ofDay: day)) is after today (\(Civil.string(ofDay: today))); the log can only say how things stood up to now")
        }
        let end = Instant(ms: p.calendar.instant(day: day + 1, minute: 0).ms - 1)
        return (try log.practice(asOf: end), end)
    }
}
