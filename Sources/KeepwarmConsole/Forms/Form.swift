import KeepwarmCore

/// What a key did to a form: keep editing, or the person asked to save or to cancel.
public enum FormOutcome: Equatable, Sendable { case editing, submit, cancel }

/// A boxed set of labelled fields ("new client", "book", "move") edited in place, with completions and an inline error.
public struct Form: Equatable, Sendable {
    public var title: String
    public var fields: [FormField]
    public var focus: Int
    /// Set by the caller when validation fails, in the same words as the CLI; any edit clears it.
    public var error: String?
    /// An index into `matchingSuggestions()`, or nil while the typed text is what Enter would use.
    public var highlightedSuggestion: Int?
    /// Each field's text when the form opened, so isDirty means "something would be lost", not "a key was pressed".
    private let initialValues: [String]

    static let suggestionLimit = 5
    /// What Enter does, for the hint under the fields: "save" unless the form only looks something up.
    public var enterLabel = "save"
    var keyHint: String { "Enter \(enterLabel) · Esc cancel · Tab next field" }

    public init(title: String, fields: [FormField]) {
        self.title = title
        self.fields = fields
        focus = 0
        initialValues = fields.map(\.field.text)
        enterField()
    }

    /// True while any field differs from how it opened; the console asks before throwing such a form away.
    public var isDirty: Bool {
        zip(fields, initialValues).contains { $0.field.text != $1 }
    }

    /// The trimmed text of the field with this key, or "" if there is none.
    public func value(_ key: String) -> String {
        fields.first { $0.key == key }?.value ?? ""
    }

    /// What the field with this key submits: the value behind the suggestion its text was picked from (a client's
    /// id), else its trimmed text.
    public func submitted(_ key: String) -> String {
        guard let f = fields.first(where: { $0.key == key }) else { return "" }
        if let id = f.clientChoices?.client(labelled: f.value) { return id.description }
        return f.value
    }

