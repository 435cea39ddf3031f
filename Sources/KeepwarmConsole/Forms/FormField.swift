/// One labelled entry in a form: free text with completions, one of a fixed set of options, or a yes/no toggle.
public struct FormField: Equatable, Sendable {
    /// How the field is edited: typed, cycled through fixed options, or flipped.
    public enum Kind: Equatable, Sendable { case text, choice([String]), toggle }

    public let key: String
    public let label: String
    /// For `.choice` this holds the chosen option and for `.toggle` "yes" or "no", so every kind reads back as text
    /// in the same words the CLI takes.
    public var field: TextField
    public var kind: Kind
    public var suggestions: [String]
    /// For a client-name field: the clients it offers (with a detail that tells namesakes apart) instead of
    /// `suggestions`, and the id of the one picked is what the form submits.
    public var clientChoices: ClientChoices?
    public var required: Bool
    public var hint: String?
    /// A prefilled value that the first character typed replaces whole (as if selected on entering the field), while
    /// tabbing past keeps it: the working-hours form's "off" or "09:00-17:00".
    public var selectsOnEntry = false
    /// True while that prefilled value is selected: the next character replaces it, Backspace clears it.
    public var selected = false

    /// An empty choice starts on its first option, and a toggle is "no" unless given "yes" (or "", unanswered: a
    /// question the person must answer with y or n, never pre-ticked).
    public init(key: String, label: String, kind: Kind = .text, value: String = "", suggestions: [String] = [],
                required: Bool = false, hint: String? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.suggestions = suggestions
        self.required = required
        self.hint = hint
        switch kind {
        case .text: field = TextField(value)
        case .choice(let options): field = TextField(value.isEmpty ? options.first ?? "" : value)
        case .toggle: field = TextField(value == "yes" ? "yes" : value.isEmpty ? "" : "no")
        }
    }

    /// The text with surrounding spaces trimmed, as the caller should validate and save it.
    public var value: String {
        let s = field.text
        guard let a = s.firstIndex(where: { !$0.isWhitespace }), let b = s.lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(s[a...b])
    }

    /// Choice and toggle fields take only their own keys; typing into them would let free text past the options.
    mutating func handle(_ key: Key) {
        switch kind {
        case .text:
            if selected {
                selected = false
                switch key {
                case .char(let c) where TextField.isTypable(c): field = TextField("")
                case .backspace, .delete:
                    field = TextField("")
                    return
                default: break
                }
            }
            field.handle(key)
        case .choice(let options): choose(key, among: options)
        case .toggle:
            switch key {
            case .left, .right, .char(" "): field = TextField(field.text == "yes" ? "no" : "yes")  // unanswered: yes first
            case .char("y"), .char("Y"): field = TextField("yes")
            case .char("n"), .char("N"): field = TextField("no")
            default: break
            }
        }
    }

    private mutating func choose(_ key: Key, among options: [String]) {
        guard !options.isEmpty else { return }
        let n = options.count
        // A value that isn't one of the options (prefilled from old data) counts as sitting just before the first.
        let current = options.firstIndex(of: field.text)
        switch key {
        case .right, .char(" "): field = TextField(options[current.map { ($0 + 1) % n } ?? 0])
        case .left: field = TextField(options[current.map { ($0 + n - 1) % n } ?? n - 1])
        case .char(let c):
            // A letter jumps to the next option starting with it, so repeated presses step through "t…" options.
            let letter = c.lowercased()
            let order = (1...n).map { ((current ?? -1) + $0) % n }
            if let i = order.first(where: { options[$0].first?.lowercased() == letter }) { field = TextField(options[i]) }
        default: break
        }
    }
}
