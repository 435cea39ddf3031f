/// Undo and redo in a snapshot: each person's steps (`LastActions`), and for each step its event, the steps that
/// reverse it and put it back (`Inverse`). An event is kept as its own log line, so the snapshot needs no second
/// encoding of the 39 event types: the line reader that built it reads it back.
extension SnapshotWriter {
    mutating func lastActions(_ l: LastActions) {
        let p = l.snapshotParts
        dictionary(p.slots, { $0.string($1) }, { $0.int($1) })
        array(p.histories) { w, h in
            w.array(h.undo) { $0.undoRecord($1) }
            w.array(h.redo) { $0.undoRecord($1) }
        }
        string(p.lastName); int(p.lastSlot)
    }

    mutating func undoRecord(_ r: UndoRecord) {
        int(r.seq); instant(r.at)
        optional(r.body) { w, body in
            var line = EventCodec.line(for: Event(seq: r.seq, at: r.at, by: "", body: body))
            if line.last == 0x0A { line.removeLast() }
            w.int(line.count)
            w.bytes += line
        }
        inverse(r.inverse); inverse(r.redo); int(r.prior)
    }

    mutating func details(_ d: ClientDetails) {
        string(d.name); optional(d.phone) { $0.string($1) }; optional(d.email) { $0.string($1) }
        optional(d.source) { $0.string($1) }; bool(d.contact); bool(d.newsletter); optional(d.cadence) { $0.int($1) }
        bool(d.consentRecorded); word(d.status); optional(d.statusReason) { $0.string($1) }
        optional(d.snoozedUntilDay) { $0.int($1) }; optional(d.lastContactedAt) { $0.instant($1) }
        dictionary(d.consent, { $0.word($1) }, { $0.consent($1) }); optional(d.hold) { $0.hold($1) }
        set(d.skipped) { $0.string($1) }; optional(d.statusChangedAt) { $0.instant($1) }
        array(d.reviews) { $0.review($1) }
    }

    mutating func inverse(_ v: Inverse) {
        switch v {
        case .settings(let s): int(0); settings(s)
        case .withdrawPractitioner(let p): int(1); id(p)
        case .restorePractitioner(let p): int(2); practitioner(p)
        case .withdrawClient(let c, let r): int(3); id(c); optional(r) { $0.id($1) }
        case .restoreClient(let c, let d): int(4); id(c); details(d)
        case .withdrawAppointment(let a): int(5); id(a)
        case .restoreAppointment(let a): int(6); appointment(a)
        case .withdrawReferral(let r): int(7); id(r)
        case .unthank(let r): int(8); id(r)
        case .removeTouchpoint(let c, let seq): int(9); id(c); int(seq)
        case .removeMilestone(let c, let seq): int(10); id(c); int(seq)
        case .removeFeedback(let c, let seq): int(11); id(c); int(seq)
        case .withdrawCallback(let c): int(12); id(c)
        case .reopenCallback(let c): int(13); id(c)
        case .withdrawAudit(let a): int(14); id(a)
        case .restoreAudit(let a): int(15); audit(a)
        case .reportSeen(let k, let exported, let previous): int(16); word(k); bool(exported); optional(previous) { $0.instant($1) }
        case .reportReviewed(let k, let previous): int(17); word(k); optional(previous) { $0.instant($1) }
        case .nothing: int(18)
        case .reinstatePractitioner(let p): int(19); id(p)
        case .reinstateClient(let c, let r): int(20); id(c); optional(r) { $0.id($1) }
        case .reinstateAppointment(let a): int(21); id(a)
        case .reinstateReferral(let r): int(22); id(r)
        case .restoreReferral(let r): int(23); referral(r)
        case .addTouchpoint(let c, let t): int(24); id(c); touchpoint(t)
        case .addMilestone(let c, let m): int(25); id(c); milestone(m)
        case .addFeedback(let c, let f): int(26); id(c); feedback(f)
        case .reinstateCallback(let c): int(27); id(c)
        case .returnCallback(let c, let at): int(28); id(c); instant(at)
        case .reinstateAudit(let a): int(29); id(a)
        case .withdrawSite(let id): int(30); self.id(id)
        case .restoreSite(let site): int(31); self.site(site)
        case .reinstateSite(let id): int(32); self.id(id)
        }
    }
}

