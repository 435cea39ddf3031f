/// One of a person's actions and how to reverse it (and, once undone, how to put it back). Kept for every event while
/// replaying, so it holds the event itself and works out its words and records only when someone asks.
public struct UndoRecord: Equatable, Sendable {
    /// The action's own seq: what `event.undone` and `event.redone` name as their `target`.
    public let seq: Int
    /// When it was last done, undone or redone: the 5-minute window for the next undo or redo runs from here.
    public let at: Instant
    let body: EventBody?
    let inverse: Inverse
    /// The steps that put back what undoing it took away; `.nothing` until it is undone.
    var redo: Inverse = .nothing
    /// The `undoStamp` its records had before it (at most one of them existed before it): an undo puts that back, so
    /// the person's action before it is still undoable, and a redo checks nobody has changed them since.
    var prior = 0

    init(seq: Int, at: Instant, body: EventBody?, inverse: Inverse, redo: Inverse = .nothing, prior: Int = 0) {
        self.seq = seq
        self.at = at
        self.body = body
        self.inverse = inverse
        self.redo = redo
        self.prior = prior
    }

    /// What was done, for "undo: marked a12 (Ada Lovelace) attended", in the practice's words as they are now.
    public func summary(in p: Practice) -> String { body.map { p.summary(of: $0) } ?? "an event of a newer kind" }
}

/// A record in the practice, for knowing what an event changed.
enum RecordRef: Equatable, Sendable {
    case client(ClientID), appointment(AppointmentID), referral(ReferralID), callback(CallbackID), audit(AuditID)
}

/// The steps that put the practice back as it was before one event.
/// The large, rare cases are boxed so the record kept for every person stays small.
enum Inverse: Equatable, Sendable {
    indirect case settings(Settings)
    case withdrawPractitioner(PractitionerID)
    /// A practitioner's name and hours as they were before an edit.
    indirect case restorePractitioner(Practitioner)
    case withdrawClient(ClientID, referral: ReferralID?)
    indirect case restoreClient(ClientID, ClientDetails)
    case withdrawAppointment(AppointmentID)
    case restoreAppointment(Appointment)
    case withdrawReferral(ReferralID)
    case unthank(ReferralID)
    case removeTouchpoint(ClientID, seq: Int)
    case removeMilestone(ClientID, seq: Int)
    case removeFeedback(ClientID, seq: Int)
    case withdrawCallback(CallbackID)
    case reopenCallback(CallbackID)
    case withdrawAudit(AuditID)
    indirect case restoreAudit(Audit)
    case reportSeen(ReportKind, exported: Bool, previous: Instant?)
    /// Puts back when the report was reviewed before (nil: never).
    case reportReviewed(ReportKind, previous: Instant?)
    case nothing
    // Only as the steps of a redo (Redo.swift): each puts back what the matching step above took away.
    case reinstatePractitioner(PractitionerID)
    case reinstateClient(ClientID, referral: ReferralID?)
    case reinstateAppointment(AppointmentID)
    case reinstateReferral(ReferralID)
    indirect case restoreReferral(Referral)
    indirect case addTouchpoint(ClientID, Touchpoint)
    indirect case addMilestone(ClientID, Milestone)
    indirect case addFeedback(ClientID, Feedback)
    case reinstateCallback(CallbackID)
    case returnCallback(CallbackID, at: Instant)
    case reinstateAudit(AuditID)
    /// A site added by mistake, hidden again (ids stay dense).
    case withdrawSite(SiteID)
    /// A site's name and address as they were before an edit.
    indirect case restoreSite(Site)
    case reinstateSite(SiteID)
}

/// The parts of a client that edits, status changes and lapse reviews can change.
struct ClientDetails: Equatable, Sendable {
    var name: String, phone: String?, email: String?, source: String?
    var contact: Bool, newsletter: Bool, cadence: Int?, consentRecorded: Bool
    var status: ClientStatus, statusReason: String?
    var snoozedUntilDay: Int?, lastContactedAt: Instant?
    var consent: [ConsentChannel: ConsentRecord], hold: AutopilotHold?, skipped: Set<String>, statusChangedAt: Instant?
    var reviews: [LapseReview]

