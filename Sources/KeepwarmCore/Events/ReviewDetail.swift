/// How contact was made with a lapsed client in the weekly review (`lapse.reviewed` "via").
public enum ReviewContact: String, LogWord {
    case email, sms, letter, phone, voicemail

    /// The word shown to a person: "SMS", not "sms".
    public var label: String { ChannelName.of(self) }
}

/// Why a client stopped coming, as closing a lapsed client asks (`lapse.reviewed` "reason"): the list the retention
/// articles give, which the why-clients-left report counts by practitioner and quarter.
public enum LeftReason: String, LogWord {
    case movedAway = "moved-away"
    case job
    case cost
    case anotherTherapist = "another-therapist"
    case notGettingValue = "not-getting-value"
    case badExperience = "bad-experience"
    case noReason = "no-reason"
    case other

    /// The reason in the practice's words.
    public var label: String {
        switch self {
        case .movedAway: "moved away"
        case .job: "changed job or lost job"
        case .cost: "cost"
        case .anotherTherapist: "found another therapist"
        case .notGettingValue: "not getting the value"
        case .badExperience: "bad experience"
        case .noReason: "no reason given"
        case .other: "other"
        }
    }

    /// The client status a close for this reason sets: moved away is its own status; every other reason discharges.
    public var status: ClientStatus { self == .movedAway ? .movedAway : .discharged }
}

/// What a review records beside its outcome, every part optional so lines written before it still read: how contact
/// was made, why a closed client left, and whose list the client was reviewed from (`WhoseClient`, at the time).
public struct ReviewDetail: Equatable, Sendable {
    public var via: ReviewContact?
    public var reason: LeftReason?
    public var practitioner: PractitionerID?

    public init(via: ReviewContact? = nil, reason: LeftReason? = nil, practitioner: PractitionerID? = nil) {
        self.via = via
        self.reason = reason
        self.practitioner = practitioner
    }
}
