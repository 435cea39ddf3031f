import KeepwarmCore

/// A single-line editor whose cursor moves by grapheme cluster, so an emoji family or an accented letter edits as one.
public struct TextField: Equatable, Sendable {
    /// Control characters and line breaks are kept out however the text arrives, so a field can never carry
    /// a terminal escape or a newline into the log.
    public var text: String {
        didSet {
            if !Self.isClean(text) { text = Self.clean(text) }
            cursor = min(cursor, text.count)
        }
    }

    /// Counted in Characters: 0 is before the first, `text.count` after the last.
    public var cursor: Int {
        didSet { cursor = max(0, min(cursor, text.count)) }
    }

    public init(_ text: String = "") {
        self.text = Self.clean(text)
        cursor = self.text.count
    }

    /// Applies an editing key; false means the key isn't the field's (navigation, Enter, a rejected control character),
    /// so the caller can act on it. Editing keys count as consumed even when they change nothing, e.g. Backspace at 0.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            guard Self.isTypable(c) else { return false }
            replace(cursor..<cursor, with: String(c))
        case .left: cursor -= 1
        case .right: cursor += 1
        case .home: cursor = 0
        case .end: cursor = text.count
        case .backspace: if cursor > 0 { replace(cursor - 1..<cursor) }
        case .delete: if cursor < text.count { replace(cursor..<cursor + 1) }
        case .ctrl(let c):
            // Terminals differ on whether Ctrl-letter arrives upper or lower case.
            switch c.lowercased() {
            case "a": cursor = 0
            case "e": cursor = text.count
            case "u": replace(0..<cursor)
            case "k": replace(cursor..<text.count)
            case "w": replace(wordStart()..<cursor)
            default: return false
            }
        default: return false
        }
        return true
    }

    /// Draws the part of the text that keeps the cursor in view. There is no stored scroll offset (render can't
    /// mutate), so when the text overflows the window is pinned with the cursor at the right edge.
    public func render(into grid: inout Grid, x: Int, y: Int, width: Int, style: Style, focused: Bool) {
        guard width > 0 else { return }
        grid.fill(x: x, y: y, width: width, height: 1, style: style)
        let chars = Array(text)
        let widths = chars.map { DisplayText.width(of: $0) }
        let caret = widths[..<cursor].reduce(0, +)
        // A wide character under the cursor must show whole, or the terminal cursor would sit on half a glyph.
        let caretWidth = cursor < chars.count ? max(1, widths[cursor]) : 1
        var first = 0, skipped = 0
        while first < cursor, caret - skipped + caretWidth > width {
            skipped += widths[first]
            first += 1
        }
        grid.put(String(chars[first...]), x: x, y: y, style: style, maxWidth: width)
        if focused { grid.cursor = (x + caret - skipped, y) }
    }

    /// Replaces the Characters in `range`; the cursor lands after the new text. Counting the head again afterwards,
    /// rather than adding, matters because an inserted combining mark or joiner merges into the cluster before it.
    private mutating func replace(_ range: Range<Int>, with s: String = "") {
        let head = String(text.prefix(range.lowerBound)) + s
        text = head + text.dropFirst(range.upperBound)
        cursor = head.count
    }

    /// Where Ctrl-W stops: back over any spaces, then back over the word before them (as in a shell).
    private func wordStart() -> Int {
        let chars = Array(text.prefix(cursor))
        var i = chars.count
        while i > 0, chars[i - 1].isWhitespace { i -= 1 }
        while i > 0, !chars[i - 1].isWhitespace { i -= 1 }
        return i
    }

    /// True for anything a terminal would display rather than act on; the same test the screen uses to sanitise.
    static func isTypable(_ c: Character) -> Bool { isClean(String(c)) }

    static func isClean(_ s: String) -> Bool {
        DisplayText.visible(s).unicodeScalars.elementsEqual(s.unicodeScalars)
    }

    /// Pasted or prefilled text keeps its words apart: line breaks and tabs become spaces, other controls are dropped.
    static func clean(_ s: String) -> String {
        guard !isClean(s) else { return s }
        var out = ""
        for c in s {
            if isTypable(c) { out.append(c) } else if c.isWhitespace { out.append(" ") }
        }
        return out
    }
}
