/// One appointment in a day's diary, with the flags that tell the desk what this visit needs.
public struct DiaryRow: Equatable, Sendable {
    public let appointment: Appointment
    public let clientName: String
    public let practitionerName: String
    public let flags: [DiaryFlag]
}

/// Why a diary row deserves attention.
public enum DiaryFlag: String, Sendable, CaseIterable {
    case firstVisit = "first-visit"
    /// The 2 → 3 gap, where most relationships evaporate.
    case secondVisit = "second-visit"
    case thankYouOwed = "thank-you-owed"
    case callbackOwed = "callback-owed"
}

/// Today's diary (Docs/rules.md, "Diary").
public enum Diary {
    /// Appointments starting on the local `day`, in start order, cancelled ones included.
    public static func rows(_ p: Practice, day: Int) -> [DiaryRow] {
        // Callbacks owed, by the details they were taken under (Ownership: the rule export-client and erase use too).
        let rule = Ownership(p)
        var owed: Set<Ownership.Key> = []
        for id in p.openCallbacks where Contactable.mayPrompt(.callback(id), in: p) {
            owed.formUnion(rule.keys(Ownership.Details(p.callbacks[id.index])))
        }
        return rows(p, of: p.appointments(onDay: day), owed: owed, rule: rule)
    }

    /// Diary rows for these appointments, in the order given (the morning-after list uses it for earlier days).
    public static func rows(_ p: Practice, of appointments: [Appointment]) -> [DiaryRow] {
        let rule = Ownership(p)
        var owed: Set<Ownership.Key> = []
        for id in p.openCallbacks where Contactable.mayPrompt(.callback(id), in: p) {
            owed.formUnion(rule.keys(Ownership.Details(p.callbacks[id.index])))
        }
        return rows(p, of: appointments, owed: owed, rule: rule)
    }

    private static func rows(_ p: Practice, of appointments: [Appointment], owed: Set<Ownership.Key>, rule: Ownership) -> [DiaryRow] {
        appointments.map { a in
            let c = p.clients[a.client.index]
            var flags: [DiaryFlag] = []
            let before = ClientHistory(p, a.client).attendedCount(before: a.start)
            if before == 0 { flags.append(.firstVisit) }
            if before == 1 { flags.append(.secondVisit) }
            if c.referralsMade.contains(where: { p.referrals[$0.index].thankedAt == nil && Contactable.mayPrompt(.referral($0), in: p) }) {
                flags.append(.thankYouOwed)
            }
            if !owed.isEmpty && !rule.keys(Ownership.Details(c)).isDisjoint(with: owed) { flags.append(.callbackOwed) }
            return DiaryRow(appointment: a, clientName: c.name, practitionerName: p.practitioners[a.practitioner.index].name,
                            flags: flags)
        }
    }
}
