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
    /// How long is left to thank someone, as the desk reads it, cut down: `33m left` under an hour, `5h left`, whole
    /// days past two days (`3d left`), and `overdue …` the same way once the time has passed. The console's pane and
    /// `thankyous` both say it so (they used to differ: `overdue 72h` beside `overdue 3d`, `0h left` for 33 minutes).
    public static func timeLeft(hours h: Double) -> String {
        let minutes = Int((abs(h) * 60).rounded(.down))
        let amount = minutes < 60 ? "\(minutes)m" : minutes < 48 * 60 ? "\(minutes / 60)h" : "\(minutes / (24 * 60))d"
        return h >= 0 ? "\(amount) left" : "overdue \(amount)"
    }

    public static func rows(_ p: Practice, now: Instant) -> [ThankYouRow] {
        all(p, now: now).filter { AutopilotPlan.forDesk($0, p, now: now) }
    }

    /// Every thank-you owed, whoever sends it.
    public static func all(_ p: Practice, now: Instant) -> [ThankYouRow] {
        p.unthankedReferrals.filter { Contactable.mayPrompt(.referral($0), in: p) }.map { id in
            let r = p.referrals[id.index]
            let due = r.recordedAt.adding(hours: p.settings.thankYouHours)
            return ThankYouRow(referral: r, referrerName: p.clients[r.referrer.index].name,
                               referredName: p.clients[r.client.index].name, dueBy: due, hoursLeft: now.hours(until: due))
        }
    }

    /// The thank-yous pane and the missed list: a thank-you overdue by more than `staleDays` days is too late to
    /// send and goes to `missed`. The pane shows what can still be thanked in time first (soonest due first), then
    /// the overdue (most recently due first, the likeliest still to land); `missed` is newest first too.
    public static func split(_ rows: [ThankYouRow], staleDays: Int) -> (pane: [ThankYouRow], missed: [ThankYouRow]) {
        let limit = -Double(staleDays) * 24
        let inTime = rows.filter { !$0.overdue }.sorted { ($0.dueBy, $0.referral.id) < ($1.dueBy, $1.referral.id) }
        let late = rows.filter { $0.overdue }.sorted { ($0.dueBy, $1.referral.id) > ($1.dueBy, $0.referral.id) }
        return (inTime + late.filter { $0.hoursLeft >= limit }, late.filter { $0.hoursLeft < limit })
    }
}
