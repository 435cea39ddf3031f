import KeepwarmCore

/// Where the keys are read: the focused pane, or the window on top. Each has one keymap.
public enum KeyContext: Hashable, Sendable {
    case pane(PaneID)
    case help, search, card, form, choice, confirm, confirmOnlyY, followUps, callbacks, walkthrough, walkSummary, reports
    case message, sendableMessage, callSheet, messageLog, missedThankYous
    case week, freeSlots, practitioners
    /// `A`: the autopilot screen.
    case autopilot
    /// `I`: an import's dry run and its commit.
    case importFile
    /// Enter on a figure: the records behind it.
    case drill
    /// `I` once the import is written: what was written, and only leaving (QA D11: the bar still offered the commit).
    case imported
    /// Typing what to find in a list (`/` in a list window, Ctrl-F in a pane).
    case find

    /// Every context, for `?` ("the rest") and for the test that walks every binding.
    public static let all: [KeyContext] = PaneID.allCases.map { .pane($0) } + [
        .help, .search, .card, .form, .choice, .confirm, .confirmOnlyY, .followUps, .callbacks, .walkthrough, .walkSummary,
        .reports, .message, .sendableMessage, .callSheet, .messageLog, .missedThankYous, .find, .week, .freeSlots, .practitioners,
        .autopilot, .importFile, .imported,
        .drill,
    ]
}

// Adding a key: a `KeyAction` case (Keymap.swift) if none fits, a `Binding` in the keymap of the place it acts in
// (below), and a `case` for the action in that place's switch in Update.swift (`handlePanes`/`paneAction` for a pane,
// `handleOverlay` for a window). `KeymapTests` then fails until all three agree, and the key bar, `?` and the user
// guide's table (`KeyDocsTests`, regenerate with KEEPWARM_UPDATE_DOCS=1) show it.
extension Keymap {
    /// Keys that act the same everywhere, before any context's own: quitting.
    public static let everywhere = Keymap("Everywhere", [
        Binding([.ctrl("c"), .ctrl("q")], "quit (asks if a form is half filled)", .quit),
        Binding([.ctrl("z")], "suspend to the shell (fg comes back)", .suspend),
    ])

    /// `?` in a window where `?` means nothing else (not the walkthrough's "not sure", not typing).
    static let windowHelp = Binding([.char("?")], "help", .help)

    /// Moving in any list of rows.
    static let listMoves: [Binding] = [
        Binding([.char("j"), .down], "down", .down), Binding([.char("k"), .up], "up", .up),
        Binding([.pageDown], "page down", .pageDown), Binding([.pageUp], "page up", .pageUp),
        Binding([.ctrl("d")], "half a page down", .halfPageDown), Binding([.ctrl("u")], "half a page up", .halfPageUp),
        Binding([.char("g"), .home], "first row", .first), Binding([.char("G"), .end], "last row", .last),
    ]

    /// Finding a row in a list window: `/` as in less and tig (Ctrl-F/N/P as in the panes also work).
    static let listFind: [Binding] = [
        Binding([.char("/"), .ctrl("f")], "find in this list", .find),
        Binding([.char("n"), .ctrl("n")], "next match", .nextMatch), Binding([.char("N"), .ctrl("p")], "previous match", .previousMatch),
    ]

