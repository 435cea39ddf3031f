import KeepwarmCore

/// One line per client for `client list`.
struct ClientSummary {
    let client: Client
    let sessions: Int
    let lastVisit: String?
    let next: String?
    let nextInstant: Instant?
    let lastInstant: Instant?

    init(_ p: Practice, _ c: Client, now: Instant) {
        client = c
        let h = ClientHistory(p, c.id)
        // Visits imported with the client (a client-only export) count, as they do on the lapsed list.
        sessions = h.visits
        lastInstant = h.lastVisit(atOrBefore: .init(ms: .max))?.start
        lastVisit = lastInstant.map { p.calendar.dateString($0) }
        nextInstant = h.nextBooking(after: now)?.start
        next = nextInstant.map { p.describe($0) }
    }

    func json() -> [UInt8] { fields().finishedObject() }

    /// The client's details and their visits, unfinished, for `client show` to add to.
    func fields() -> LineBuilder {
        var b = client.jsonFields
        b.int("sessions", sessions)
        b.stringOrNull("lastVisit", lastVisit)
        b.stringOrNull("nextBooking", nextInstant?.iso)
        return b
    }
}

/// Everything about one client, for `client show`.
struct ClientCardOutput {
    let p: Practice
    let c: Client
    let history: ClientHistory
    let summary: ClientSummary
    let now: Instant

    init(_ p: Practice, _ id: ClientID, now: Instant) {
        self.p = p
        self.now = now
        c = p.clients[id.index]
        history = ClientHistory(p, id)
        summary = ClientSummary(p, c, now: now)
    }

    func json() -> [UInt8] {
        var b = summary.fields()
        b.string("addedAt", c.addedAt.iso)
        b.int("noShows", history.noShows)
        b.int("cancelled", history.cancelled)
        b.raw("appointments", LineBuilder.array(history.appointments.map { $0.jsonFields(p).finishedObject() }))
        b.raw("referrals", LineBuilder.array(c.referralsMade.map { rid in
            let r = p.referrals[rid.index]
            var o = LineBuilder()
            o.string("id", r.id.description)
            o.string("referred", r.client.description)
            o.string("referredName", p.clients[r.client.index].name)
            o.string("recordedAt", r.recordedAt.iso)
            o.stringOrNull("thankedAt", r.thankedAt?.iso)
            return o.finishedObject()
        }))
        b.raw("touchpoints", LineBuilder.array(c.touchpoints.map { $0.jsonFields.finishedObject() }))
        b.raw("milestones", LineBuilder.array(c.milestones.map(\.json)))
        b.raw("feedback", LineBuilder.array(c.feedback.map(\.json)))
        var consent = LineBuilder()
        for ch in ConsentChannel.allCases {
            var o = LineBuilder()
            switch Consent.state(c, ch) {
            case .given(let at, let how), .withdrawn(let at, let how):
                o.string("state", Consent.state(c, ch).isGiven ? "given" : "withdrawn")
                o.string("at", at.iso)
                o.string("how", how.rawValue)
            case .unknown:
                o.string("state", "not-asked")
                o.null("at")
                o.null("how")
            }
            consent.raw(ch.rawValue, o.finishedObject())
        }
        b.raw("consent", consent.finishedObject())
        // The autopilot's hold today: null, the first day messages go again, or "until-released".
        b.stringOrNull("hold", hold.map { $0.map(Civil.string(ofDay:)) ?? "until-released" })
        addHistory(&b)
        return b.finishedObject()
    }

    /// The desk's hold on the autopilot in force today: nil when not held, `.some(nil)` until released.
    var hold: Int?? {
        guard let h = c.hold, h.holds(on: p.calendar.day(of: now)) else { return nil }
        if case .until(let d) = h { return .some(d) }
        return .some(nil)
    }

    /// `not held`, `held until 2026-12-10`, `held until released`.
    var holdText: String {
        switch hold {
        case nil: "not held"
        case .some(let d?): "held until \(Civil.string(ofDay: d)) (nothing automatic goes before then)"
        case .some(nil): "held until released (keepwarm autopilot release \(c.id))"
        }
    }

    func printText() {
        let cal = p.calendar
        func when(_ i: Instant) -> String { p.describe(i) }
        var lines: [(String, String)] = [
            ("Client", "\(c.name) (\(c.id))"),
            ("Phone", c.phone ?? "—"),
            ("Email", c.email ?? "—"),
            ("Source", c.source ?? "—"),
            ("Status", c.status.rawValue + (c.statusReason.map { " (\($0))" } ?? "")),
            ("Contact", "\(c.contactAnswer); newsletter \(c.newsletter ? "yes" : "no")"),
            ("Cadence", c.cadence.map { "\($0) days" } ?? "—"),
        ]
        for (i, ch) in ConsentChannel.allCases.enumerated() {
            lines.append((i == 0 ? "Consent" : "", DisplayText.pad(ch.rawValue, width: 6) + Consent.state(c, ch).text(cal)))
        }
        lines.append(("Autopilot", holdText))
        if let r = c.referredBy { lines.append(("Referred by", "\(p.clients[r.index].name) (\(r))")) }
        let imported = history.importedVisits > 0 ? " (\(history.importedVisits) of them imported)" : ""
        lines.append(("Sessions", "\(history.visits) attended\(imported), \(history.noShows) no-show, \(history.cancelled) cancelled"))
        lines.append(("Last visit", summary.lastVisit ?? "—"))
        lines.append(("Next", summary.next ?? "none booked"))
        for (k, v) in lines { Stdout.line(DisplayText.pad(k, width: 12) + DisplayText.visible(v)) }
        if !c.referralsMade.isEmpty {
            Stdout.line("\nReferrals made")
            for rid in c.referralsMade {
                let r = p.referrals[rid.index]
                let thanks = r.thankedAt.map { "thanked \(cal.dateString($0))" } ?? "not thanked yet"
                Stdout.line("  \(r.id)  \(DisplayText.visible(p.clients[r.client.index].name)) (\(r.client))  \(cal.dateString(r.recordedAt))  \(thanks)")
            }
        }
        if !history.appointments.isEmpty {
            Stdout.line("\nAppointments")
            for a in history.appointments {
                Stdout.line("  \(a.id)  \(when(a.start))  \(a.minutes) min  \(DisplayText.visible(p.practitioners[a.practitioner.index].name))  \(a.status.rawValue)")
            }
        }
        if !c.touchpoints.isEmpty {
            Stdout.line("\nTouchpoints")
            for t in c.touchpoints {
                Stdout.line("  \(when(t.at))  \(t.kind.rawValue)\(t.via.map { " by \(ChannelName.of($0))" } ?? "")\(t.note.map { "  " + DisplayText.visible($0) } ?? "")")
            }
        }
        if !c.milestones.isEmpty || !c.feedback.isEmpty {
            Stdout.line("\nMilestones and feedback")
            for m in c.milestones { Stdout.line("  \(when(m.at))  \(m.kind.rawValue)") }
            for f in c.feedback { Stdout.line("  \(when(f.at))  \(f.score)/5\(f.comment.map { "  " + DisplayText.visible($0) } ?? "")") }
        }
        printHistory()
    }
}
