import KeepwarmCore

/// The user guide's "Every key" table, made from the keymaps (`KeyDocsTests` keeps Docs/user-guide.md equal to it).
public enum KeyDocs {
    public static func markdown() -> String {
        // The site key is bound only in a practice with sites (`Keymap.siteKeys`), and the table says so.
        func withSites(_ context: KeyContext) -> [Binding] {
            Keymap.siteKeys(context, true).map { b in var b = b; b.label += " (a practice with sites)"; return b }
        }
        var out = ["| where | key | does |", "|---|---|---|"]
        func keys(_ b: Binding) -> String {
            b.keyNames.contains("-") && b.keys.count > 2 ? "`\(b.keyNames)`" : b.keys.map { "`\($0.name)`" }.joined(separator: " ")
        }
        func rows(_ title: String, _ bindings: [Binding], other: Binding? = nil, hasKeys: Bool = true) {
            var cells = bindings.map { (keys($0), $0.label) }
            if let other { cells.append((other.action == .formKey ? "type" : hasKeys ? "any other key" : "any key", other.label)) }
            for (i, c) in cells.enumerated() { out.append("| \(i == 0 ? title : "") | \(c.0) | \(c.1) |") }
        }
        // The panes: each pane's own keys, then the keys every pane shares (once).
        for pane in PaneID.allCases { rows(Keymap.of(.pane(pane)).title, Keymap.paneOwn(pane) + withSites(.pane(pane))) }
        let shared = Keymap.panes(.diary).map { b in
            var b = b
            // A key a pane gives its own meaning (z is snooze in the lapsed pane) is named where it differs.
            for pane in PaneID.allCases {
                let missing = b.keys.filter { k in !Keymap.panes(pane).contains { $0.action == b.action && $0.keys.contains(k) } }
                if !missing.isEmpty { b.label += " (not \(missing.map { "`\($0.name)`" }.joined(separator: " ")) in \(Keymap.of(.pane(pane)).title))" }
            }
            return b
        }
        rows("Any pane", shared)
        for context in KeyContext.all {
            if case .pane = context { continue }
            let k = Keymap.of(context)
            rows(k.title, k.bindings + withSites(context), other: k.otherKeys, hasKeys: !k.bindings.isEmpty)
        }
        rows(Keymap.everywhere.title, Keymap.everywhere.bindings)
        return out.joined(separator: "\n").replacingOccurrences(of: "|  |", with: "| |") + "\n"
    }
}
