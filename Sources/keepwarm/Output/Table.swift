import KeepwarmCore

/// An aligned text table for people: columns sized by terminal display width, data made safe to print.
struct Table {
    let headers: [String]
    let rows: [[String]]
    /// Widest a column may grow before its cells are cut with an ellipsis.
    var maxColumnWidth = 40

    init(_ headers: [String], _ rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    func lines() -> [String] {
        var widths = headers.map { DisplayText.width($0) }
        for r in rows {
            for (i, cell) in r.enumerated() where i < widths.count {
                widths[i] = min(maxColumnWidth, max(widths[i], DisplayText.width(DisplayText.visible(cell))))
            }
        }
        func render(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                out += last ? DisplayText.fit(cell, width: widths[i]) : DisplayText.pad(cell, width: widths[i]) + "  "
            }
            return out
        }
        return [render(headers)] + rows.map(render)
    }

    func print(empty: String = "(none)") {
        if rows.isEmpty {
            Stdout.line(empty)
            return
        }
        Stdout.lines(lines())
    }
}
