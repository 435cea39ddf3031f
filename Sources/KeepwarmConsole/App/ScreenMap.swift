import KeepwarmCore

/// What is drawn at a cell of the screen, worked out from the same layout the view draws with, so a click lands on the
/// row the person sees there (the mouse).
enum ScreenMap {
    /// The pane at a cell, with the row of its list shown there (nil on a border, the header, or below the last row).
    static func pane(at x: Int, _ y: Int, _ m: ConsoleModel, _ data: ConsoleData, _ p: Practice, screen s: ScreenSize) -> (pane: PaneID, row: Int?)? {
        guard let (pane, r) = ConsoleView.layout(m, width: s.width, height: s.height)
            .first(where: { x >= $0.1.x && x < $0.1.x + $0.1.w && y >= $0.1.y && y < $0.1.y + $0.1.h }) else { return nil }
        // As `ConsoleView.drawPane`: a header row under the top border, then the list, then the bottom border.
        let count = data.count(pane), listH = r.h - 3, line = y - (r.y + 2)
        guard count > 0, line >= 0, line < listH, x > r.x, x < r.x + r.w - 1 else { return (pane, nil) }
        let selected = min(m.cursors[pane]?.index ?? 0, count - 1)
        if pane == .diary {
            // The diary has dividers among its rows (the morning-after group, "now"): as `DiaryPane.drawList`.
            let all = DiaryPane.lines(data, p)
            let n = firstVisible(selected: all.firstIndex(of: .row(selected)) ?? 0, height: listH) + line
            guard all.indices.contains(n), case .row(let i) = all[n] else { return (pane, nil) }
            return (pane, i)
        }
        let row = firstVisible(selected: selected, height: listH) + line
        return (pane, row < count ? row : nil)
    }

    /// The row of the list window on top (follow-ups, callbacks, search results, a choice) shown at a cell; nil
    /// anywhere else, or when the window on top has no list.
    static func overlayRow(at x: Int, _ y: Int, _ m: ConsoleModel, _ data: ConsoleData, _ p: Practice, screen s: ScreenSize) -> Int? {
        // (first row's y offset in the window, rows shown, rows in all, the selected row, the window)
        let list: (first: Int, shown: (ConsoleView.Rect) -> Int, count: Int, selected: Int, rect: ConsoleView.Rect)
        func table(_ count: Int, _ c: ListCursor) -> (Int, (ConsoleView.Rect) -> Int, Int, Int, ConsoleView.Rect) {
            let r = OverlayView.frameRect(width: OverlayView.tableWidth, height: OverlayView.tableHeight(screenHeight: s.height),
                                          screenWidth: s.width, screenHeight: s.height)
            return (2, { $0.h - 3 }, count, c.index, r)
        }
        switch m.overlays.last {
        case .followUps(let c)?: return FollowUpsView.row(at: x, y, data, c, screen: s)
        case .callbacks(let c)?: list = table(data.callbacks.count, c)
        case .search(let q)?:
            let r = OverlayView.frameRect(width: OverlayView.searchWidth, height: OverlayView.searchHeight(screenHeight: s.height),
                                          screenWidth: s.width, screenHeight: s.height)
            list = (3, { $0.h - 4 }, Search.clients(p, data.names, q.query.text).count, q.cursor.index, r)
        case .choice(let prompt)?:
            let r = OverlayView.frameRect(width: OverlayView.choiceWidth(prompt, screenWidth: s.width), height: prompt.options.count + 2,
                                          screenWidth: s.width, screenHeight: s.height)
            // Every option is shown, from the first: the window is as tall as the list.
            return x > r.x && x < r.x + r.w - 1 && y > r.y && y <= r.y + min(prompt.options.count, r.h - 2) ? y - r.y - 1 : nil
        default: return nil
        }
        let r = list.rect, line = y - (r.y + list.first), shown = list.shown(r)
        guard x > r.x, x < r.x + r.w - 1, line >= 0, line < shown else { return nil }
        let row = firstVisible(selected: list.selected, height: shown) + line
        return row < list.count ? row : nil
    }
}
