/// The morning after (Docs/rules.md, "Not marked yet"): appointments from earlier days that nobody marked attended,
/// no-show or cancelled. They stay listed at the top of today's diary until someone marks them, because an unmarked
/// session is a visit the retention rules cannot see (no post-session message, no lapse clock, no no-show follow-up).
public enum Unmarked {
    /// Every appointment still `booked` whose local day is before `today`, oldest first (ties by id).
    /// One pass over the appointments; the console redoes it for one client at a time (`appointments(of:)`).
    public static func appointments(_ p: Practice, today: Int) -> [Appointment] {
        var out: [Appointment] = []
        for i in p.appointments.indices where isUnmarked(p.appointments[i], p, today: today) {
            out.append(p.appointments[i])
        }
        return out.sorted(by: order)
    }

    /// The same for one client's appointments only, oldest first.
    public static func appointments(of client: ClientID, _ p: Practice, today: Int) -> [Appointment] {
        p.appointments(of: client).filter { isUnmarked($0, p, today: today) }.sorted(by: order)
    }

    /// The morning-after list as diary rows (with the diary's flags), oldest first.
    public static func rows(_ p: Practice, today: Int) -> [DiaryRow] {
        Diary.rows(p, of: appointments(p, today: today))
    }

    /// Booked (never marked), not withdrawn by an undo, and on a local day before `today`. Today's own appointments
    /// are in today's diary already, so they are not "earlier days" even once their time has passed.
    public static func isUnmarked(_ a: Appointment, _ p: Practice, today: Int) -> Bool {
        a.status == .booked && !a.withdrawn && p.calendar.day(of: a.start) < today
    }

    /// Oldest first; two at the same time by appointment id.
    public static func order(_ a: Appointment, _ b: Appointment) -> Bool { (a.start, a.id) < (b.start, b.id) }
}
