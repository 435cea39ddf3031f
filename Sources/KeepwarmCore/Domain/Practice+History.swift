extension Practice {
    /// A `referral.recorded` with a `when` for a referral the log already has (the clients import recorded it when it
    /// added the referred client): it gives that referral the time it was really recorded, so its thank-you falls due
    /// as it did. Returns false for anything else, which applies as usual at `when`.
    mutating func redated(_ inner: EventBody, when: Instant) throws(ApplyError) -> Bool {
        guard case .referralRecorded(let id, let referrer, let client) = inner, referrals.indices.contains(id.index) else {
            return false
        }
        let r = referrals[id.index]
        guard r.referrer == referrer, r.client == client else {
            throw ApplyError("referral \(id) is \(r.referrer) → \(r.client), not \(referrer) → \(client)")
        }
        referrals[id.index] = Referral(id: r.id, referrer: r.referrer, client: r.client, recordedAt: when, thankedAt: r.thankedAt,
                                       thankedVia: r.thankedVia, note: r.note, withdrawn: r.withdrawn, lastChange: r.lastChange,
                                       undoStamp: r.undoStamp)
        return true
    }

    /// History imported after the desk's own records goes in its place by time, so "the latest touchpoint" stays the
    /// latest one whatever order the lines came in. A lapse review that closed the client leaves the status undated,
    /// as a review does at the desk (a discharge's referral ask counts from a dated status or a discharge milestone
    /// only): the date the clients import gave it was the import's own.
    mutating func afterPast(_ inner: EventBody, when: Instant) {
        switch inner {
        case .lapseReviewed(let c, let outcome, _, _):
            pastSeen.insert(Practice.pastKey(c, inner, when))
            if case .closed = outcome { clients[c.index].statusChangedAt = nil }
        case .clientStatusChanged(let c, _, _):
            pastSeen.insert(Practice.pastKey(c, inner, when))
        case .touchpointSent(let c, _, _, _):
            clients[c.index].touchpoints.sortLastInPlace { $0.at }
        case .milestoneReached(let c, _):
            clients[c.index].milestones.sortLastInPlace { $0.at }
        case .feedbackGiven(let c, _, _):
            clients[c.index].feedback.sortLastInPlace { $0.at }
        case .messageSent(let id, _, _):
            // A message that went is a touchpoint too (`recordDelivery`).
            if let a = autopilot.attempt(id), a.start.channel != .letter {
                clients[a.start.client.index].touchpoints.sortLastInPlace { $0.at }
            }
        default:
            break
        }
    }

    /// How `pastSeen` knows an imported lapse review or status date: `c12 lapse.reviewed 1767225600000`.
    public static func pastKey(_ c: ClientID, _ inner: EventBody, _ when: Instant) -> String { "\(c) \(inner.type) \(when.ms)" }

    /// The inverse of a `.past` event: as for the event inside, except that redating a referral is undone by putting
    /// back the referral as it was.
    func pastInverse(_ inner: EventBody) -> Inverse {
        if case .referralRecorded(let id, _, _) = inner, referrals.indices.contains(id.index) { return .restoreReferral(referrals[id.index]) }
        return inverse(of: inner)
    }
}

extension Array {
    /// Moves the last element back to its place among the others by `key` (after any equal to it): the rest are
    /// already in order, so it is one pass from the end.
    mutating func sortLastInPlace(_ key: (Element) -> Instant) {
        guard count > 1 else { return }
        var i = count - 1
        let k = key(self[i])
        while i > 0 && key(self[i - 1]) > k {
            swapAt(i, i - 1)
            i -= 1
        }
    }
}
