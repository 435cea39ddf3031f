extension Practice {
    /// A client.added line's imported extras: the given name, the other system's id and the history it recorded.
    mutating func addImported(_ c: NewClient, at: Instant) {
        var client = clients[c.id.index]
        client.given = c.given
        client.ref = c.ref
        client.history = c.history
        if let h = c.history {
            // The practice first saw them on their first visit, or the day the other system added them.
            let days = [h.since, h.firstVisit, h.lastVisit].compactMap { $0 }
            if let first = days.min() { client.firstSeen = min(client.firstSeen, calendar.instant(day: first, minute: 0)) }
            if let contacted = h.contacted { client.lastContactedAt = max(client.lastContactedAt ?? contacted, contacted) }
        }
        clients[c.id.index] = client
    }

    /// Checks a client.added line's imported history before anything of the line is applied.
    static func checkImported(_ c: NewClient) throws(ApplyError) {
        guard let h = c.history else { return }
        if let f = h.firstVisit, let l = h.lastVisit, f > l {
            throw ApplyError("a client.added event's \"firstVisit\" (\(Civil.string(ofDay: f))) is after its \"lastVisit\" (\(Civil.string(ofDay: l)))")
        }
        if let v = h.visits, v == 0, h.lastVisit != nil {
            throw ApplyError("a client.added event gives a \"lastVisit\" but 0 \"visits\"")
        }
    }

    /// An imported appointment's real booking and settling times (`appointment.history`).
    mutating func dateImported(_ id: AppointmentID, booked: Instant?, settled: Instant?) throws(ApplyError) {
        var a = appointments[id.index]
        if settled != nil && a.status == .booked {
            throw ApplyError("\(id) is still booked, so it has no time it was settled; give \"settled\" only after its outcome")
        }
        if let booked { a.bookedAt = booked }
        if let settled { a.settledAt = settled }
        appointments[id.index] = a
    }

    /// Clients by the id the system they were imported from gave them (`Client.ref`); erased and withdrawn clients are
    /// left out. Built on each call: an import asks once per file.
    public func clientsByRef() -> [String: [ClientID]] {
        var out: [String: [ClientID]] = [:]
        for c in clients where !c.withdrawn && c.erasedAt == nil {
            if let r = c.ref { out[r, default: []].append(c.id) }
        }
        return out
    }
}
