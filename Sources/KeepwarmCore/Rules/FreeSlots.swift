/// Free time within practitioners' working hours: what the week view shows as free and what "next free slot" offers.
/// Booked time is every appointment that is not cancelled (attended and no-show ones took the time too).
public enum FreeSlots {
    /// A time a client could be booked.
    public struct Slot: Equatable, Sendable {
        public let practitioner: PractitionerID
        public let start: Instant
        public let minutes: Int
    }

    /// Starts are offered on the quarter hour, as a diary is kept.
    public static let grid: Int64 = 15 * 60_000

    /// How far ahead "next free slot" looks before saying nothing is free.
    public static let searchDays = 92

    /// The appointments taking a practitioner's time on a local day (including one running over from the day
    /// before), in start order.
    public static func booked(_ p: Practice, practitioner: PractitionerID, day: Int) -> [Appointment] {
        let from = p.calendar.instant(day: day, minute: 0), to = p.calendar.instant(day: day + 1, minute: 0)
        return [day - 1, day].flatMap { p.appointmentsByDay[$0] ?? [] }
            .map { p.appointments[$0.index] }
            .filter { $0.practitioner == practitioner && $0.status != .cancelled && !$0.withdrawn && $0.start < to && from < $0.end }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    /// The practitioner's working hours on a local day as instants (the wall clock where the practice is, so a
    /// daylight-saving day keeps 09:00-17:00 on the clock); none on a day off or when no hours are set.
    public static func working(_ p: Practice, practitioner: PractitionerID, day: Int) -> [(start: Instant, end: Instant)] {
        guard let hours = p.practitioners[practitioner.index].hours else { return [] }
        return hours.ranges(onDay: day).map { (p.calendar.instant(day: day, minute: $0.start), p.calendar.instant(day: day, minute: $0.end)) }
    }

    /// Working hours on a day minus booked time: the stretches that are free.
    public static func free(_ p: Practice, practitioner: PractitionerID, day: Int) -> [(start: Instant, end: Instant)] {
        let busy = booked(p, practitioner: practitioner, day: day)
        var out: [(start: Instant, end: Instant)] = []
        for w in working(p, practitioner: practitioner, day: day) {
            var from = w.start
            for a in busy where a.end > from && a.start < w.end {
                if a.start > from { out.append((from, a.start)) }
                from = max(from, a.end)
            }
            if from < w.end { out.append((from, w.end)) }
        }
        return out
    }

    /// The first `limit` times from `after` at which a session of `minutes` fits in working hours without clashing
    /// with a booking (nor with the client's own, when a client is given), earliest first; with no practitioner named,
    /// every practitioner's. Within a free stretch, sessions are offered back to back from its start (on the quarter
    /// hour). Refused with what to do when no hours are set, since "nothing free" would then mislead.
    public static func next(_ p: Practice, minutes: Int, practitioner: PractitionerID?, client: ClientID? = nil,
                            after: Instant, limit: Int = 8, site: SiteID? = nil) throws(CommandError) -> [Slot] {
        try Validate.minutes(minutes)
        let candidates = practitioner.map { [$0] } ?? p.practitioners.filter { !$0.withdrawn && p.works($0, at: site) }.map(\.id)
        if let site, let one = practitioner, p.practitioners[one.index].site != site {
            throw CommandError("\(p.practitioners[one.index].name) (\(one)) does not work at \(p.sites[site.index].name) (\(site)): leave out --site or --practitioner")
        }
        if candidates.isEmpty, let site { throw CommandError("nobody works at \(p.sites[site.index].name) (\(site)) yet: give a practitioner a site first") }
        if candidates.isEmpty { throw CommandError("there are no practitioners yet: add one first") }
        let withHours = candidates.filter { !(p.practitioners[$0.index].hours?.isEmpty ?? true) }
        if withHours.isEmpty {
            let who = candidates.count == 1 ? "\(p.practitioners[candidates[0].index].name) (\(candidates[0]))" : "any practitioner"
            throw CommandError("no working hours are set for \(who), so no time is free to offer: set their hours first")
        }
        let length = Int64(minutes) * 60_000
        var out: [Slot] = []
        let first = p.calendar.day(of: after)
        for day in first..<(first + searchDays) where out.count < limit {
            var today: [Slot] = []
            for who in withHours {
                for stretch in free(p, practitioner: who, day: day) {
                    let from = max(stretch.start, after).ms
                    var start = (from + grid - 1) / grid * grid
                    while start + length <= stretch.end.ms {
                        let s = Instant(ms: start)
                        if let client, let other = p.clientClash(client, start: s, minutes: minutes) {
                            start = (other.end.ms + grid - 1) / grid * grid
                            continue
                        }
                        today.append(Slot(practitioner: who, start: s, minutes: minutes))
                        start += length
                    }
                }
            }
            out += today.sorted { ($0.start, $0.practitioner) < ($1.start, $1.practitioner) }
        }
        return Array(out.prefix(limit))
    }
}