    /// Every field's trimmed text by key.
    public var values: [String: String] {
        Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Completions for the focused text field: prefix matches before matches elsewhere, case ignored. None while
    /// nothing is typed, or once the text is exactly a suggestion (there's nothing left to complete).
    public func matchingSuggestions(limit: Int = 5) -> [String] {
        guard limit > 0, fields.indices.contains(focus), fields[focus].kind == .text else { return [] }
        let f = fields[focus]
        let typed = f.value
        if let choices = f.clientChoices {
            guard !typed.isEmpty, choices.client(labelled: typed) == nil else { return [] }
            return choices.matching(typed, limit: limit)
        }
        guard !typed.isEmpty, !f.suggestions.contains(typed) else { return [] }
        let needle = typed.lowercased()
        var seen = Set<String>(), prefixed: [String] = [], containing: [String] = []
        for s in f.suggestions where seen.insert(s).inserted {
            let l = s.lowercased()
            if l.hasPrefix(needle) { prefixed.append(s) } else if l.contains(needle) { containing.append(s) }
        }
        return Array((prefixed + containing).prefix(limit))
    }

    /// Tab and BackTab wrap around the fields; Up and Down stop at the ends, as in a list.
    public mutating func handle(_ key: Key) -> FormOutcome {
        guard !fields.isEmpty else {
            switch key {
            case .escape: return .cancel
            case .enter: return .submit
            default: return .editing
            }
        }
        focus = max(0, min(focus, fields.count - 1))
        switch key {
        case .escape: return .cancel
        case .enter: return enter()
        case .tab: moveFocus(by: 1, wrapping: true)
        case .backTab: moveFocus(by: -1, wrapping: true)
        case .down:
            let shown = matchingSuggestions(limit: Self.suggestionLimit).count
            if shown > 0 {
                highlightedSuggestion = min((highlightedSuggestion ?? -1) + 1, shown - 1)
            } else {
                moveFocus(by: 1, wrapping: false)
            }
        case .up:
            // Up from the first suggestion goes back to the typed text before it leaves the field.
            if let h = highlightedSuggestion, !matchingSuggestions(limit: Self.suggestionLimit).isEmpty {
                highlightedSuggestion = h > 0 ? h - 1 : nil
            } else {
                moveFocus(by: -1, wrapping: false)
            }
        default:
            let before = fields[focus].field.text
            fields[focus].handle(key)
            if fields[focus].field.text != before {
                error = nil
                // The list just narrowed, so an old index would point at a different name.
                highlightedSuggestion = nil
            } else if case .char = key, fields[focus].kind == .text, fields[focus].field.isFull {
                error = "\(fields[focus].label) takes at most \(TextField.maxLength) characters; the rest was not typed"
            }
        }
        return .editing
    }

    /// A paste goes into the focused text field as text (it never saves, cancels or moves between fields, whatever
    /// it holds); a choice or yes/no field takes no paste, and the error line says so, as it does when the paste is cut.
    public mutating func paste(_ text: String) {
        guard fields.indices.contains(focus) else { return }
        guard fields[focus].kind == .text else {
            error = "\(fields[focus].label) is picked with ←/→, not pasted; nothing was pasted"
            return
        }
        if fields[focus].selected { fields[focus].field = TextField("") }
        fields[focus].selected = false
        let left = fields[focus].field.paste(text)
        highlightedSuggestion = nil
        error = left > 0
            ? "\(fields[focus].label) takes at most \(TextField.maxLength) characters; the rest of the paste was left out"
            : nil
    }

    private mutating func enter() -> FormOutcome {
        if let h = highlightedSuggestion {
            highlightedSuggestion = nil
            let shown = matchingSuggestions(limit: Self.suggestionLimit)
            if shown.indices.contains(h) {
                fields[focus].field = TextField(shown[h])
                error = nil
                return .editing
            }
        }
        if let missing = fields.firstIndex(where: { $0.required && $0.value.isEmpty }) {
            error = fields[missing].kind == .toggle ? "\(fields[missing].label)? Answer y or n" : "\(fields[missing].label) is needed"
            focus = missing
            return .editing
        }
        // A client typed but not picked settles as the suggestions match it, or the form says which to pick.
        for i in fields.indices {
            guard let choices = fields[i].clientChoices else { continue }
            let typed = fields[i].value, found = TypedClient.resolve(typed, in: choices)
            if case .one(let id) = found { fields[i].field = TextField(ClientSuggestions.label(choices.clients[id.index])) }
            if let e = found.error(typed) {
                error = e
                focus = i
                return .editing
            }
        }
        error = nil
        return .submit
    }

    private mutating func moveFocus(by step: Int, wrapping: Bool) {
        let n = fields.count
        if fields.indices.contains(focus) { fields[focus].selected = false }
        focus = wrapping ? ((focus + step) % n + n) % n : max(0, min(focus + step, n - 1))
        highlightedSuggestion = nil
        enterField()
    }

    /// Entering a field whose prefilled value the first key replaces selects that value again.
    private mutating func enterField() {
        guard fields.indices.contains(focus) else { return }
        fields[focus].selected = fields[focus].selectsOnEntry && fields[focus].kind == .text && !fields[focus].field.text.isEmpty
    }

    /// Rows that fit the form without its box changing size as completions come and go: the border, the fields,
    /// room for the longest completion list any field can show, the error line and the key hint; and a second error
    /// line while an error is too long for one line of the widest form, so it is read whole, fix included.
    public var preferredHeight: Int {
        let room = fields.map { $0.kind == .text ? min(Self.suggestionLimit, $0.clientChoices?.count ?? Set($0.suggestions).count) : 0 }.max() ?? 0
        let wrapped = error.map { DisplayText.width(DisplayText.visible($0)) > Self.widestLine } ?? false
        return fields.count + room + 4 + (wrapped ? 1 : 0)
    }

    /// The widest line inside a form (the console draws forms at most 76 cells wide, less the border and margins).
    static let widestLine = 72

    /// A form row: a field, or one completion listed under the focused field.
    private enum Line {
        case field(Int)
        case suggestion(String, highlighted: Bool)
    }

    /// Draws the form as a box owning the terminal cursor: it shows in the focused text field and is hidden otherwise.
    public func render(into grid: inout Grid, x: Int, y: Int, width: Int, height: Int) {
        grid.fill(x: x, y: y, width: width, height: height)
        grid.box(x: x, y: y, width: width, height: height, title: title, titleStyle: .title)
        grid.cursor = nil
        let innerX = x + 2, innerWidth = width - 4
        guard innerWidth > 0, height >= 4 else { return }
        let hintY = y + height - 2, errorY = hintY - 1
        grid.putFitted(keyHint, x: innerX, y: hintY, width: innerWidth, style: .muted)
        let labelWidth = min(fields.map { DisplayText.width($0.label) }.max() ?? 0, innerWidth / 2)
        let column = (x: innerX + labelWidth + 2, width: innerWidth - labelWidth - 2)
        var lines: [Line] = []
        var focusFirst = 0, focusLast = 0
        for i in fields.indices {
            lines.append(.field(i))
            guard i == focus else { continue }
            focusFirst = lines.count - 1
            for (n, s) in matchingSuggestions(limit: Self.suggestionLimit).enumerated() {
                lines.append(.suggestion(s, highlighted: n == highlightedSuggestion))
            }
            focusLast = lines.count - 1
        }
        // A long error takes a second row when the fields leave one free; what still does not fit is shortened as the
        // status line is (a trailing "(detail)" first, then the middle), never losing what to do next. The message
        // log (`M`) keeps it whole.
        var rows = errorY - (y + 1)
        if let error {
            let two = lines.count < rows ? Self.errorLines(error, width: innerWidth) : [StatusFit.fit(error, width: innerWidth)]
            rows -= two.count - 1
            for (n, l) in two.enumerated() {
                grid.putFitted(l, x: innerX, y: errorY - two.count + 1 + n, width: innerWidth, style: .danger)
            }
        }
        // Scroll only when the fields don't fit, and then just far enough to show the focused one and its completions.
        let start = min(focusFirst, max(0, focusLast + 1 - rows))
        for (row, line) in lines.dropFirst(start).prefix(max(0, rows)).enumerated() {
            let ry = y + 1 + row
            switch line {
            case .field(let i):
                let label = DisplayText.fit(fields[i].label, width: labelWidth)
                grid.put(label, x: innerX + labelWidth - DisplayText.width(label), y: ry, style: i == focus ? .bold : .plain)
                drawValue(of: fields[i], focused: i == focus, into: &grid, x: column.x, y: ry, width: column.width)
            case .suggestion(let s, let highlighted):
                grid.putFitted(s, x: column.x, y: ry, width: column.width, style: highlighted ? .selected : .muted)
            }
        }
    }

    /// An error too long for one row as two: the first broken at a space, the rest fitted keeping its end (the fix).
    static func errorLines(_ error: String, width: Int) -> [String] {
        let v = DisplayText.visible(error)
        guard DisplayText.width(v) > width else { return [v] }
        let head = StatusFit.prefix(v, width: width)
        // At a space: the one after the line when its last word ends exactly there, else the last one in it.
        let cut = v.dropFirst(head.count).hasPrefix(" ") ? head.count
            : head.lastIndex(of: " ").map { head.distance(from: head.startIndex, to: $0) } ?? head.count
        let first = String(v.prefix(cut)), rest = String(v.dropFirst(cut).drop { $0 == " " })
        return [first, StatusFit.fit(rest, width: width)]
    }

    private func drawValue(of f: FormField, focused: Bool, into grid: inout Grid, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        switch f.kind {
        case .text:
            // Underlining the focused field shows how far it reaches even while it's empty.
            f.field.render(into: &grid, x: x, y: y, width: width,
                           style: focused && f.selected ? .selected : focused ? Style(.underline) : .plain, focused: focused)
            if f.field.text.isEmpty, let hint = f.hint, width > 1 {
                // One cell in, so the cursor doesn't sit on the hint's first letter.
                grid.put(hint, x: x + 1, y: y, style: .muted, maxWidth: width - 1)
            }
        case .choice:
            let shown = focused ? "‹ \(f.field.text) ›" : f.field.text
            grid.put(DisplayText.fit(shown, width: width), x: x, y: y, style: focused ? .selected : .plain, maxWidth: width)
        case .toggle:
            let shown = f.field.text == "yes" ? "[x] yes" : f.field.text.isEmpty ? "[?] ask them: y or n" : "[ ] no"
            grid.put(DisplayText.fit(shown, width: width), x: x, y: y, style: focused ? .selected : .plain, maxWidth: width)
        }
    }
}
