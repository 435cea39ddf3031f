import KeepwarmCore

/// The values a template is rendered with, all worked out from the log (and booking details from config.toml).
public enum MessageValues {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// For a message to `client`; `sender` is who signs it.
    public static func forClient(_ p: Practice, _ client: ClientID, now: Instant, sender: String, config: UserConfig) -> [String: String] {
        let c = p.clients[client.index]
        let h = ClientHistory(p, client)
        let last = h.attended.last { $0.start <= now }
        let next = h.nextBooking(after: now)
        let seen = next ?? last
        var v: [TemplateVariable: String] = [
            .firstName: String(c.name.split(separator: " ").first ?? Substring(c.name)),
            .fullName: c.name,
            .practiceName: p.settings.name,
            .practitioner: seen.flatMap { p.practitioner($0.practitioner)?.name } ?? "",
            .lastVisit: last.map { day(p, $0.start) } ?? "",
            .nextBooking: next.map { day(p, $0.start) + " at " + p.calendar.timeString($0.start) } ?? "",
            .bookingLink: config.bookingLink ?? "",
            .bookingPhone: config.bookingPhone ?? "",
            .sender: sender,
        ]
        for (k, s) in v { v[k] = DisplayText.visible(s) }
        return Dictionary(uniqueKeysWithValues: v.map { ($0.key.rawValue, $0.value) })
    }

    /// For the thank-you to a referral's referrer. Only the referrer's own details are offered: nothing about the person
    /// they referred (not their name, not whether they booked or came), which is that person's private business.
    public static func forReferral(_ p: Practice, _ referral: ReferralID, now: Instant, sender: String, config: UserConfig) -> [String: String] {
        forClient(p, p.referrals[referral.index].referrer, now: now, sender: sender, config: config)
    }

    /// `Tuesday 3 November`, in the practice's time zone.
    static func day(_ p: Practice, _ i: Instant) -> String {
        let d = p.calendar.day(of: i)
        let (_, m, dd) = Civil.date(fromDays: d)
        return "\(weekdays[Civil.weekday(ofDay: d)]) \(dd) \(months[m - 1])"
    }
}
