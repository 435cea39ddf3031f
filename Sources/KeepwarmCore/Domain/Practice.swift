import Foundation

/// The whole practice as the log says it is now: replaying the log builds it, and applying an event is the only way
/// it changes. Indexes (by client, by day, by name, open referrals and callbacks) are kept up to date as events apply,
/// so queries never rescan the events.
public struct Practice: Sendable {
    public internal(set) var settings = Settings()
    public internal(set) var calendar = PracticeCalendar.london
    public internal(set) var practitioners: [Practitioner] = []
    public internal(set) var clients: [Client] = []
    public internal(set) var appointments: [Appointment] = []
    public internal(set) var referrals: [Referral] = []
    public internal(set) var callbacks: [Callback] = []
    /// The seq of the last event applied (or skipped as unknown).
    public internal(set) var lastSeq = 0
    public internal(set) var eventCount = 0

    /// Appointment ids by local start day.
    public internal(set) var appointmentsByDay: [Int: [AppointmentID]] = [:]
    /// Client ids by lower-cased name.
    public internal(set) var clientsByName: [String: [ClientID]] = [:]
    /// Referrals not yet thanked, oldest first.
    public internal(set) var unthankedReferrals: [ReferralID] = []
    /// Callbacks not yet returned, in the order they were taken.
    public internal(set) var openCallbacks: [CallbackID] = []
    /// Clients with a `lapse.reviewed`, in the order of their first one (a client may repeat after an undo and a
    /// redo): the weekly review reads these few instead of every client on each key press.
    public internal(set) var reviewedClients: [ClientID] = []
    public internal(set) var audits: [Audit] = []
    /// When each report was last viewed and last exported (audit step 14).
    public internal(set) var reportViewed: [ReportKind: Instant] = [:]
    /// When each report was last marked reviewed by the owner (audit step 14).
    public internal(set) var reportReviewed: [ReportKind: Instant] = [:]
    public internal(set) var reportExported: [ReportKind: Instant] = [:]
    /// Each person's recent actions and undone actions, for undo and redo: at most `LastActions.depth` of each per
    /// person, so memory stays flat.
    public internal(set) var lastAction = LastActions()
    /// The clients the latest events changed, for redrawing only their rows.
    public internal(set) var recentChanges = RecentChanges()
    /// The seqs of each person's latest import (the events of its batch), so `undo` can tell an import row from an
    /// action of their own: one entry per person.
    public internal(set) var lastImport: [String: ClosedRange<Int>] = [:]
    /// Every autopilot attempt and run (Docs/autopilot.md). Kept behind one reference (copied on write), so the
    /// practice's own fields stay few: with eleven more inline, replay copied the whole practice on every line
    /// (measured: 10% slower, `perf` showed the copies).
    public internal(set) var autopilot: AutopilotRecord {
        get { autopilotStorage.value }
        set { autopilotStorage = AutopilotStorage(newValue) }
        _modify {
            if !isKnownUniquelyReferenced(&autopilotStorage) { autopilotStorage = AutopilotStorage(autopilotStorage.value) }
            yield &autopilotStorage.value
        }
    }
    private var autopilotStorage = AutopilotStorage(AutopilotRecord())
    /// Imported lapse reviews and status dates (`EventBody.past`), which leave no record of their own to find again,
    /// by client, type and time: importing the same history again adds nothing (Practice+History.swift).
    public internal(set) var pastSeen: Set<String> = []
    /// The places the practice sees clients (`site.added`); empty for a practice on one site, which then shows no
    /// site anywhere.
    public internal(set) var sites: [Site] = []

    public init() {}

    // MARK: lookups

    public func client(_ id: ClientID) -> Client? { clients.indices.contains(id.index) ? clients[id.index] : nil }
    public func appointment(_ id: AppointmentID) -> Appointment? {
        appointments.indices.contains(id.index) ? appointments[id.index] : nil
    }
    public func practitioner(_ id: PractitionerID) -> Practitioner? {
        practitioners.indices.contains(id.index) ? practitioners[id.index] : nil
    }
    public func referral(_ id: ReferralID) -> Referral? { referrals.indices.contains(id.index) ? referrals[id.index] : nil }
    public func callback(_ id: CallbackID) -> Callback? { callbacks.indices.contains(id.index) ? callbacks[id.index] : nil }

