/// A message the autopilot can send by itself: the retention sequence's steps, the reminder the day before an
/// appointment and the referral thank-you. Follow-up calls are not here: a call is always the desk's task.
public enum AutopilotStep: String, LogWord {
    case reminder
    case postSession = "post-session"
    case rebookPrompt = "rebook-prompt"
    case checkIn28 = "check-in-28"
    case reEngage = "re-engage"
    case reactivationLetter = "reactivation-letter"
    case referralAsk = "referral-ask"
    case noShowFollowUp = "no-show-follow-up"
    case referralThankYou = "referral-thank-you"

    /// The touchpoint a sent message of this step records; nil for the thank-you, which records the referral thanked.
    public var touchpoint: TouchpointKind? {
        switch self {
        case .reminder: .reminder
        case .postSession: .postSession
        case .rebookPrompt: .rebookPrompt
        case .checkIn28: .checkIn28
        case .reEngage: .reEngage
        case .reactivationLetter: .reactivationLetter
        case .referralAsk: .referralAsk
        case .noShowFollowUp: .noShowFollowUp
        case .referralThankYou: nil
        }
    }

    /// The step that sends a touchpoint kind, or nil for a desk task (the follow-up call).
    public init?(touchpoint kind: TouchpointKind) {
        guard let s = AutopilotStep.allCases.first(where: { $0.touchpoint == kind }) else { return nil }
        self = s
    }

    /// Whether it is a service message about care already arranged (no consent needed, only no opt-out) or a
    /// marketing message asking the client back (needs consent for the channel, and carries an opt-out line).
    public var purpose: MessagePurpose {
        switch self {
        case .reminder, .postSession, .noShowFollowUp, .referralThankYou: .service
        case .rebookPrompt, .checkIn28, .reEngage, .reactivationLetter, .referralAsk: .marketing
        }
    }

    /// Which message goes first when a client has two due on one day (at most one message per client per day).
    public var priority: Int { AutopilotStep.allCases.firstIndex(of: self)! }
}

/// Why a message is sent: about care already arranged, or asking the client back (Docs/autopilot.md, "Consent").
public enum MessagePurpose: String, Sendable, Equatable { case service, marketing }

/// What the practice does with one step: the autopilot sends it, it is listed for a person, or nobody does it.
public enum AutopilotPolicy: String, LogWord { case auto, desk, off }

/// How the autopilot can reach a client.
public enum AutopilotChannel: String, LogWord {
    case email, sms, letter

    /// How the sent message is recorded on the touchpoint.
    public var channel: Channel {
        switch self {
        case .email: .email
        case .sms: .text
        case .letter: .letter
        }
    }

    /// The consent this channel needs.
    public var consent: ConsentChannel {
        switch self {
        case .email: .email
        case .sms: .sms
        case .letter: .post
        }
    }
}

/// The ways a client can agree (or refuse) to be contacted, each kept separately.
public enum ConsentChannel: String, LogWord { case email, sms, post, phone }

/// How consent was given or withdrawn: the evidence a regulator asks for.
public enum ConsentHow: String, LogWord {
    case intakeForm = "intake-form"
    case imported = "import"
    case toldDesk = "told-desk"
    /// `keepwarm optout`, typed at the desk or run by the inbound STOP handler.
    case optOut = "opt-out"
}