    init(_ c: Client) {
        consent = c.consent; hold = c.hold; skipped = c.skipped; statusChangedAt = c.statusChangedAt
        reviews = c.reviews
        name = c.name; phone = c.phone; email = c.email; source = c.source
        contact = c.contact; newsletter = c.newsletter; cadence = c.cadence; consentRecorded = c.consentRecorded
        status = c.status; statusReason = c.statusReason
        snoozedUntilDay = c.snoozedUntilDay; lastContactedAt = c.lastContactedAt
    }

    func restore(into c: inout Client) {
        c.consent = consent; c.hold = hold; c.skipped = skipped; c.statusChangedAt = statusChangedAt
        c.reviews = reviews
        c.name = name; c.phone = phone; c.email = email; c.source = source
        c.contact = contact; c.newsletter = newsletter; c.cadence = cadence; c.consentRecorded = consentRecorded
        c.status = status; c.statusReason = statusReason
        c.snoozedUntilDay = snoozedUntilDay; c.lastContactedAt = lastContactedAt
    }
}

extension Practice {
    /// The records an event changes.
    func records(of body: EventBody) -> [RecordRef] {
        switch body {
        case .settingsChanged, .practitionerAdded, .undone, .reportViewed, .batchBegun: return []
        case .reportReviewed: return []
        case .practitionerEdited, .practitionerHours, .redone: return []
        case .siteAdded, .siteEdited, .practitionerSite: return []
        case .clientAdded(let c):
            return [.client(c.id)] + (c.referredBy.map { [.client($0)] } ?? []) + (c.referral.map { [.referral($0)] } ?? [])
        case .clientEdited(let e): return [.client(e.client)]
        case .clientStatusChanged(let c, _, _), .touchpointSent(let c, _, _, _), .lapseReviewed(let c, _, _, _),
             .milestoneReached(let c, _), .feedbackGiven(let c, _, _), .clientErased(let c):
            return [.client(c)]
        case .appointmentBooked(let a, let c, _, _, _): return [.appointment(a), .client(c)]
        case .appointmentMoved(let a, _), .appointmentCancelled(let a, _, _), .appointmentAttended(let a), .appointmentNoShow(let a),
             .appointmentHistory(let a, _, _):
            return [.appointment(a)]
        case .referralRecorded(let r, let referrer, _): return [.referral(r), .client(referrer)]
        case .referralThanked(let r, _, _): return [.referral(r)]
        case .callbackAdded(let c, _, _, _, _), .callbackReturned(let c): return [.callback(c)]
        case .auditStarted(let a), .auditAnswered(let a, _, _, _, _), .auditFinished(let a, _, _, _): return [.audit(a)]
        case .autopilotPolicy, .autopilotWindow, .autopilotRan: return []
        case .autopilotHeld(let c, _), .autopilotReleased(let c), .autopilotSkipped(let c, _), .consentChanged(let c, _, _, _):
            return [.client(c)]
        case .messageAttempted(let a): return [.client(a.client)]
        case .messageSent(let id, _, _), .messageFailed(let id, _, _, _):
            return autopilot.attempt(id).map { [.client($0.start.client)] } ?? []
        case .past(let inner, _): return records(of: inner)
        }
    }

