import KeepwarmCore

/// Finding a row in the list you are in (`/` in a list window, Ctrl-F in a pane), as in less and tig: the cursor
/// goes to the first row containing the text (case and accents ignored), and `n`/`N` go on to the next and previous.
/// Rows are never hidden, so a row's number under the action keys always means the row on screen.
public struct ListFind: Sendable, Equatable {
    public var list: ListName
    public var query = TextField()
    /// Where the cursor was when finding started: Esc puts it back.
    public var from: Int
}

extension ListCursor {
    /// Performs a move in a list of `count` rows, `page` rows to a screen; false when `action` is not a move.
    public mutating func perform(_ action: KeyAction, count: Int, page: Int) -> Bool {
        switch action {
        case .down: move(by: 1, count: count)
        case .up: move(by: -1, count: count)
        case .pageDown: move(by: max(1, page), count: count)
        case .pageUp: move(by: -max(1, page), count: count)
        case .halfPageDown: move(by: max(1, page / 2), count: count)
        case .halfPageUp: move(by: -max(1, page / 2), count: count)
        case .first: move(by: -count, count: count)
        case .last: move(by: count, count: count)
        default: return false
        }
        return true
    }
}

extension ConsoleModel {
    /// The text a row is found by: what the row shows that a person would type (names, ids, kinds, phones).
    func findText(_ list: ListName, _ data: ConsoleData, _ p: Practice) -> (Int) -> String {
        switch list {
        case .pane(.diary):
            let r = data.diary
            return { "\(r[$0].appointment.id) \(r[$0].clientName) \(r[$0].practitionerName) \(p.calendar.timeString(r[$0].appointment.start))" }
        case .pane(.lapsed):
            let r = data.lapsed
            return { "\(r[$0].client) \(r[$0].name)" }
        case .pane(.thankYous):
            let r = data.thankYous
            return { "\(r[$0].referral.id) \(r[$0].referrerName) \(r[$0].referredName)" }
        case .missedThankYous:
            let r = data.missedThankYous
            return { "\(r[$0].referral.id) \(r[$0].referrerName) \(r[$0].referredName)" }
        case .pane(.audit):
            let steps = auditOrder(data)
            return { "\(steps[$0].number) \(steps[$0].title)" }
        case .followUps:
            let r = data.followUps
            return { "\(r[$0].client) \(r[$0].name) \(r[$0].kind.rawValue)" }
        case .callbacks:
            let r = data.callbacks
            return { "\(r[$0].callback.id) \(r[$0].callback.name) \(r[$0].callback.phone) \(r[$0].callback.reason ?? "")" }
        case .messageLog:
            let m = messages
            return { m[$0].text }
        case .autopilot:
            let r = data.autopilot?.rows ?? []
            return { "\(r[$0].client) \(r[$0].name) \(r[$0].step.rawValue) \(r[$0].attempt.map(\.description) ?? "")" }
        case .drill:
            let s = drillSubjects(data)
            return { let row = DrillDown.row(s[$0], p); return "\(row.client?.description ?? "") \(row.name) \(row.what)" }
        }
    }

    /// The rows of `list` containing every word of `query`, in order.
    func matches(_ list: ListName, _ data: ConsoleData, _ p: Practice, _ query: String) -> [Int] {
        let words = FoldedNames.fold(query).split(separator: " ").map { Array($0.utf8) }
        guard !words.isEmpty else { return [] }
        let text = findText(list, data, p)
        return (0..<rows(list, data).count).filter { i in
            let hay = FoldedNames.bytes(text(i))
            return words.allSatisfy { FoldedNames.contains(hay, $0) }
        }
    }

    /// Opens the find line over `list`, empty as in less and tig (typing starts a new search, never appends to the
    /// last one); `n`/`N`, and ↓/↑ or Enter on the empty line, go on finding the text found last.
    mutating func startFind(_ list: ListName, at index: Int) {
        overlays.append(.find(ListFind(list: list, from: index)))
    }

