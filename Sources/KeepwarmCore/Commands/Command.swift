/// A new client as typed at the desk; references are resolved against the state at the moment of writing.
public struct ClientDraft: Sendable, Equatable {
    public var name: String
    public var phone: String?
    public var email: String?
    public var source: String?
    public var referredBy: String?
    public var contact = true
    public var newsletter = false
    public var cadence: Int?
    /// Whether the client was asked about contact (and the newsletter): when not, consent is recorded as not asked
    /// (contact allowed, as for an import without the columns), and the audit does not count it as recorded.
    public var consentAsked = true
    /// Add them even though a client with the same name and phone or email is on the books (`Ownership.sameClient`).
    public var evenIfDuplicate = false

    public init(name: String, phone: String? = nil, email: String? = nil, source: String? = nil, referredBy: String? = nil,
                contact: Bool = true, newsletter: Bool = false, cadence: Int? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
        self.source = source
        self.referredBy = referredBy
        self.contact = contact
        self.newsletter = newsletter
        self.cadence = cadence
    }
}

/// Something a person asks Keepwarm to record. `event(in:now:)` checks it against the practice and turns it into
/// exactly one event, or says why not.
public enum Command: Sendable, Equatable {
    case changeSettings(SettingsChange)
    case addPractitioner(name: String)
    /// Corrects a practitioner's name.
    case editPractitioner(String, name: String)
    /// Sets some weekdays' working hours (Monday 0); the days not given keep theirs.
    case setHours(practitioner: String, days: [Int: [WorkingRange]])
    case addClient(ClientDraft)
    case editClient(client: String, ClientEdit)
    case setStatus(client: String, ClientStatus, reason: String?)
    case book(client: String, practitioner: String?, start: Instant, minutes: Int, force: Bool)
    case attend(String)
    case noShow(String)
    case cancel(String, by: CancelledBy, late: Bool)
    case move(String, to: Instant, force: Bool)
    case rebook(String)
    case refer(referrer: String, client: String)
    case thank(String, via: Channel, note: String?)
    case touch(client: String, kind: TouchpointKind, via: Channel?, note: String?)
    /// `via`: how contact was made; `reason`: why a closed client left (the why-clients-left report).
    case review(client: String, ReviewChoice, note: String?, via: ReviewContact? = nil, reason: LeftReason? = nil)
    case milestone(client: String, MilestoneKind)
    case feedback(client: String, score: Int, comment: String?)
    case addCallback(name: String, phone: String, reason: String?, by: Instant)
    case returnCallback(String)
    /// Reverses this person's last action, if it is recent enough.
    case undo(by: String)
    /// Puts back the person's latest undone action (Docs/cli.md, redo).
    case redo(by: String)
    case startAudit
    case answerAudit(step: Int, AuditAnswer, note: String?, owner: String?)
    case finishAudit(inPlace: Int, evidenceMet: Int, evidenceSteps: Int)
    case viewReport(ReportKind, exported: Bool)
    /// The owner marks a report reviewed (audit step 14's quarterly sources review).
    case markReviewed(ReportKind)
    /// One autopilot step's policy (`keepwarm autopilot set`).
    case autopilotPolicy(AutopilotStep, StepPolicy)
    /// When the autopilot may send (`keepwarm autopilot window`).
    case autopilotWindow(AutopilotWindow)
    /// Holds a client's automatic messages until a local day, or until released.
    case holdAutopilot(client: String, untilDay: Int?)
    case releaseAutopilot(client: String)
    /// Stops one due message (by its key, as the preview shows it) from going.
    case skipMessage(client: String, key: String)
    /// Records consent for one channel (nil: all) given or withdrawn (`keepwarm consent`, `keepwarm optout`).
    case consent(client: String, ConsentChannel?, given: Bool, how: ConsentHow)
    /// A person says whether an unresolved message went (`keepwarm autopilot resolve`).
    case resolveMessage(String, sent: Bool)
    /// Adds a site (`keepwarm site add`).
    case addSite(name: String, address: String?)
    /// Renames a site or changes its address; nil keeps a field, an empty address clears it.
    case editSite(String, name: String?, address: String?)
    /// Says where a practitioner works from now on (`practitioner add|edit --site`).
    case setPractitionerSite(practitioner: String, site: String)
    /// Books at a named site (`book --site`): refused when the practitioner does not work there.
    case bookAtSite(site: String, client: String, practitioner: String?, start: Instant, minutes: Int, force: Bool)
}

/// What the lapsed review decided, as typed.
public enum ReviewChoice: Sendable, Equatable {
    case contacted
    case snooze(untilDay: Int)
    case close(ClientStatus)
}
