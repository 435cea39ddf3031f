import KeepwarmCore

/// Draws the window on top of the panes: help, search, client card, a form, a choice, a question, or a list.
enum OverlayView {
    static func draw(_ g: inout Grid, _ o: Overlay, _ m: ConsoleModel, _ data: ConsoleData, _ p: Practice, _ now: Instant) {
        switch o {
        case .help(let scroll):
            help(&g, scroll: scroll, m)
        case .search(let s):
            search(&g, s, p, data)
        case .card(let c):
            CardSessions.draw(&g, m, c, p, now)
        case .form(_, let form):
            let w = min(g.width - 4, 76), h = min(g.height - 2, form.preferredHeight)
            form.render(into: &g, x: (g.width - w) / 2, y: max(1, (g.height - h) / 2), width: w, height: h)
        case .choice(let prompt):
            let opts = prompt.options.enumerated().map { "\($0.offset == prompt.cursor ? "›" : " ") \($0.element.key)  \($0.element.label)" }
            let w = choiceWidth(prompt, screenWidth: g.width)
            let r = frame(&g, title: prompt.title, width: w, height: opts.count + 2)
            for (i, l) in opts.enumerated() {
                g.putFitted(l, x: r.x + 1, y: r.y + 1 + i, width: r.w - 2, style: i == prompt.cursor ? .selected : .plain)
            }
        case .confirm(let prompt):
            lines(&g, title: prompt.title, prompt.lines, width: 64)
        case .followUps(let cursor):
            FollowUpsView.draw(&g, data, cursor)
        case .walkthrough(let step):
            WalkthroughView.draw(&g, step: step, data, p)
        case .reports(let kind, let scroll) where m.reportCharts:
            ReportChartsView.draw(&g, kind, scroll: scroll, m.charts)
        case .reports(let kind, let scroll):
            ReportsView.draw(&g, kind, scroll: scroll, data, updating: m.tables.asked != nil)
        case .message(let m):
            MessagePreviewView.draw(&g, m)
        case .call(let s):
            CallSheetView.draw(&g, s)
        case .week(let w):
            WeekView.draw(&g, w, p, now, site: m.site)
        case .freeSlots(let search, let cursor):
            FreeSlotView.draw(&g, search, cursor, p, now)
        case .practitioners(let cursor):
            PractitionersView.draw(&g, cursor, p)
        case .callbacks(let cursor):
            let rows = data.callbacks.map { r in
                [Column("\(Describe.day(r.callback.promisedBy, p)) \(p.calendar.timeString(r.callback.promisedBy))", 16, r.overdue ? .danger : .plain),
                 Column(r.callback.name, nil), Column(r.callback.phone, 15), Column(r.callback.reason ?? "", 20), Column(r.overdue ? "overdue" : "", 7, .danger)]
            }
            table(&g, title: "Callbacks owed (\(rows.count))", header: [Column("PROMISED BY", 16), Column("NAME", nil), Column("PHONE", 15), Column("REASON", 20), Column("", 7)], rows, cursor, empty: "No callbacks owed.")
        case .messageLog(let cursor):
            MessageLogView.draw(&g, m.messages, cursor, p)
        case .missedThankYous(let cursor):
            let rows = data.missedThankYous.map { r in
                [Column(r.referral.id.description, 5), Column(r.referrerName, 30), Column(r.referredName, nil),
                 Column("\(Int(-r.hoursLeft / 24)) days late", 13, .warning)]
            }
            table(&g, title: "Missed thank-yous (\(rows.count)): too late to send, still counted by the audit",
                  header: [Column("REF", 5), Column("REFERRER", 30), Column("REFERRED", nil), Column("LATE", 13)], rows, cursor,
                  empty: "No missed thank-yous.")
        case .autopilot(let cursor):
            AutopilotView.draw(&g, data.autopilot, cursor, m, p)
        case .importFile(let s):
            ImportView.draw(&g, s)
        case .drill(let s):
            DrillView.draw(&g, s, data, p, now)
        case .find:
            break
        }
    }