    /// Stamps the records an event changed with its seq, without building a list: this runs for every event replayed.
    mutating func markChanged(_ body: EventBody, _ seq: Int) {
        switch body {
        case .settingsChanged, .practitionerAdded, .undone, .reportViewed, .batchBegun: break
        case .reportReviewed: break
        case .practitionerEdited, .practitionerHours, .redone: break
        case .siteAdded, .siteEdited, .practitionerSite: break
        case .clientAdded(let c):
            clients[c.id.index].lastChange = seq; clients[c.id.index].undoStamp = seq
            recentChanges.note(c.id, seq: seq)
            if let r = c.referredBy {
                clients[r.index].lastChange = seq; clients[r.index].undoStamp = seq
                recentChanges.note(r, seq: seq)
            }
            if let r = c.referral, referrals.indices.contains(r.index) { referrals[r.index].lastChange = seq; referrals[r.index].undoStamp = seq }
        case .clientEdited(let e):
            clients[e.client.index].lastChange = seq; clients[e.client.index].undoStamp = seq
            recentChanges.note(e.client, seq: seq)
        case .clientStatusChanged(let c, _, _), .touchpointSent(let c, _, _, _), .lapseReviewed(let c, _, _, _),
             .milestoneReached(let c, _), .feedbackGiven(let c, _, _), .clientErased(let c):
            clients[c.index].lastChange = seq; clients[c.index].undoStamp = seq
            recentChanges.note(c, seq: seq)
        case .appointmentBooked(let a, let c, _, _, _):
            appointments[a.index].lastChange = seq; appointments[a.index].undoStamp = seq
            clients[c.index].lastChange = seq; clients[c.index].undoStamp = seq
            recentChanges.note(c, seq: seq)
        case .appointmentMoved(let a, _), .appointmentCancelled(let a, _, _), .appointmentAttended(let a), .appointmentNoShow(let a),
             .appointmentHistory(let a, _, _):
            appointments[a.index].lastChange = seq; appointments[a.index].undoStamp = seq
            recentChanges.note(appointments[a.index].client, seq: seq)
        case .referralRecorded(let r, let referrer, _):
            referrals[r.index].lastChange = seq; referrals[r.index].undoStamp = seq
            clients[referrer.index].lastChange = seq; clients[referrer.index].undoStamp = seq
            recentChanges.note(referrer, seq: seq)
        case .referralThanked(let r, _, _): referrals[r.index].lastChange = seq; referrals[r.index].undoStamp = seq
        case .callbackAdded(let c, _, _, _, _), .callbackReturned(let c): callbacks[c.index].lastChange = seq; callbacks[c.index].undoStamp = seq
        case .auditStarted(let a), .auditAnswered(let a, _, _, _, _), .auditFinished(let a, _, _, _): audits[a.index].lastChange = seq; audits[a.index].undoStamp = seq
        case .autopilotPolicy, .autopilotWindow, .autopilotRan: break
        case .autopilotHeld(let c, _), .autopilotReleased(let c), .autopilotSkipped(let c, _), .consentChanged(let c, _, _, _):
            clients[c.index].lastChange = seq; clients[c.index].undoStamp = seq
            recentChanges.note(c, seq: seq)
        // The autopilot's own bookkeeping redraws the client's rows but is nobody's action: a person's undo of their
        // own change to the client is not blocked by a message the autopilot sent meanwhile.
        case .messageAttempted(let a):
            clients[a.client.index].lastChange = seq
            recentChanges.note(a.client, seq: seq)
        case .messageSent(let id, _, _), .messageFailed(let id, _, _, _):
            let c = autopilot.attempts[id.index].start.client
            clients[c.index].lastChange = seq
            recentChanges.note(c, seq: seq)
        case .past(let inner, _):
            markChanged(inner, seq)
        }
    }

    mutating func mark(_ refs: [RecordRef], _ seq: Int) {
        for r in refs {
            switch r {
            case .client(let id) where clients.indices.contains(id.index):
                clients[id.index].lastChange = seq; clients[id.index].undoStamp = seq
                recentChanges.note(id, seq: seq)
            case .appointment(let id) where appointments.indices.contains(id.index):
                appointments[id.index].lastChange = seq; appointments[id.index].undoStamp = seq
                recentChanges.note(appointments[id.index].client, seq: seq)
            case .referral(let id) where referrals.indices.contains(id.index): referrals[id.index].lastChange = seq; referrals[id.index].undoStamp = seq
            case .callback(let id) where callbacks.indices.contains(id.index): callbacks[id.index].lastChange = seq; callbacks[id.index].undoStamp = seq
            case .audit(let id) where audits.indices.contains(id.index): audits[id.index].lastChange = seq; audits[id.index].undoStamp = seq
            default: break
            }
        }
    }