    /// The four panes' shared keys, after the focused pane's own. `/` finds a client anywhere (the desk's most used
    /// key); finding a row in the pane itself is Ctrl-F, because `n` is no-show in the diary.
    static func panes(_ pane: PaneID) -> [Binding] {
        // `[` `]` move the diary's day from any pane (in the diary they are its own keys, with ←/→).
        let days = pane == .diary ? [] : [Binding([.char("[")], "diary: previous day", .previousDay), Binding([.char("]")], "diary: next day", .nextDay)]
        // In the diary `g` is "go to a date", so the first row there is Home only.
        let moves = pane == .diary ? listMoves.map { b in var b = b; b.keys.removeAll { $0 == .char("g") }; return b } : listMoves
        return days + [
            Binding([.tab], "next pane", .nextPane), Binding([.backTab], "previous pane", .previousPane),
            Binding([.char("1"), .char("2"), .char("3"), .char("4")], "go to pane", .goToPane),
            Binding(pane == .lapsed ? [.char("Z")] : [.char("Z"), .char("z")], "zoom pane", .zoom),
        ] + moves + [
            Binding([.ctrl("f")], "find in this pane", .find),
            Binding([.ctrl("n")], "next match", .nextMatch), Binding([.ctrl("p")], "previous match", .previousMatch),
            Binding([.char("+")], "new client", bar: true, .newClient),
            Binding([.char("/")], "search clients", bar: true, .searchClients),
            Binding([.char("f")], "follow-ups", bar: true, .followUps),
            Binding([.char("!")], "callbacks", bar: true, .callbacks),
            Binding([.char("u")], "undo your last action (again: the one before, up to 10; 5 min)", bar: true, .undo),
            Binding([.char("U")], "redo what you undid", .redo),
            Binding([.char("R")], "reports", .reports),
            Binding([.char("W")], "week: booked and free time", .week),
            Binding([.char("F")], "next free slot", .freeSlot),
            Binding([.char("P")], "practitioners and working hours", .practitioners),
            Binding([.char("M")], "messages of this session", .messageLog),
            Binding([.char("A")], "autopilot: what it sends, holds and could not settle", .autopilot),
            Binding([.char("I")], "import a file (a dry run first)", .importFile),
            Binding([.char("?")], "help", bar: true, .help),
            Binding([.char("q")], "quit", bar: true, .quit),
        ]
    }

    /// The focused pane's own keys.
    static func paneOwn(_ pane: PaneID) -> [Binding] {
        switch pane {
        case .diary: [
            Binding([.char("a")], "attended", bar: true, .attended), Binding([.char("n")], "no-show", bar: true, .noShow),
            Binding([.char("c")], "cancel", bar: true, .cancel), Binding([.char("m")], "move", bar: true, .move),
            Binding([.char("r")], "rebook", bar: true, .rebook), Binding([.char("b")], "book", bar: true, .book),
            Binding([.enter], "client card", bar: true, .openCard),
            Binding([.char("["), .left], "previous day", bar: true, .previousDay), Binding([.char("]"), .right], "next day", .nextDay),
            Binding([.char("t")], "today", .today), Binding([.char("g")], "go to a date", .goToDay),
        ]
        case .lapsed: [
            Binding([.char("s")], "sent next step", bar: true, .sentNextStep), Binding([.char("z")], "snooze", bar: true, .snooze),
            Binding([.char("x")], "close for ever (asks y/n)", bar: true, .closeForEver), Binding([.enter], "client card", bar: true, .openCard),
            Binding([.char("c")], "review: contacted, snoozed or closed, how, why and a note", .reviewClient),
            Binding([.char("S")], "sent next step, with how and a note", .sentStepWithNote),
            Binding([.char("p")], "whose clients: next practitioner (then everyone)", .reviewPractitioner),
            Binding([.char("v")], "view: all, due now, new since last review", .reviewFilter),
        ]
        case .thankYous: [
            Binding([.char("t")], "thank", bar: true, .thank), Binding([.char("m")], "preview", bar: true, .preview),
            Binding([.enter], "referrer's card", bar: true, .openCard),
            Binding([.char("T")], "missed thank-yous (too late)", bar: true, .missedThankYous),
        ]
        case .audit: [
            Binding([.char("w")], "walk through the audit", bar: true, .walkAudit), Binding([.char("v")], "worst first", bar: true, .worstFirst),
        ]
        }
    }

