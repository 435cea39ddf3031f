/// Someone who sees clients.
public struct Practitioner: Equatable, Sendable {
    public let id: PractitionerID
    public var name: String
    public var withdrawn = false
    /// When they see clients; nil until someone sets them (`practitioner.hours`).
    public var hours: WorkingHours?
    /// Where they work (`practitioner.site`); nil in a practice without sites.
    public var site: SiteID?
}

/// A message or call that went to a client.
///
/// The one-byte fields are stored last, 56 bytes instead of 64: the 4M-event demo holds a million touchpoints, and
/// fresh memory is most of what reading them costs (Docs/performance.md, "The snapshot, round four").
public struct Touchpoint: Equatable, Sendable {
    public let at: Instant
    /// The event that recorded it, so an undo removes exactly this one.
    public let seq: Int
    public var note: String?
    public let by: String
    public let kind: TouchpointKind
    public let via: Channel?

    public init(kind: TouchpointKind, at: Instant, via: Channel?, note: String?, by: String, seq: Int) {
        self.at = at
        self.seq = seq
        self.note = note
        self.by = by
        self.kind = kind
        self.via = via
    }
}

/// A moment in a client's care that invites a referral ask.
public struct Milestone: Equatable, Sendable {
    public let kind: MilestoneKind
    public let at: Instant
    public let seq: Int
}

/// A satisfaction score from 1 to 5.
public struct Feedback: Equatable, Sendable {
    public let score: Int
    public var comment: String?
    public let at: Instant
    public let seq: Int
}

/// A client on the books, with what has happened to them so far.
///
/// Its optional numbers and times are stored without a presence byte, the one-byte fields last: 240 bytes instead
/// of 280 (declared in this order: the compiler lays fields out as declared), as `Appointment` (Docs/performance.md, "The snapshot, round four"). Each is read and set as before.
public struct Client: Equatable, Sendable {
    public let id: ClientID
    public var name: String
    public var phone: String?
    public var email: String?
    public var source: String?
    public var statusReason: String?
    public let addedAt: Instant
    /// When the practice first saw the client: when they were added, or their first session if history from before
    /// that was imported. The reports and the audit count a client as new from here.
    public var firstSeen: Instant
    public var milestones: [Milestone] = []
    public var feedback: [Feedback] = []
    /// Every appointment ever booked for this client, in booking order.
    public var appointments: [AppointmentID] = []
    public var referralsMade: [ReferralID] = []
    /// `referredBy`'s number, `cadence`, `erasedAt` and `lastContactedAt` in ms, and `snoozedUntilDay`, each `Unset`
    /// for none.
    private var referrerNumber: Int, storedCadence: Int, erasedMs: Int64, lastContactedMs: Int64, snoozedDay: Int
    /// Just before the one-byte fields, which fill the rest of its last word.
    var touchpointList = TouchpointList()
    public var contact: Bool
    public var newsletter: Bool
    public var consentRecorded = true
    public var status: ClientStatus = .active
    /// Added by mistake and undone: kept so ids stay dense, but shown nowhere.
    public var withdrawn = false