    /// A record the event changed that someone has changed again since, if any: undoing would overwrite that.
    /// Each record's `undoStamp` must be `stamp`: the action's seq to undo it, its `prior` to redo it.
    func changedSince(_ record: UndoRecord, stamp: Int? = nil) -> String? {
        let mark = stamp ?? record.seq
        for r in record.body.map(records(of:)) ?? [] {
            switch r {
            case .client(let id) where clients[id.index].undoStamp != mark: return "\(clients[id.index].name) (\(id))"
            case .appointment(let id) where appointments[id.index].undoStamp != mark: return "appointment \(id)"
            case .referral(let id) where referrals[id.index].undoStamp != mark: return "referral \(id)"
            case .callback(let id) where callbacks[id.index].undoStamp != mark: return "callback \(id)"
            case .audit(let id) where audits[id.index].undoStamp != mark: return "audit \(id)"
            default: continue
            }
        }
        return nil
    }

    /// Worked out before an event applies, while the old values are still there.
    func inverse(of body: EventBody) -> Inverse {
        func client(_ id: ClientID) -> Inverse {
            clients.indices.contains(id.index) ? .restoreClient(id, ClientDetails(clients[id.index])) : .nothing
        }
        func appointment(_ id: AppointmentID) -> Inverse {
            appointments.indices.contains(id.index) ? .restoreAppointment(appointments[id.index]) : .nothing
        }
        switch body {
        case .settingsChanged: return .settings(settings)
        case .practitionerAdded(let id, _): return .withdrawPractitioner(id)
        case .practitionerEdited(let id, _), .practitionerHours(let id, _):
            return practitioners.indices.contains(id.index) ? .restorePractitioner(practitioners[id.index]) : .nothing
        case .practitionerSite(let id, _):
            return practitioners.indices.contains(id.index) ? .restorePractitioner(practitioners[id.index]) : .nothing
        case .siteAdded(let id, _, _): return .withdrawSite(id)
        case .siteEdited(let id, _, _): return sites.indices.contains(id.index) ? .restoreSite(sites[id.index]) : .nothing
        case .clientAdded(let c): return .withdrawClient(c.id, referral: c.referredBy == nil ? nil : c.referral)
        case .clientEdited(let e): return client(e.client)
        case .clientStatusChanged(let id, _, _), .lapseReviewed(let id, _, _, _): return client(id)
        case .appointmentBooked(let id, _, _, _, _): return .withdrawAppointment(id)
        case .appointmentMoved(let id, _), .appointmentCancelled(let id, _, _), .appointmentAttended(let id),
             .appointmentNoShow(let id), .appointmentHistory(let id, _, _):
            return appointment(id)
        case .referralRecorded(let id, _, _): return .withdrawReferral(id)
        case .referralThanked(let id, _, _): return .unthank(id)
        case .touchpointSent(let id, _, _, _): return .removeTouchpoint(id, seq: lastSeq + 1)
        case .milestoneReached(let id, _): return .removeMilestone(id, seq: lastSeq + 1)
        case .feedbackGiven(let id, _, _): return .removeFeedback(id, seq: lastSeq + 1)
        case .callbackAdded(let id, _, _, _, _): return .withdrawCallback(id)
        case .callbackReturned(let id): return .reopenCallback(id)
        case .undone, .clientErased, .batchBegun: return .nothing
        case .redone: return .nothing
        case .auditStarted(let id): return .withdrawAudit(id)
        case .auditAnswered(let id, _, _, _, _), .auditFinished(let id, _, _, _):
            return audits.indices.contains(id.index) ? .restoreAudit(audits[id.index]) : .nothing
        case .reportViewed(let kind, let exported):
            return .reportSeen(kind, exported: exported, previous: exported ? reportExported[kind] : reportViewed[kind])
        case .reportReviewed(let kind):
            return .reportReviewed(kind, previous: reportReviewed[kind])
        case .autopilotPolicy, .autopilotWindow: return .settings(settings)
        case .autopilotHeld(let id, _), .autopilotReleased(let id), .autopilotSkipped(let id, _), .consentChanged(let id, _, _, _):
            return client(id)
        case .autopilotRan, .messageAttempted, .messageSent, .messageFailed: return .nothing
        case .past(let inner, _): return pastInverse(inner)
        }
    }

