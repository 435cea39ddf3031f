/// The whole `Practice` in a snapshot: every stored field, the indexes included (rebuilding them would cost a good
/// part of what a replay costs, and their order is part of the answer: "oldest first").
extension SnapshotWriter {
    /// Everything but the clients in one section, then the clients in up to `clientParts` sections, so the reading
    /// is shared out: the rest on one thread, the clients' parts taken in turn by two (`ClientParts`).
    mutating func practice(_ p: Practice) {
        section { $0.practiceApartFromClients(p) }
        let size = max(1, (p.clients.count + SnapshotWriter.clientParts - 1) / SnapshotWriter.clientParts)
        let starts = Array(stride(from: 0, to: p.clients.count, by: size))
        int(starts.count)
        for start in starts {
            section { $0.array(p.clients[start..<min(start + size, p.clients.count)]) { $0.client($1) } }
        }
    }

    /// How many parts the clients are written in: enough that two threads taking them in turn finish together (one
    /// half each left the second thread, whose heap grows an `mprotect` at a time, a fifth behind).
    static let clientParts = 16

    mutating func practiceApartFromClients(_ p: Practice) {
        settings(p.settings)
        string(p.calendar.timeZone.identifier)
        array(p.practitioners) { $0.practitioner($1) }
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
        let restBytes = try section(), mapped = mapped
        let rest = Background { () -> Result<(Practice, Int), Unreadable> in
            var r = SnapshotReader(restBytes, mapped: mapped)
            do throws(Unreadable) {
                let p = try r.practiceApartFromClients()
                guard r.atEnd else { throw Unreadable(why: "a section has bytes after its end") }
                r.releaseRead()
                return .success((p, try SnapshotReader.checkLinksApartFromClients(p)))
            } catch {
                return .failure(error)
            }
        }
        defer { rest.wait() }
        let parts = try ClientParts(&self)
        let all = try parts.read()
        var (p, highestClient) = try rest.value.get()
        guard parts.links.allSatisfy({ $0.fit(clients: all.count, appointments: p.appointments.count, referrals: p.referrals.count) }),
              highestClient <= all.count else {
            throw Unreadable(why: "an id points at no record")
        }
        p.clients = all
        return p
    }

    /// What a section of clients links to, gathered as it is read (a pass over them all afterwards cost 7 ms at 1M
    /// events): whether they were numbered in order, and the highest appointment, referral and client they name.
    struct ClientLinks {
        var numbered = true
        var appointment = 0, referral = 0, client = 0

        /// Whether every link points at a record: numbered 1, 2, 3… and every appointment, referral and referrer exists.
        func fit(clients: Int, appointments: Int, referrals: Int) -> Bool {
            numbered && appointment <= appointments && referral <= referrals && client <= clients
        }
    }

    /// Reads `n` clients (the section's count already read), numbered from `first`, into `buffer`, dropping the
    /// section's pages as it goes; all or none: when one does not read, those read so far are undone.
    static func clients(_ r: inout SnapshotReader, _ n: Int, into buffer: UnsafeMutableBufferPointer<Client>,
                        from first: Int) throws(Unreadable) -> ClientLinks {
        var links = ClientLinks()
        guard let base = buffer.baseAddress else {
            guard r.atEnd else { throw Unreadable(why: "a section has bytes after its end") }
            return links
        }
        for k in 0..<n {
            do throws(Unreadable) { (base + k).initialize(to: try r.client()) } catch {
                base.deinitialize(count: k)
                throw error
            }
            let c = base + k
            if c.pointee.id.number != first + k { links.numbered = false }
            c.pointee.appointments.withUnsafeBufferPointer { for id in $0 { links.appointment = max(links.appointment, id.number) } }
            c.pointee.referralsMade.withUnsafeBufferPointer { for id in $0 { links.referral = max(links.referral, id.number) } }
            links.client = max(links.client, c.pointee.referredBy?.number ?? 0)
            if k % 1024 == 1023 { r.releaseRead() }
        }
        r.releaseRead()
        guard r.atEnd else {
            base.deinitialize(count: n)
            throw Unreadable(why: "a section has bytes after its end")
        }
        return links
    }

    mutating func practiceApartFromClients() throws(Unreadable) -> Practice {
        var p = Practice()
        p.settings = try settings()
        let zone = try string()
        guard let calendar = PracticeCalendar(identifier: zone) else { throw Unreadable(why: "unknown time zone \(zone)") }
        p.calendar = calendar
        p.practitioners = try array { r throws(Unreadable) in try r.practitioner() }
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
        return p
    }

    /// Every id the replay's code will index with points at a record: the checksum already tells a damaged file,
    /// and this keeps a file forged with a good checksum from crashing a command instead of being ignored. Checked in
    /// parts, each on the thread that read it: the rest's own links here (returning the highest client id it names,
    /// judged once the clients are read), the clients' as they are read (`ClientLinks`).
    ///
    /// The links of everything but the clients; returns the highest client id among them.
    static func checkLinksApartFromClients(_ p: Practice) throws(Unreadable) -> Int {
        // Plain loops over buffers: `allSatisfy` closures copied each record and cost 5% of a read.
        let a = p.appointments.count, pr = p.practitioners.count, rf = p.referrals.count, s = p.sites.count
        var highest = 0
        let linked = p.appointments.withUnsafeBufferPointer { b in
            for k in b.indices {
                if b[k].id.number != k + 1 || b[k].practitioner.number > pr || (b[k].site?.number ?? 0) > s { return false }
                highest = max(highest, b[k].client.number)
            }
            return true
        }
        for r in p.referrals { highest = max(highest, r.referrer.number, r.client.number) }
        for ids in p.clientsByName.values { highest = max(highest, ids.max()?.number ?? 0) }
        highest = max(highest, p.reviewedClients.max()?.number ?? 0, p.recentChanges.snapshotParts.clients.max()?.number ?? 0)
        // The autopilot's record names clients, appointments and referrals too; the console indexes with them.
        let auto = p.autopilot
        var attemptsLinked = true
        for t in auto.attempts {
            highest = max(highest, t.start.client.number)
            if (t.start.appointment?.number ?? 0) > a || (t.start.referral?.number ?? 0) > rf { attemptsLinked = false }
        }
        highest = max(highest, auto.byClient.keys.max()?.number ?? 0, auto.clientDays.keys.max()?.number ?? 0)
        guard linked, attemptsLinked, (auto.reminderKeys.keys.max()?.number ?? 0) <= a,
              dense(p.practitioners, { $0.id }), dense(p.referrals, { $0.id }), dense(p.callbacks, { $0.id }),
              dense(p.audits, { $0.id }), dense(p.sites, { $0.id }),
              p.appointmentsByDay.values.allSatisfy({ within($0, a) }),
              within(p.unthankedReferrals, rf), within(p.openCallbacks, p.callbacks.count),
              p.practitioners.allSatisfy({ ($0.site?.number ?? 0) <= s }) else {
            throw Unreadable(why: "an id points at no record")
        }
        return highest
    }

    static func dense<T, K>(_ records: [T], _ id: (T) -> ID<K>) -> Bool {
        records.withUnsafeBufferPointer { b in
            for k in b.indices where id(b[k]).number != k + 1 { return false }
            return true
        }
    }

    static func within<K>(_ ids: [ID<K>], _ n: Int) -> Bool {
        ids.withUnsafeBufferPointer { b in
            for id in b where id.number > n { return false }
            return true
        }
    }
}