    init(id: ClientID, name: String, phone: String? = nil, email: String? = nil, source: String? = nil,
                referredBy: ClientID? = nil, contact: Bool, newsletter: Bool, cadence: Int? = nil,
                consentRecorded: Bool = true, status: ClientStatus = .active, statusReason: String? = nil,
                addedAt: Instant, firstSeen: Instant, erasedAt: Instant? = nil, snoozedUntilDay: Int? = nil,
                lastContactedAt: Instant? = nil, touchpoints: TouchpointList = TouchpointList(), milestones: [Milestone] = [],
                feedback: [Feedback] = [], appointments: [AppointmentID] = [], referralsMade: [ReferralID] = [],
                later: ClientLater? = nil, importedRow: String? = nil, withdrawn: Bool = false, lastChange: Int = 0,
                undoStamp: Int = 0, revisions: Int = 0) {
        self.id = id
        self.name = name
        self.phone = phone
        self.email = email
        self.source = source
        self.statusReason = statusReason
        self.addedAt = addedAt
        self.firstSeen = firstSeen
        touchpointList = touchpoints
        self.milestones = milestones
        self.feedback = feedback
        self.appointments = appointments
        self.referralsMade = referralsMade
        self.later = later
        self.importedRow = importedRow
        self.lastChange = lastChange
        self.undoStamp = undoStamp
        self.revisions = revisions
        referrerNumber = Unset.number(referredBy?.number)
        storedCadence = Unset.number(cadence)
        erasedMs = Unset.ms(erasedAt)
        lastContactedMs = Unset.ms(lastContactedAt)
        snoozedDay = Unset.number(snoozedUntilDay)
        self.contact = contact
        self.newsletter = newsletter
        self.consentRecorded = consentRecorded
        self.status = status
        self.withdrawn = withdrawn
    }

    /// Every message or call recorded for this client, oldest first (a snapshot's are read when first asked for).
    public var touchpoints: [Touchpoint] {
        get { touchpointList.all }
        set { touchpointList = .read(newValue) }
        _modify {
            var list = touchpointList.take()
            defer { touchpointList = .read(list) }
            yield &list
        }
    }

    public var referredBy: ClientID? {
        get { Unset.number(referrerNumber).map { ClientID($0) } }
        set { referrerNumber = Unset.number(newValue?.number) }
    }
    public var cadence: Int? {
        get { Unset.number(storedCadence) }
        set { storedCadence = Unset.number(newValue) }
    }
    /// When the client's personal details were erased at their request; their visits still count, anonymously.
    public var erasedAt: Instant? {
        get { Unset.instant(erasedMs) }
        set { erasedMs = Unset.ms(newValue) }
    }
    /// Hidden from the lapsed list until the start of this local day.
    public var snoozedUntilDay: Int? {
        get { Unset.number(snoozedDay) }
        set { snoozedDay = Unset.number(newValue) }
    }
    public var lastContactedAt: Instant? {
        get { Unset.instant(lastContactedMs) }
        set { lastContactedMs = Unset.ms(newValue) }
    }
    /// Consent, holds and skips, behind one reference that stays nil for most clients: a client is copied and
    /// destroyed often enough in replay that four more fields inline made it measurably slower (Docs/performance.md).
    var later: ClientLater?

    /// Consent per channel as last recorded (`consent.changed`); ask `Consent.state`, which also reads older records.
    public var consent: [ConsentChannel: ConsentRecord] {
        get { later?.value.consent ?? [:] }
        set { changeLater { $0.consent = newValue } }
    }
    /// The desk's hold on the autopilot's messages to this client, if any.
    public var hold: AutopilotHold? {
        get { later?.value.hold }
        set { changeLater { $0.hold = newValue } }
    }
    /// Keys of single messages the desk stopped from going.
    public var skipped: Set<String> {
        get { later?.value.skipped ?? [] }
        set { changeLater { $0.skipped = newValue } }
    }
    /// The given name, when the name does not start with it (`NewClient.given`).
    public var given: String? {
        get { later?.value.given }
        set { changeLater { $0.given = newValue } }
    }
    /// The client's id in the system they were imported from (`NewClient.ref`).
    public var ref: String? {
        get { later?.value.ref }
        set { changeLater { $0.ref = newValue } }
    }
    /// Visits and dates from the system they were imported from (`ImportedHistory`); ask `ClientHistory` for visits.
    public var history: ImportedHistory? {
        get { later?.value.history }
        set { changeLater { $0.history = newValue } }
    }
    /// How a message greets them: the given name, or the first word of the name (`PersonName.greeting`).
    public var greetingName: String { PersonName.greeting(name: name, given: given) }
    /// When the status last changed (a discharge's referral ask counts from here).
    public var statusChangedAt: Instant? {
        get { later?.value.statusChangedAt }
        set { changeLater { $0.statusChangedAt = newValue } }
    }

