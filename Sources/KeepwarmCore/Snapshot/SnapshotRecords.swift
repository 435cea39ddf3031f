/// The practice's records in a snapshot: practitioners, clients (with what is boxed in `later`), appointments,
/// referrals, callbacks and audits, field by field in declaration order. A field added to a record needs a line here
/// and in the reader below; `SnapshotTests` compares every stored field of a practice read back with one replayed.
extension SnapshotWriter {
    mutating func practitioner(_ p: Practitioner) {
        id(p.id); string(p.name); bool(p.withdrawn)
        optional(p.hours) { w, h in w.array(h.days) { w, day in w.array(day) { w, r in w.int(r.start); w.int(r.end) } } }
        optional(p.site) { $0.id($1) }
    }

    mutating func site(_ s: Site) {
        id(s.id); string(s.name); optional(s.address) { $0.string($1) }; bool(s.withdrawn)
    }

    mutating func touchpoint(_ t: Touchpoint) {
        word(t.kind); instant(t.at); optional(t.via) { $0.word($1) }; optional(t.note) { $0.string($1) }
        string(t.by); int(t.seq)
    }

    mutating func milestone(_ m: Milestone) { word(m.kind); instant(m.at); int(m.seq) }
    mutating func feedback(_ f: Feedback) { int(f.score); optional(f.comment) { $0.string($1) }; instant(f.at); int(f.seq) }

    mutating func consent(_ r: ConsentRecord) { bool(r.given); instant(r.at); word(r.how) }

    mutating func hold(_ h: AutopilotHold) {
        switch h {
        case .until(let d): int(0); int(d)
        case .indefinitely: int(1)
        }
    }

    mutating func review(_ r: LapseReview) {
        switch r.outcome {
        case .contacted: int(0)
        case .snoozed(let d): int(1); int(d)
        case .closed(let s): int(2); word(s)
        }
        optional(r.note) { $0.string($1) }
        optional(r.detail.via) { $0.word($1) }; optional(r.detail.reason) { $0.word($1) }
        optional(r.detail.practitioner) { $0.id($1) }
        instant(r.at); string(r.by); int(r.seq)
    }

    mutating func history(_ h: ImportedHistory) {
        optional(h.visits) { $0.int($1) }; optional(h.firstVisit) { $0.int($1) }; optional(h.lastVisit) { $0.int($1) }
        optional(h.since) { $0.int($1) }; optional(h.contacted) { $0.instant($1) }
    }

    mutating func later(_ f: ClientLater.Fields) {
        optional(f.given) { $0.string($1) }; optional(f.ref) { $0.string($1) }; optional(f.history) { $0.history($1) }
        dictionary(f.consent, { $0.word($1) }, { $0.consent($1) })
        optional(f.hold) { $0.hold($1) }
        set(f.skipped) { $0.string($1) }
        optional(f.statusChangedAt) { $0.instant($1) }
        array(f.reviews) { $0.review($1) }
    }

    /// A client without its touchpoints, which its part writes apart (`SnapshotSections.clientParts`).
    mutating func client(_ c: Client) {
        id(c.id); string(c.name); optional(c.phone) { $0.string($1) }; optional(c.email) { $0.string($1) }
        optional(c.source) { $0.string($1) }; optional(c.referredBy) { $0.id($1) }
        bool(c.contact); bool(c.newsletter); optional(c.cadence) { $0.int($1) }; bool(c.consentRecorded)
        word(c.status); optional(c.statusReason) { $0.string($1) }
        instant(c.addedAt); instant(c.firstSeen); optional(c.erasedAt) { $0.instant($1) }
        optional(c.snoozedUntilDay) { $0.int($1) }; optional(c.lastContactedAt) { $0.instant($1) }
        array(c.milestones) { $0.milestone($1) }
        array(c.feedback) { $0.feedback($1) }
        array(c.appointments) { $0.id($1) }
        array(c.referralsMade) { $0.id($1) }
        optional(c.later) { $0.later($1.value) }
        optional(c.importedRow) { $0.string($1) }
        bool(c.withdrawn); int(c.lastChange); int(c.undoStamp)
    }

    mutating func appointment(_ a: Appointment) {
        id(a.id); id(a.client); id(a.practitioner); instant(a.start); int(a.minutes); word(a.status)
        instant(a.bookedAt); optional(a.settledAt) { $0.instant($1) }; optional(a.cancelledBy) { $0.word($1) }
        bool(a.lateCancellation); optional(a.importedAt) { $0.instant($1) }; optional(a.site) { $0.id($1) }
        bool(a.withdrawn); int(a.lastChange); int(a.undoStamp); int(a.revisions)
    }

