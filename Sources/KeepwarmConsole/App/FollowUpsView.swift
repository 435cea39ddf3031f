import KeepwarmCore

/// `f`: the follow-ups due, grouped by kind with a count on each group's heading (the rows are in that order,
/// `ConsoleData.byKind`); headings are not rows, so the cursor and every key still mean the record on the row.
enum FollowUpsView {
    static func draw(_ g: inout Grid, _ data: ConsoleData, _ cursor: ListCursor) {
        let rows = data.followUps
        let r = OverlayView.frame(&g, title: "Follow-ups due (\(rows.count))", width: width, height: g.height - 4)
        let header = [Column("DUE", 10), Column("CLIENT", nil), Column("KIND", 20)]
        g.row(header, x: r.x + 1, y: r.y + 1, width: r.w - 2, base: Style(.underline))
        guard !rows.isEmpty else {
            g.put("Nothing due: every message has gone out.", x: r.x + 2, y: r.y + 2, style: .muted)
            return
        }
        var counts: [TouchpointKind: Int] = [:]
        for row in rows { counts[row.kind, default: 0] += 1 }
        let lines = Self.lines(rows), h = r.h - 3
        let top = Self.top(lines, selected: cursor.index, height: h)
        for (y, line) in lines[top..<min(lines.count, top + h)].enumerated() {
            let yy = r.y + 2 + y
            guard let i = line.row else {
                g.putFitted("\(line.kind.rawValue) (\(counts[line.kind] ?? 0))", x: r.x + 2, y: yy, width: r.w - 4, style: .bold)
                continue
            }
            let row = rows[i]
            let cols = [Column(Civil.string(ofDay: row.dueDay), 10), Column(row.name, nil),
                        Column(row.kind.rawValue, 20, row.dueDay < data.today ? .warning : .plain)]
            g.row(cols, x: r.x + 1, y: yy, width: r.w - 2, base: i == cursor.index ? .selected : .plain)
        }
    }

    static let width = 96

    /// The lines drawn: a heading before each kind, then its rows (nil for a heading).
    static func lines(_ rows: [FollowUpRow]) -> [(row: Int?, kind: TouchpointKind)] {
        var lines: [(row: Int?, kind: TouchpointKind)] = []
        for (i, row) in rows.enumerated() {
            if i == 0 || rows[i - 1].kind != row.kind { lines.append((nil, row.kind)) }
            lines.append((i, row.kind))
        }
        return lines
    }

    /// The first line shown: the selected row in view, and its heading too when it fits.
    static func top(_ lines: [(row: Int?, kind: TouchpointKind)], selected: Int, height h: Int) -> Int {
        let selectedLine = lines.firstIndex { $0.row == selected } ?? 0
        var top = firstVisible(selected: selectedLine, height: h)
        if top > 0, lines[top].row != nil, selectedLine - (top - 1) < h, lines[top - 1].row == nil { top -= 1 }
        return top
    }

    /// The row drawn at a cell (nil on a heading, a border or below the last row): what a click there selects.
    static func row(at x: Int, _ y: Int, _ data: ConsoleData, _ cursor: ListCursor, screen s: ScreenSize) -> Int? {
        let r = OverlayView.frameRect(width: width, height: s.height - 4, screenWidth: s.width, screenHeight: s.height)
        let h = r.h - 3, line = y - (r.y + 2)
        guard x > r.x, x < r.x + r.w - 1, line >= 0, line < h else { return nil }
        let lines = Self.lines(data.followUps)
        let n = top(lines, selected: cursor.index, height: h) + line
        return lines.indices.contains(n) ? lines[n].row : nil
    }
}
