import Foundation
import KeepwarmCore

/// The values a template is rendered with, all worked out from the log (and booking details from config.toml).
public enum MessageValues {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// For a message to `client`. `sender` signs it when it is not empty: only a person's own display_name, on a
    /// message the desk sends by hand. Empty (as the autopilot passes it) means the message is signed by `signature`.
    public static func forClient(_ p: Practice, _ client: ClientID, now: Instant, sender: String, config: UserConfig,
                                 context: MessageContext = MessageContext()) -> [String: String] {
        let c = p.clients[client.index]
        let h = ClientHistory(p, client)
        let last = h.attended.last { $0.start <= now }
        let next = h.nextBooking(after: now)
        let about = context.appointment.flatMap { p.appointment($0) }
        let chosen = sender.trimmingCharacters(in: .whitespacesAndNewlines)
        var v: [TemplateVariable: String] = [
            .firstName: c.greetingName,
            .fullName: c.name,
            .practiceName: p.settings.name,
            .practitioner: practitionerName(p, client: client, appointment: context.appointment, now: now) ?? "",
            .lastVisit: last.map { day(p, $0.start) } ?? "",
            .nextBooking: next.map { dayAndTime(p, $0.start) } ?? "",
            .appointment: about.map { dayAndTime(p, $0.start) } ?? "",
            .bookingLink: config.bookingLink ?? "",
            .bookingPhone: config.bookingPhone ?? "",
            .sender: chosen.isEmpty ? signature(p, client: client, appointment: context.appointment, now: now) : chosen,
            .optOut: OptOutLine.text(channel: context.channel, purpose: context.purpose, bookingPhone: config.bookingPhone),
        ]
        for (k, s) in v { v[k] = clean(s) }
        return Dictionary(uniqueKeysWithValues: v.map { ($0.key.rawValue, $0.value) })
    }

    /// A value as a client reads it: a line break or other control character in a record (an imported name) is a
    /// space, and direction overrides are dropped, rather than the console's visible stand-ins (␊), which would
    /// reach the client's inbox or phone.
    public static func clean(_ s: String) -> String {
        guard DisplayText.visible(s) != s else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029:
                if out.last != " " { out.append(" ") }
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: continue
            default: out.append(u)
            }
        }
        return String(out).trimmingCharacters(in: .whitespaces)
    }

    /// For the thank-you to a referral's referrer. Only the referrer's own details are offered: nothing about the person
    /// they referred (not their name, not whether they booked or came), which is that person's private business.
    public static func forReferral(_ p: Practice, _ referral: ReferralID, now: Instant, sender: String, config: UserConfig,
                                   context: MessageContext = MessageContext()) -> [String: String] {
        forClient(p, p.referrals[referral.index].referrer, now: now, sender: sender, config: config, context: context)
    }

    /// Who signs a message to `client`, as recorded in the log: the practitioner of `appointment` (a reminder's), else
    /// the one the client is next booked with, else the one they last saw; else the practice's name. Never a login
    /// name, "unknown" or an empty string: the one rule every message and call script is signed by.
    public static func signature(_ p: Practice, client: ClientID, appointment: AppointmentID?, now: Instant) -> String {
        if let name = practitionerName(p, client: client, appointment: appointment, now: now) { return name }
        let practice = p.settings.name.trimmingCharacters(in: .whitespacesAndNewlines)
        // The log's commands refuse an empty name; a hand-made log is still never signed with nothing.
        return practice.isEmpty ? Settings().name : practice
    }

    /// The practitioner the message is from: the appointment's, else the next booking's, else the last attended
    /// session's; nil when there is none (or only one without a name, or one added by mistake and withdrawn).
    static func practitionerName(_ p: Practice, client: ClientID, appointment: AppointmentID?, now: Instant) -> String? {
        let h = ClientHistory(p, client)
        let candidates = [appointment.flatMap { p.appointment($0) }, h.nextBooking(after: now), h.attended.last { $0.start <= now }]
        for a in candidates {
            guard let a, let who = p.practitioner(a.practitioner), !who.withdrawn else { continue }
            let name = who.name.trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { return name }
        }
        return nil
    }

    /// `Tuesday 3 November`, in the practice's time zone.
    static func day(_ p: Practice, _ i: Instant) -> String {
        let d = p.calendar.day(of: i)
        let (_, m, dd) = Civil.date(fromDays: d)
        return "\(weekdays[Civil.weekday(ofDay: d)]) \(dd) \(months[m - 1])"
    }

    /// `Monday 7 December at 14:00`, in the practice's time zone.
    static func dayAndTime(_ p: Practice, _ i: Instant) -> String { day(p, i) + " at " + p.calendar.timeString(i) }
}