extension SnapshotReader {
    mutating func lastActions() throws(Unreadable) -> LastActions {
        let slots = try dictionary({ r throws(Unreadable) in try r.string() }, { r throws(Unreadable) in try r.nonNegative() })
        let histories = try array { r throws(Unreadable) in
            UndoHistory(undo: try r.array { r throws(Unreadable) in try r.undoRecord() },
                        redo: try r.array { r throws(Unreadable) in try r.undoRecord() })
        }
        let lastName = try string(), lastSlot = try int()
        guard slots.values.allSatisfy({ $0 < histories.count }), (-1..<histories.count).contains(lastSlot) else {
            throw Unreadable(why: "an undo step points nowhere")
        }
        return LastActions(snapshotParts: (slots, histories, lastName, lastSlot))
    }

    mutating func undoRecord() throws(Unreadable) -> UndoRecord {
        let seq = try int(), at = try instant()
        let body = try optional { r throws(Unreadable) -> EventBody in
            let n = try r.count()
            let line = UnsafeRawBufferPointer(rebasing: r.base[r.at..<(r.at + n)]).bindMemory(to: UInt8.self)
            r.at += n
            var scratch = DecodeScratch()
            guard case .success(.event(let e)) = LineOutcome.decode(line, isFirst: false, scratch: &scratch).decoded else {
                throw Unreadable(why: "an undo step's event does not read")
            }
            return e.body
        }
        return UndoRecord(seq: seq, at: at, body: body, inverse: try inverse(), redo: try inverse(), prior: try int())
    }

    mutating func details() throws(Unreadable) -> ClientDetails {
        var c = Client(id: ClientID(1), name: try string(), phone: try optional { r throws(Unreadable) in try r.string() },
                       email: try optional { r throws(Unreadable) in try r.string() },
                       source: try optional { r throws(Unreadable) in try r.string() }, referredBy: nil,
                       contact: try bool(), newsletter: try bool(), cadence: try optional { r throws(Unreadable) in try r.int() },
                       consentRecorded: try bool(), status: try word(),
                       statusReason: try optional { r throws(Unreadable) in try r.string() },
                       addedAt: Instant(ms: 0), firstSeen: Instant(ms: 0))
        c.snoozedUntilDay = try optional { r throws(Unreadable) in try r.int() }
        c.lastContactedAt = try optional { r throws(Unreadable) in try r.instant() }
        c.consent = try dictionary({ r throws(Unreadable) in try r.word() }, { r throws(Unreadable) in try r.consent() })
        c.hold = try optional { r throws(Unreadable) in try r.hold() }
        c.skipped = try set { r throws(Unreadable) in try r.string() }
        c.statusChangedAt = try optional { r throws(Unreadable) in try r.instant() }
        c.reviews = try array { r throws(Unreadable) in try r.review() }
        return ClientDetails(c)
    }

    mutating func inverse() throws(Unreadable) -> Inverse {
        switch try int() {
        case 0: return .settings(try settings())
        case 1: return .withdrawPractitioner(try id())
        case 2: return .restorePractitioner(try practitioner())
        case 3: return .withdrawClient(try id(), referral: try optional { r throws(Unreadable) in try r.id() })
        case 4: return .restoreClient(try id(), try details())
        case 5: return .withdrawAppointment(try id())
        case 6: return .restoreAppointment(try appointment())
        case 7: return .withdrawReferral(try id())
        case 8: return .unthank(try id())
        case 9: return .removeTouchpoint(try id(), seq: try int())
        case 10: return .removeMilestone(try id(), seq: try int())
        case 11: return .removeFeedback(try id(), seq: try int())
        case 12: return .withdrawCallback(try id())
        case 13: return .reopenCallback(try id())
        case 14: return .withdrawAudit(try id())
        case 15: return .restoreAudit(try audit())
        case 16: return .reportSeen(try word(), exported: try bool(), previous: try optional { r throws(Unreadable) in try r.instant() })
        case 17: return .reportReviewed(try word(), previous: try optional { r throws(Unreadable) in try r.instant() })
        case 18: return .nothing
        case 19: return .reinstatePractitioner(try id())
        case 20: return .reinstateClient(try id(), referral: try optional { r throws(Unreadable) in try r.id() })
        case 21: return .reinstateAppointment(try id())
        case 22: return .reinstateReferral(try id())
        case 23: return .restoreReferral(try referral())
        case 24: return .addTouchpoint(try id(), try touchpoint())
        case 25: return .addMilestone(try id(), try milestone())
        case 26: return .addFeedback(try id(), try feedback())
        case 27: return .reinstateCallback(try id())
        case 28: return .returnCallback(try id(), at: try instant())
        case 29: return .reinstateAudit(try id())
        case 30: return .withdrawSite(try id())
        case 31: return .restoreSite(try site())
        case 32: return .reinstateSite(try id())
        default: throw Unreadable(why: "an unknown undo step")
        }
    }
}
