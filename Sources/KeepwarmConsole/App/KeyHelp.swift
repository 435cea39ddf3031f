import KeepwarmCore

/// The key bar and the help screen, both drawn from the keymaps (`Keymaps.swift`) that `handle` acts on, so what
/// they say is what the keys do.
enum KeyHelp {
    typealias Entry = (key: String, label: String)

    /// Keys that cannot be taken back, so they ask (only `y` goes ahead); listed in the help screen.
    static let asksFirst: [Entry] = [
        ("x", "close for ever: y/n"), ("s", "step not due yet: y/n"), ("d/⏎", "callback returned: y/n"),
        ("A: x s n", "skip, it went, not sent: y/n"), ("I: c", "import the file: y/n"), ("Esc", "changed form: y/n"), ("y", "the only yes (not ⏎)"), ("Alt-key", "does nothing"),
    ]

    /// How a keymap's entries are named: each binding's keys, and "any other key" (or "type") for the rest.
    static func entries(_ k: Keymap, barOnly: Bool = false) -> [Entry] {
        var out = k.bindings.filter { !barOnly || $0.bar }.map { (key: $0.keyNames, label: $0.label) }
        if let other = k.otherKeys, !barOnly || other.bar {
            out.append((key: other.action == .formKey ? "type" : k.bindings.isEmpty ? "any key" : "any other key", label: other.label))
        }
        return out
    }

    /// The key bar: the keys of where the person is, with what always ends it (help and quit on the panes, the key
    /// that closes a window) last, so cutting the bar never cuts those.
    static func bar(for model: ConsoleModel) -> (entries: [Entry], end: [Entry]) {
        let k = model.keymap
        // A window's bar ends with `? help` (where `?` is help there) and then the key that closes it, never "quit":
        // there `q` closes the window.
        let window = !model.overlays.isEmpty
        let endActions: Set<KeyAction> = window ? [.help, .close] : [.help, .quit]
        func atEnd(_ b: Binding) -> Bool { endActions.contains(b.action) && (b.bar || window && b.action == .help) }
        let ends = k.bindings.filter(atEnd).map { var b = $0; b.bar = true; return b }
        let shown = Keymap(k.title, k.bindings.filter { $0.bar && !endActions.contains($0.action) }, otherKeys: k.otherKeys?.action == .close ? nil : k.otherKeys)
        let end = Keymap(k.title, ends.filter { $0.action == .help } + ends.filter { $0.action != .help }, otherKeys: k.otherKeys?.action == .close ? k.otherKeys : nil)
        return (entries(shown, barOnly: true), entries(end, barOnly: true))
    }

    /// What the mouse does (it is not a key, so no keymap binds it; `MouseUpdate.swift`).
    static let mouse: [Entry] = [("click", "focus the pane, select the row (never records)"), ("wheel", "scroll the list under it")]

    /// The help screen's lines: the keys of where the person is first, then every other place's.
    static func helpLines(for model: ConsoleModel, _ charset: Charset = .unicode) -> [String] {
        var under = model
        if case .help = under.overlays.last { under.overlays.removeLast() }
        let here = under.keyContext
        // A key longer than its 12-cell column (Ctrl-C/Ctrl-Q) is written whole, not cut.
        func row(_ e: Entry) -> String { let k = charset.keyName(e.key); return "  \(k.padding(toLength: max(12, k.count), withPad: " ", startingAt: 0)) \(e.label)" }
        func section(_ title: String, _ k: Keymap) -> [String] { [title] + entries(k).map(row) }
        var lines = section("Here: \(under.keymap.title)", under.keymap)
        for context in KeyContext.all where context != here {
            // A choice's own keys are its options, listed in it; here only the keys every choice shares.
            lines += [""] + section(Keymap.of(context).title, Keymap.of(context, sites: model.hasSites))
        }
        lines += [""] + section(Keymap.everywhere.title, Keymap.everywhere)
        lines += ["", "Asks first"] + asksFirst.map(row)
        lines += ["", "The mouse"] + mouse.map(row)
        return lines
    }
}