    /// The next (or previous) row after `index` matching the text last found in `list`, wrapping round; nil (and the
    /// status line says why) when there is none.
    mutating func nextMatch(in list: ListName, _ data: ConsoleData, _ p: Practice, from index: Int, forward: Bool) -> Int? {
        guard let query = finds[list], !query.isEmpty else {
            status = StatusLine(text: "Nothing to find yet: press \(list.findKey) and type what to find", isError: true)
            return nil
        }
        let found = matches(list, data, p, query)
        guard !found.isEmpty else {
            status = StatusLine(text: "No row contains “\(query)”", isError: true)
            return nil
        }
        let next = forward ? (found.first { $0 > index } ?? found[0]) : (found.last { $0 < index } ?? found[found.count - 1])
        status = StatusLine(text: "“\(query)”: match \(found.firstIndex(of: next)! + 1) of \(found.count)", isError: false)
        return next
    }

    /// A key while the find line is open: typing moves the cursor to the first match from where finding started.
    mutating func findKey(_ action: KeyAction, key: Key, _ find: ListFind, _ data: ConsoleData, _ p: Practice) -> [ConsoleAction]? {
        var f = find
        let top = overlays.count - 1
        switch action {
        case .yes:
            overlays.removeLast()
            // Enter on the empty line keeps the last text for n/N.
            if !f.query.text.isEmpty { finds[f.list] = f.query.text }
            if !f.query.text.isEmpty {
                let n = matches(f.list, data, p, f.query.text).count
                status = StatusLine(text: n == 0 ? "No row contains “\(f.query.text)”"
                                    : "“\(f.query.text)”: \(n) match\(n == 1 ? "" : "es"); \(f.list.nextKeys) for the next and previous",
                                    isError: n == 0)
            }
            return []
        case .close:
            overlays.removeLast()
            moveCursor(f.list, to: f.from, data)
            return []
        case .nextMatch, .previousMatch:
            if !f.query.text.isEmpty { finds[f.list] = f.query.text }
            let at = cursor(f.list)?.index ?? f.from
            if let i = nextMatch(in: f.list, data, p, from: at, forward: action == .nextMatch) { moveCursor(f.list, to: i, data) }
            return []
        case .formKey:
            guard f.query.handle(key) else { return [] }
            overlays[top] = .find(f)
            let found = matches(f.list, data, p, f.query.text)
            if let i = found.first(where: { $0 >= f.from }) ?? found.first { moveCursor(f.list, to: i, data) }
            return []
        default:
            return nil
        }
    }

    /// Puts `list`'s cursor on row `index` (the record there is pinned after the key).
    mutating func moveCursor(_ list: ListName, to index: Int, _ data: ConsoleData) {
        guard var c = cursor(list) else { return }
        c.index = index
        c.clamp(count: rows(list, data).count)
        setCursor(c, list)
    }

    /// `f`: the follow-ups list, on the record it was on when it was last closed (if it is still due).
    mutating func openFollowUps(_ data: ConsoleData) {
        var c = ListCursor()
        if let id = lastFollowUp, let i = rows(.followUps, data).find(id, near: 0) { c.index = i }
        overlays.append(.followUps(c))
    }
}

extension ListName {
    /// The key that starts finding in this list.
    var findKey: String { if case .pane = self { "Ctrl-F" } else { "/" } }
    /// The keys for the next and previous match.
    var nextKeys: String { if case .pane = self { "Ctrl-N/Ctrl-P" } else if self == .autopilot { "Ctrl-N/Ctrl-P" } else { "n/N" } }
}

extension ConsoleModel {
    /// The list the find line is open over, if it is.
    var findingIn: ListName? { if case .find(let f) = overlays.last { f.list } else { nil } }
}

extension OverlayView {
    /// The find line on the status row: what is typed, and how many rows contain it.
    static func findLine(_ g: inout Grid, _ f: ListFind, _ m: ConsoleModel, _ data: ConsoleData, _ p: Practice, y: Int) {
        g.fill(x: 0, y: y, width: g.width, height: 1)
        let label = "Find in \(m.rows(f.list, data).title):"
        var x = 1 + g.put(label, x: 1, y: y, style: .bold) + 1
        let n = f.query.text.isEmpty ? nil : m.matches(f.list, data, p, f.query.text).count
        let tail = n.map { $0 == 0 ? "no match" : "\($0) match\($0 == 1 ? "" : "es")" } ?? ""
        let w = max(8, g.width - x - DisplayText.width(tail) - 3)
        f.query.render(into: &g, x: x, y: y, width: w, style: Style(.underline), focused: true)
        x += w + 1
        g.put(tail, x: x, y: y, style: n == 0 ? .danger : .muted)
    }
}
