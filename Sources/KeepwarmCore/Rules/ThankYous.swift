/// A referral still waiting for its thank-you.
public struct ThankYouRow: Equatable, Sendable {
    public let referral: Referral
    public let referrerName: String
    public let referredName: String
    public let dueBy: Instant
    /// Elapsed hours until `dueBy`; negative once overdue.
    public let hoursLeft: Double
    public var overdue: Bool { hoursLeft < 0 }
}

/// Referral thank-yous owed (Docs/rules.md, "Thank-yous"): 48 hours of elapsed time, not calendar days. None about a
/// client whose details were erased, as referrer or referred (`Contactable`).
public enum ThankYous {
    public static func rows(_ p: Practice, now: Instant) -> [ThankYouRow] {
        p.unthankedReferrals.filter { Contactable.mayPrompt(.referral($0), in: p) }.map { id in
            let r = p.referrals[id.index]
            let due = r.recordedAt.adding(hours: p.settings.thankYouHours)
            return ThankYouRow(referral: r, referrerName: p.clients[r.referrer.index].name,
                               referredName: p.clients[r.client.index].name, dueBy: due, hoursLeft: now.hours(until: due))
        }
    }
}
