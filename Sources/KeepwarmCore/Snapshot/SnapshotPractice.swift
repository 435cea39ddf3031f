/// The whole `Practice` in a snapshot: every stored field, the indexes included (rebuilding them would cost a good
/// part of what a replay costs, and their order is part of the answer: "oldest first").
///
/// In sections, each summed on its own (`SnapshotFile`): everything but the appointments and the clients in one, then
/// the appointments and the clients in parts of a few hundred kilobytes, so two threads share the reading out
/// (`SnapshotParts`) and each reads a section into a small buffer of its own instead of the whole file into memory.
struct SnapshotSections {
    /// One part of the appointments or the clients: how many records, and their bytes (a count, then the records).
    struct Part {
        var count: Int
        var bytes: [UInt8]
    }
    var rest: [UInt8]
    var appointments: [Part]
    var clients: [Part]

    /// How many records go in a part: about 400 KB of appointments and 700 KB of clients at the demo's sizes, so a
    /// thread's buffer stays small and both threads finish together.
    static let appointmentsPerPart = 8192
    static let clientsPerPart = 2048

    init(_ p: Practice) {
        var w = SnapshotWriter()
        w.practiceApartFromRecords(p)
        rest = w.bytes
        appointments = SnapshotSections.parts(p.appointments, SnapshotSections.appointmentsPerPart) { $0.appointment($1) }
        clients = SnapshotSections.clientParts(p.clients, SnapshotSections.clientsPerPart)
    }

    init(rest: [UInt8], appointments: [Part], clients: [Part]) {
        self.rest = rest
        self.appointments = appointments
        self.clients = clients
    }

    static func parts<T>(_ records: [T], _ size: Int, _ write: (inout SnapshotWriter, T) -> Void) -> [Part] {
        stride(from: 0, to: records.count, by: size).map { start in
            let run = records[start..<min(start + size, records.count)]
            var w = SnapshotWriter()
            w.array(run, write)
            return Part(count: run.count, bytes: w.bytes)
        }
    }

    /// The clients in parts of `size`: each a count, then its clients' touchpoints (how many and how long each
    /// client's are, then all their bytes), then the clients without their touchpoints. The touchpoints are kept as
    /// bytes when read (`UnreadTouchpoints`), and a client's still unread are copied as they are.
    static func clientParts(_ clients: [Client], _ size: Int) -> [Part] {
        stride(from: 0, to: clients.count, by: size).map { start in
            let run = clients[start..<min(start + size, clients.count)]
            var index = SnapshotWriter(), touchpoints = SnapshotWriter(), records = SnapshotWriter()
            for c in run {
                let before = touchpoints.bytes.count, n: Int
                switch c.touchpointList {
                case .unread(let part, let slot):
                    let (k, b) = part.encoded(slot: Int(slot))
                    touchpoints.bytes.append(contentsOf: b)
                    n = k
                case .read(let list):
                    for t in list { touchpoints.touchpoint(t) }
                    n = list.count
                }
                index.int(n)
                index.int(touchpoints.bytes.count - before)
                records.client(c)
            }
            var w = SnapshotWriter(capacity: 16 + index.bytes.count + touchpoints.bytes.count + records.bytes.count)
            w.int(run.count)
            w.int(index.bytes.count + touchpoints.bytes.count)
            w.bytes += index.bytes
            w.bytes += touchpoints.bytes
            w.bytes += records.bytes
            return Part(count: run.count, bytes: w.bytes)
        }
    }
}