    /// The keymap of one context. A choice's keys are its options, so the prompt is needed to know them; a form's
    /// Enter says what it does, so its purpose is needed too.
    public static func of(_ context: KeyContext, choice: ChoicePrompt? = nil, form: FormPurpose? = nil, sites: Bool = false) -> Keymap {
        switch context {
        case .pane(let pane):
            return Keymap(pane.helpTitle, withSiteKeys(paneOwn(pane), context, sites, after: 6) + panes(pane))
        case .help:
            return Keymap("Help", [
                Binding([.char("j"), .down], "scroll down", bar: true, .down), Binding([.char("k"), .up], "scroll up", .up),
                Binding([.char(" "), .pageDown], "page down", bar: true, .pageDown), Binding([.pageUp], "page up", .pageUp),
                // `q` closes help as it closes every other window ("any other key closes"); Ctrl-C/Ctrl-Q quit.
                Binding([.char("q")], "close help", .close),
            ], otherKeys: Binding([], "close help", bar: true, .close))
        case .search:
            return Keymap("Find a client", [
                Binding([.down], "next client", bar: true, .down), Binding([.up], "previous client", .up),
                Binding([.pageDown], "page down", .pageDown), Binding([.pageUp], "page up", .pageUp),
                Binding([.enter], "open card", bar: true, .openCard), Binding([.escape], "close", bar: true, .close),
            ], otherKeys: Binding([], "narrow by name", bar: true, .formKey))
        case .card:
            return Keymap("Client card", [
                // The card is one page (`CardPage`): the bar leads with reading it to its end (QA D1).
                Binding([.pageDown], "page down", bar: true, .pageDown), Binding([.pageUp], "page up", .pageUp),
                Binding([.char("G"), .end], "newest History (end)", bar: true, .last),
                Binding([.char("g"), .home], "top of the card", .first),
                Binding([.ctrl("d")], "half a page down", .halfPageDown), Binding([.ctrl("u")], "half a page up", .halfPageUp),
                Binding([.char("b")], "book", bar: true, .book), Binding([.char("t")], "touchpoint", bar: true, .touchpoint),
                Binding([.char("m")], "milestone", bar: true, .milestone), Binding([.char("f")], "feedback", bar: true, .feedback),
                Binding([.char("s")], "status", bar: true, .clientStatus), Binding([.char("e")], "edit", bar: true, .editClient),
                Binding([.char("j"), .down], "next session", .down), Binding([.char("k"), .up], "previous session", .up),
                Binding([.char("M")], "move the session", bar: true, .moveSession),
                Binding([.char("C")], "cancel the session", bar: true, .cancelSession),
                Binding([.escape, .char("q")], "close", bar: true, .close), windowHelp,
            ])
        case .form:
            return Keymap("Forms", [
                Binding([.tab, .down], "next field", bar: true, .formKey), Binding([.backTab, .up], "previous field", .formKey),
                Binding([.enter], enterLabel(form), bar: true, .formKey), Binding([.escape], "cancel (asks if changed)", bar: true, .formKey),
                Binding([.ctrl("u")], "clear to start", .formKey),
            ], otherKeys: Binding([], "type (Alt-keys are ignored)", .formKey))
        case .choice:
            let options = (choice?.options ?? []).map { Binding([.char($0.key)], $0.label, bar: true, .pick) }
            return Keymap("A choice", options + [
                Binding([.char("j"), .down], "down", .down), Binding([.char("k"), .up], "up", .up),
                Binding([.enter], "pick", bar: true, .pick), Binding([.escape, .char("q")], "back", bar: true, .close),
            ])
        case .confirm:
            return Keymap("A question", [Binding([.enter, .char("y")], "yes", bar: true, .yes), Binding([.escape, .char("n")], "no", bar: true, .no)])
        case .confirmOnlyY:
            return Keymap("Asks first (cannot be taken back)", [
                Binding([.char("y")], "yes (the only yes: not ⏎)", bar: true, .yes), Binding([.char("n"), .escape], "no", bar: true, .no),
            ])
        case .followUps:
            return Keymap("Follow-ups due", [
                Binding([.char("s")], "mark sent (asks if not due)", bar: true, .markSent),
                Binding([.char("m")], "preview message / call sheet", bar: true, .preview),
                Binding([.enter], "client card", bar: true, .openCard),
                Binding([.escape, .char("q"), .char("f")], "close", bar: true, .close), windowHelp,
            ] + listMoves + listFind)
        case .callbacks:
            return Keymap("Callbacks owed", [
                Binding([.char("d"), .enter], "returned (asks y/n)", bar: true, .returned),
                Binding([.char("a")], "add callback", bar: true, .addCallback),
                Binding([.escape, .char("q"), .char("!")], "close", bar: true, .close), windowHelp,
            ] + listMoves + listFind)
        case .walkthrough:
            return Keymap("Audit walkthrough", [
                Binding([.char("y")], "in place", bar: true, .answer), Binding([.char("n")], "gap", bar: true, .answer),
                Binding([.char("?")], "not sure", bar: true, .answer), Binding([.char("o")], "owner & note", bar: true, .ownerAndNote),
                Binding([.right, .char("l"), .tab], "next step", bar: true, .nextStep),
                Binding([.left, .char("h"), .backTab], "previous step", bar: true, .previousStep),
                Binding([.enter], "clients behind the figure", bar: true, .drillDown),
                Binding([.escape, .char("q")], "leave", bar: true, .close),
            ])
        case .walkSummary:
            return Keymap("Audit summary", [
                Binding([.char("f")], "finish and record", bar: true, .finishAudit),
                Binding([.left, .char("h"), .backTab], "back", bar: true, .previousStep),
                Binding([.right, .char("l"), .tab], "stay", .nextStep),
                Binding([.escape, .char("q")], "leave", bar: true, .close),
            ])
        case .reports:
            return Keymap("Reports", [
                Binding([.char("1"), .char("2"), .char("3")], "sources/referrers/retention", bar: true, .report),
                Binding([.char("c")], "charts/tables", bar: true, .toggleCharts),
                Binding([.tab, .right], "next report", bar: true, .nextReport), Binding([.backTab, .left], "previous report", .previousReport),
                Binding([.char("j"), .down], "scroll down", bar: true, .down), Binding([.char("k"), .up], "scroll up", .up),
                Binding([.enter], "clients behind the figures", bar: true, .drillDown),
                Binding([.char("v")], "mark the sources reviewed (audit step 14)", .markReviewed),
                Binding([.pageDown, .char(" ")], "page down", .pageDown), Binding([.pageUp], "page up", .pageUp),
                Binding([.ctrl("d")], "half a page down", .halfPageDown), Binding([.ctrl("u")], "half a page up", .halfPageUp),
                Binding([.char("g"), .home], "top", .first), Binding([.char("G"), .end], "bottom", .last),
                Binding([.escape, .char("q"), .char("R")], "close", bar: true, .close), windowHelp,
            ])
        case .message:
            return Keymap("A message", [], otherKeys: Binding([], "close", bar: true, .close))
        case .sendableMessage:
            return Keymap("A message", [Binding([.char("s")], "send by email", bar: true, .send)],
                          otherKeys: Binding([], "close", bar: true, .close))
        case .callSheet:
            return Keymap("Call sheet", CallSheet.keys.map { Binding([.char($0.key)], $0.label, bar: true, .callOutcome) } + [
                Binding([.escape, .char("q")], "close, nothing recorded", bar: true, .close), windowHelp,
            ])
        case .messageLog:
            return Keymap("Messages", [Binding([.escape, .char("q"), .char("M")], "close", bar: true, .close), windowHelp] + listMoves + listFind)
        case .drill:
            return Keymap("Behind the figure", [
                Binding([.enter], "client card", bar: true, .openCard),
                Binding([.char("m")], "missed / counted / all", bar: true, .drillList),
                Binding([.right, .char("l"), .tab], "next figure", bar: true, .nextFigure),
                Binding([.left, .char("h"), .backTab], "previous figure", .previousFigure),
                Binding([.escape, .char("q")], "back", bar: true, .close), windowHelp,
            ] + listMoves)
        case .missedThankYous:
            return Keymap("Missed thank-yous", [
                Binding([.enter], "referrer's card", bar: true, .openCard),
                Binding([.escape, .char("q")], "close", bar: true, .close), windowHelp,
            ] + listMoves + listFind)
        case .week:
            return Keymap("Week view", withSiteKeys([
                // At 80 columns the bar shows both ways through the weeks and booking; the rest is cut to `…`.
                Binding([.char("["), .left, .char("h")], "previous week", bar: true, .previousWeek),
                Binding([.char("]"), .right, .char("l")], "next week", bar: true, .nextWeek),
                Binding([.char("b"), .char("F")], "book a slot", bar: true, .freeSlot),
                Binding([.char("j"), .down], "later in the day", bar: true, .down), Binding([.char("k"), .up], "earlier in the day", .up),
                Binding([.pageDown], "page later", .pageDown), Binding([.pageUp], "page earlier", .pageUp),
                Binding([.home], "start of the day", .first), Binding([.end], "end of the day", .last),
                Binding([.char("t")], "this week", bar: true, .thisWeek),
                Binding([.tab], "next practitioner", bar: true, .nextPractitioner), Binding([.backTab], "previous practitioner", .previousPractitioner),
                Binding([.escape, .char("q"), .char("W")], "close", bar: true, .close), windowHelp,
            ], context, sites, after: 3))
        case .freeSlots:
            return Keymap("Free slots", [
                Binding([.enter, .char("b")], "book it", bar: true, .book),
                // The whole of a message the status line cut (a slot another desk took), without leaving the list.
                Binding([.char("M")], "messages of this session", .messageLog),
                Binding([.escape, .char("q")], "close, nothing booked", bar: true, .close), windowHelp,
            ] + listMoves)
        case .practitioners:
            return Keymap("Practitioners", [
                Binding([.char("a"), .char("+")], "add a practitioner", bar: true, .addPractitioner),
                Binding([.char("e")], "edit the name", bar: true, .renamePractitioner),
                Binding([.char("h"), .enter], "working hours", bar: true, .workingHours),
                Binding([.escape, .char("q"), .char("P")], "close", bar: true, .close), windowHelp,
            ] + listMoves)
        case .autopilot:
            return AutopilotScreen.keymap
        case .importFile:
            return ImportScreen.keymap
        case .imported:
            return ImportScreen.importedKeymap
        case .find:
            return Keymap("Finding in a list", [
                Binding([.enter], "keep and go back to the list", bar: true, .yes), Binding([.escape], "stop finding", bar: true, .close),
                Binding([.down, .ctrl("n")], "next match", bar: true, .nextMatch), Binding([.up, .ctrl("p")], "previous match", .previousMatch),
            ], otherKeys: Binding([], "what to find", bar: true, .formKey))
        }
    }
}

