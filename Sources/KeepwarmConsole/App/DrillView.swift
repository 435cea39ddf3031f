import KeepwarmCore

/// The drill-down window: the clients, sessions or referrals behind one figure of the audit walkthrough or the reports
/// screen (Enter there). Enter on a row opens the client's card; ←/→ go to the figure before or after; `m` switches
/// between the records that missed, those counted, and all of them.
public struct DrillState: Sendable, Equatable {
    /// Where the figure comes from.
    public enum Origin: Sendable, Equatable {
        /// An audit step's evidence, live: it is worked out again when the log changes.
        case audit(step: Int)
        /// A report's figure, by its place among the report's figures that have a list.
        case report(ReportKind, figure: Int)
    }

    public var origin: Origin
    public var list: FigureList
    public var cursor = ListCursor()

    public init(origin: Origin, list: FigureList) {
        self.origin = origin
        self.list = list
    }

    /// The figures this window steps through with ←/→: the audit's steps with a list, or the report's figures with one.
    static func figures(_ origin: Origin, _ data: ConsoleData, _ p: Practice, _ now: Instant) -> [PlacedFigure] {
        switch origin {
        case .audit:
            guard let s = data.audit else { return [] }
            let w = AuditWindow(end: now)
            return AuditEvidence.placedFigures(s.evidence, window: w, calendar: p.calendar).filter { $0.figure.members != nil }
        case .report(let kind, _):
            return reportFigures(kind, data)
        }
    }

    /// A report's figures that have a list, in the order the report shows them.
    static func reportFigures(_ kind: ReportKind, _ data: ConsoleData) -> [PlacedFigure] {
        guard let r = data.reports else { return [] }
        // As the tables show them: the sources' EARLIER column opens too, and why-left's counts follow retention's.
        let all = switch kind {
        case .sources: r.sources.placedFigures(showing: ReportsView.sourcesQuartersShown(r.sources))
        case .referrers: r.referrers.placedFigures
        case .retention: r.retention.placedFigures + r.whyLeft.shownFigures
        }
        return all.filter { $0.figure.members != nil }
    }

    /// The records listed now, from the snapshot alone: what the cursor follows by id when the snapshot changes.
    func subjects(_ data: ConsoleData) -> [FigureSubject] {
        let m: FigureMembers?
        switch origin {
        case .audit(let step): m = data.audit?.evidence.first { $0.step == step }?.members
        case .report(let kind, let n):
            let all = Self.reportFigures(kind, data)
            m = all.indices.contains(n) ? all[n].figure.members : nil
        }
        return m.map(list.subjects) ?? []
    }

    /// The figure shown and its place among `figures`.
    func figure(_ data: ConsoleData, _ p: Practice, _ now: Instant) -> (index: Int, count: Int, figure: PlacedFigure)? {
        let all = Self.figures(origin, data, p, now)
        let i: Int?
        switch origin {
        case .audit(let step): i = all.firstIndex { $0.figure.key == String(step) }
        case .report(_, let n): i = all.indices.contains(n) ? n : nil
        }
        guard let i else { return nil }
        return (i, all.count, all[i])
    }

    /// The list now shown, worked out from the snapshot (a screenful of rows is described when drawn).
    func drill(_ data: ConsoleData, _ p: Practice, _ now: Instant) -> DrillDown? {
        figure(data, p, now).flatMap { DrillDown.of($0.figure, list: list, in: p) }
    }

    /// The list a figure opens on: for a share, the records that missed (the leak); for a count, those counted.
    /// A share whose numerator is the bad thing (the no-show rate, `ListNames`) opens on what it counts.
    static func firstList(_ f: Figure) -> FigureList { f.hasMissedList && f.members?.names == nil ? .missed : .counted }

    /// `m`: missed → counted → all → missed; a count has only its one list (false, and the list stays).
    mutating func nextList(_ f: Figure) -> Bool {
        guard f.hasMissedList else { return false }
        list = switch list { case .missed: .counted; case .counted: .all; case .all: .missed }
        return true
    }
}

extension ConsoleModel {
    /// Enter in the walkthrough or the reports screen: the records behind the step's figure or the report's first one.
    mutating func openDrill(_ origin: DrillState.Origin, _ data: ConsoleData, _ p: Practice, _ now: Instant) {
        let all = DrillState.figures(origin, data, p, now)
        var target = origin
        var chosen: PlacedFigure?
        switch origin {
        case .audit(let step): chosen = all.first { $0.figure.key == String(step) }
        case .report(let kind, _):
            chosen = all.first
            target = .report(kind, figure: 0)
        }
        guard let f = chosen else {
            // Enter on the reports screen before its tables are in (they are worked out off the key press, `TablesKept`).
            if case .report = origin, data.reports == nil {
                status = StatusLine(text: "still working out the reports; press Enter again in a moment", isError: false)
                return
            }
            status = StatusLine(text: all.isEmpty && data.audit == nil && data.reports == nil
                                ? "the figures are still being worked out; try again in a moment"
                                : "this figure counts no clients or sessions, so there is no list behind it", isError: true)
            return
        }
        overlays.append(.drill(DrillState(origin: target, list: DrillState.firstList(f.figure))))
    }