    mutating func referral(_ r: Referral) {
        id(r.id); id(r.referrer); id(r.client); instant(r.recordedAt); optional(r.thankedAt) { $0.instant($1) }
        optional(r.thankedVia) { $0.word($1) }; optional(r.note) { $0.string($1) }
        bool(r.withdrawn); int(r.lastChange); int(r.undoStamp)
    }

    mutating func callback(_ c: Callback) {
        id(c.id); string(c.name); string(c.phone); optional(c.reason) { $0.string($1) }
        instant(c.promisedBy); instant(c.addedAt); optional(c.returnedAt) { $0.instant($1) }
        bool(c.erased); bool(c.withdrawn); int(c.lastChange); int(c.undoStamp)
    }

    mutating func audit(_ a: Audit) {
        id(a.id); instant(a.startedAt)
        dictionary(a.answers, { $0.int($1) }, { w, s in
            w.word(s.answer); w.optional(s.note) { $0.string($1) }; w.optional(s.owner) { $0.string($1) }
            w.instant(s.at); w.string(s.by)
        })
        optional(a.finishedAt) { $0.instant($1) }
        int(a.inPlace); int(a.evidenceMet); int(a.evidenceSteps)
        bool(a.withdrawn); int(a.lastChange); int(a.undoStamp)
    }
}

extension SnapshotReader {
    mutating func practitioner() throws(Unreadable) -> Practitioner {
        let id: PractitionerID = try id(), name = try string(), withdrawn = try bool()
        let hours = try optional { r throws(Unreadable) in
            let days = try r.array { r throws(Unreadable) in
                try r.array { r throws(Unreadable) in WorkingRange(start: try r.int(), end: try r.int()) }
            }
            guard days.count == 7 else { throw Unreadable(why: "working hours are not seven days") }
            return WorkingHours(days: days)
        }
        return Practitioner(id: id, name: name, withdrawn: withdrawn, hours: hours,
                            site: try optional { r throws(Unreadable) in try r.id() })
    }

    mutating func site() throws(Unreadable) -> Site {
        Site(id: try id(), name: try string(), address: try optional { r throws(Unreadable) in try r.string() }, withdrawn: try bool())
    }

    mutating func touchpoint() throws(Unreadable) -> Touchpoint {
        Touchpoint(kind: try word(), at: try instant(), via: try optional { r throws(Unreadable) in try r.word() },
                   note: try optional { r throws(Unreadable) in try r.string() }, by: try string(), seq: try int())
    }

    /// Steps over `n` touchpoints, checking each field as `touchpoint()` does but making nothing: the part's bytes
    /// are kept and each client's touchpoints read when first asked for (`UnreadTouchpoints`), which then cannot fail.
    mutating func skipTouchpoints(_ n: Int) throws(Unreadable) {
        for _ in 0..<n {
            let _: TouchpointKind = try word()
            _ = try u64()
            if try bool() { let _: Channel = try word() }
            if try bool() { try skipString() }
            try skipString()
            _ = try int()
        }
    }

    mutating func milestone() throws(Unreadable) -> Milestone { Milestone(kind: try word(), at: try instant(), seq: try int()) }

    mutating func feedback() throws(Unreadable) -> Feedback {
        Feedback(score: try int(), comment: try optional { r throws(Unreadable) in try r.string() }, at: try instant(), seq: try int())
    }

    mutating func consent() throws(Unreadable) -> ConsentRecord { ConsentRecord(given: try bool(), at: try instant(), how: try word()) }

    mutating func hold() throws(Unreadable) -> AutopilotHold {
        switch try int() {
        case 0: return .until(try int())
        case 1: return .indefinitely
        default: throw Unreadable(why: "an unknown hold")
        }
    }

    mutating func review() throws(Unreadable) -> LapseReview {
        let outcome: LapseOutcome
        switch try int() {
        case 0: outcome = .contacted
        case 1: outcome = .snoozed(untilDay: try int())
        case 2: outcome = .closed(try word())
        default: throw Unreadable(why: "an unknown review outcome")
        }
        let note = try optional { r throws(Unreadable) in try r.string() }
        let detail = ReviewDetail(via: try optional { r throws(Unreadable) in try r.word() },
                                  reason: try optional { r throws(Unreadable) in try r.word() },
                                  practitioner: try optional { r throws(Unreadable) in try r.id() })
        return LapseReview(outcome: outcome, note: note, detail: detail, at: try instant(), by: try string(), seq: try int())
    }

    mutating func history() throws(Unreadable) -> ImportedHistory {
        ImportedHistory(visits: try optional { r throws(Unreadable) in try r.int() },
                        firstVisit: try optional { r throws(Unreadable) in try r.int() },
                        lastVisit: try optional { r throws(Unreadable) in try r.int() },
                        since: try optional { r throws(Unreadable) in try r.int() },
                        contacted: try optional { r throws(Unreadable) in try r.instant() })
    }

