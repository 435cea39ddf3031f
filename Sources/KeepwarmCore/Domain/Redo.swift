/// Redo: putting back an action its writer undid, as `event.redone` says. The steps are worked out when the undo
/// applies, from the records as they stood just before it, so a redo leaves them exactly as the action had.
extension Practice {
    /// The steps that undo what `steps` are about to do (called just before they are performed).
    func redoSteps(for steps: Inverse) -> Inverse {
        switch steps {
        case .settings: return .settings(settings)
        case .withdrawPractitioner(let id): return .reinstatePractitioner(id)
        case .restorePractitioner(let before): return .restorePractitioner(practitioners[before.id.index])
        case .withdrawSite(let id): return .reinstateSite(id)
        case .restoreSite(let before): return .restoreSite(sites[before.id.index])
        case .withdrawClient(let id, let referral): return .reinstateClient(id, referral: referral)
        case .restoreClient(let id, _): return .restoreClient(id, ClientDetails(clients[id.index]))
        case .withdrawAppointment(let id): return .reinstateAppointment(id)
        case .restoreAppointment(let before): return .restoreAppointment(appointments[before.id.index])
        case .withdrawReferral(let id): return .reinstateReferral(id)
        case .unthank(let id): return .restoreReferral(referrals[id.index])
        case .removeTouchpoint(let c, let seq):
            return clients[c.index].touchpoints.first { $0.seq == seq }.map { .addTouchpoint(c, $0) } ?? .nothing
        case .removeMilestone(let c, let seq):
            return clients[c.index].milestones.first { $0.seq == seq }.map { .addMilestone(c, $0) } ?? .nothing
        case .removeFeedback(let c, let seq):
            return clients[c.index].feedback.first { $0.seq == seq }.map { .addFeedback(c, $0) } ?? .nothing
        case .withdrawCallback(let id): return .reinstateCallback(id)
        case .reopenCallback(let id): return callbacks[id.index].returnedAt.map { .returnCallback(id, at: $0) } ?? .nothing
        case .withdrawAudit(let id): return .reinstateAudit(id)
        case .restoreAudit(let before): return .restoreAudit(audits[before.id.index])
        case .reportSeen(let kind, let exported, _):
            return .reportSeen(kind, exported: exported, previous: exported ? reportExported[kind] : reportViewed[kind])
        case .reportReviewed(let kind, _):
            return .reportReviewed(kind, previous: reportReviewed[kind])
        case .nothing, .reinstatePractitioner, .reinstateClient, .reinstateAppointment, .reinstateReferral, .restoreReferral,
             .addTouchpoint, .addMilestone, .addFeedback, .reinstateCallback, .returnCallback, .reinstateAudit, .reinstateSite:
            return .nothing
        }
    }

    /// Puts back `by`'s latest undone action, which must be event `target`; the redo is event `seq`, at `at`.
    mutating func redo(target: Int, by: String, at: Instant, seq: Int) throws(ApplyError) {
        guard let record = lastAction.redoable(by: by), record.seq == target else {
            throw ApplyError("event \(target) is not the last action \(by) undid, so it cannot be redone")
        }
        let refs = record.body.map(records(of:)) ?? []
        perform(record.redo)
        countRevision(of: record.body)
        mark(refs, seq)
        // Stamped as the action itself stamped them, so the person's next undo finds them as their action left them.
        stamp(refs, record.seq)
        lastAction.redone(by: by, undo: UndoRecord(seq: record.seq, at: at, body: record.body, inverse: record.inverse,
                                                   prior: record.prior))
    }

    /// The steps only a redo takes: each reverses one of the undo's withdrawals or removals.
    mutating func performRedo(_ steps: Inverse) {
        switch steps {
        case .reinstatePractitioner(let id):
            practitioners[id.index].withdrawn = false
        case .reinstateClient(let id, let referral):
            clients[id.index].withdrawn = false
            clientsByName[clients[id.index].name.lowercased(), default: []].append(id)
            if let r = referral { reinstate(r) }
        case .reinstateAppointment(let id):
            let a = appointments[id.index]
            appointments[id.index].withdrawn = false
            appointmentsByDay[calendar.day(of: a.start), default: []].append(id)
            clients[a.client.index].appointments.append(id)
            clients[a.client.index].appointments.sort()
        case .reinstateReferral(let id):
            reinstate(id)
        case .restoreReferral(let r):
            referrals[r.id.index] = r
            unthankedReferrals.removeAll { $0 == r.id }
            if r.thankedAt == nil, !r.withdrawn { unthankedReferrals.append(r.id); unthankedReferrals.sort() }
        case .addTouchpoint(let c, let t):
            clients[c.index].touchpoints.append(t)
            clients[c.index].touchpoints.sort { $0.seq < $1.seq }
        case .addMilestone(let c, let m):
            clients[c.index].milestones.append(m)
            clients[c.index].milestones.sort { $0.seq < $1.seq }
        case .addFeedback(let c, let f):
            clients[c.index].feedback.append(f)
            clients[c.index].feedback.sort { $0.seq < $1.seq }
        case .reinstateCallback(let id):
            callbacks[id.index].withdrawn = false
            if callbacks[id.index].returnedAt == nil { openCallbacks.append(id); openCallbacks.sort() }
        case .returnCallback(let id, let at):
            callbacks[id.index].returnedAt = at
            openCallbacks.removeAll { $0 == id }
        case .reinstateAudit(let id):
            audits[id.index].withdrawn = false
        case .reinstateSite(let id):
            sites[id.index].withdrawn = false
        default:
            break  // the undo's own steps, which `perform` carries out itself
        }
    }

    private mutating func reinstate(_ r: ReferralID) {
        referrals[r.index].withdrawn = false
        if referrals[r.index].thankedAt == nil { unthankedReferrals.append(r); unthankedReferrals.sort() }
        let referrer = referrals[r.index].referrer.index
        clients[referrer].referralsMade.append(r)
        clients[referrer].referralsMade.sort()
    }
}