    public var nextClientID: ClientID { ClientID(clients.count + 1) }
    public var nextAppointmentID: AppointmentID { AppointmentID(appointments.count + 1) }
    public var nextPractitionerID: PractitionerID { PractitionerID(practitioners.count + 1) }
    public var nextReferralID: ReferralID { ReferralID(referrals.count + 1) }
    public var nextCallbackID: CallbackID { CallbackID(callbacks.count + 1) }
    public var nextAuditID: AuditID { AuditID(audits.count + 1) }

    /// The audit being walked through and not yet finished, if any: the walkthrough resumes it.
    public var openAudit: Audit? { audits.last { $0.finishedAt == nil && !$0.withdrawn } }

    /// Finished audits, oldest first.
    public var finishedAudits: [Audit] { audits.filter { $0.finishedAt != nil && !$0.withdrawn } }

    /// Appointments starting on a local day, in start order.
    public func appointments(onDay day: Int) -> [Appointment] {
        (appointmentsByDay[day] ?? []).map { appointments[$0.index] }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    /// A client's appointments in start order.
    public func appointments(of client: ClientID) -> [Appointment] {
        appointments(of: clients[client.index])
    }

    /// The same for a client in hand (see `ClientHistory.init(_:_:)`).
    public func appointments(of client: Client) -> [Appointment] {
        var out = client.appointments.map { appointments[$0.index] }
        // Most clients book in start order, so the list usually is sorted already: checking first spares a second
        // array per client, and the rules that walk every client ask this of each (Docs/performance.md).
        let before: (Appointment, Appointment) -> Bool = { ($0.start, $0.id) < ($1.start, $1.id) }
        for k in out.indices.dropFirst() where before(out[k], out[k - 1]) {
            out.sort(by: before)
            break
        }
        return out
    }

    // MARK: applying events

    /// Applies one event. An event that contradicts the state (an unknown id, an id out of order) is refused with the reason.
    public mutating func apply(_ e: Event) throws(ApplyError) {
        try apply(e, keepingUndo: true)
    }

    /// The same; replay passes `keepingUndo: false` for an event it knows the same person's next event will replace
    /// as their last action, sparing the reverse steps and record nobody will read (a third of applying's cost).
    mutating func apply(_ e: Event, keepingUndo: Bool) throws(ApplyError) {
        guard e.seq > lastSeq else { throw ApplyError("seq \(e.seq) does not follow \(lastSeq): seq must increase line by line") }
        if case .undone(let target) = e.body {
            try undo(target: target, by: e.by, at: e.at, seq: e.seq)
        } else if case .redone(let target) = e.body {
            try redo(target: target, by: e.by, at: e.at, seq: e.seq)
        } else if !keepingUndo {
            try applyBody(e)
            markChanged(e.body, e.seq)
        } else {
            let inverse = inverse(of: e.body)
            let prior = priorStamp(of: e.body)
            try applyBody(e)
            markChanged(e.body, e.seq)
            // Looking at a report is not something a person would want to undo, and opening a batch is not an action
            // (the batch's own events are); their last real action stays undoable.
            if e.body.isBookkeeping {} else {
                lastAction.record(UndoRecord(seq: e.seq, at: e.at, body: e.body, inverse: inverse, prior: prior), by: e.by)
            }
        }
        lastSeq = e.seq
        eventCount += 1
    }

    /// Counts an event of a type this version does not know, so seq order is still checked across it. It becomes
    /// that person's last action, so a newer version's undo of it is understood here as "nothing to reverse".
    public mutating func skipUnknown(seq: Int, by: String? = nil) throws(ApplyError) {
        guard seq > lastSeq else { throw ApplyError("seq \(seq) does not follow \(lastSeq): seq must increase line by line") }
        lastSeq = seq
        if let by { lastAction.record(UndoRecord(seq: seq, at: Instant(ms: 0), body: nil, inverse: .nothing), by: by) }
    }

    private func need(_ id: ClientID) throws(ApplyError) {
        guard clients.indices.contains(id.index) else { throw ApplyError("unknown client \(id)") }
    }

    private func needPractitioner(_ id: PractitionerID) throws(ApplyError) {
        guard practitioners.indices.contains(id.index) else { throw ApplyError("unknown practitioner \(id)") }
    }

    private func need(_ id: AppointmentID) throws(ApplyError) {
        guard appointments.indices.contains(id.index) else { throw ApplyError("unknown appointment \(id)") }
    }

    private func needOpen(_ id: AuditID) throws(ApplyError) {
        guard audits.indices.contains(id.index) else { throw ApplyError("unknown audit \(id)") }
        guard audits[id.index].finishedAt == nil, !audits[id.index].withdrawn else { throw ApplyError("audit \(id) is already finished") }
    }

    /// Only a booked appointment can be settled or moved; anything else in the log is a contradiction.
    private func needBooked(_ id: AppointmentID, _ what: String) throws(ApplyError) {
        let a = appointments[id.index]
        guard a.status == .booked, !a.withdrawn else {
            throw ApplyError("appointment \(id) is \(a.withdrawn ? "withdrawn" : a.status.rawValue), so it cannot be \(what)")
        }
    }

    private func expectNext<K>(_ id: ID<K>, _ count: Int) throws(ApplyError) {
        guard id.number == count + 1 else {
            throw ApplyError("\(K.noun) id \(id) is out of order (expected \(K.prefix)\(count + 1))")
        }
    }

    private mutating func applyBody(_ e: Event) throws(ApplyError) {
        switch e.body {
        case .settingsChanged(let change):
            // Every log's first event names the zone, usually the one already assumed: building its offset table
            // again (and re-indexing) would be wasted.
            if let tzName = change.timeZone, tzName != calendar.timeZone.identifier {
                guard let cal = PracticeCalendar(identifier: tzName) else { throw ApplyError("unknown time zone \(tzName)") }
                calendar = cal
                reindexDays()
            }
            settings.apply(change)
        case .practitionerAdded(let id, let name):
            try expectNext(id, practitioners.count)
            practitioners.append(Practitioner(id: id, name: name))
        case .practitionerEdited(let id, let name):
            try needPractitioner(id)
            practitioners[id.index].name = name
        case .practitionerHours(let id, let hours):
            try needPractitioner(id)
            practitioners[id.index].hours = hours
        case .siteAdded(let id, let name, let address):
            try expectNext(id, sites.count)
            sites.append(Site(id: id, name: name, address: address))
        case .siteEdited(let id, let name, let address):
            guard sites.indices.contains(id.index) else { throw ApplyError("unknown site \(id)") }
            if let name { sites[id.index].name = name }
            if let address { sites[id.index].address = address.isEmpty ? nil : address }
        case .practitionerSite(let id, let site):
            try needPractitioner(id)
            guard sites.indices.contains(site.index) else { throw ApplyError("unknown site \(site)") }
            practitioners[id.index].site = site
        case .clientAdded(let c):
            try expectNext(c.id, clients.count)
            if let r = c.referredBy { try need(r) }
            guard (c.referredBy == nil) == (c.referral == nil) else {
                throw ApplyError("a client.added event needs both \"referredBy\" and \"referral\", or neither")
            }
            try Practice.checkImported(c)
            clients.append(Client(id: c.id, name: c.name, phone: c.phone, email: c.email, source: c.source,
                                  referredBy: c.referredBy, contact: c.contact, newsletter: c.newsletter,
                                  cadence: c.cadence, consentRecorded: c.consentRecorded, addedAt: e.at, firstSeen: e.at))
            if let row = c.row { clients[c.id.index].importedRow = row }
            if c.given != nil || c.ref != nil || c.history != nil { addImported(c, at: e.at) }
            clientsByName[c.name.lowercased(), default: []].append(c.id)
            if let r = c.referredBy, let rid = c.referral {
                try addReferral(rid, referrer: r, client: c.id, at: e.at)
            }
        case .clientEdited(let edit):
            try need(edit.client)
            var c = clients[edit.client.index]
            if let v = edit.name, v != c.name {
                clientsByName[c.name.lowercased()]?.removeAll { $0 == c.id }
                c.name = v
                clientsByName[v.lowercased(), default: []].append(c.id)
            }
            if let v = edit.phone { c.phone = v.isEmpty ? nil : v }
            if let v = edit.email { c.email = v.isEmpty ? nil : v }
            if let v = edit.source { c.source = v.isEmpty ? nil : v }
            if let v = edit.contact { c.contact = v }
            if let v = edit.newsletter { c.newsletter = v }
            // Taking the newsletter off alone says nothing about whether they agreed to be contacted: it must not mark
            // consent as asked, which for a client never asked would turn every channel into "given" (QA D5: a
            // re-imported "Accepts Email Marketing: No" was left out for that reason, and the card kept "newsletter yes").
            let newsletterOffOnly = edit.contact == nil && edit.newsletter == false
            if (edit.contact != nil || edit.newsletter != nil) && !newsletterOffOnly { c.consentRecorded = true }
            if let v = edit.cadence { c.cadence = v > 0 ? v : nil }
            clients[edit.client.index] = c
        case .clientStatusChanged(let id, let status, let reason):
            try need(id)
            clients[id.index].status = status
            clients[id.index].statusReason = reason
            clients[id.index].statusChangedAt = e.at
        case .clientErased(let id):
            try need(id)
            let before = clients[id.index]
            var c = before
            clientsByName[c.name.lowercased()]?.removeAll { $0 == id }
            c.name = Erasure.placeholder
            clientsByName[c.name.lowercased(), default: []].append(id)
            c.phone = nil
            c.email = nil
            c.importedRow = nil
            c.statusReason = nil
            // Never contacted again: an erased client leaves every list that prompts a message.
            c.contact = false
            c.newsletter = false
            c.status = .doNotContact
            c.erasedAt = e.at
            c.touchpoints = c.touchpoints.map { var t = $0; t.note = nil; return t }
            c.feedback = c.feedback.map { var f = $0; f.comment = nil; return f }
            if !c.reviews.isEmpty { c.reviews = c.reviews.map { var r = $0; r.note = nil; return r } }
            clients[id.index] = c
            for r in referrals.indices where referrals[r].referrer == id || referrals[r].client == id { referrals[r].note = nil }
            let rule = Ownership(self)
            for cb in callbacks.indices where callbacks[cb].erased || rule.callback(callbacks[cb], belongsTo: Ownership.Details(before)) {
                callbacks[cb].name = Erasure.placeholder
                callbacks[cb].phone = Erasure.placeholder
                callbacks[cb].reason = nil
                callbacks[cb].erased = true
            }
        case .appointmentBooked(let id, let client, let practitioner, let start, let minutes):
            try expectNext(id, appointments.count)
            try need(client)
            guard practitioners.indices.contains(practitioner.index) else { throw ApplyError("unknown practitioner \(practitioner)") }
            // A session recorded after it began (history imported from another system, or `book --force`) was
            // booked by the time it began, not when it was typed in; the reports count from that.
            appointments.append(Appointment(id: id, client: client, practitioner: practitioner, start: start,
                                            minutes: minutes, bookedAt: min(e.at, start)))
            clients[client.index].appointments.append(id)
            // Booked inside an import's batch: it came from another system at this moment (the autopilot leaves what
            // fell due before it to the desk).
            if lastImport[e.by]?.contains(e.seq) == true { appointments[id.index].importedAt = e.at }
            // At the site its practitioner works at now: replay reaches the same answer, and moving them later leaves it.
            appointments[id.index].site = practitioners[practitioner.index].site
            // A client with sessions from before they were added (imported history) was first seen at the first.
            if start < clients[client.index].firstSeen { clients[client.index].firstSeen = start }
            appointmentsByDay[calendar.day(of: start), default: []].append(id)
        case .appointmentMoved(let id, let start):
            try need(id)
            try needBooked(id, "moved")
            let oldDay = calendar.day(of: appointments[id.index].start)
            appointmentsByDay[oldDay]?.removeAll { $0 == id }
            appointments[id.index].start = start
            appointments[id.index].revisions += 1
            appointmentsByDay[calendar.day(of: start), default: []].append(id)
        case .appointmentCancelled(let id, let by, let late):
            try need(id)
            try needBooked(id, "cancelled")
            appointments[id.index].status = .cancelled
            appointments[id.index].cancelledBy = by
            appointments[id.index].lateCancellation = late
            appointments[id.index].revisions += 1
            // Recorded after the session's start (imported history): it was off the diary by then at the latest.
            appointments[id.index].settledAt = min(e.at, appointments[id.index].start)
        case .appointmentAttended(let id):
            try need(id)
            try needBooked(id, "attended")
            appointments[id.index].status = .attended
            appointments[id.index].settledAt = e.at
        case .appointmentNoShow(let id):
            try need(id)
            try needBooked(id, "a no-show")
            appointments[id.index].status = .noShow
            appointments[id.index].settledAt = e.at
        case .appointmentHistory(let id, let booked, let settled):
            try need(id)
            try dateImported(id, booked: booked, settled: settled)
            if appointments[id.index].importedAt == nil { appointments[id.index].importedAt = e.at }
        case .referralRecorded(let id, let referrer, let client):
            try need(referrer)
            try need(client)
            try addReferral(id, referrer: referrer, client: client, at: e.at)
        case .referralThanked(let id, let via, let note):
            guard referrals.indices.contains(id.index) else { throw ApplyError("unknown referral \(id)") }
            referrals[id.index].thankedAt = e.at
            referrals[id.index].thankedVia = via
            referrals[id.index].note = note
            unthankedReferrals.removeAll { $0 == id }
        case .touchpointSent(let client, let kind, let via, let note):
            try need(client)
            clients[client.index].touchpoints.append(Touchpoint(kind: kind, at: e.at, via: via, note: note, by: e.by, seq: e.seq))
            if via == .letter, !autopilot.printQueue.isEmpty { autopilot.posted(client: client, kind: kind, at: e.at) }
        case .lapseReviewed(let client, let outcome, let note, let detail):
            try need(client)
            clients[client.index].reviews.append(LapseReview(outcome: outcome, note: note, detail: detail, at: e.at, by: e.by, seq: e.seq))
            if clients[client.index].reviews.count == 1 { reviewedClients.append(client) }
            switch outcome {
            case .contacted: clients[client.index].lastContactedAt = e.at
            case .snoozed(let day): clients[client.index].snoozedUntilDay = day
            case .closed(let status):
                clients[client.index].status = status
                clients[client.index].statusReason = note
            }
        case .milestoneReached(let client, let kind):
            try need(client)
            clients[client.index].milestones.append(Milestone(kind: kind, at: e.at, seq: e.seq))
        case .feedbackGiven(let client, let score, let comment):
            try need(client)
            clients[client.index].feedback.append(Feedback(score: score, comment: comment, at: e.at, seq: e.seq))
        case .callbackAdded(let id, let name, let phone, let reason, let promisedBy):
            try expectNext(id, callbacks.count)
            // A callback line the erasure rewrote holds the placeholder for a phone, which no one can type.
            callbacks.append(Callback(id: id, name: name, phone: phone, reason: reason, promisedBy: promisedBy, addedAt: e.at,
                                      erased: phone == Erasure.placeholder))
            openCallbacks.append(id)
        case .callbackReturned(let id):
            guard callbacks.indices.contains(id.index) else { throw ApplyError("unknown callback \(id)") }
            callbacks[id.index].returnedAt = e.at
            openCallbacks.removeAll { $0 == id }
        case .undone:
            break  // handled in apply, before the inverse bookkeeping
        case .redone:
            break  // handled in apply, like an undo
        case .auditStarted(let id):
            try expectNext(id, audits.count)
            guard openAudit == nil else { throw ApplyError("audit \(openAudit!.id) is still open; finish it before starting another") }
            audits.append(Audit(id: id, startedAt: e.at))
        case .auditAnswered(let id, let step, let answer, let note, let owner):
            try needOpen(id)
            guard AuditChecklist.steps.indices.contains(step - 1) else { throw ApplyError("there is no audit step \(step)") }
            audits[id.index].answers[step] = AuditStepAnswer(answer: answer, note: note, owner: owner, at: e.at, by: e.by)
        case .auditFinished(let id, let inPlace, let met, let steps):
            try needOpen(id)
            audits[id.index].finishedAt = e.at
            audits[id.index].inPlace = inPlace
            audits[id.index].evidenceMet = met
            audits[id.index].evidenceSteps = steps
        case .reportViewed(let kind, let exported):
            if exported { reportExported[kind] = e.at } else { reportViewed[kind] = e.at }
        case .reportReviewed(let kind):
            reportReviewed[kind] = e.at
        case .batchBegun(let events, let kind):
            if kind == .imported { lastImport[e.by] = (e.seq + 1)...(e.seq + events) }
        case .autopilotPolicy(let step, let policy):
            settings.autopilot.policies[step] = policy
        case .autopilotWindow(let w):
            settings.autopilot.window = w
        case .autopilotHeld(let id, let until):
            try need(id)
            clients[id.index].hold = until.map { .until($0) } ?? .indefinitely
        case .autopilotReleased(let id):
            try need(id)
            clients[id.index].hold = nil
        case .autopilotSkipped(let id, let key):
            try need(id)
            clients[id.index].skipped.insert(key)
        case .autopilotRan(let summary):
            autopilot.lastRun = e.at
            autopilot.lastRunSummary = summary
            if summary.sent + summary.failed + summary.unresolved > 0 { autopilot.lastActiveRun = e.at }
        case .messageAttempted(let a):
            try expectNext(a.id, autopilot.attempts.count)
            try need(a.client)
            if let appt = a.appointment { try need(appt) }
            if let r = a.referral, !referrals.indices.contains(r.index) { throw ApplyError("unknown referral \(r)") }
            try autopilot.begin(Attempt(start: a, at: e.at, by: e.by), day: calendar.day(of: e.at))
        case .messageSent(let id, let provider, let confirmed):
            let a = try autopilot.settle(id, .sent(at: e.at, provider: provider, confirmed: confirmed))
            recordDelivery(a, at: e.at, by: e.by, seq: e.seq)
        case .messageFailed(let id, let reason, let retry, let confirmed):
            try autopilot.settle(id, .failed(at: e.at, reason: reason, retry: retry, confirmed: confirmed))
        case .consentChanged(let id, let channel, let given, let how):
            try need(id)
            for ch in channel.map({ [$0] }) ?? ConsentChannel.allCases {
                clients[id.index].consent[ch] = ConsentRecord(given: given, at: e.at, how: how)
            }
        case .past(let inner, let when):
            // Imported history: the event inside applies as if written at `when` (PastEvent.swift).
            guard inner.mayBePast else { throw ApplyError("\(inner.type) events cannot carry \"when\"") }
            if try redated(inner, when: when) { break }
            try applyBody(Event(seq: e.seq, at: when, by: e.by, body: inner))
            afterPast(inner, when: when)
        }
    }

    /// A message that went is what the rules see: the touchpoint (or the referral thanked), as if the desk had
    /// recorded it. A letter is only queued for printing: `letter posted` records it when it goes in the post.
    private mutating func recordDelivery(_ a: Attempt, at: Instant, by: String, seq: Int) {
        let start = a.start
        if start.channel == .letter { return }
        if start.step == .referralThankYou, let r = start.referral {
            guard referrals[r.index].thankedAt == nil else { return }
            referrals[r.index].thankedAt = at
            referrals[r.index].thankedVia = start.channel.channel
            unthankedReferrals.removeAll { $0 == r }
        } else if let kind = start.step.touchpoint {
            clients[start.client.index].touchpoints.append(
                Touchpoint(kind: kind, at: at, via: start.channel.channel, note: "autopilot \(start.id)", by: by, seq: seq))
        }
    }

    private mutating func addReferral(_ id: ReferralID, referrer: ClientID, client: ClientID, at: Instant) throws(ApplyError) {
        try expectNext(id, referrals.count)
        referrals.append(Referral(id: id, referrer: referrer, client: client, recordedAt: at))
        clients[referrer.index].referralsMade.append(id)
        unthankedReferrals.append(id)
    }

    /// Day keys depend on the time zone, so a time-zone change rebuilds that index (withdrawn bookings stay out).
    mutating func reindexDays() {
        appointmentsByDay = [:]
        for a in appointments where !a.withdrawn { appointmentsByDay[calendar.day(of: a.start), default: []].append(a.id) }
    }
}

/// An event that cannot apply to the practice as it stands.
public struct ApplyError: Error, Equatable, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
