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

    /// The whole card, one scrollable page (`CardPage`): the client's details, their sessions with the highlighted
    /// one reversed, and their History.
    static func draw(_ g: inout Grid, _ m: ConsoleModel, _ client: ClientID, _ p: Practice, _ now: Instant) {
        CardPage.draw(&g, m, client, p, now)
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
        pinCardScroll()
        guard case .card(let client)? = overlays.last(where: { if case .card = $0 { true } else { false } }) else { return }
        guard cardSession?.client != client, let first = CardSessions.ordered(p, client, now: now).first else { return }
        cardSession = CardSelection(client: client, appointment: first.id)
    }
}
