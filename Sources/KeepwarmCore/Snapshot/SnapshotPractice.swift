/// The whole `Practice` in a snapshot: every stored field, the indexes included (rebuilding them would cost a good
/// part of what a replay costs, and their order is part of the answer: "oldest first").
extension SnapshotWriter {
    mutating func practice(_ p: Practice) {
        settings(p.settings)
        string(p.calendar.timeZone.identifier)
        array(p.practitioners) { $0.practitioner($1) }
        array(p.clients) { $0.client($1) }
        array(p.appointments) { $0.appointment($1) }
        array(p.referrals) { $0.referral($1) }
        array(p.callbacks) { $0.callback($1) }
        int(p.lastSeq); int(p.eventCount)
        dictionary(p.appointmentsByDay, { $0.int($1) }, { w, ids in w.array(ids) { $0.id($1) } })
        dictionary(p.clientsByName, { $0.string($1) }, { w, ids in w.array(ids) { $0.id($1) } })
        array(p.unthankedReferrals) { $0.id($1) }
        array(p.openCallbacks) { $0.id($1) }
        array(p.reviewedClients) { $0.id($1) }
        array(p.audits) { $0.audit($1) }
        for reports in [p.reportViewed, p.reportReviewed, p.reportExported] {
            dictionary(reports, { $0.word($1) }, { $0.instant($1) })
        }
        lastActions(p.lastAction)
        let recent = p.recentChanges.snapshotParts
        array(recent.seqs) { $0.int($1) }; array(recent.clients) { $0.id($1) }; int(recent.next); int(recent.forgottenUpTo)
        dictionary(p.lastImport, { $0.string($1) }, { w, r in w.int(r.lowerBound); w.int(r.upperBound) })
        autopilot(p.autopilot)
        set(p.pastSeen) { $0.string($1) }
        array(p.sites) { $0.site($1) }
    }
}

extension SnapshotReader {
    mutating func practice() throws(Unreadable) -> Practice {
        var p = Practice()
        p.settings = try settings()
        let zone = try string()
        guard let calendar = PracticeCalendar(identifier: zone) else { throw Unreadable(why: "unknown time zone \(zone)") }
        p.calendar = calendar
        p.practitioners = try array { r throws(Unreadable) in try r.practitioner() }
        p.clients = try array { r throws(Unreadable) in try r.client() }
        p.appointments = try array { r throws(Unreadable) in try r.appointment() }
        p.referrals = try array { r throws(Unreadable) in try r.referral() }
        p.callbacks = try array { r throws(Unreadable) in try r.callback() }
        p.lastSeq = try nonNegative(); p.eventCount = try nonNegative()
        p.appointmentsByDay = try dictionary({ r throws(Unreadable) in try r.int() }, { r throws(Unreadable) in try r.array { r throws(Unreadable) in try r.id() } })
        p.clientsByName = try dictionary({ r throws(Unreadable) in try r.string() }, { r throws(Unreadable) in try r.array { r throws(Unreadable) in try r.id() } })
        p.unthankedReferrals = try array { r throws(Unreadable) in try r.id() }
        p.openCallbacks = try array { r throws(Unreadable) in try r.id() }
        p.reviewedClients = try array { r throws(Unreadable) in try r.id() }
        p.audits = try array { r throws(Unreadable) in try r.audit() }
        p.reportViewed = try dictionary({ r throws(Unreadable) in try r.word() }, { r throws(Unreadable) in try r.instant() })
        p.reportReviewed = try dictionary({ r throws(Unreadable) in try r.word() }, { r throws(Unreadable) in try r.instant() })
        p.reportExported = try dictionary({ r throws(Unreadable) in try r.word() }, { r throws(Unreadable) in try r.instant() })
        p.lastAction = try lastActions()
        let seqs = try array { r throws(Unreadable) in try r.int() }, clients: [ClientID] = try array { r throws(Unreadable) in try r.id() }
        let next = try nonNegative(), forgotten = try int()
        guard seqs.count == clients.count, seqs.count <= RecentChanges.capacity, next < max(1, RecentChanges.capacity) else {
            throw Unreadable(why: "the recent changes do not fit")
        }
        p.recentChanges = RecentChanges(snapshotParts: (seqs, clients, next, forgotten))
        p.lastImport = try dictionary({ r throws(Unreadable) in try r.string() }, { r throws(Unreadable) -> ClosedRange<Int> in
            let lo = try r.int(), hi = try r.int()
            guard lo <= hi else { throw Unreadable(why: "an import's seqs are back to front") }
            return lo...hi
        })
        p.autopilot = try autopilot()
        p.pastSeen = try set { r throws(Unreadable) in try r.string() }
        p.sites = try array { r throws(Unreadable) in try r.site() }
        try SnapshotReader.checkLinks(p)
        return p
    }

    /// Every id the replay's code will index with points at a record: the checksum already tells a damaged file,
    /// and this keeps a file forged with a good checksum from crashing a command instead of being ignored.
    static func checkLinks(_ p: Practice) throws(Unreadable) {
        func dense<T, K>(_ records: [T], _ id: (T) -> ID<K>) -> Bool {
            for k in records.indices where id(records[k]).number != k + 1 { return false }
            return true
        }
        let c = p.clients.count, a = p.appointments.count, pr = p.practitioners.count
        guard dense(p.clients, { $0.id }), dense(p.appointments, { $0.id }), dense(p.practitioners, { $0.id }),
              dense(p.referrals, { $0.id }), dense(p.callbacks, { $0.id }), dense(p.audits, { $0.id }),
              p.appointments.allSatisfy({ $0.client.number <= c && $0.practitioner.number <= pr }),
              p.clients.allSatisfy({ $0.appointments.allSatisfy { $0.number <= a } && $0.referralsMade.allSatisfy { $0.number <= p.referrals.count }
                  && ($0.referredBy?.number ?? 0) <= c }),
              p.referrals.allSatisfy({ $0.referrer.number <= c && $0.client.number <= c }),
              p.appointmentsByDay.values.allSatisfy({ $0.allSatisfy { $0.number <= a } }),
              p.clientsByName.values.allSatisfy({ $0.allSatisfy { $0.number <= c } }),
              p.unthankedReferrals.allSatisfy({ $0.number <= p.referrals.count }),
              p.openCallbacks.allSatisfy({ $0.number <= p.callbacks.count }),
              p.reviewedClients.allSatisfy({ $0.number <= c }), dense(p.sites, { $0.id }),
              p.practitioners.allSatisfy({ ($0.site?.number ?? 0) <= p.sites.count }),
              p.appointments.allSatisfy({ ($0.site?.number ?? 0) <= p.sites.count }) else {
            throw Unreadable(why: "an id points at no record")
        }
    }
}
