/// One step of the client-journey audit, in the order a client walks it.
public struct AuditStep: Equatable, Sendable {
    public let number: Int
    public let title: String
    public let question: String
    /// Why the step matters, from the practice's point of view.
    public let why: String
}

/// The journey audit's checklist, from enquiry to rebooking (Docs/audit.md).
public enum AuditChecklist {
    public static let steps: [AuditStep] = [
        AuditStep(number: 1, title: "Enquiry callbacks", question: "Are calls and messages returned within the promised window?",
                  why: "A voicemail that never gets a call back is the first reason clients give for going elsewhere. The relationship starts with a promise kept."),
        AuditStep(number: 2, title: "Intake source", question: "Is \"how did you hear about us?\" recorded for every new client?",
                  why: "Without the source you cannot tell which channel fills the diary and which only brings one-off visits, or whom to thank."),
        AuditStep(number: 3, title: "Intake consent", question: "Are contact consent and the newsletter choice recorded?",
                  why: "Every later message depends on it. Asking once, at intake, keeps the practice on the right side of the client's trust and of UK GDPR."),
        AuditStep(number: 4, title: "Checkout rebooking", question: "Is the next session offered before the client leaves?",
                  why: "Clients intend to rebook, then life happens. A booking made at the desk is the cheapest retention there is."),
        AuditStep(number: 5, title: "Post-session message", question: "Is a post-session message sent within 24 h?",
                  why: "It tells the client they were remembered after the door closed, while the session is still fresh."),
        AuditStep(number: 6, title: "Rebooking prompt", question: "Is a rebooking prompt sent to those who left without a booking?",
                  why: "The window to rebook closes without either side noticing. A clear prompt turns a vague intention into a booking."),
        AuditStep(number: 7, title: "Session 2 → 3", question: "Do second-visit clients book a third?",
                  why: "The gap between session two and session three is where most of the deepest client relationships evaporate."),
        AuditStep(number: 8, title: "28-day check-in", question: "Is the 28-day check-in sent?",
                  why: "A warm, well-timed signal at four weeks — we're here, we remember you — keeps the diary from thinning in months three to six."),
        AuditStep(number: 9, title: "Re-engagement", question: "Does re-engagement happen in the 3–6 week window?",
                  why: "Between three and six weeks the effects of the work fade enough to remind clients why they came; silence after that reads as a closed door."),
        AuditStep(number: 10, title: "Reactivation", question: "Is a reactivation letter sent by 2 months, with a follow-up call a week later?",
                  why: "Lapsed clients have usually not decided to leave; the path back was never marked. A letter and a call mark it."),
        AuditStep(number: 11, title: "No-show follow-up", question: "Are no-shows and late cancellations followed up the same day?",
                  why: "A same-day call shows care rather than blame, and is the moment a missed session is most easily rebooked."),
        AuditStep(number: 12, title: "Referral asks", question: "Is a referral asked for at milestone moments?",
                  why: "Clients want to recommend you but need a moment and a small social permission. Milestones are that moment."),
        AuditStep(number: 13, title: "Referral thanks", question: "Are referrers thanked within 48 hours?",
                  why: "A star referrer who is never thanked stops referring. A prompt thank-you keeps the goodwill compounding."),
        AuditStep(number: 14, title: "Sources review", question: "Were referral sources reviewed this quarter?",
                  why: "Knowing where good clients come from decides where the next hour of marketing goes."),
        AuditStep(number: 15, title: "Easy rescheduling", question: "Is rescheduling easy, so a client can change a booking in one contact?",
                  why: "Every extra message in a rescheduling thread is a chance for the client to drift; one contact should settle it."),
        AuditStep(number: 16, title: "Named owners", question: "Is who does what written down, with a named owner for each step?",
                  why: "A step that is everybody's job is nobody's. A named owner turns a good intention into a habit."),
    ]
}