    /// What the weekly lapsed reviews recorded about this client, oldest first (`lapse.reviewed`).
    public var reviews: [LapseReview] {
        get { later?.value.reviews ?? [] }
        set { changeLater { $0.reviews = newValue } }
    }

    /// Changes the boxed fields, copying the box first unless this client is its only owner.
    private mutating func changeLater(_ change: (inout ClientLater.Fields) -> Void) {
        var fields = later?.value ?? ClientLater.Fields()
        change(&fields)
        // Nothing recorded is no box at all, so a client put back by an undo equals the client it was.
        if fields == ClientLater.Fields() { later = nil; return }
        if let box = later, isKnownUniquelyReferenced(&later) { box.value = fields } else { later = ClientLater(fields) }
    }
    /// The fingerprint of the file row the client was imported from, if any (see `NewClient.row`).
    public var importedRow: String?
    /// The seq of the last event that changed this client, so an undo never overwrites a colleague's later change.
    public var lastChange = 0
    /// Like `lastChange`, but put back when its writer undoes or redoes that change: what undo checks for a colleague's change.
    public var undoStamp = 0
    /// Its changes after the booking (moves, a cancellation, and each undo or redo of what happened to it): a
    /// calendar export's SEQUENCE, which must only grow (`AppointmentRevisions.swift`).
    public internal(set) var revisions = 0
}

/// A booked session and what became of it.
///
/// Stored compactly, 96 bytes instead of 128: the 1M-event demo holds 276,720 of them, and on the machines measured a
/// first touch of fresh memory costs about 0.65 ms a megabyte, which made the array's size most of what reading it
/// cost (Docs/performance.md, "The snapshot, round four"). The optional times and site are kept without their
/// presence byte (and its padding), and the minutes and revisions in 32 bits; each is read and set as before.
public struct Appointment: Equatable, Sendable {
    public let id: AppointmentID
    public let client: ClientID
    public let practitioner: PractitionerID
    public var start: Instant
    public internal(set) var bookedAt: Instant
    public var lastChange = 0
    /// Like `lastChange`, but put back when its writer undoes or redoes that change: what undo checks for a colleague's change.
    public var undoStamp = 0
    /// `settledAt` and `importedAt` in ms, `Unset` for none.
    private var settledMs: Int64, importedMs: Int64
    /// `site`'s number, `Unset` for none.
    private var siteNumber: Int
    /// 5 to 600 (`LogBounds.minutes`).
    private var storedMinutes: Int32
    private var storedRevisions: Int32
    public var status: AppointmentStatus = .booked
    public var cancelledBy: CancelledBy?
    public var lateCancellation = false
    /// Booked by mistake and undone: kept so ids stay dense, but shown nowhere.
    public var withdrawn = false

    public init(id: AppointmentID, client: ClientID, practitioner: PractitionerID, start: Instant, minutes: Int,
                status: AppointmentStatus = .booked, bookedAt: Instant, settledAt: Instant? = nil,
                cancelledBy: CancelledBy? = nil, lateCancellation: Bool = false, importedAt: Instant? = nil,
                site: SiteID? = nil, withdrawn: Bool = false, lastChange: Int = 0, undoStamp: Int = 0, revisions: Int = 0) {
        self.id = id
        self.client = client
        self.practitioner = practitioner
        self.start = start
        self.bookedAt = bookedAt
        self.lastChange = lastChange
        self.undoStamp = undoStamp
        settledMs = Unset.ms(settledAt)
        importedMs = Unset.ms(importedAt)
        siteNumber = Unset.number(site?.number)
        storedMinutes = Int32(clamping: minutes)
        storedRevisions = Int32(clamping: revisions)
        self.status = status
        self.cancelledBy = cancelledBy
        self.lateCancellation = lateCancellation
        self.withdrawn = withdrawn
    }