    mutating func later() throws(Unreadable) -> ClientLater.Fields {
        var f = ClientLater.Fields()
        f.given = try optional { r throws(Unreadable) in try r.string() }
        f.ref = try optional { r throws(Unreadable) in try r.string() }
        f.history = try optional { r throws(Unreadable) in try r.history() }
        f.consent = try dictionary({ r throws(Unreadable) in try r.word() }, { r throws(Unreadable) in try r.consent() })
        f.hold = try optional { r throws(Unreadable) in try r.hold() }
        f.skipped = try set { r throws(Unreadable) in try r.string() }
        f.statusChangedAt = try optional { r throws(Unreadable) in try r.instant() }
        f.reviews = try array { r throws(Unreadable) in try r.review() }
        return f
    }

    /// A client as `SnapshotWriter.client` wrote it (without its touchpoints, which its part keeps: `touchpoints`).
    mutating func client(touchpoints: TouchpointList) throws(Unreadable) -> Client {
        Client(id: try id(), name: try string(), phone: try optional { r throws(Unreadable) in try r.string() },
               email: try optional { r throws(Unreadable) in try r.string() },
               source: try optional { r throws(Unreadable) in try r.string() },
               referredBy: try optional { r throws(Unreadable) in try r.id() },
               contact: try bool(), newsletter: try bool(), cadence: try optional { r throws(Unreadable) in try r.int() },
               consentRecorded: try bool(), status: try word(),
               statusReason: try optional { r throws(Unreadable) in try r.string() },
               addedAt: try instant(), firstSeen: try instant(),
               erasedAt: try optional { r throws(Unreadable) in try r.instant() },
               snoozedUntilDay: try optional { r throws(Unreadable) in try r.int() },
               lastContactedAt: try optional { r throws(Unreadable) in try r.instant() }, touchpoints: touchpoints,
               milestones: try array { r throws(Unreadable) in try r.milestone() },
               feedback: try array { r throws(Unreadable) in try r.feedback() },
               appointments: try array { r throws(Unreadable) in try r.id() },
               referralsMade: try array { r throws(Unreadable) in try r.id() },
               later: try optional { r throws(Unreadable) in ClientLater(try r.later()) },
               importedRow: try optional { r throws(Unreadable) in try r.string() },
               withdrawn: try bool(), lastChange: try int(), undoStamp: try int())
    }

    mutating func appointment() throws(Unreadable) -> Appointment {
        Appointment(id: try id(), client: try id(), practitioner: try id(), start: try instant(), minutes: try int(),
                    status: try word(), bookedAt: try instant(),
                    settledAt: try optional { r throws(Unreadable) in try r.instant() },
                    cancelledBy: try optional { r throws(Unreadable) in try r.word() },
                    lateCancellation: try bool(), importedAt: try optional { r throws(Unreadable) in try r.instant() },
                    site: try optional { r throws(Unreadable) in try r.id() },
                    withdrawn: try bool(), lastChange: try int(), undoStamp: try int(), revisions: try int())
    }

    mutating func referral() throws(Unreadable) -> Referral {
        Referral(id: try id(), referrer: try id(), client: try id(), recordedAt: try instant(),
                 thankedAt: try optional { r throws(Unreadable) in try r.instant() },
                 thankedVia: try optional { r throws(Unreadable) in try r.word() },
                 note: try optional { r throws(Unreadable) in try r.string() },
                 withdrawn: try bool(), lastChange: try int(), undoStamp: try int())
    }

    mutating func callback() throws(Unreadable) -> Callback {
        Callback(id: try id(), name: try string(), phone: try string(),
                 reason: try optional { r throws(Unreadable) in try r.string() },
                 promisedBy: try instant(), addedAt: try instant(),
                 returnedAt: try optional { r throws(Unreadable) in try r.instant() },
                 erased: try bool(), withdrawn: try bool(), lastChange: try int(), undoStamp: try int())
    }

    mutating func audit() throws(Unreadable) -> Audit {
        Audit(id: try id(), startedAt: try instant(),
              answers: try dictionary({ r throws(Unreadable) in try r.int() }, { r throws(Unreadable) in
                  AuditStepAnswer(answer: try r.word(), note: try r.optional { r throws(Unreadable) in try r.string() },
                                  owner: try r.optional { r throws(Unreadable) in try r.string() },
                                  at: try r.instant(), by: try r.string())
              }),
              finishedAt: try optional { r throws(Unreadable) in try r.instant() },
              inPlace: try int(), evidenceMet: try int(), evidenceSteps: try int(),
              withdrawn: try bool(), lastChange: try int(), undoStamp: try int())
    }
}
