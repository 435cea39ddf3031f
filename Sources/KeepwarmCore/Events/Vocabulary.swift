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
