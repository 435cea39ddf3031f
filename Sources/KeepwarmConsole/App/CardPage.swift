import KeepwarmCore

/// Where the open client card is scrolled: the card is one page (details, sessions, History) that PgDn/PgUp, G/End
/// and g/Home move through, while j/k move the session highlight and the page follows it.
public struct CardScroll: Equatable, Sendable {
    /// How the page's first row is chosen.
    public enum Mode: Equatable, Sendable {
        /// The highlighted session stays in view (from the top, scrolled only as far as it needs): j/k, M, C.
        case follow
        /// This line of the page first (clamped to the page): PgDn/PgUp, g/Home.
        case line(Int)
        /// The page's end, the newest History, whatever is added while it is open: G/End, and opening from the
        /// lapsed list, because the weekly review wants the last review and its note.
        case end
    }
    public var client: ClientID
    public var mode: Mode
}

/// One row of the card's page.
struct CardLine: Equatable {
    var text: String
    var style: Style
    /// The highlighted session (drawn reversed).
    var highlighted = false
}

/// The client card as one scrollable page, laid out the same way for drawing it and for the keys that scroll it.
enum CardPage {
    /// The card window's width; the page's rows are what the screen leaves (`OverlayView.frameRect`).
    static let width = 76
    /// Rows kept below the highlighted session when the page follows it, so the sessions after it show too.
    static let context = 3

    /// Every line of the card: the client's details (`ClientCard`), their sessions with the highlighted one marked,
    /// then everything else that happened with them, oldest first (`ClientTimeline`).
    static func lines(_ m: ConsoleModel, _ client: ClientID, _ p: Practice, _ now: Instant) -> [CardLine] {
        var out = ClientCard.lines(p, client, now: now).map { CardLine(text: $0, style: $0.hasPrefix(" ") || $0.isEmpty ? .plain : .bold) }
        let l = CardSessions.list(p, client, now: now)
        let today = p.calendar.day(of: now)
        let chosen = CardSessions.selected(m, p, client, now: now)?.id
        out.append(CardLine(text: "Upcoming sessions (\(l.upcoming.count))  ↑/↓ choose · M move · C cancel", style: .bold))
        if l.upcoming.isEmpty { out.append(CardLine(text: "  none booked", style: .muted)) }
        for a in l.upcoming { let (t, s) = CardSessions.line(a, p, today: today); out.append(CardLine(text: t, style: s, highlighted: a.id == chosen)) }
        out.append(CardLine(text: "Past sessions (\(l.past.count))", style: .bold))
        if l.past.isEmpty { out.append(CardLine(text: "  none yet", style: .muted)) }
        for a in l.past { let (t, s) = CardSessions.line(a, p, today: today); out.append(CardLine(text: t, style: s, highlighted: a.id == chosen)) }
        let history = ClientTimeline.entries(p, client)
        out.append(CardLine(text: "History (\(history.count), oldest first)  G newest · g top", style: .bold))
        if history.isEmpty { out.append(CardLine(text: "  nothing yet", style: .muted)) }
        for e in history {
            out.append(CardLine(text: "  \(p.calendar.dateString(e.at)) \(p.calendar.timeString(e.at))  \(e.text)", style: .plain))
        }
        return out
    }

    /// The rows the card shows on a screen of this size (the window's height less its frame).
    static func rows(lineCount: Int, screen: ScreenSize) -> Int {
        OverlayView.frameRect(width: width, height: lineCount + 2, screenWidth: screen.width, screenHeight: screen.height).h - 2
    }

    /// The page's first row: the mode's, clamped so the page never scrolls past its end (so PgUp after G moves at once).
    static func top(_ mode: CardScroll.Mode, _ lines: [CardLine], rows: Int) -> Int {
        let last = max(0, lines.count - rows)
        switch mode {
        case .end: return last
        case .line(let n): return min(max(0, n), last)
        case .follow:
            guard let at = lines.firstIndex(where: \.highlighted), at >= rows else { return 0 }
            return min(at - rows + 1 + context, last)
        }
    }

    /// The mode of the open card (follow when nothing moved it yet, or it is another client's).
    static func mode(_ m: ConsoleModel, _ client: ClientID) -> CardScroll.Mode {
        m.cardScroll.flatMap { $0.client == client ? $0.mode : nil } ?? .follow
    }

    static func draw(_ g: inout Grid, _ m: ConsoleModel, _ client: ClientID, _ p: Practice, _ now: Instant) {
        let lines = lines(m, client, p, now)
        // Whose card it is stays on the frame, since a scrolled page (or one opened at its end) hides the name line.
        let c = p.clients[client.index]
        let r = OverlayView.frame(&g, title: "Client card: \(c.name)  (\(c.id))", width: width, height: lines.count + 2)
        let rows = r.h - 2
        guard rows > 0 else { return }
        let top = top(mode(m, client), lines, rows: rows)
        for (i, l) in lines.dropFirst(top).prefix(rows).enumerated() {
            var style = l.style
            if l.highlighted { style.attributes.insert(.reverse) }
            g.putFitted(l.text, x: r.x + 2, y: r.y + 1 + i, width: r.w - 4, style: style)
        }
        // A page longer than the window says where it is on the bottom edge, as less does.
        if lines.count > rows {
            let end = min(lines.count, top + rows)
            let more = end < lines.count ? " ↓ PgDn" : (top > 0 ? " ↑ PgUp" : "")
            let at = " \(top + 1)–\(end) of \(lines.count)\(more) "
            let w = DisplayText.width(at)
            g.putFitted(at, x: r.x + r.w - 2 - w, y: r.y + r.h - 1, width: w, style: Style([], .accent))
        }
    }
}

extension ConsoleModel {
    /// PgDn/PgUp, Ctrl-D/Ctrl-U, G/End and g/Home on the client card; nil for any other action.
    mutating func cardScrollAction(_ action: KeyAction, _ client: ClientID, _ p: Practice, _ now: Instant) -> [ConsoleAction]? {
        let lines = CardPage.lines(self, client, p, now)
        let rows = CardPage.rows(lineCount: lines.count, screen: screen ?? ScreenSize(width: 80, height: 24))
        let top = CardPage.top(CardPage.mode(self, client), lines, rows: rows)
        let step = max(1, rows - 1)
        let mode: CardScroll.Mode
        switch action {
        case .pageDown: mode = .line(top + step)
        case .pageUp: mode = .line(top - step)
        case .halfPageDown: mode = .line(top + max(1, rows / 2))
        case .halfPageUp: mode = .line(top - max(1, rows / 2))
        case .last: mode = .end
        case .first: mode = .line(0)
        // j/k move the highlight and M/C act on it: the page brings it into view.
        case .down, .up, .moveSession, .cancelSession:
            cardScroll = CardScroll(client: client, mode: .follow)
            return nil
        default: return nil
        }
        cardScroll = CardScroll(client: client, mode: mode)
        return []
    }

    /// After a key: a card just opened starts at its top, or at its newest History when opened from the lapsed
    /// list (the weekly review); a closed card forgets where it was.
    mutating func pinCardScroll() {
        guard case .card(let client)? = overlays.last(where: { if case .card = $0 { true } else { false } }) else {
            cardScroll = nil
            return
        }
        guard cardScroll?.client != client else { return }
        cardScroll = CardScroll(client: client, mode: focus == .lapsed && overlays.count == 1 ? .end : .follow)
    }
}
