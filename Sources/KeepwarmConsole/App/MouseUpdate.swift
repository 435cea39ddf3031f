import KeepwarmCore

extension ConsoleModel {
    /// A click focuses the pane under the pointer and selects the row clicked; the wheel moves the selection of the
    /// list under the pointer. In a list window a click selects a row and the wheel moves through it; the help and
    /// the reports scroll. A click never does anything that records: that stays a key (Enter, `a`…), pressed on a row
    /// the person can see is selected.
    mutating func mouse(_ e: MouseEvent, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction] {
        // Without a layout (a test that never drew) a cell means nothing.
        guard let s = screen else { return [] }
        if recordLeftBeforeKey(data, p) { return [] }
        let before = cursorRows
        defer { pinSelection(data, p, before: before) }
        let step = e.kind == .wheelUp ? -MouseEvent.wheelRows : MouseEvent.wheelRows
        guard let top = overlays.indices.last else {
            guard let (pane, row) = ScreenMap.pane(at: e.x, e.y, self, data, p, screen: s) else { return [] }
            status = nil
            var cursor = cursors[pane] ?? ListCursor()
            switch e.kind {
            case .click:
                focus = pane
                if let row { cursor.index = row }
            case .wheelUp, .wheelDown:
                cursor.move(by: step, count: data.count(pane))
            }
            cursors[pane] = cursor
            return []
        }
        let row = e.kind == .click ? ScreenMap.overlayRow(at: e.x, e.y, self, data, p, screen: s) : nil
        switch overlays[top] {
        case .followUps(var c):
            if let row { c.index = row } else if e.kind != .click { c.move(by: step, count: data.followUps.count) }
            overlays[top] = .followUps(c)
        case .callbacks(var c):
            if let row { c.index = row } else if e.kind != .click { c.move(by: step, count: data.callbacks.count) }
            overlays[top] = .callbacks(c)
        case .search(var q):
            if let row { q.cursor.index = row } else if e.kind != .click { q.cursor.move(by: step, count: Search.clients(p, data.names, q.query.text).count) }
            overlays[top] = .search(q)
        case .choice(var prompt):
            if let row { prompt.cursor = row } else if e.kind != .click { prompt.cursor = min(max(0, prompt.cursor + step.signum()), prompt.options.count - 1) }
            overlays[top] = .choice(prompt)
        case .autopilot(var c) where e.kind != .click:
            c.move(by: step, count: data.autopilot?.rows.count ?? 0)
            overlays[top] = .autopilot(c)
        case .help(let scroll) where e.kind != .click:
            overlays[top] = .help(scroll: helpScrolled(scroll, by: step))
        case .reports(let kind, let scroll) where e.kind != .click:
            overlays[top] = .reports(kind, scroll: reportsTop(kind, reportsTop(kind, scroll, data) + step, data))
        case .importFile(let s) where e.kind != .click:
            importScroll(s, to: s.scroll + step, top: top)
        default: break
        }
        return []
    }
}
