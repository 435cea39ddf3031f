/// One line of the log after the header: what happened, when, by whom, and its place in order.
public struct Event: Equatable, Sendable {
    public var seq: Int
    public var at: Instant
    public var by: String
    public var body: EventBody

    public init(seq: Int, at: Instant, by: String, body: EventBody) {
        self.seq = seq
        self.at = at
        self.by = by
        self.body = body
    }
}

/// Practice-wide settings as they change; a field left nil keeps its current value.
public struct SettingsChange: Equatable, Sendable {
    public var name: String?
    public var timeZone: String?
    public var lapseDays: Int?
    public var rebookPromptDays: Int?
    public var checkInDays: Int?
    public var reactivationDays: Int?
    public var followUpCallDays: Int?
    public var thankYouHours: Int?
    /// Days a thank-you may be overdue before it counts as missed (`Settings.staleThankYouDays`).
    public var staleThankYouDays: Int?
    /// The practice's country, an ISO 3166 code like GB (`Settings.country`).
    public var country: String?

    public init(name: String? = nil, timeZone: String? = nil, lapseDays: Int? = nil, rebookPromptDays: Int? = nil,
                checkInDays: Int? = nil, reactivationDays: Int? = nil, followUpCallDays: Int? = nil, thankYouHours: Int? = nil,
                staleThankYouDays: Int? = nil, country: String? = nil) {
        self.staleThankYouDays = staleThankYouDays
        self.country = country
        self.name = name
        self.timeZone = timeZone
        self.lapseDays = lapseDays
        self.rebookPromptDays = rebookPromptDays
        self.checkInDays = checkInDays
        self.reactivationDays = reactivationDays
        self.followUpCallDays = followUpCallDays
        self.thankYouHours = thankYouHours
    }
}

/// A new client as taken at intake.
public struct NewClient: Equatable, Sendable {
    public var id: ClientID
    public var name: String
    public var phone: String?
    public var email: String?
    public var source: String?
    public var referredBy: ClientID?
    /// The referral recorded with this client when `referredBy` is set.
    public var referral: ReferralID?
    public var contact: Bool
    public var newsletter: Bool
    public var cadence: Int?
    /// Whether contact consent and the newsletter choice were asked (an import may not know them).
    public var consentRecorded: Bool
    /// The fingerprint of the file row this client was imported from (`ImportedRow`), so importing the same row again
    /// adds nobody; nil for a client added at the desk. It is derived from personal details, so erasure removes it.
    public var row: String?
    /// The given name, when the whole name does not start with it (greetings use it: "Zoë" for "Zoë Brontë" imported
    /// as "Brontë, Zoë", "Mary Ann" for "Mary Ann Smith"); nil means the first word of the name.
    public var given: String?
    /// The client's id in the system they were imported from, so its appointments file finds them by it.
    public var ref: String?
    /// Visits and dates another system recorded before Keepwarm (`ImportedHistory`); nil for the desk's clients.
    public var history: ImportedHistory?

    public init(id: ClientID, name: String, phone: String? = nil, email: String? = nil, source: String? = nil,
                referredBy: ClientID? = nil, referral: ReferralID? = nil, contact: Bool = true, newsletter: Bool = false,
                cadence: Int? = nil, consentRecorded: Bool = true, row: String? = nil, given: String? = nil,
                ref: String? = nil, history: ImportedHistory? = nil) {
        self.consentRecorded = consentRecorded
        self.row = row
        self.given = given
        self.ref = ref
        self.history = history
        self.id = id
        self.name = name
        self.phone = phone
        self.email = email
        self.source = source
        self.referredBy = referredBy
        self.referral = referral
        self.contact = contact
        self.newsletter = newsletter
        self.cadence = cadence
    }
}

/// Changes to a client's details; nil keeps a field, an empty text clears it, a cadence of 0 clears it.
public struct ClientEdit: Equatable, Sendable {
    public var client: ClientID
    public var name: String?
    public var phone: String?
    public var email: String?
    public var source: String?
    public var contact: Bool?
    public var newsletter: Bool?
    public var cadence: Int?

