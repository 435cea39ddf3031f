import KeepwarmCore

/// Every key, once: the bottom key bar and the help screen are both drawn from these lists.
enum KeyHelp {
    typealias Entry = (key: String, label: String)

    static let anywhere: [Entry] = [
        ("Tab", "next pane"), ("S-Tab", "previous pane"), ("1-4", "go to pane"), ("Z", "zoom pane (z outside Lapsed)"),
        ("j/k ↑/↓", "move"), ("PgUp/PgDn", "page"), ("Home/End", "first/last"), ("/", "search clients"),
        ("+", "new client"), ("f", "follow-ups due"), ("!", "callbacks owed"), ("u", "undo your last action (5 min)"), ("R", "reports"),
        ("u again", "undo the one before (up to 10)"), ("U", "redo what you undid"),
        ("?", "help"), ("q", "quit"), ("Ctrl-C", "quit (asks if a form is half filled)"),
    ]

    static func pane(_ p: PaneID) -> [Entry] {
        switch p {
        case .diary: [("a", "attended"), ("n", "no-show"), ("c", "cancel"), ("m", "move"), ("r", "rebook"), ("b", "book"), ("⏎", "client card")]
        case .lapsed: [("s", "sent next step"), ("z", "snooze"), ("x", "close"), ("⏎", "client card")]
        case .thankYous: [("t", "thank"), ("m", "preview"), ("⏎", "referrer's card")]
        case .audit: [("w", "walk through the audit"), ("v", "worst first")]
        }
    }

    /// Keys that cannot be taken back, so they ask (only `y` goes ahead); listed in the help screen.
    static let asksFirst: [Entry] = [
        ("x", "close for ever: y/n"), ("s", "step not due yet: y/n"), ("d/⏎", "callback returned: y/n"),
        ("Esc", "changed form: y/n"), ("y", "the only yes (not ⏎)"), ("Alt-key", "does nothing"),
    ]

    static let card: [Entry] = [("b", "book"), ("t", "touchpoint"), ("m", "milestone"), ("f", "feedback"), ("s", "status"), ("e", "edit"), ("Esc", "close")]
    static let followUps: [Entry] = [("s", "mark sent (asks if not due)"), ("m", "preview message / call sheet"), ("⏎", "client card"), ("Esc", "close")]
    static let message: [Entry] = [("any key", "close")]
    static let sendableMessage: [Entry] = [("s", "send by email"), ("any other key", "close")]
    static let callSheet: [Entry] = CallSheet.keys.map { (String($0.key), $0.label) } + [("Esc", "close, nothing recorded")]
    static let callbacks: [Entry] = [("d/⏎", "returned (asks y/n)"), ("a", "add callback"), ("Esc", "close")]
    static let search: [Entry] = [("type", "narrow"), ("↑/↓", "choose"), ("⏎", "open card"), ("Esc", "close")]
    static let form: [Entry] = [("Tab/↓", "next field"), ("⏎", "save"), ("Esc", "cancel (asks if changed)"), ("Alt-key", "ignored"), ("Ctrl-U", "clear to start")]
    static let choice: [Entry] = [("key", "pick"), ("↑/↓ ⏎", "pick"), ("Esc", "back")]
    static let confirm: [Entry] = [("⏎/y", "yes"), ("Esc/n", "no")]
    /// A question about something that cannot be taken back: Enter does nothing.
    static let confirmOnlyY: [Entry] = [("y", "yes"), ("n/Esc", "no")]
    static let reports: [Entry] = [("1-3 Tab", "sources/referrers/retention"), ("j/k PgDn", "scroll"), ("Esc", "close")]
    static let walkthrough: [Entry] = [("y", "in place"), ("n", "gap"), ("?", "not sure"), ("o", "owner & note"), ("←/→", "steps"), ("Esc", "leave")]
    static let walkSummary: [Entry] = [("f", "finish and record"), ("←", "back"), ("Esc", "leave")]
    static let help: [Entry] = [("j/k Space", "scroll"), ("any other key", "close help")]

    static func bar(for model: ConsoleModel) -> [Entry] {
        switch model.overlays.last {
        case nil: pane(model.focus) + [("+", "client"), ("/", "search"), ("f", "follow-ups"), ("!", "callbacks"), ("u", "undo"), ("?", "help"), ("q", "quit")]
        case .help: help
        case .search: search
        case .card: card
        case .form: form
        case .choice: choice
        case .confirm(let prompt): prompt.enterConfirms ? confirm : confirmOnlyY
        case .followUps: followUps
        case .callbacks: callbacks
        case .walkthrough(let step): step > AuditChecklist.steps.count ? walkSummary : walkthrough
        case .reports: reports
        case .message(let m): m.request == nil ? message : sendableMessage
        case .call: callSheet
        }
    }

    /// The help screen's lines.
    static var helpLines: [String] { helpLines(.unicode) }

    /// The help screen's lines, with key names as `charset` can draw them.
    static func helpLines(_ charset: Charset) -> [String] {
        func row(_ e: Entry) -> String { "  \(charset.keyName(e.key).padding(toLength: 10, withPad: " ", startingAt: 0)) \(e.label)" }
        var lines = ["Anywhere"]
        lines += anywhere.map(row)
        for p in PaneID.allCases {
            lines.append("")
            lines.append(["Today's diary", "Lapsed clients", "Thank-yous", "Journey audit"][p.rawValue])
            lines += pane(p).map(row)
        }
        lines += ["", "Client card"] + card.map(row)
        lines += ["", "Forms"] + form.map(row)
        lines += ["", "Asks first"] + asksFirst.map(row)
        return lines
    }
}
