import KeepwarmCore

/// `f`: the follow-ups due, grouped by kind with a count on each group's heading (the rows are in that order,
/// `ConsoleData.byKind`); headings are not rows, so the cursor and every key still mean the record on the row.
enum FollowUpsView {
    static func draw(_ g: inout Grid, _ data: ConsoleData, _ cursor: ListCursor) {
        let rows = data.followUps
        let r = OverlayView.frame(&g, title: "Follow-ups due (\(rows.count))", width: 96, height: g.height - 4)
        let header = [Column("DUE", 10), Column("CLIENT", nil), Column("KIND", 20)]
        g.row(header, x: r.x + 1, y: r.y + 1, width: r.w - 2, base: Style(.underline))
        guard !rows.isEmpty else {
            g.put("Nothing due: every message has gone out.", x: r.x + 2, y: r.y + 2, style: .muted)
            return
        }
        // The lines: a heading before each kind, then its rows (nil for a heading).
        var counts: [TouchpointKind: Int] = [:]
        for row in rows { counts[row.kind, default: 0] += 1 }
        var lines: [(row: Int?, kind: TouchpointKind)] = []
        for (i, row) in rows.enumerated() {
            if i == 0 || rows[i - 1].kind != row.kind { lines.append((nil, row.kind)) }
            lines.append((i, row.kind))
        }
        let h = r.h - 3
        let selectedLine = lines.firstIndex { $0.row == cursor.index } ?? 0
        // The selected row's heading stays in view when it fits.
        var top = firstVisible(selected: selectedLine, height: h)
        if top > 0, lines[top].row != nil, selectedLine - (top - 1) < h, lines[top - 1].row == nil { top -= 1 }
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
}