    public var minutes: Int {
        get { Int(storedMinutes) }
        set { storedMinutes = Int32(clamping: newValue) }
    }
    /// When it was attended, marked a no-show or cancelled.
    public var settledAt: Instant? {
        get { Unset.instant(settledMs) }
        set { settledMs = Unset.ms(newValue) }
    }
    /// When it came in by import (its booking was in an imported batch, or it has `appointment.history`): messages about
    /// it that fell due before then are the old system's (`AutopilotPlan.dueBeforeImport`).
    public internal(set) var importedAt: Instant? {
        get { Unset.instant(importedMs) }
        set { importedMs = Unset.ms(newValue) }
    }
    /// The site it is at: its practitioner's when it was booked (nil when they had none).
    public internal(set) var site: SiteID? {
        get { Unset.number(siteNumber).map { SiteID($0) } }
        set { siteNumber = Unset.number(newValue?.number) }
    }
    /// Its changes after the booking (moves, a cancellation, and each undo or redo of what happened to it): a
    /// calendar export's SEQUENCE, which must only grow (`AppointmentRevisions.swift`).
    public internal(set) var revisions: Int {
        get { Int(storedRevisions) }
        set { storedRevisions = Int32(clamping: newValue) }
    }

    public var end: Instant { start.adding(minutes: minutes) }
}

/// One client sending another to the practice.
public struct Referral: Equatable, Sendable {
    public let id: ReferralID
    public let referrer: ClientID
    public let client: ClientID
    public let recordedAt: Instant
    public var thankedAt: Instant?
    public var thankedVia: Channel?
    public var note: String?
    public var withdrawn = false
    public var lastChange = 0
    /// Like `lastChange`, but put back when its writer undoes or redoes that change: what undo checks for a colleague's change.
    public var undoStamp = 0
}

/// A call or message that needs a reply by a promised time.
public struct Callback: Equatable, Sendable {
    public let id: CallbackID
    public var name: String
    public var phone: String
    public var reason: String?
    public let promisedBy: Instant
    public let addedAt: Instant
    public var returnedAt: Instant?
    /// Taken from a client whose details were since erased: nobody is prompted to return it (`Contactable`).
    public var erased = false
    public var withdrawn = false
    public var lastChange = 0
    /// Like `lastChange`, but put back when its writer undoes or redoes that change: what undo checks for a colleague's change.
    public var undoStamp = 0
}

/// One recorded answer to an audit step.
public struct AuditStepAnswer: Equatable, Sendable {
    public let answer: AuditAnswer
    public var note: String?
    public let owner: String?
    public let at: Instant
    public let by: String
}

/// One run through the journey audit: answers by step, and its scores once finished.
public struct Audit: Equatable, Sendable {
    public let id: AuditID
    public let startedAt: Instant
    public var answers: [Int: AuditStepAnswer] = [:]
    public var finishedAt: Instant?
    /// Steps answered "yes", out of all steps.
    public var inPlace = 0
    /// Steps whose figure met its target, out of the steps that had figures.
    public var evidenceMet = 0
    public var evidenceSteps = 0
    public var withdrawn = false
    public var lastChange = 0
    /// Like `lastChange`, but put back when its writer undoes or redoes that change: what undo checks for a colleague's change.
    public var undoStamp = 0
}

/// The heap cell behind a client's consent, hold, skips and status date (`Client.later`): changed only through the
/// client's setters, which copy it unless the client is its only owner.
final class ClientLater: Equatable, @unchecked Sendable {
    struct Fields: Equatable {
        var given: String?
        var ref: String?
        var history: ImportedHistory?
        var consent: [ConsentChannel: ConsentRecord] = [:]
        var hold: AutopilotHold?
        var skipped: Set<String> = []
        var statusChangedAt: Instant?
        var reviews: [LapseReview] = []
    }
    var value: Fields
    init(_ value: Fields) { self.value = value }
    static func == (a: ClientLater, b: ClientLater) -> Bool { a.value == b.value }
}
