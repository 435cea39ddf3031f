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
        let owedPhones = Set(p.openCallbacks.compactMap { phoneKey(p.callbacks[$0.index].phone) })
        let owedNames = Set(p.openCallbacks.map { p.callbacks[$0.index].name.lowercased() })
        return p.appointments(onDay: day).map { a in
            let c = p.clients[a.client.index]
            var flags: [DiaryFlag] = []
            let before = ClientHistory(p, a.client).attendedCount(before: a.start)
            if before == 0 { flags.append(.firstVisit) }
            if before == 1 { flags.append(.secondVisit) }
            if c.referralsMade.contains(where: { p.referrals[$0.index].thankedAt == nil }) { flags.append(.thankYouOwed) }
            if owedNames.contains(c.name.lowercased()) || (phoneKey(c.phone).map(owedPhones.contains) ?? false) {
                flags.append(.callbackOwed)
            }
            return DiaryRow(appointment: a, clientName: c.name, practitionerName: p.practitioners[a.practitioner.index].name,
                            flags: flags)
        }
    }

    /// The last nine digits, so `+44 7700 900123` and `07700 900123` match.
    static func phoneKey(_ phone: String?) -> String? {
        guard let digits = phone?.filter(\.isASCII).filter(\.isNumber), digits.count >= 5 else { return nil }
        return String(digits.suffix(9))
    }
}
