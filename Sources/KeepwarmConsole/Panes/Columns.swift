import KeepwarmCore

/// One cell of a table row: text, its style, and a width (nil takes what is left).
struct Column {
    var text: String
    var style: Style = .plain
    var width: Int?

    init(_ text: String, _ width: Int?, _ style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }
}

extension Grid {
    /// Draws columns left to right with one space between; the flexible column takes the room the fixed ones leave.
    mutating func row(_ columns: [Column], x: Int, y: Int, width: Int, base: Style = .plain) {
        let fixed = columns.compactMap(\.width).reduce(0, +) + max(0, columns.count - 1)
        let flexible = max(1, width - fixed)
        var col = x
        fill(x: x, y: y, width: width, height: 1, style: base)
        for (i, c) in columns.enumerated() {
            let w = min(c.width ?? flexible, x + width - col)
            guard w > 0 else { break }
            var style = c.style
            style.attributes.formUnion(base.attributes)
            putFitted(c.text, x: col, y: y, width: w, style: style)
            col += w
            if i < columns.count - 1, col < x + width {
                put(" ", x: col, y: y, style: base)
                col += 1
            }
        }
    }
}

/// The first row shown for a list, so the selected row stays on screen without remembering a scroll position.
func firstVisible(selected: Int, height: Int) -> Int { max(0, selected - height + 1) }
