import KeepwarmCore

/// `A`: the autopilot's list, and what the desk can do about one message or one client. Every key acts on the record
/// the cursor is on (held by its message key or try id, `Selection.swift`), and every change is a command checked
/// again against the log under its lock, so a message another desk (or a run) settled meanwhile is refused, not
/// acted on twice.
enum AutopilotScreen {
    static let keymap = Keymap("Autopilot", [
        // Short labels: at 80 columns the bar keeps all five and Esc; `?` lists what asks first (`KeyHelp.asksFirst`).
        Binding([.char("h")], "hold", bar: true, .holdAutopilot),
        Binding([.char("r")], "release", bar: true, .releaseAutopilot),
        Binding([.char("x")], "skip", bar: true, .skipMessage),
        Binding([.char("s")], "it went", bar: true, .itWasSent),
        Binding([.char("n")], "not sent", bar: true, .itWasNotSent),
        Binding([.enter], "card", bar: true, .openCard),
        Binding([.char("M")], "messages of this session", .messageLog),
        Binding([.escape, .char("q"), .char("A")], "close", bar: true, .close), Keymap.windowHelp,
    ] + Keymap.listMoves + [
        // `n` is "not sent" here, so the next and previous match are Ctrl-N and Ctrl-P only.
        Binding([.char("/"), .ctrl("f")], "find in this list", .find),
        Binding([.ctrl("n")], "next match", .nextMatch), Binding([.ctrl("p")], "previous match", .previousMatch),
    ])

    /// `h`: until when. Empty holds until someone releases it.
    static func holdForm(_ id: ClientID, _ p: Practice) -> Form {
        Form(title: "Hold the autopilot's messages to \(p.clients[id.index].name) (\(id))", fields: [
            FormField(key: "until", label: "Until", hint: "empty: until released; or 2026-12-01, +2w, fri"),
        ])
    }

    static func holdCommand(_ id: ClientID, _ f: Form, _ input: DateInput) throws -> Command {
        let until = f.value("until").trimmingCharacters(in: .whitespaces)
        return .holdAutopilot(client: id.description, untilDay: until.isEmpty ? nil : try input.day(until))
    }

    /// `x`: one message will not go, and leaves the desk's lists too.
    static func skip(_ r: AutopilotList.Row, key: String) -> ConfirmPrompt {
        ConfirmPrompt(title: "Skip \(r.name)'s \(r.step.rawValue)?", lines: [
            "Due \(r.when)\(r.channel.map { " by \($0.rawValue)" } ?? ""). Nobody sends it: not the autopilot, not the desk.",
            "y skips it · n keeps it",
        ], onConfirm: .record(.skipMessage(client: r.client.description, key: key)), enterConfirms: false)
    }

    /// `s`/`n` on a row that is not an unresolved try: why not, in the words of the row's own try when it has one
    /// (a run sending it right now, or a try that failed), else that it has not been tried.
    static func notUnresolved(_ r: AutopilotList.Row, _ cal: PracticeCalendar) -> String {
        switch r.stop {
        case .sending(let id, let until)?:
            "\(id) is being sent by a run right now: if it is still in doubt after \(cal.timeString(until)), s or n settles it"
        case .failed(let id, _)?:
            "\(id) was tried and failed: it is listed for the desk; s and n answer only a try nobody knows the outcome of"
        case .retryLater(let id, _)?:
            "\(id) was tried and the run goes again by itself; s and n answer only a try nobody knows the outcome of"
        default:
            "s and n answer an unresolved try; this message has not been tried: x skips it"
        }
    }

    /// `s`/`n` on an unresolved try: a person says what happened, once.
    static func resolve(_ r: AutopilotList.Row, _ id: AttemptID, sent: Bool) -> ConfirmPrompt {
        let what = "\(id): \(r.step.rawValue)\(r.channel.map { " by \($0.rawValue)" } ?? "") to \(r.name), tried \(r.when)."
        return ConfirmPrompt(title: sent ? "Record \(id) as sent?" : "Record \(id) as not sent?", lines: sent ? [
            what, "Only if you know the client got it: it counts as sent and never goes again.", "y records it sent · n leaves it",
        ] : [
            what, "It goes back on the desk's lists for a person to send.", "y records it not sent · n leaves it",
        ], onConfirm: .record(.resolveMessage(id.description, sent: sent)), enterConfirms: false)
    }
}

extension ConsoleModel {
    /// Whether `A` is open (under other windows too): its list is then kept up to date.
    public var showsAutopilot: Bool { overlays.contains { if case .autopilot = $0 { true } else { false } } }

    /// Keys on the autopilot screen.
    mutating func autopilotKey(_ action: KeyAction, _ cursor: ListCursor, top: Int, data: ConsoleData, practice p: Practice,
                               now: Instant) -> [ConsoleAction]? {
        var cursor = cursor
        let rows = data.autopilot?.rows ?? []
        if cursor.perform(action, count: rows.count, page: pageSize) {
            // The whole of the new row is under the list; an old message would hide it.
            status = nil
            overlays[top] = .autopilot(cursor)
            return []
        }
        switch action {
        case .close:
            overlays.removeLast()
            return []
        case .messageLog:
            openMessageLog()
            return []
        case .find:
            startFind(.autopilot, at: cursor.index)
            return []
        case .nextMatch, .previousMatch:
            if let i = nextMatch(in: .autopilot, data, p, from: cursor.index, forward: action == .nextMatch) { cursor.index = i }
            overlays[top] = .autopilot(cursor)
            return []
        default: break
        }
        cursor.clamp(count: rows.count)
        overlays[top] = .autopilot(cursor)
        guard rows.indices.contains(cursor.index) else {
            status = StatusLine(text: "nothing selected: the autopilot has no message in hand", isError: true)
            return []
        }
        let row = rows[cursor.index]
        switch action {
        case .openCard:
            overlays.append(.card(row.client))
        case .holdAutopilot:
            openForm(.holdAutopilot(row.client), p, now)
        case .releaseAutopilot:
            return [.record(.releaseAutopilot(client: row.client.description))]
        case .skipMessage:
            guard let key = row.messageKey else {
                status = StatusLine(text: "\(row.attempt?.description ?? "this") was already tried: s if it went, n if it did not", isError: true)
                return []
            }
            overlays.append(.confirm(AutopilotScreen.skip(row, key: key)))
        case .itWasSent, .itWasNotSent:
            guard let id = row.attempt else {
                status = StatusLine(text: AutopilotScreen.notUnresolved(row, p.calendar), isError: true)
                return []
            }
            overlays.append(.confirm(AutopilotScreen.resolve(row, id, sent: action == .itWasSent)))
        default:
            return nil
        }
        return []
    }
}

