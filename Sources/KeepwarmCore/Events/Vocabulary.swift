/// Words stored in the log for a closed set of choices; `rawValue` is exactly what the log and the CLI use.
public protocol LogWord: RawRepresentable<String>, CaseIterable, Sendable, Hashable {}

extension LogWord {
    /// `a, b or c`, for error messages.
    public static var choices: String {
        let all = allCases.map(\.rawValue)
        return all.count <= 1 ? all.joined() : all.dropLast().joined(separator: ", ") + " or " + all.last!
    }
}

/// Where a client stands with the practice.
public enum ClientStatus: String, LogWord {
    case active, movedAway = "moved-away", doNotContact = "do-not-contact", discharged
    /// Ends every sequence and reminder: never contacted again, by anyone or anything.
    case deceased
}

/// Who called off an appointment.
public enum CancelledBy: String, LogWord { case client, practice }

/// How a message or thank-you reached the client.
public enum Channel: String, LogWord { case email, phone, text, letter, inPerson = "in-person" }

/// The retention sequence's messages, plus the asks and follow-ups around it.
public enum TouchpointKind: String, LogWord {
    case postSession = "post-session", rebookPrompt = "rebook-prompt", checkIn28 = "check-in-28"
    case reEngage = "re-engage", reactivationLetter = "reactivation-letter", followUpCall = "follow-up-call"
    case referralAsk = "referral-ask", noShowFollowUp = "no-show-follow-up"
    /// The appointment reminder the day before (Docs/rules.md, "Reminders").
    case reminder

    /// Who a touchpoint is for: a message that goes to the client, or a task the desk carries out (a call).
    public enum Audience: Sendable, Equatable { case client, desk }

    /// The one place that says which kinds are messages to a client and which are tasks for the desk. Every way of
    /// sending (`send`, `letter`, `letter posted`, the console's `s`) asks this; a desk task's text (a call script)
    /// is for staff and never leaves the practice.
    public var audience: Audience {
        switch self {
        case .followUpCall: .desk
        case .postSession, .rebookPrompt, .checkIn28, .reEngage, .reactivationLetter, .referralAsk, .noShowFollowUp, .reminder: .client
        }
    }

    /// Why this kind cannot be sent (emailed, printed or posted) to `client`, and what to run instead; nil for a
    /// message to the client.
    public func refusalToSend(client: String) -> CommandError? {
        guard audience == .desk else { return nil }
        return CommandError("\(rawValue) is a call for the desk, not a message: nothing was sent or written; see the script with "
            + "keepwarm preview \(client) --kind \(rawValue), ring them, then record it with "
            + "keepwarm touch \(client) --kind \(rawValue) --via phone --outcome answered|voicemail|no-answer")
    }
}

/// How a call to a client went. Answered or voicemail records the call (via phone; a voicemail noted as one); no
/// answer records nothing, so the call stays due.
public enum CallOutcome: String, LogWord {
    case answered, voicemail, noAnswer = "no-answer"

    /// The note a voicemail is recorded with (the demo's call notes say the same).
    public static let voicemailNote = "Left voicemail"

    /// The command recording this call, or nil when nothing is recorded (no answer).
    public func command(client: String, kind: TouchpointKind, note: String?) -> Command? {
        switch self {
        case .answered: .touch(client: client, kind: kind, via: .phone, note: note)
        case .voicemail: .touch(client: client, kind: kind, via: .phone,
                                note: note.map { "\(CallOutcome.voicemailNote): \($0)" } ?? CallOutcome.voicemailNote)
        case .noAnswer: nil
        }
    }
}

/// Moments in a client's care when asking for a referral feels natural.
public enum MilestoneKind: String, LogWord { case goalReached = "goal-reached", discharge, significantSession = "significant-session" }

/// The owner's answer to one audit step.
public enum AuditAnswer: String, LogWord {
    case yes, no
    case unsure = "not-sure"
}

/// The practice's reports, named as on the command line.
public enum ReportKind: String, LogWord { case sources, referrers, retention }

/// Where an appointment stands.
public enum AppointmentStatus: String, LogWord { case booked, attended, noShow = "no-show", cancelled }

/// What a write of several events was, on its `batch.begun` line.
public enum BatchKind: String, LogWord {
    /// `keepwarm import clients|appointments --commit`: one action that `undo` does not take back row by row.
    case imported = "import"
    /// Starting an audit together with its first answer.
    case audit
}
