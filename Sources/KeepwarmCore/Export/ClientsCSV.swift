/// The client list as a spreadsheet: one row per client, with their visits summed up (sessions in the log and the
/// history imported with them, `ClientHistory`). Importing it back with the
/// keepwarm preset gives the same clients, with the same consent (Docs/import.md, "Keepwarm's own export").
public enum ClientsCSV {
    public static let header = [
        "id", "name", "phone", "email", "source", "referred by", "status", "status reason", "contact consent",
        "newsletter", "consent recorded", "sessions", "no-shows", "cancellations", "first visit", "last visit",
        "next booking", "added", "last contacted", "usual interval days",
        "email consent", "sms consent", "post consent", "phone consent", "given name",
    ]

    /// Dates and times are the practice's local ones (`2026-11-24`, `2026-11-24 10:00`), as a spreadsheet shows them.
    public static func table(_ p: Practice, now: Instant) -> CSVSheet {
        var t = CSVSheet(header: header)
        let cal = p.calendar
        let referredLater = referrers(p)
        for c in p.clients where !c.withdrawn {
            let h = ClientHistory(p, c)
            let live = h.appointments.filter { !$0.withdrawn }
            let row: [CSVCell] = [
                .made(c.id.description), .typed(c.name), .typed(c.phone ?? ""), .typed(c.email ?? ""),
                .typed(c.source ?? ""), .made((c.referredBy ?? referredLater[c.id])?.description ?? ""), .made(c.status.rawValue),
                .typed(c.statusReason ?? ""), .made(yesNo(c.contact)), .made(yesNo(c.newsletter)),
                .made(yesNo(c.consentRecorded)), .made(String(h.visits)),
                .made(String(live.count { $0.status == .noShow })), .made(String(live.count { $0.status == .cancelled })),
                .made(h.firstVisit.map { cal.dateString($0) } ?? ""),
                .made(lastVisit(h).map { cal.dateString($0) } ?? ""),
                .made(live.first { $0.status == .booked && $0.start > now }.map { localDateTime($0.start, cal) } ?? ""),
                .made(c.history?.since.map(Civil.string(ofDay:)) ?? cal.dateString(c.addedAt)),
                .made(c.lastContactedAt.map { localDateTime($0, cal) } ?? ""),
                .made(c.cadence.map(String.init) ?? ""),
            ]
            let consent: [CSVCell] = ConsentChannel.allCases.map { .made(word(Consent.state(c, $0))) }
            t.append(row + consent + [.typed(PersonName.greeting(name: c.name, given: c.given))])
        }
        return t
    }

    static func yesNo(_ b: Bool) -> String { b ? "yes" : "no" }

    /// The last visit: the last attended session, or the last visit another system recorded if that is later.
    static func lastVisit(_ h: ClientHistory) -> Instant? {
        [h.lastAttended?.start, h.importedLast].compactMap { $0 }.max()
    }

    /// One channel's consent as a word a spreadsheet filter can use; the import reads the same words back.
    static func word(_ s: ConsentState) -> String {
        switch s {
        case .given: "given"
        case .withdrawn: "withdrawn"
        case .unknown: "unknown"
        }
    }

    /// Who referred each client when the referral was recorded after they were added (at their first visit, say):
    /// their `client.added` names nobody, but the client was still referred.
    static func referrers(_ p: Practice) -> [ClientID: ClientID] {
        var out: [ClientID: ClientID] = [:]
        for r in p.referrals where !r.withdrawn && out[r.client] == nil { out[r.client] = r.referrer }
        return out
    }
}

/// `2026-11-24 10:00` on the practice's clock: a form every spreadsheet reads as a date and time.
func localDateTime(_ i: Instant, _ cal: PracticeCalendar) -> String { cal.dateString(i) + " " + cal.timeString(i) }
