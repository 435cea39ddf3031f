/// The practice's appointments as an RFC 5545 calendar, for a phone or a shared calendar to subscribe to or import.
///
/// Times are written on the practice's own clock with its TZID and a VTIMEZONE, not in UTC, so a calendar shows
/// "10:00" in the practice's zone and a repeated import agrees with the diary on both sides of a daylight-saving
/// change. Every appointment is a timed event (there are no all-day ones). The SUMMARY holds the client's name (or,
/// with `initials`, only their initials, for a calendar others can see); no notes or contact details go in.
///
/// It is `METHOD:PUBLISH`, the practice publishing its own diary, so every event names the practice as ORGANIZER, as
/// RFC 5546 asks; Docs/cli.md says why PUBLISH rather than no METHOD.
public struct ICSCalendar: Sendable {
    /// Names this practice in every UID, so two practices' `a12` never collide in one calendar app.
    public let practiceKey: String
    /// The practice's From address, if Keepwarm has one; else `ICSOrganizer.noReply`. The name is the practice's.
    public let organizerAddress: String?
    /// Initials ("Z.B.") in each SUMMARY instead of the client's full name.
    public let initials: Bool
    /// Where the system's zone files are (normally /usr/share/zoneinfo), for the zone's real names.
    public let zoneInfo: String

    public init(practiceKey: String, organizerAddress: String? = nil, initials: Bool = false,
                zoneInfo: String = "/usr/share/zoneinfo") {
        self.practiceKey = practiceKey
        self.organizerAddress = organizerAddress
        self.initials = initials
        self.zoneInfo = zoneInfo
    }

    /// The calendar holding `appointments` (in start order), stamped `now`.
    public func bytes(_ appointments: [Appointment], in p: Practice, now: Instant) -> [UInt8] {
        let zone = p.calendar.timeZone
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Keepwarm//Keepwarm practice console//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(ICSText.escape(p.settings.name))", "X-WR-TIMEZONE:\(zone.identifier)",
        ]
        // RFC 5545 wants at least one component, so a calendar with no appointments still carries its zone.
        lines += ICSTimeZone.lines(zone, from: appointments.map(\.start).min() ?? now, to: appointments.map(\.end).max() ?? now,
                                   names: ICSZoneNames.load(zone.identifier, directory: zoneInfo))
        var out = lines.flatMap(ICSText.folded)
        let organizer = ICSOrganizer(name: p.settings.name, address: organizerAddress).line
        for a in appointments {
            for line in event(a, p, now: now, organizer: organizer) { out += ICSText.folded(line) }
        }
        out += ICSText.folded("END:VCALENDAR")
        return out
    }

    /// `a12.k1f2e3d4c@keepwarm`: the same appointment always has the same UID, so importing again updates it.
    public func uid(_ a: AppointmentID) -> String { "\(a).\(practiceKey)@keepwarm" }

    func event(_ a: Appointment, _ p: Practice, now: Instant, organizer: String) -> [String] {
        let zone = p.calendar.timeZone
        func local(_ i: Instant) -> String { "TZID=\(zone.identifier):" + ICSTimeZone.wall(i, offset: zone.secondsFromGMT(for: i.date)) }
        let client = p.clients[a.client.index]
        let name = (initials ? ICSInitials.of(client.name, given: client.given) : client.name.isEmpty ? nil : client.name) ?? a.client.description
        let practitioner = p.practitioners[a.practitioner.index].name
        // An appointment booked by mistake and undone is sent as cancelled, so a calendar that imported it drops it.
        let cancelled = a.status == .cancelled || a.withdrawn
        var lines = [
            "BEGIN:VEVENT", "UID:\(uid(a.id))", "DTSTAMP:\(ICSTimeZone.wall(now, offset: 0))Z",
            organizer, "DTSTART;\(local(a.start))", "DTEND;\(local(a.end))", "SEQUENCE:\(a.revisions)",
            "STATUS:\(cancelled ? "CANCELLED" : "CONFIRMED")",
            "SUMMARY:\(ICSText.escape(cancelled ? "Cancelled: \(name)" : name))",
            "DESCRIPTION:\(ICSText.escape("\(a.id) with \(practitioner), \(a.minutes) minutes, \(a.withdrawn ? "withdrawn" : a.status.rawValue)"))",
            "CATEGORIES:\(ICSText.escape(practitioner))", "TRANSP:\(cancelled ? "TRANSPARENT" : "OPAQUE")",
        ]
        lines.append("END:VEVENT")
        return lines
    }
}