    /// A cleared, boxed window centred on screen; returns its rectangle.
    @discardableResult
    static func frame(_ g: inout Grid, title: String, width: Int, height: Int) -> ConsoleView.Rect {
        let r = frameRect(width: width, height: height, screenWidth: g.width, screenHeight: g.height)
        g.fill(x: r.x, y: r.y, width: r.w, height: r.h)
        g.box(x: r.x, y: r.y, width: r.w, height: r.h, title: title, style: Style([], .accent), titleStyle: .title)
        return r
    }

    /// Where `frame` puts a window of this size on this screen (the mouse finds rows with it too).
    static func frameRect(width: Int, height: Int, screenWidth: Int, screenHeight: Int) -> ConsoleView.Rect {
        let w = min(width, screenWidth - 2), h = min(height, screenHeight - 2)
        return ConsoleView.Rect(x: (screenWidth - w) / 2, y: max(1, (screenHeight - h) / 2), w: w, h: h)
    }

    /// The widths and heights `draw` asks `frame` for: the list windows', the search's and a choice's.
    static let tableWidth = 96
    static let searchWidth = 64
    static func tableHeight(screenHeight: Int) -> Int { screenHeight - 4 }
    static func searchHeight(screenHeight: Int) -> Int { min(screenHeight - 4, 18) }
    static func choiceWidth(_ prompt: ChoicePrompt, screenWidth: Int) -> Int { min(screenWidth - 4, max(44, DisplayText.width(prompt.title) + 6)) }

    /// Every key in two columns, scrolled when even that does not fit.
    static func help(_ g: inout Grid, scroll: Int, _ m: ConsoleModel) {
        let all = KeyHelp.helpLines(for: m, g.charset)
        let r = frame(&g, title: "Keys (j/k scroll, any other key closes)", width: g.width - 2, height: g.height - 2)
        let (rows, colW) = helpColumns(screenWidth: g.width, screenHeight: g.height)
        // Sections are not split without their title, and long descriptions wrap (`HelpColumns`).
        let laid = HelpColumns.columns(all, rows: rows, width: colW, scroll: scroll)
        for (c, column) in [laid.left, laid.right].enumerated() {
            for (i, l) in column.enumerated() {
                g.putFitted(l, x: r.x + 2 + c * (colW + 1), y: r.y + 1 + i, width: colW, style: l.hasPrefix(" ") || l.isEmpty ? .plain : .bold)
            }
        }
    }

    /// The help window's columns on a screen this size: how many rows each shows and how wide it is (the update
    /// scrolls by them, `ConsoleModel.helpScrolled`).
    static func helpColumns(screenWidth: Int, screenHeight: Int) -> (rows: Int, width: Int) {
        let r = frameRect(width: screenWidth - 2, height: screenHeight - 2, screenWidth: screenWidth, screenHeight: screenHeight)
        return (r.h - 2, (r.w - 4) / 2)
    }

    static func lines(_ g: inout Grid, title: String, _ text: [String], width: Int) {
        let r = frame(&g, title: title, width: width, height: text.count + 2)
        for (i, l) in text.prefix(r.h - 2).enumerated() {
            g.putFitted(l, x: r.x + 2, y: r.y + 1 + i, width: r.w - 4, style: l.hasPrefix(" ") || l.isEmpty ? .plain : .bold)
        }
    }

    static func table(_ g: inout Grid, title: String, header: [Column], _ rows: [[Column]], _ cursor: ListCursor, empty: String) {
        let r = frame(&g, title: title, width: tableWidth, height: tableHeight(screenHeight: g.height))
        g.row(header, x: r.x + 1, y: r.y + 1, width: r.w - 2, base: Style(.underline))
        if rows.isEmpty { g.put(empty, x: r.x + 2, y: r.y + 2, style: .muted) }
        let h = r.h - 3
        let top = firstVisible(selected: cursor.index, height: h)
        for i in top..<min(rows.count, top + h) {
            g.row(rows[i], x: r.x + 1, y: r.y + 2 + i - top, width: r.w - 2, base: i == cursor.index ? .selected : .plain)
        }
    }

