/// One channel's consent as last recorded: given or withdrawn, when and how.
public struct ConsentRecord: Equatable, Sendable {
    public let given: Bool
    public let at: Instant
    public let how: ConsentHow
}

/// What the autopilot and the desk may assume about one channel for a client (Docs/autopilot.md, "Consent").
public enum ConsentState: Equatable, Sendable {
    /// Consent recorded for this channel (or, for a client from before consent was kept per channel, their
    /// agreement to contact at intake).
    case given(at: Instant, how: ConsentHow)
    /// The client withdrew it (an opt-out or a STOP reply): nothing automatic goes by this channel, not even a reminder.
    case withdrawn(at: Instant, how: ConsentHow)
    /// Never asked: a service message may go, a marketing message may not.
    case unknown

    public var isGiven: Bool { if case .given = self { true } else { false } }
    public var isWithdrawn: Bool { if case .withdrawn = self { true } else { false } }

    /// `given 2026-12-01 (intake-form)`, `withdrawn …`, `not asked`, in practice-local dates.
    public func text(_ cal: PracticeCalendar) -> String {
        switch self {
        case .given(let at, let how): "given \(cal.dateString(at)) (\(how.rawValue))"
        case .withdrawn(let at, let how): "withdrawn \(cal.dateString(at)) (\(how.rawValue))"
        case .unknown: "not asked"
        }
    }
}

/// The one answer to "has this client agreed to be contacted this way?".
public enum Consent {
    /// A channel's consent for a client. A client recorded before per-channel consent, who agreed to contact when
    /// asked at intake (`contact` with consent recorded), counts as having given it for every channel then.
    public static func state(_ c: Client, _ channel: ConsentChannel) -> ConsentState {
        if let r = c.consent[channel] {
            return r.given ? .given(at: r.at, how: r.how) : .withdrawn(at: r.at, how: r.how)
        }
        if c.consentRecorded && c.contact { return .given(at: c.addedAt, how: .intakeForm) }
        return .unknown
    }

    /// Whether a message of this purpose may go to the client by this channel, as far as consent goes.
    public static func allows(_ c: Client, _ channel: ConsentChannel, for purpose: MessagePurpose) -> Bool {
        let s = state(c, channel)
        return purpose == .service ? !s.isWithdrawn : s.isGiven
    }
}