extension ConsoleModel {
    /// Where keys are read now: the window on top, else the focused pane.
    public var keyContext: KeyContext {
        switch overlays.last {
        case nil: .pane(focus)
        case .help: .help
        case .search: .search
        case .card: .card
        case .form: .form
        case .choice: .choice
        case .confirm(let prompt): prompt.enterConfirms ? .confirm : .confirmOnlyY
        case .followUps: .followUps
        case .callbacks: .callbacks
        case .walkthrough(let step): step > AuditChecklist.steps.count ? .walkSummary : .walkthrough
        case .reports: .reports
        case .message(let m): m.request == nil ? .message : .sendableMessage
        case .call: .callSheet
        case .messageLog: .messageLog
        case .missedThankYous: .missedThankYous
        case .find: .find
        case .week: .week
        case .freeSlots: .freeSlots
        case .practitioners: .practitioners
        case .autopilot: .autopilot
        case .importFile(let s): s.preview.committed ? .imported : .importFile
        case .drill: .drill
        }
    }

    /// The keymap in force now.
    public var keymap: Keymap {
        if case .choice(let prompt) = overlays.last { return .of(.choice, choice: prompt) }
        if case .form(let purpose, _) = overlays.last { return .of(.form, form: purpose) }
        return .of(keyContext, sites: hasSites)
    }
}

extension Keymap {
    /// What Enter does in a form: most save, but the free-slot form lists slots and the go-to-date form shows a day.
    static func enterLabel(_ purpose: FormPurpose?) -> String {
        switch purpose {
        case .findFreeSlot?: "list free slots"
        case .goToDay?: "show that day"
        case .importFile?: "dry run"
        default: "save"
        }
    }
}