    /// What an event did, in words, for the status line and the undo prompt.
    public func summary(of body: EventBody) -> String {
        func name(_ c: ClientID) -> String { clients.indices.contains(c.index) ? clients[c.index].name : c.description }
        func apptName(_ a: AppointmentID) -> String {
            appointments.indices.contains(a.index) ? "\(a) (\(name(appointments[a.index].client)))" : a.description
        }
        switch body {
        case .settingsChanged: return "changed the settings"
        case .practitionerAdded(let id, let n): return "added practitioner \(n) (\(id))"
        case .practitionerEdited(let id, let n): return "renamed practitioner \(id) to \(n)"
        case .practitionerHours(let id, _):
            return "set the working hours of \(practitioners.indices.contains(id.index) ? practitioners[id.index].name : id.description) (\(id))"
        case .clientAdded(let c): return "added client \(c.name) (\(c.id))"
        case .clientEdited(let e): return "edited \(name(e.client)) (\(e.client))"
        case .clientStatusChanged(let id, let s, _): return "set \(name(id)) to \(s.rawValue)"
        case .clientErased(let id): return "erased the personal details of client \(id)"
        case .appointmentBooked(let id, let c, _, let start, _): return "booked \(id) for \(name(c)) on \(describe(start))"
        case .appointmentMoved(let id, let start): return "moved \(apptName(id)) to \(describe(start))"
        case .appointmentCancelled(let id, _, _): return "cancelled \(apptName(id))"
        case .appointmentAttended(let id): return "marked \(apptName(id)) attended"
        case .appointmentNoShow(let id): return "marked \(apptName(id)) a no-show"
        case .appointmentHistory(let id, _, _): return "recorded when \(apptName(id)) was booked"
        case .referralRecorded(let id, let r, let c): return "recorded referral \(id): \(name(r)) → \(name(c))"
        case .referralThanked(let id, let via, _): return "thanked for \(id) by \(via.rawValue)"
        case .touchpointSent(let c, let k, _, _): return "recorded \(k.rawValue) for \(name(c))"
        case .lapseReviewed(let c, let o, _, _):
            switch o {
            case .contacted: return "recorded contact with \(name(c))"
            case .snoozed(let d): return "snoozed \(name(c)) until \(Civil.string(ofDay: d))"
            case .closed(let s): return "closed \(name(c)) (\(s.rawValue))"
            }
        case .milestoneReached(let c, let k): return "recorded \(k.rawValue) for \(name(c))"
        case .feedbackGiven(let c, let s, _): return "recorded feedback \(s)/5 from \(name(c))"
        case .callbackAdded(let id, let n, _, _, _): return "noted callback \(id) for \(n)"
        case .callbackReturned(let id): return "marked callback \(id) returned"
        case .undone: return "undid an action"
        case .redone: return "redid an action"
        case .auditStarted(let id): return "started audit \(id)"
        case .auditAnswered(_, let step, let answer, _, _): return "answered audit step \(step): \(answer.rawValue)"
        case .auditFinished(let id, let inPlace, _, _): return "finished audit \(id) (\(inPlace) of \(AuditChecklist.steps.count) in place)"
        case .reportViewed(let kind, let exported): return "\(exported ? "exported" : "viewed") the \(kind.rawValue) report"
        case .reportReviewed(let kind): return "marked the \(kind.rawValue) report reviewed"
        case .batchBegun(let events, let kind): return "began \(kind == .imported ? "an import" : "a batch") of \(events) events"
        case .autopilotPolicy(let step, let policy): return "set the autopilot's \(step.rawValue) to \(policy.text)"
        case .autopilotWindow(let w): return "set the autopilot's window to \(w.summary)"
        case .autopilotHeld(let c, let until):
            return "held the autopilot's messages to \(name(c))" + (until.map { " until \(Civil.string(ofDay: $0))" } ?? "")
        case .autopilotReleased(let c): return "released the hold on \(name(c))"
        case .autopilotSkipped(let c, _): return "skipped a message to \(name(c))"
        case .autopilotRan(let r): return "ran the autopilot (\(r.sent) sent)"
        case .messageAttempted(let a): return "began sending \(a.step.rawValue) to \(name(a.client)) (\(a.id))"
        case .messageSent(let id, _, _): return "recorded message \(id) as sent"
        case .messageFailed(let id, _, _, _): return "recorded message \(id) as not sent"
        case .consentChanged(let c, let ch, let given, _):
            return "recorded \(name(c)) \(given ? "gave" : "withdrew") \(ch?.rawValue ?? "all") consent"
        case .siteAdded(let id, let n, _): return "added site \(n) (\(id))"
        case .siteEdited(let id, _, _): return "edited site \(sites.indices.contains(id.index) ? sites[id.index].name : id.description) (\(id))"
        case .practitionerSite(let id, let s):
            let who = practitioners.indices.contains(id.index) ? practitioners[id.index].name : id.description
            return "set \(who) (\(id)) to work at \(sites.indices.contains(s.index) ? sites[s.index].name : s.description)"
        case .past(let inner, let when): return "\(summary(of: inner)) (as of \(describe(when)))"
        }
    }