    public init(client: ClientID, name: String? = nil, phone: String? = nil, email: String? = nil, source: String? = nil,
                contact: Bool? = nil, newsletter: Bool? = nil, cadence: Int? = nil) {
        self.client = client
        self.name = name
        self.phone = phone
        self.email = email
        self.source = source
        self.contact = contact
        self.newsletter = newsletter
        self.cadence = cadence
    }

    public var isEmpty: Bool {
        name == nil && phone == nil && email == nil && source == nil && contact == nil && newsletter == nil && cadence == nil
    }
}

/// What the weekly lapsed review decided for one client.
public enum LapseOutcome: Equatable, Sendable {
    case contacted
    /// Hidden from the lapsed list until the start of this local day.
    case snoozed(untilDay: Int)
    case closed(ClientStatus)
}

/// Everything that can happen in a practice, one case per event type in the log.
/// The few large, rare cases are boxed (`indirect`) so every event stays small: replay moves a million of them.
public enum EventBody: Equatable, Sendable {
    indirect case settingsChanged(SettingsChange)
    case practitionerAdded(PractitionerID, name: String)
    /// A practitioner's name corrected.
    case practitionerEdited(PractitionerID, name: String)
    /// A practitioner's whole working week, replacing the one before (Docs/event-log.md).
    indirect case practitionerHours(PractitionerID, WorkingHours)
    indirect case clientAdded(NewClient)
    indirect case clientEdited(ClientEdit)
    case clientStatusChanged(ClientID, ClientStatus, reason: String?)
    /// The tombstone of a right-to-erasure request: the client's personal details were removed from every event.
    case clientErased(ClientID)
    case appointmentBooked(AppointmentID, client: ClientID, practitioner: PractitionerID, start: Instant, minutes: Int)
    case appointmentMoved(AppointmentID, start: Instant)
    case appointmentCancelled(AppointmentID, by: CancelledBy, late: Bool)
    case appointmentAttended(AppointmentID)
    case appointmentNoShow(AppointmentID)
    /// When an imported appointment was really booked and settled, from the system it came from (written by imports
    /// right after the appointment's own events; nil keeps what the log says).
    case appointmentHistory(AppointmentID, booked: Instant?, settled: Instant?)
    case referralRecorded(ReferralID, referrer: ClientID, client: ClientID)
    case referralThanked(ReferralID, via: Channel, note: String?)
    case touchpointSent(ClientID, kind: TouchpointKind, via: Channel?, note: String?)
    /// `detail`: how contact was made, why a closed client left, whose list it was (all optional; Docs/event-log.md).
    case lapseReviewed(ClientID, LapseOutcome, note: String?, detail: ReviewDetail = ReviewDetail())
    case milestoneReached(ClientID, MilestoneKind)
    case feedbackGiven(ClientID, score: Int, comment: String?)
    indirect case callbackAdded(CallbackID, name: String, phone: String, reason: String?, promisedBy: Instant)
    case callbackReturned(CallbackID)
    /// Reverses the acting person's last event (the `target` seq): the log stays append-only.
    case undone(target: Int)
    /// Puts back the action of `target` that its writer undid (Docs/event-log.md, event.redone).
    case redone(target: Int)
    case auditStarted(AuditID)
    indirect case auditAnswered(AuditID, step: Int, answer: AuditAnswer, note: String?, owner: String?)
    /// Closes an audit with its two scores, so history shows them as they stood.
    case auditFinished(AuditID, inPlace: Int, evidenceMet: Int, evidenceSteps: Int)
    /// Step 14 of the audit asks when the sources report was last looked at.
    case reportViewed(ReportKind, exported: Bool)
    /// The owner marked a report reviewed (`report sources --mark-reviewed`, `v` on the reports screen): what audit
    /// step 14 counts as the quarterly sources review. Opening the report is not a review.
    case reportReviewed(ReportKind)
    /// Opens a write of several events (an import): the `events` lines after it belong to it. A reader counts none of
    /// them until the last one is there, so a write cut short by a crash is never half seen (Docs/event-log.md).
    case batchBegun(events: Int, kind: BatchKind)
    /// One autopilot step's policy and channels (Docs/autopilot.md).
    indirect case autopilotPolicy(AutopilotStep, StepPolicy)
    /// When the autopilot may send, replacing the window before.
    indirect case autopilotWindow(AutopilotWindow)
    /// The desk holds a client's automatic messages until a day (nil: until released).
    case autopilotHeld(ClientID, untilDay: Int?)
    case autopilotReleased(ClientID)
    /// The desk stopped one message (by its key) from going.
    indirect case autopilotSkipped(ClientID, key: String)
    /// A run ended (or, when idle, said it is still running): its counts.
    indirect case autopilotRan(RunSummary)
    /// The autopilot is about to send a message; its outcome follows in `message.sent` or `message.failed`.
    indirect case messageAttempted(AttemptStart)
    /// The message went (the command exited 0, the letter was queued, or a person confirmed it went).
    indirect case messageSent(AttemptID, provider: String?, confirmed: Bool)
    /// The message did not go: why, whether a later run may try again (the command said "try later"), and whether a
    /// person said so.
    indirect case messageFailed(AttemptID, reason: String, retry: Bool, confirmed: Bool)
    /// Consent for one channel (nil: every channel) given or withdrawn, and how.
    case consentChanged(ClientID, ConsentChannel?, given: Bool, how: ConsentHow)
    /// A place the practice sees clients (Docs/event-log.md, site.added).
    indirect case siteAdded(SiteID, name: String, address: String?)
    /// A site renamed or its address changed; nil keeps a field, an empty address clears it.
    indirect case siteEdited(SiteID, name: String?, address: String?)
    /// The site a practitioner works at from now on; their past appointments keep the site they were booked at.
    case practitionerSite(PractitionerID, site: SiteID)
    /// Something done with a client before its line was written (`import history`): the event inside counts at `when`
    /// for every rule, while `at` stays when it was written. In the log it is the inner event's own type and fields
    /// with a `when` field (Docs/event-log.md, "when"); only the types in `EventBody.mayBePast` may carry one.
    indirect case past(EventBody, when: Instant)

