/// One step of the client-journey audit, in the order a client walks it.
public struct AuditStep: Equatable, Sendable {
    public let number: Int
    public let title: String
    public let question: String
}

/// The journey audit's checklist, from enquiry to rebooking (Docs/rules.md, "Journey audit").
public enum AuditChecklist {
    public static let steps: [AuditStep] = [
        AuditStep(number: 1, title: "Enquiry callbacks", question: "Are calls and messages returned within the promised window?"),
        AuditStep(number: 2, title: "Intake source", question: "Is \"how did you hear about us?\" recorded for every new client?"),
        AuditStep(number: 3, title: "Intake consent", question: "Are contact consent and the newsletter choice recorded?"),
        AuditStep(number: 4, title: "Checkout rebooking", question: "Is the next session offered before the client leaves?"),
        AuditStep(number: 5, title: "Post-session message", question: "Is a post-session message sent within 24 h?"),
        AuditStep(number: 6, title: "Rebooking prompt", question: "Is a rebooking prompt sent to those who left without a booking?"),
        AuditStep(number: 7, title: "Session 2 → 3", question: "Do second-visit clients book a third?"),
        AuditStep(number: 8, title: "28-day check-in", question: "Is the 28-day check-in sent?"),
        AuditStep(number: 9, title: "Re-engagement", question: "Does re-engagement happen in the 3–6 week window?"),
        AuditStep(number: 10, title: "Reactivation", question: "Is a reactivation letter sent by 2 months, with a follow-up call a week later?"),
        AuditStep(number: 11, title: "No-show follow-up", question: "Are no-shows and late cancellations followed up the same day?"),
        AuditStep(number: 12, title: "Referral asks", question: "Is a referral asked for at milestone moments?"),
        AuditStep(number: 13, title: "Referral thanks", question: "Are referrers thanked within 48 hours?"),
        AuditStep(number: 14, title: "Sources review", question: "Were referral sources reviewed this quarter?"),
        AuditStep(number: 15, title: "Easy rescheduling", question: "Is rescheduling easy, so a client can change a booking in one contact?"),
        AuditStep(number: 16, title: "Named owners", question: "Is who does what written down, with a named owner for each step?"),
    ]
}
