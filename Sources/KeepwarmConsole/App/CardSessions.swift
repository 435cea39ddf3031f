import KeepwarmCore

/// Which of a client card's sessions is highlighted: held by record id, so a move that re-sorts the list (or another
/// desk's booking) keeps the highlight on the same session.
public struct CardSelection: Equatable, Sendable {
    public var client: ClientID
    public var appointment: AppointmentID
}

/// The client card's sessions list: upcoming ones (soonest first), then past ones (latest first), any status.
/// ↑/↓ highlight one; `M` moves it and `C` cancels it (`m` is the card's milestone key).
enum CardSessions {
    /// The client's sessions in the card's order. Withdrawn bookings (undone) are not sessions.
    static func list(_ p: Practice, _ client: ClientID, now: Instant) -> (upcoming: [Appointment], past: [Appointment]) {
        let all = p.appointments(of: client).filter { !$0.withdrawn }
        let upcoming = all.filter { $0.start >= now }.sorted(by: Unmarked.order)
        let past = all.filter { $0.start < now }.sorted { Unmarked.order($1, $0) }
        return (upcoming, past)
    }

    static func ordered(_ p: Practice, _ client: ClientID, now: Instant) -> [Appointment] {
        let l = list(p, client, now: now)
        return l.upcoming + l.past
    }

    /// The highlighted session: the one selected by id if it is still this client's, else the first in the list.
    static func selected(_ m: ConsoleModel, _ p: Practice, _ client: ClientID, now: Instant) -> Appointment? {
        let all = ordered(p, client, now: now)
        if let s = m.cardSession, s.client == client, let a = all.first(where: { $0.id == s.appointment }) { return a }
        return all.first
    }

    /// One session as the card lists it: `Tue 8 Dec 2026 10:00  60 min  Anna Okafor  booked  a12`.
    static func line(_ a: Appointment, _ p: Practice, today: Int) -> (String, Style) {
        let cal = p.calendar
        let day = cal.day(of: a.start)
        let status = a.status == .booked && day < today ? "not marked yet" : a.status.rawValue
        let text = "  \(Describe.day(a.start, p)) \(Civil.date(fromDays: day).0) \(cal.timeString(a.start))  \(a.minutes) min  "
            + "\(p.practitioners[a.practitioner.index].name)  \(status)  \(a.id)"
        let style: Style = a.status == .cancelled ? .muted : (status == "not marked yet" ? .warning : .plain)
        return (text, style)
    }

    /// The whole card: the client's details (`ClientCard`), then their sessions with the highlighted one reversed,
    /// scrolled so it shows.
    static func draw(_ g: inout Grid, _ m: ConsoleModel, _ client: ClientID, _ p: Practice, _ now: Instant) {
        let details = ClientCard.lines(p, client, now: now)
        let l = list(p, client, now: now)
        let today = p.calendar.day(of: now)
        let chosen = selected(m, p, client, now: now)?.id
        var lines: [(String, Style, Bool)] = []
        lines.append(("Upcoming sessions (\(l.upcoming.count))  ↑/↓ choose · M move · C cancel", .bold, false))
        if l.upcoming.isEmpty { lines.append(("  none booked", .muted, false)) }
        for a in l.upcoming { let (t, s) = line(a, p, today: today); lines.append((t, s, a.id == chosen)) }
        lines.append(("Past sessions (\(l.past.count))", .bold, false))
        if l.past.isEmpty { lines.append(("  none yet", .muted, false)) }
        for a in l.past { let (t, s) = line(a, p, today: today); lines.append((t, s, a.id == chosen)) }
        // Everything else that happened with them, oldest first: touchpoints with their channel, reviews and notes,
        // feedback, milestones and referrals (`ClientTimeline`); below the sessions, so M and C keep their rows.
        let history = ClientTimeline.entries(p, client)
        lines.append(("History (\(history.count), oldest first)", .bold, false))
        for e in history {
            lines.append(("  \(p.calendar.dateString(e.at)) \(p.calendar.timeString(e.at))  \(e.text)", .plain, false))
        }
        let r = OverlayView.frame(&g, title: "Client card", width: 76, height: details.count + lines.count + 2)
        let inner = r.h - 2
        // The sessions keep at least four rows (M and C act on the highlighted one, so it must show); a long card
        // gives up its last details for them.
        let room = min(inner, min(lines.count, max(4, inner - details.count)))
        let shown = details.prefix(inner - room)
        for (i, l) in shown.enumerated() {
            g.putFitted(l, x: r.x + 2, y: r.y + 1 + i, width: r.w - 4, style: l.hasPrefix(" ") || l.isEmpty ? .plain : .bold)
        }
        guard room > 0 else { return }
        // Keep the highlighted session in view: scroll the sessions list, never the client's details.
        let at = lines.firstIndex { $0.2 } ?? 0
        let top = min(max(0, at - room + 1), max(0, lines.count - room))
        for (i, l) in lines.dropFirst(top).prefix(room).enumerated() {
            var style = l.1
            if l.2 { style.attributes.insert(.reverse) }
            g.putFitted(l.0, x: r.x + 2, y: r.y + 1 + shown.count + i, width: r.w - 4, style: style)
        }
    }
}

extension ConsoleModel {
    /// Keys on the client card's sessions list; nil for any other action (the card's own keys).
    mutating func cardSessionAction(_ action: KeyAction, _ client: ClientID, _ p: Practice, _ now: Instant) -> [ConsoleAction]? {
        let all = CardSessions.ordered(p, client, now: now)
        let current = CardSessions.selected(self, p, client, now: now)
        let i = current.flatMap { a in all.firstIndex { $0.id == a.id } } ?? 0
        switch action {
        case .down, .up:
            guard !all.isEmpty else { return [] }
            let step = action == .down ? 1 : -1
            cardSession = CardSelection(client: client, appointment: all[min(max(0, i + step), all.count - 1)].id)
        case .moveSession, .cancelSession:
            guard let a = current else {
                status = StatusLine(text: "\(p.clients[client.index].name) has no sessions: b books one", isError: true)
                return []
            }
            // The selection is pinned to this session, so the list re-sorting after the move keeps it highlighted.
            cardSession = CardSelection(client: client, appointment: a.id)
            if action == .moveSession {
                openForm(.move(a.id), p, now)
            } else {
                overlays.append(.choice(Prompts.cancel(a.id, name: p.clients[client.index].name)))
            }
        default: return nil
        }
        return []
    }
}

extension ConsoleModel {
    /// After a key: a client card just opened takes its first session as the highlighted one, by id, so a booking
    /// another desk makes while the card is open (which may sort before it) does not move the highlight.
    mutating func pinCardSession(_ p: Practice, now: Instant) {
        guard case .card(let client)? = overlays.last(where: { if case .card = $0 { true } else { false } }) else { return }
        guard cardSession?.client != client, let first = CardSessions.ordered(p, client, now: now).first else { return }
        cardSession = CardSelection(client: client, appointment: first.id)
    }
}