    /// Events that are nobody's action to undo: a look at a report, and the line that opens a batch.
    public var isBookkeeping: Bool {
        switch self {
        case .reportViewed, .batchBegun, .autopilotRan, .messageAttempted, .messageSent, .messageFailed: true
        case .past(let inner, _): inner.isBookkeeping
        default: false
        }
    }

    /// The `type` written in the log.
    public var type: String { kind.rawValue }

    /// Which type of event this is. No `default:`, so a new case cannot compile without its `EventType`.
    public var kind: EventType {
        switch self {
        case .settingsChanged: .settingsChanged
        case .practitionerAdded: .practitionerAdded
        case .practitionerEdited: .practitionerEdited
        case .practitionerHours: .practitionerHours
        case .clientAdded: .clientAdded
        case .clientEdited: .clientEdited
        case .clientStatusChanged: .clientStatusChanged
        case .clientErased: .clientErased
        case .appointmentBooked: .appointmentBooked
        case .appointmentMoved: .appointmentMoved
        case .appointmentCancelled: .appointmentCancelled
        case .appointmentAttended: .appointmentAttended
        case .appointmentNoShow: .appointmentNoShow
        case .appointmentHistory: .appointmentHistory
        case .referralRecorded: .referralRecorded
        case .referralThanked: .referralThanked
        case .touchpointSent: .touchpointSent
        case .lapseReviewed: .lapseReviewed
        case .milestoneReached: .milestoneReached
        case .feedbackGiven: .feedbackGiven
        case .callbackAdded: .callbackAdded
        case .callbackReturned: .callbackReturned
        case .undone: .undone
        case .redone: .redone
        case .auditStarted: .auditStarted
        case .auditAnswered: .auditAnswered
        case .auditFinished: .auditFinished
        case .reportViewed: .reportViewed
        case .reportReviewed: .reportReviewed
        case .batchBegun: .batchBegun
        case .autopilotPolicy: .autopilotPolicy
        case .autopilotWindow: .autopilotWindow
        case .autopilotHeld: .autopilotHeld
        case .autopilotReleased: .autopilotReleased
        case .autopilotSkipped: .autopilotSkipped
        case .autopilotRan: .autopilotRan
        case .messageAttempted: .messageAttempted
        case .messageSent: .messageSent
        case .messageFailed: .messageFailed
        case .consentChanged: .consentChanged
        case .siteAdded: .siteAdded
        case .siteEdited: .siteEdited
        case .practitionerSite: .practitionerSite
        case .past(let inner, _): inner.kind
        }
    }
}
