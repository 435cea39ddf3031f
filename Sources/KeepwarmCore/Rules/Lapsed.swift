/// A client who has drifted away, with what to do next.
public struct LapsedRow: Equatable, Sendable {
    public let client: ClientID
    public let name: String
    public let lastVisit: Instant
    public let daysSince: Int
    public let sessions: Int
    public let source: String?
    public let lastTouch: Touchpoint?
    public let next: LapseStep
    /// The local day the next step is due.
    public let nextDue: Int
}

/// The next step for a lapsed client.
public enum LapseStep: String, Sendable, CaseIterable {
    case reEngage = "re-engage"
    case reactivationLetter = "reactivation-letter"
    case followUpCall = "follow-up-call"
    /// The sequence is done: snooze or close the client.
    case review
}

/// The lapsed list (Docs/rules.md, "Lapsed").
public enum Lapsed {
    /// Days without a visit before this client counts as lapsed: the practice threshold, or 1.5 × their cadence if longer.
    public static func threshold(_ s: Settings, cadence: Int?) -> Int {
        guard let c = cadence else { return s.lapseDays }
        return max(s.lapseDays, (3 * c + 1) / 2)
    }

    /// Lapsed clients, most recently lapsed first (they are the likeliest to come back).
    public static func rows(_ p: Practice, now: Instant) -> [LapsedRow] {
        let cal = p.calendar
        let today = cal.day(of: now)
        // Through the buffer, so each client is lent to the rule rather than copied: indexing the array still copied
        // each one (a retain per field, 15 ms at 1M events).
        let rows = EveryClient.collect(p.clients) { (c, rows: inout [LapsedRow]) in
            // The first question is asked through the address, so the clients it turns away are never copied: at 1M
            // events five in six are discharged, moved away or not to be contacted, and the copy handed to `row`
            // (a retain per field, each in its own cache line) was three quarters of the walk.
            guard mayBeLapsed(c, today: today) else { return }
            if let row = row(for: c.pointee, in: p, now: now, today: today) { rows.append(row) }
        }
        return rows.sorted(by: order)
    }

    /// `row(for:)`'s first question, asked through the client's address. A function of its own, never inlined: asked
    /// inline, the one copy of the client made for `row` was made before it, for every client.
    @inline(never)
    static func mayBeLapsed(_ c: UnsafePointer<Client>, today: Int) -> Bool {
        Contactable.bar(at: c) == nil && !c.pointee.isSnoozed(today: today)
    }

    /// The list's order: most recently lapsed first, then by name.
    public static func order(_ a: LapsedRow, _ b: LapsedRow) -> Bool {
        (a.daysSince, a.name, a.client) < (b.daysSince, b.name, b.client)
    }

    /// One client's row, or nil if they are not lapsed: lets a screen update only the clients an event changed.
    public static func row(for c: Client, in p: Practice, now: Instant, today: Int) -> LapsedRow? {
        guard Contactable.bar(client: c) == nil && !c.isSnoozed(today: today) else { return nil }
        return row(p, c, now: now, today: today)
    }

    static func row(_ p: Practice, _ c: Client, now: Instant, today: Int) -> LapsedRow? {
        guard !c.appointments.isEmpty || c.history != nil else { return nil }
        let h = ClientHistory(p, c.id)
        guard let last = h.lastVisit(atOrBefore: now), h.nextBooking(after: now) == nil else { return nil }
        let lastDay = p.calendar.day(of: last.start)
        let days = today - lastDay
        let limit = threshold(p.settings, cadence: c.cadence)
        guard days >= limit else { return nil }
        let s = p.settings
        let next: LapseStep
        let due: Int
        if let letter = c.lastTouch(.reactivationLetter, since: last.start) {
            let letterDay = p.calendar.day(of: letter.at)
            if c.lastTouch(.followUpCall, since: letter.at) == nil {
                next = .followUpCall
                due = letterDay + s.followUpCallDays
            } else {
                next = .review
                due = today
            }
        } else if days >= s.reactivationDays || c.lastTouch(.reEngage, since: last.start) != nil
                    || (c.lastContactedAt ?? Instant(ms: .min)) >= last.start {
            next = .reactivationLetter
            due = lastDay + s.reactivationDays
        } else {
            next = .reEngage
            due = lastDay + limit
        }
        return LapsedRow(client: c.id, name: c.name, lastVisit: last.start, daysSince: days, sessions: h.visits,
                         source: c.source, lastTouch: c.touchpoints.last, next: next, nextDue: due)
    }
}
