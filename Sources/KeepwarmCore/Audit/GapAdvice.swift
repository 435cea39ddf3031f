/// What to do about one gap, in the practice's words: the practice's own figure, the next step, who owns it (from the
/// audit answer) and how many clients, sessions, callbacks or referrals it touched in the window.
public struct GapAction: Equatable, Sendable {
    public let step: Int
    public let title: String
    /// The clients, sessions, callbacks or referrals the gap touched in the window (the evidence's `missed`); 0 when
    /// the gap is the owner's answer alone.
    public let touched: Int
    /// The practice's own figure in words: "352 sessions had no post-session message within 24 hours", or, for a gap
    /// the log does not show, the owner's answer beside what the log does show.
    public let figure: String
    /// The share behind it as the audit shows it: "68% (732 of 1084)", or why there is none.
    public let evidence: String
    /// What to do next: "turn on the autopilot for it, or work the follow-ups list (f) each afternoon".
    public let nextStep: String
    /// Who owns the step, named with its audit answer; nil when nobody is named yet.
    public let owner: String?
    /// The owner's answer to the step, nil when it is not answered.
    public let answer: AuditAnswer?

    /// "352 sessions had no post-session message within 24 hours: turn on the autopilot for it, …".
    public var sentence: String { "\(figure): \(nextStep)" }
}

/// The next step for each audit step that is a gap, and how its figure reads (Docs/audit.md, "Next actions").
public enum GapAdvice {
    /// One step's words: what one missed thing is called (and many), what happened to it, and what to do next.
    struct Words {
        let one: String
        let many: String
        let happened: String
        let next: String
    }

    static func words(_ step: Int) -> Words {
        switch step {
        case 1: Words(one: "callback", many: "callbacks", happened: "went unreturned past the time promised",
                      next: "work the callbacks list (!) morning, midday and before closing, and promise only a time you can keep")
        case 2: Words(one: "new client", many: "new clients", happened: "came in with no \"how did you hear about us?\" source",
                      next: "ask it on the intake form and record it on the client card at the first booking")
        case 3: Words(one: "new client", many: "new clients", happened: "had no contact consent or newsletter choice recorded",
                      next: "ask both at intake, before the first session, and record them on the client card")
        case 4: Words(one: "session", many: "sessions", happened: "ended with no next session booked",
                      next: "offer the next session at checkout, before the client leaves, and book it there and then")
        case 5: Words(one: "session", many: "sessions", happened: "had no post-session message within 24 hours",
                      next: "turn on the autopilot for it, or work the follow-ups list (f) each afternoon")
        case 6: Words(one: "session", many: "sessions", happened: "ended without a booking and got no rebooking prompt in time",
                      next: "turn on the autopilot for rebooking prompts, or send them from the follow-ups list (f) each morning")
        case 7: Words(one: "second-visit client", many: "second-visit clients", happened: "booked no third session within 4 weeks",
                      next: "book the third session at the second visit's checkout, and ring those who left without one")
        case 8: Words(one: "visit", many: "visits", happened: "reached day 28 unbooked with no check-in",
                      next: "turn on the autopilot for the 28-day check-in, or send it from the follow-ups list (f)")
        case 9: Words(one: "visit", many: "visits", happened: "reached the lapse point unbooked with no contact in weeks 3 to 6",
                      next: "turn on the autopilot for re-engagement, or work the lapsed clients list (2) every week")
        case 10: Words(one: "visit", many: "visits", happened: "reached 2 months unbooked without a reactivation letter and a follow-up call",
                       next: "send the reactivation letter from the follow-ups list (f) by day 67, and ring a week later")
        case 11: Words(one: "no-show or late cancellation", many: "no-shows and late cancellations", happened: "had no follow-up the same day",
                       next: "ring each no-show the same day from the follow-ups list (f), with care rather than blame, and offer a new time")
        case 12: Words(one: "milestone", many: "milestones", happened: "passed with no referral ask within 7 days",
                       next: "turn on the autopilot for referral asks, or send one from the follow-ups list (f) at each milestone")
        case 13: Words(one: "referral", many: "referrals", happened: "went unthanked past the thank-you deadline",
                       next: "thank each referrer from the thank-yous list (3) within 48 hours, by phone or a short note")
        case 14: Words(one: "review", many: "reviews", happened: "the sources report was not reviewed this quarter",
                       next: "read the sources report (R, or keepwarm report sources) once a quarter and decide where the next hour of marketing goes")
        case 15: Words(one: "", many: "", happened: "",
                       next: "let a client move a booking in one contact: offer the next free slots (F) in the same call or reply")
        default: Words(one: "", many: "", happened: "",
                       next: "name an owner for every step: answer each step with its owner (keepwarm audit answer STEP … --owner NAME)")
        }
    }

    /// The next action for a gap (`AuditSummary.gaps`), with the owner named in its audit answer.
    public static func action(for e: Evidence, answer: AuditStepAnswer?) -> GapAction {
        let w = words(e.step)
        let n = e.missed
        let figure: String
        if e.step == 14 && n > 0 {
            figure = w.happened + (e.detail.map { " (\($0))" } ?? "")
        } else if n > 0 {
            figure = "\(n) \(n == 1 ? w.one : w.many) \(w.happened)"
        } else {
            // The owner's answer is the gap; say what the log shows beside it, so the two can be read together.
            let said = answer.map { "answered \($0.answer == .unsure ? "not sure" : $0.answer.rawValue)" } ?? "not answered"
            let shows = e.percent != nil || e.noData == nil ? "the log shows \(e.text)"
                : "no figure from the log (\(e.noData.map { $0.hasPrefix("no data: ") ? String($0.dropFirst(9)) : $0 } ?? "none"))"
            figure = "\(said); \(shows)"
        }
        return GapAction(step: e.step, title: AuditChecklist.steps[e.step - 1].title, touched: n, figure: figure,
                         evidence: e.text, nextStep: w.next, owner: answer?.owner, answer: answer?.answer)
    }
}