    mutating func drillKey(_ action: KeyAction, _ state: DrillState, top: Int, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        var s = state
        let d = s.drill(data, p, now)
        let count = d?.subjects.count ?? 0
        if s.cursor.perform(action, count: count, page: pageSize) {
            overlays[top] = .drill(s)
            return []
        }
        switch action {
        case .close: overlays.removeLast()
        case .openCard:
            guard let d, d.subjects.indices.contains(s.cursor.index) else { return [] }
            // The row under the cursor, by its record: never whatever now stands at that row number.
            guard let c = d.subjects[s.cursor.index].client, p.client(c) != nil else {
                status = StatusLine(text: "a callback from someone who is not a client has no card", isError: true)
                return []
            }
            overlays.append(.card(c))
        case .drillList:
            guard let f = s.figure(data, p, now) else { return [] }
            guard s.nextList(f.figure.figure) else {
                // Said, not silently ignored: m switches lists only for a share.
                // Short enough for 80 columns; `--missed` on the command line says why at length (oneListReason).
                status = StatusLine(text: "\(f.figure.figure.key) has one list: m switches lists only for a share", isError: false)
                return []
            }
            s.cursor = ListCursor()
            overlays[top] = .drill(s)
        case .nextFigure, .previousFigure:
            let all = DrillState.figures(s.origin, data, p, now)
            guard let here = s.figure(data, p, now), !all.isEmpty else { return [] }
            let i = (here.index + (action == .nextFigure ? 1 : all.count - 1)) % all.count
            switch s.origin {
            case .audit: s.origin = .audit(step: Int(all[i].figure.key) ?? 1)
            case .report(let kind, _): s.origin = .report(kind, figure: i)
            }
            s.list = DrillState.firstList(all[i].figure)
            s.cursor = ListCursor()
            overlays[top] = .drill(s)
        default: return nil
        }
        return []
    }
}

/// Draws the drill-down window: the figure and its period, what the list is, then one row per record.
enum DrillView {
    static func draw(_ g: inout Grid, _ s: DrillState, _ data: ConsoleData, _ p: Practice, _ now: Instant) {
        // Full screen like the reports and the walkthrough it opens from, so nothing of them shows around it.
        let r = ConsoleView.Rect(x: 0, y: 1, w: g.width, h: g.height - 3)
        g.fill(x: r.x, y: r.y, width: r.w, height: r.h)
        g.box(x: r.x, y: r.y, width: r.w, height: r.h, title: "Behind the figure", style: Style([], .accent), titleStyle: .title)
        guard let here = s.figure(data, p, now), let d = DrillDown.of(here.figure, list: s.list, in: p) else {
            g.put("This figure is no longer there: Esc goes back.", x: r.x + 2, y: r.y + 1, style: .muted)
            return
        }
        let inner = r.w - 4
        g.putFitted(d.title, x: r.x + 2, y: r.y + 1, width: inner, style: .bold)
        let which = "figure \(here.index + 1) of \(here.count)"
        g.putFitted("Period: \(d.period)   \(which)", x: r.x + 2, y: r.y + 2, width: inner, style: .muted)
        let names = here.figure.figure.members?.names
        let lists = here.figure.figure.hasMissedList ? "   m: \(names.map { "\($0.counted)/all/\($0.missed)" } ?? "missed/counted/all")" : ""
        g.putFitted("\(d.caption)\(lists)", x: r.x + 2, y: r.y + 3, width: inner, style: .plain)
        let idW = 7, nameW = min(28, max(12, inner / 3))
        g.row([Column("ID", idW), Column("NAME", nameW), Column("WHAT WAS COUNTED", nil)], x: r.x + 1, y: r.y + 4, width: r.w - 2, base: Style(.underline))
        if d.subjects.isEmpty {
            g.put(s.list == .missed ? "Nobody: every record met the step." : "Nobody: nothing was counted here.", x: r.x + 2, y: r.y + 5, style: .muted)
        }
        let h = r.h - 6
        guard h > 0 else { return }
        var cursor = s.cursor
        cursor.clamp(count: d.subjects.count)
        let top = firstVisible(selected: cursor.index, height: h)
        for i in top..<min(d.subjects.count, top + h) {
            let row = d.row(i, in: p)
            let id = row.client?.description ?? { if case .callback(let cb) = row.subject { cb.description } else { "" } }()
            g.row([Column(id, idW), Column(row.name, nameW), Column(row.what, nil)], x: r.x + 1, y: r.y + 5 + i - top,
                  width: r.w - 2, base: i == cursor.index ? .selected : .plain)
        }
    }
}

extension FigureSubject {
    /// The list key the cursor follows: the session, referral or callback itself, else the client.
    var rowKey: RowKey {
        switch self {
        case .session(let a, _): .appointment(a)
        case .referral(let r, _): .referral(r)
        case .callback(let cb): .callback(cb)
        case .client(let c), .milestone(let c, _), .score(let c, _): .client(c)
        }
    }
}

extension ConsoleModel {
    /// The open drill-down window's state, innermost.
    var drillState: DrillState? {
        for o in overlays.reversed() { if case .drill(let s) = o { return s } }
        return nil
    }

    /// The records of the open drill-down, as `Selection` follows them.
    func drillSubjects(_ data: ConsoleData) -> [FigureSubject] { drillState?.subjects(data) ?? [] }
}