    /// Reverses `by`'s latest action still done, which must be event `target`; the undo is event `seq`, at `at`.
    mutating func undo(target: Int, by: String, at: Instant, seq: Int) throws(ApplyError) {
        guard let record = lastAction[by], record.seq == target else {
            throw ApplyError("event \(target) is not the last action by \(by), so it cannot be undone")
        }
        // Worked out before the undo, while what it takes away is still there.
        let redo = redoSteps(for: record.inverse)
        let refs = record.body.map(records(of:)) ?? []
        perform(record.inverse)
        countRevision(of: record.body)
        mark(refs, seq)
        stamp(refs, record.prior)
        lastAction.undone(by: by, redo: UndoRecord(seq: record.seq, at: at, body: record.body, inverse: record.inverse,
                                                   redo: redo, prior: record.prior))
    }

    /// Sets the records' `undoStamp` (not `lastChange`, which only ever grows, for redrawing what changed).
    mutating func stamp(_ refs: [RecordRef], _ seq: Int) {
        for r in refs {
            switch r {
            case .client(let id) where clients.indices.contains(id.index): clients[id.index].undoStamp = seq
            case .appointment(let id) where appointments.indices.contains(id.index): appointments[id.index].undoStamp = seq
            case .referral(let id) where referrals.indices.contains(id.index): referrals[id.index].undoStamp = seq
            case .callback(let id) where callbacks.indices.contains(id.index): callbacks[id.index].undoStamp = seq
            case .audit(let id) where audits.indices.contains(id.index): audits[id.index].undoStamp = seq
            default: break
            }
        }
    }

    /// The `undoStamp` of the one record that existed before the event and that it changes, if any.
    func priorStamp(of body: EventBody) -> Int {
        func client(_ id: ClientID?) -> Int { id.map { clients.indices.contains($0.index) ? clients[$0.index].undoStamp : 0 } ?? 0 }
        switch body {
        case .clientAdded(let c): return client(c.referredBy)
        case .clientEdited(let e): return client(e.client)
        case .clientStatusChanged(let c, _, _), .touchpointSent(let c, _, _, _), .lapseReviewed(let c, _, _, _),
             .milestoneReached(let c, _), .feedbackGiven(let c, _, _), .clientErased(let c), .appointmentBooked(_, let c, _, _, _),
             .referralRecorded(_, let c, _):
            return client(c)
        case .appointmentMoved(let a, _), .appointmentCancelled(let a, _, _), .appointmentAttended(let a), .appointmentNoShow(let a),
             .appointmentHistory(let a, _, _):
            return appointments.indices.contains(a.index) ? appointments[a.index].undoStamp : 0
        case .referralThanked(let r, _, _): return referrals.indices.contains(r.index) ? referrals[r.index].undoStamp : 0
        case .callbackReturned(let c): return callbacks.indices.contains(c.index) ? callbacks[c.index].undoStamp : 0
        case .auditAnswered(let a, _, _, _, _), .auditFinished(let a, _, _, _):
            return audits.indices.contains(a.index) ? audits[a.index].undoStamp : 0
        // Practitioners carry no undo stamp: a rename or new hours is undone to what that event replaced.
        case .autopilotHeld(let c, _), .autopilotReleased(let c), .autopilotSkipped(let c, _), .consentChanged(let c, _, _, _):
            return client(c)
        case .siteAdded, .siteEdited, .practitionerSite: return 0
        case .settingsChanged, .practitionerAdded, .practitionerEdited, .practitionerHours, .callbackAdded, .auditStarted, .undone, .redone,
             .reportViewed, .batchBegun, .autopilotPolicy, .autopilotWindow, .autopilotRan, .messageAttempted, .messageSent, .messageFailed:
            return 0
        case .past(let inner, _): return priorStamp(of: inner)
        case .reportReviewed:
            return 0
        }
    }