extension SnapshotWriter {
    mutating func practiceApartFromRecords(_ p: Practice) {
        settings(p.settings)
        string(p.calendar.timeZone.identifier)
        array(p.practitioners) { $0.practitioner($1) }
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
    /// What a part of the clients links to, gathered as it is read (a pass over them all afterwards cost 7 ms at 1M
    /// events): whether they were numbered in order, and the highest appointment, referral and client they name.
    struct ClientLinks {
        var numbered = true
        var appointment = 0, referral = 0, client = 0

        /// Whether every link points at a record: numbered 1, 2, 3… and every appointment, referral and referrer exists.
        func fit(clients: Int, appointments: Int, referrals: Int) -> Bool {
            numbered && appointment <= appointments && referral <= referrals && client <= clients
        }
    }

    /// What a part of the appointments links to, gathered the same way.
    struct AppointmentLinks {
        var numbered = true
        var practitioner = 0, site = 0, client = 0

        func fit(clients: Int, practitioners: Int, sites: Int) -> Bool {
            numbered && practitioner <= practitioners && site <= sites && client <= clients
        }
    }

    /// Reads a part's `n` clients (its count already read), numbered from `first`, into `buffer`; all or none: when
    /// one does not read, those read so far are undone.
    static func clients(_ r: inout SnapshotReader, _ n: Int, into buffer: UnsafeMutableBufferPointer<Client>,
                        from first: Int) throws(Unreadable) -> ClientLinks {
        guard n <= Int(UInt16.max) + 1 else { throw Unreadable(why: "a part holds too many clients") }
        var links = ClientLinks()
        let touchpoints = try unreadTouchpoints(&r, n)
        var k = 0
        try records(&r, n, into: buffer) { (r) throws(Unreadable) in
            defer { k += 1 }
            return try r.client(touchpoints: touchpoints.flatMap { $0.isEmpty(slot: k) ? nil : .unread($0, slot: UInt16(k)) } ?? TouchpointList())
        } check: { c, k in
            if c.id.number != first + k { links.numbered = false }
            c.appointments.withUnsafeBufferPointer { for id in $0 { links.appointment = max(links.appointment, id.number) } }
            c.referralsMade.withUnsafeBufferPointer { for id in $0 { links.referral = max(links.referral, id.number) } }
            links.client = max(links.client, c.referredBy?.number ?? 0)
        }
        return links
    }

    /// A part's `n` clients' touchpoints (`SnapshotSections.clientParts`), each client's stepped over with every
    /// check reading them makes, kept as bytes; nil when none of them has any. A client's touchpoints are in the slot
    /// of its place in the part, and an empty list reads as empty.
    static func unreadTouchpoints(_ r: inout SnapshotReader, _ n: Int) throws(Unreadable) -> UnreadTouchpoints? {
        var s = SnapshotReader(try r.section())
        s.wordCounts = r.wordCounts
        defer { r.wordCounts = s.wordCounts }
        var counts = [Int32](), lengths = [Int]()
        counts.reserveCapacity(n)
        lengths.reserveCapacity(n)
        for _ in 0..<n {
            let count = try s.count(), length = try s.count()
            guard count <= Int(Int32.max) else { throw Unreadable(why: "a count is out of range") }
            counts.append(Int32(count))
            lengths.append(length)
        }
        let data = UnsafeRawBufferPointer(rebasing: s.base[s.at...])
        guard lengths.reduce(0, +) == data.count, data.count <= Int(Int32.max) else {
            throw Unreadable(why: "touchpoints do not fill their section")
        }
        guard !data.isEmpty else {
            guard counts.allSatisfy({ $0 == 0 }) else { throw Unreadable(why: "touchpoints do not fill their section") }
            return nil
        }
        var starts = [Int32]()
        starts.reserveCapacity(n + 1)
        var at = 0
        for k in 0..<n {
            starts.append(Int32(at))
            var one = SnapshotReader(UnsafeRawBufferPointer(rebasing: data[at..<(at + lengths[k])]))
            one.wordCounts = s.wordCounts
            try one.skipTouchpoints(Int(counts[k]))
            guard one.atEnd else { throw Unreadable(why: "a client's touchpoints have bytes after their end") }
            s.wordCounts = one.wordCounts
            at += lengths[k]
        }
        starts.append(Int32(at))
        return UnreadTouchpoints(copying: data, starts: starts, counts: counts)
    }

    /// The same for a part's appointments.
    static func appointments(_ r: inout SnapshotReader, _ n: Int, into buffer: UnsafeMutableBufferPointer<Appointment>,
                             from first: Int) throws(Unreadable) -> AppointmentLinks {
        var links = AppointmentLinks()
        try records(&r, n, into: buffer) { (r) throws(Unreadable) in try r.appointment() } check: { a, k in
            if a.id.number != first + k { links.numbered = false }
            links.practitioner = max(links.practitioner, a.practitioner.number)
            links.site = max(links.site, a.site?.number ?? 0)
            links.client = max(links.client, a.client.number)
        }
        return links
    }

    /// Reads `n` records into `buffer`, handing each to `check` with its place; all or none, and nothing after them.
    static func records<T>(_ r: inout SnapshotReader, _ n: Int, into buffer: UnsafeMutableBufferPointer<T>,
                           _ read: (inout SnapshotReader) throws(Unreadable) -> T,
                           check: (borrowing T, Int) -> Void) throws(Unreadable) {
        guard n == buffer.count else { throw Unreadable(why: "a part's count disagrees with the header") }
        guard let base = buffer.baseAddress else {
            guard r.atEnd else { throw Unreadable(why: "a section has bytes after its end") }
            return
        }
        for k in 0..<n {
            do throws(Unreadable) { (base + k).initialize(to: try read(&r)) } catch {
                base.deinitialize(count: k)
                throw error
            }
            check((base + k).pointee, k)
        }
        guard r.atEnd else {
            base.deinitialize(count: n)
            throw Unreadable(why: "a section has bytes after its end")
        }
    }

    mutating func practiceApartFromRecords() throws(Unreadable) -> Practice {
        var p = Practice()
        p.settings = try settings()
        let zone = try string()
        guard let calendar = PracticeCalendar(identifier: zone) else { throw Unreadable(why: "unknown time zone \(zone)") }
        p.calendar = calendar
        p.practitioners = try array { r throws(Unreadable) in try r.practitioner() }
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
    /// judged once the clients are read), the appointments' and clients' as they are read (`AppointmentLinks`,
    /// `ClientLinks`).
    ///
    /// The links of everything but the appointments and clients (of which the header promises `a` appointments);
    /// returns the highest client id among them.
    static func checkLinksApartFromRecords(_ p: Practice, appointments a: Int) throws(Unreadable) -> Int {
        let rf = p.referrals.count, s = p.sites.count
        var highest = 0
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
        guard attemptsLinked, (auto.reminderKeys.keys.max()?.number ?? 0) <= a,
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
