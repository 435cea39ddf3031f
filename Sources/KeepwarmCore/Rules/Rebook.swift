/// The next session offered in one step: same weekday, time, practitioner and length, at the client's usual interval.
public struct RebookProposal: Equatable, Sendable {
    public let from: AppointmentID
    public let client: ClientID
    public let practitioner: PractitionerID
    public let start: Instant
    public let minutes: Int
    /// The interval the proposal is based on, in days, before rounding to whole weeks.
    public let intervalDays: Int
    /// Why that interval: the client's cadence, the gap between their last two sessions, or the one-week default.
    public let basis: String
    /// Days the proposal moved forward because the slot was taken.
    public let shiftedDays: Int
}

/// One-step rebooking (Docs/rules.md, "Rebook").
public enum Rebook {
    /// How far ahead to look for a free day before giving up.
    static let searchDays = 60

    public static func propose(_ p: Practice, from id: AppointmentID, now: Instant) throws(CommandError) -> RebookProposal {
        guard let a = p.appointment(id) else { throw CommandError("no appointment '\(id)'") }
        guard a.status == .attended else {
            throw CommandError("\(id) is \(a.status.rawValue), not attended: rebooking starts from an attended session (mark it with `keepwarm attend \(id)` first)")
        }
        let client = p.clients[a.client.index]
        if let already = p.appointments(of: a.client).first(where: { $0.status == .booked && $0.start > a.start }) {
            throw CommandError("\(client.name) already has their next session booked (\(already.id) on \(p.describe(already.start))); use `keepwarm move \(already.id) --to …` to change it")
        }
        let cal = p.calendar
        let attended = p.appointments(of: a.client).filter { $0.status == .attended && $0.start <= a.start }
        let interval: Int
        var basis: String
        if let cadence = client.cadence {
            interval = cadence
            basis = "their cadence of \(cadence) days"
        } else if attended.count >= 2 {
            let gap = cal.days(from: attended[attended.count - 2].start, to: attended[attended.count - 1].start)
            interval = max(1, gap)
            basis = "the gap between their last two sessions (\(gap) days)"
        } else {
            interval = 7
            basis = "same time next week"
        }
        // Whole weeks keep the weekday the client is used to.
        let weeks = max(1, Int((Double(interval) / 7).rounded()))
        // Say so when the weeks are not the interval itself, or the proposal reads as a mistake ("3 days" and a date a
        // week on).
        if weeks * 7 != interval { basis += "; whole weeks keep the weekday, so \(weeks) week\(weeks == 1 ? "" : "s")" }
        let minute = cal.minuteOfDay(a.start)
        var day = cal.day(of: a.start) + weeks * 7
        while cal.instant(day: day, minute: minute) <= now { day += weeks * 7 }
        for shift in 0..<searchDays {
            let start = cal.instant(day: day + shift, minute: minute)
            if p.clash(practitioner: a.practitioner, start: start, minutes: a.minutes) == nil,
               p.clientClash(a.client, start: start, minutes: a.minutes) == nil {
                return RebookProposal(from: id, client: a.client, practitioner: a.practitioner, start: start,
                                      minutes: a.minutes, intervalDays: interval, basis: basis, shiftedDays: shift)
            }
        }
        throw CommandError("no free \(cal.timeString(a.start)) slot with \(p.practitioners[a.practitioner.index].name) in the \(searchDays) days from \(Civil.string(ofDay: day)); book by hand with `keepwarm book`")
    }
}

extension Practice {
    /// Another live appointment of the same client overlapping this time, if any.
    public func clientClash(_ client: ClientID, start: Instant, minutes: Int, ignoring: AppointmentID? = nil) -> Appointment? {
        let end = start.adding(minutes: minutes)
        return clients[client.index].appointments.lazy.map { self.appointments[$0.index] }
            .first { $0.id != ignoring && $0.status != .cancelled && $0.start < end && start < $0.end }
    }
}