extension ConsoleData {
    /// Works out the autopilot screen's list while it is shown (and drops it when not); true when it was worked out
    /// afresh for a screen that had none, so the model can put its cursor on the first record.
    public mutating func showAutopilot(_ shown: Bool, _ p: Practice, now: Instant) -> Bool {
        guard shown else {
            autopilot = nil
            return false
        }
        if let a = autopilot, a.isCurrent(p, now: now) { return false }
        let opened = autopilot == nil
        autopilot = AutopilotList(p, now: now)
        return opened
    }
}

/// Draws `A`: the last run, then each section under its heading, then the selected row whole on the status row.
enum AutopilotView {
    static let width = 132

    static func draw(_ g: inout Grid, _ list: AutopilotList?, _ cursor: ListCursor, _ m: ConsoleModel, _ p: Practice) {
        let rows = list?.rows ?? []
        let r = OverlayView.frame(&g, title: "Autopilot (\(rows.count))", width: width, height: g.height - 4)
        let inner = r.w - 4
        var y = r.y + 1
        guard let list else {
            g.put("Working out the autopilot's messages…", x: r.x + 2, y: y, style: .muted)
            return
        }
        // The header: two lines at most, so the list keeps its room on 24 rows.
        if list.live {
            g.putFitted(list.header[0], x: r.x + 2, y: y, width: inner, style: .plain)
            y += 1
        } else {
            for line in MessageLogView.wrap(list.header[0], inner).prefix(2) {
                g.putFitted(line, x: r.x + 2, y: y, width: inner, style: .warning)
                y += 1
            }
        }
        if list.live || y < r.y + 3 {
            g.putFitted(list.header[1], x: r.x + 2, y: y, width: inner, style: .muted)
            y += 1
        }
        let header = [Column("WHEN", 12), Column("CLIENT", 18), Column("STEP", 19), Column("VIA", 6), Column("WHY / WHAT STOPS IT", nil)]
        g.row(header, x: r.x + 1, y: y, width: r.w - 2, base: Style(.underline))
        y += 1
        guard !rows.isEmpty else {
            // Wrapped inside the frame: at 80 columns the sentence is wider than the window.
            let empty = "No message in hand: nothing is due under an auto policy (keepwarm autopilot show)."
            for line in MessageLogView.wrap(empty, inner).prefix(max(0, r.y + r.h - 1 - y)) {
                g.putFitted(line, x: r.x + 2, y: y, width: inner, style: .muted)
                y += 1
            }
            return
        }
        let lines = Self.lines(rows), h = r.y + r.h - 1 - y
        let selectedLine = lines.firstIndex { $0.row == cursor.index } ?? 0
        var top = firstVisible(selected: selectedLine, height: h)
        // The selected row's heading too, when it fits.
        if top > 0, lines[top].row != nil, selectedLine - (top - 1) < h, lines[top - 1].row == nil { top -= 1 }
        var counts: [AutopilotList.Section: Int] = [:]
        for row in rows { counts[row.section, default: 0] += 1 }
        for line in lines[top..<min(lines.count, top + h)] {
            guard let i = line.row else {
                g.putFitted(line.section.title(counts[line.section] ?? 0), x: r.x + 2, y: y, width: inner,
                            style: line.section == .unresolved ? .danger : .bold)
                y += 1
                continue
            }
            let row = rows[i]
            let noteStyle: Style = row.section == .unresolved ? .danger : row.section == .needsPerson ? .warning : .plain
            let cols = [Column(row.when, 12), Column(row.name, 18), Column(row.step.rawValue, 19), Column(row.channel?.rawValue ?? "—", 6),
                        Column(row.note, nil, noteStyle)]
            g.row(cols, x: r.x + 1, y: y, width: r.w - 2, base: i == cursor.index ? .selected : .plain)
            y += 1
        }
        // The whole of the selected row on the status row, unless a message is there (`M` keeps those).
        if m.status == nil, rows.indices.contains(cursor.index) {
            let text = StatusFit.fit(rows[cursor.index].full, width: g.width - 2)
            g.fill(x: 0, y: g.height - 2, width: g.width, height: 1)
            g.putFitted(text, x: 1, y: g.height - 2, width: g.width - 2, style: .plain)
        }
    }

    /// The lines drawn: a heading before each section, then its rows (nil for a heading).
    static func lines(_ rows: [AutopilotList.Row]) -> [(row: Int?, section: AutopilotList.Section)] {
        var out: [(row: Int?, section: AutopilotList.Section)] = []
        for (i, row) in rows.enumerated() {
            if i == 0 || rows[i - 1].section != row.section { out.append((nil, row.section)) }
            out.append((i, row.section))
        }
        return out
    }
}