    static func search(_ g: inout Grid, _ s: SearchState, _ p: Practice, _ data: ConsoleData) {
        let found = Search.clients(p, data.names, s.query.text)
        let r = frame(&g, title: "Find a client", width: searchWidth, height: searchHeight(screenHeight: g.height))
        g.put("Name:", x: r.x + 2, y: r.y + 1, style: .bold)
        s.query.render(into: &g, x: r.x + 8, y: r.y + 1, width: r.w - 10, style: Style(.underline), focused: true)
        if s.query.text.isEmpty { g.put("type part of a name", x: r.x + 8, y: r.y + 1, style: Style([.dim, .underline])) }
        let h = r.h - 4
        let top = firstVisible(selected: s.cursor.index, height: h)
        for i in top..<min(found.count, top + h) {
            let c = p.clients[found[i].index]
            let line = ClientSuggestions.searchRow(c, p)
            g.putFitted(line, x: r.x + 2, y: r.y + 3 + i - top, width: r.w - 4, style: i == s.cursor.index ? .selected : .plain)
        }
        if !s.query.text.isEmpty && found.isEmpty { g.put("No client matches.", x: r.x + 2, y: r.y + 3, style: .muted) }
    }
}

/// What the client card says about one client.
enum ClientCard {
    static func lines(_ p: Practice, _ id: ClientID, now: Instant) -> [String] {
        let c = p.clients[id.index]
        let h = ClientHistory(p, id)
        let cal = p.calendar
        func when(_ i: Instant) -> String { "\(Describe.day(i, p)) \(Civil.date(fromDays: cal.day(of: i)).0) \(cal.timeString(i))" }
        var out = [
            "\(c.name)  (\(c.id))\(c.status == .active ? "" : "  — \(c.status.rawValue)\(c.statusReason.map { ": \($0)" } ?? "")")",
            " Phone \(c.phone ?? "—")   Email \(c.email ?? "—")",
            " Source \(c.source ?? "—")   Contact \(c.contactAnswer)   Newsletter \(c.newsletter ? "yes" : "no")\(c.cadence.map { "   Cadence \($0) days" } ?? "")",
        ]
        if let r = c.referredBy { out.append(" Referred by \(p.clients[r.index].name) (\(r))") }
        out.append(" Sessions \(h.attended.count) attended, \(h.noShows) no-show, \(h.cancelled) cancelled")
        out.append(" Last visit \(h.lastAttended.map { when($0.start) } ?? "—")   Next \(h.nextBooking(after: now).map { when($0.start) } ?? "none booked")")
        if !c.referralsMade.isEmpty {
            out.append("Referrals made")
            for rid in c.referralsMade.suffix(3) {
                let r = p.referrals[rid.index]
                out.append("  \(p.clients[r.client.index].name)  \(cal.dateString(r.recordedAt))  \(r.thankedAt == nil ? "not thanked yet" : "thanked")")
            }
        }
        if !c.touchpoints.isEmpty {
            out.append("Touchpoints")
            for t in c.touchpoints.suffix(4) { out.append("  \(cal.dateString(t.at))  \(t.kind.rawValue)\(t.via.map { " by \(ChannelName.of($0))" } ?? "")") }
        }
        if !c.milestones.isEmpty || !c.feedback.isEmpty {
            out.append("Milestones and feedback")
            for m in c.milestones.suffix(2) { out.append("  \(cal.dateString(m.at))  \(m.kind.rawValue)") }
            for f in c.feedback.suffix(2) { out.append("  \(cal.dateString(f.at))  \(f.score)/5\(f.comment.map { "  “\($0)”" } ?? "")") }
        }
        return out
    }
}
