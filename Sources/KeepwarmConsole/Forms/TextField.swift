import KeepwarmCore

/// A single-line editor whose cursor moves by grapheme cluster, so an emoji family or an accented letter edits as one.
public struct TextField: Equatable, Sendable {
    private var storage: String
    /// Characters in `storage`, kept up to date by each edit: counting them again on every key press made a
    /// 10,000-character paste take seconds.
    private var length: Int

    /// Control characters and line breaks are kept out however the text arrives, so a field can never carry
    /// a terminal escape or a newline into the log.
    public var text: String {
        get { storage }
        set {
            storage = Self.clean(newValue)
            length = storage.count
            cursor = min(cursor, length)
        }
    }

    /// Counted in Characters: 0 is before the first, `text.count` after the last.
    public var cursor: Int {
        didSet { cursor = max(0, min(cursor, length)) }
    }

    /// Typing stops here. Each key costs time in proportion to the text, so without a limit a 10,000-character paste
    /// into the middle of a field froze the console for seconds; a name or a note never needs more. Longer text
    /// prefilled from the log is kept whole, and can still be shortened.
    public static let maxLength = 1_000

    /// True once typing would go past `maxLength`.
    public var isFull: Bool { length >= Self.maxLength }

    public init(_ text: String = "") {
        storage = Self.clean(text)
        length = storage.count
        cursor = length
    }

    /// Applies an editing key; false means the key isn't the field's (navigation, Enter, a rejected control character),
    /// so the caller can act on it. Editing keys count as consumed even when they change nothing, e.g. Backspace at 0.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            guard Self.isTypable(c) else { return false }
            if !isFull { replace(cursor..<cursor, with: String(c)) }
        case .left: cursor -= 1
        case .right: cursor += 1
        case .home: cursor = 0
        case .end: cursor = length
        case .backspace: if cursor > 0 { replace(cursor - 1..<cursor) }
        case .delete: if cursor < length { replace(cursor..<cursor + 1) }
        case .ctrl(let c):
            // Terminals differ on whether Ctrl-letter arrives upper or lower case.
            switch c.lowercased() {
            case "a": cursor = 0
            case "e": cursor = length
            case "u": replace(0..<cursor)
            case "k": replace(cursor..<length)
            case "w": replace(wordStart()..<cursor)
            default: return false
            }
        default: return false
        }
        return true
    }

    /// Inserts pasted text at the cursor as text, never as keys: line breaks and tabs become spaces and other control
    /// characters are dropped (this field is one line), and only as much as fits under `maxLength` goes in. Returns how
    /// many characters of the cleaned paste did not fit (0 when it all went in).
    @discardableResult
    public mutating func paste(_ pasted: String) -> Int {
        let clean = Self.clean(pasted)
        let room = max(0, Self.maxLength - length)
        let taken = clean.prefix(room)
        if !taken.isEmpty { replace(cursor..<cursor, with: String(taken)) }
        return clean.count - taken.count
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

    /// Replaces the Characters in `range` with clean text; the cursor lands after the new text. Counting the head
    /// again afterwards, rather than adding, matters because an inserted combining mark or joiner merges into the
    /// cluster before it.
    private mutating func replace(_ range: Range<Int>, with s: String = "") {
        if range == length..<length, let last = storage.last {
            // Typing at the end (a paste, above all): only the last character can join what is typed, because a
            // grapheme boundary depends on the text before it only as far back as the start of that character.
            length += (String(last) + s).count - 1
            storage += s
            cursor = length
            return
        }
        let head = String(storage.prefix(range.lowerBound)) + s
        storage = head + storage.dropFirst(range.upperBound)
        length = storage.count
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