    /// Carries out the steps that put records back.
    mutating func perform(_ steps: Inverse) {
        switch steps {
        case .settings(let s):
            if s.timeZone != settings.timeZone, let cal = PracticeCalendar(identifier: s.timeZone) {
                calendar = cal
                settings = s
                reindexDays()
            }
            settings = s
        case .withdrawPractitioner(let id):
            practitioners[id.index].withdrawn = true
        case .restorePractitioner(let before):
            practitioners[before.id.index] = before
        case .withdrawSite(let id):
            sites[id.index].withdrawn = true
        case .restoreSite(let before):
            sites[before.id.index] = before
        case .withdrawClient(let id, let referral):
            clients[id.index].withdrawn = true
            clientsByName[clients[id.index].name.lowercased()]?.removeAll { $0 == id }
            if let r = referral { withdraw(r) }
        case .restoreClient(let id, let details):
            let oldName = clients[id.index].name
            details.restore(into: &clients[id.index])
            if oldName != details.name {
                clientsByName[oldName.lowercased()]?.removeAll { $0 == id }
                clientsByName[details.name.lowercased(), default: []].append(id)
            }
        case .withdrawAppointment(let id):
            let a = appointments[id.index]
            appointments[id.index].withdrawn = true
            appointmentsByDay[calendar.day(of: a.start)]?.removeAll { $0 == id }
            clients[a.client.index].appointments.removeAll { $0 == id }
        case .restoreAppointment(let before):
            let now = appointments[before.id.index]
            if now.start != before.start {
                appointmentsByDay[calendar.day(of: now.start)]?.removeAll { $0 == before.id }
                appointmentsByDay[calendar.day(of: before.start), default: []].append(before.id)
            }
            // Everything as it was, except the count of its changes, which only grows (undo and redo count one more).
            var restored = before
            restored.revisions = now.revisions
            appointments[before.id.index] = restored
        case .withdrawReferral(let id):
            withdraw(id)
        case .unthank(let id):
            referrals[id.index].thankedAt = nil
            referrals[id.index].thankedVia = nil
            referrals[id.index].note = nil
            unthankedReferrals.append(id)
            unthankedReferrals.sort()
        case .removeTouchpoint(let c, let seq):
            clients[c.index].touchpoints.removeAll { $0.seq == seq }
        case .removeMilestone(let c, let seq):
            clients[c.index].milestones.removeAll { $0.seq == seq }
        case .removeFeedback(let c, let seq):
            clients[c.index].feedback.removeAll { $0.seq == seq }
        case .withdrawCallback(let id):
            callbacks[id.index].withdrawn = true
            openCallbacks.removeAll { $0 == id }
        case .reopenCallback(let id):
            callbacks[id.index].returnedAt = nil
            openCallbacks.append(id)
            openCallbacks.sort()
        case .withdrawAudit(let id):
            audits[id.index].withdrawn = true
        case .restoreAudit(let before):
            audits[before.id.index] = before
        case .reportSeen(let kind, let exported, let previous):
            if exported { reportExported[kind] = previous } else { reportViewed[kind] = previous }
        case .reportReviewed(let kind, let previous):
            reportReviewed[kind] = previous
        case .nothing:
            break
        case .reinstatePractitioner, .reinstateClient, .reinstateAppointment, .reinstateReferral, .restoreReferral,
             .addTouchpoint, .addMilestone, .addFeedback, .reinstateCallback, .returnCallback, .reinstateAudit, .reinstateSite:
            performRedo(steps)
        }
    }

    private mutating func withdraw(_ r: ReferralID) {
        referrals[r.index].withdrawn = true
        unthankedReferrals.removeAll { $0 == r }
        clients[referrals[r.index].referrer.index].referralsMade.removeAll { $0 == r }
    }
}
