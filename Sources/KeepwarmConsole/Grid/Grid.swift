import KeepwarmCore

/// One terminal cell: a grapheme cluster and its style. A wide character's second cell holds "" (a continuation).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// An in-memory screen that panes draw into; the backend flushes it and tests read it back as text.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should sit (in a form field), or nil to hide it.
    public var cursor: (x: Int, y: Int)? = nil
    /// What borders and symbols are drawn with; text put into the grid is stored as this charset shows it.
    public let charset: Charset

    public init(width: Int, height: Int, charset: Charset = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.charset = charset
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public static func == (a: Grid, b: Grid) -> Bool {
        a.width == b.width && a.height == b.height && a.charset == b.charset && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text at (x, y), never past `x + maxWidth` or the right edge; returns the cells used.
    /// Control characters are shown as visible stand-ins, so nothing from the log can reach the terminal raw.
    @discardableResult
    public mutating func put(_ s: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        for original in DisplayText.visible(s) {
            let ch = charset.shown(original)
            let w = DisplayText.width(of: ch)
            if w == 0 {
                // A lone combining mark or joiner: attach it to the previous character rather than give it a cell of
                // its own. After a wide character that is the cell before its continuation: text in the continuation
                // would end the pair, and the backend would show both halves as replacement marks.
                var target = col - 1
                if target > x, target < width, target >= 1, self[target, y].text.isEmpty { target -= 1 }
                if col > x, target >= max(x, 0), target < width { self[target, y].text.append(ch) }
                continue
            }
            if col + w > limit { break }
            if col >= 0 {
                unsplit(col, y)
                if w == 2 { unsplit(col + 1, y) }
                self[col, y] = Cell(String(ch), style)
                if w == 2 { self[col + 1, y] = Cell("", style) }
            }
            col += w
        }
        return col - x
    }

    /// Before cell (x, y) is overwritten: the other half of a wide character there becomes a space, so a window
    /// drawn over half of one never leaves a row a cell too wide (or a lone continuation).
    private mutating func unsplit(_ x: Int, _ y: Int) {
        if self[x, y].text.isEmpty, x > 0 { self[x - 1, y].text = " " }
        if !self[x, y].text.isEmpty, x + 1 < width, self[x + 1, y].text.isEmpty { self[x + 1, y].text = " " }
    }

    /// Writes text cut to `width` cells with an ellipsis, padded with spaces in the same style.
    public mutating func putFitted(_ s: String, x: Int, y: Int, width w: Int, style: Style = .plain) {
        let used = put(DisplayText.fit(s, width: w), x: x, y: y, style: style, maxWidth: w)
        if used < w { fill(x: x + used, y: y, width: w - used, height: 1, style: style) }
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .plain) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) {
                unsplit(xx, yy)
                self[xx, yy] = Cell(" ", style)
            }
        }
    }

    /// Draws a box with a title on its top edge.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, title: String, style: Style = .plain, titleStyle: Style = .bold) {
        guard w >= 2, h >= 2 else { return }
        let right = x + w - 1, bottom = y + h - 1
        for xx in x...right {
            put(xx == x ? "┌" : xx == right ? "┐" : "─", x: xx, y: y, style: style)
            put(xx == x ? "└" : xx == right ? "┘" : "─", x: xx, y: bottom, style: style)
        }
        for yy in (y + 1)..<bottom {
            put("│", x: x, y: yy, style: style)
            put("│", x: right, y: yy, style: style)
        }
        if w > 4 { put(" " + title + " ", x: x + 1, y: y, style: titleStyle, maxWidth: w - 2) }
    }

    /// Row `y` as text, trailing spaces removed (for golden files and tests).
    public func row(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s += self[x, y].text }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// The whole screen as text, one line per row.
    public var text: String { (0..<height).map(row).joined(separator: "\n") }
}
