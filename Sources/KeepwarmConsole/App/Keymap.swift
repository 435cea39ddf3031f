import KeepwarmCore

/// What a key does, named once: keymaps bind keys to these, `handle` performs them, and the key bar and `?` show
/// their labels, so the three cannot disagree.
public enum KeyAction: Hashable, Sendable {
    // Moving in a list (every list: panes, list windows, search results, reports, the message log).
    case down, up, pageDown, pageUp, halfPageDown, halfPageUp, first, last
    /// Type a text; the cursor goes to the first row that contains it (`n`/`N` go on to the next/previous one).
    case find, nextMatch, previousMatch
    // The front desk, whichever pane has focus.
    case nextPane, previousPane, goToPane, zoom, searchClients, newClient, followUps, callbacks, undo, redo, reports, messageLog
    case help, quit, close
    /// Ctrl-Z: back to the shell until `fg`.
    case suspend
    // The diary's day (`DiaryDays.swift`), the week, free slots and practitioners, from the panes.
    case previousDay, nextDay, today, goToDay, week, freeSlot, practitioners
    case openCard
    // Diary.
    case attended, noShow, cancel, move, rebook, book
    // Lapsed clients.
    case sentNextStep, snooze, closeForEver
    /// The weekly review (`LapsedReview.swift`): whose clients, which of them, and a review with how and a note.
    case reviewPractitioner, reviewFilter, reviewClient
    /// `S`: the due step with how it went out and a note (`ReviewNotes`).
    case sentStepWithNote
    // Thank-yous.
    case thank, preview, missedThankYous
    // Journey audit.
    case walkAudit, worstFirst
    // Client card.
    case touchpoint, milestone, feedback, clientStatus, editClient
    // The client card's sessions list (`CardSessions.swift`).
    case moveSession, cancelSession
    // The week view (`WeekView.swift`).
    case previousWeek, nextWeek, thisWeek, nextPractitioner, previousPractitioner
    // The practitioners screen (`PractitionersView.swift`).
    case addPractitioner, renamePractitioner, workingHours
    // The autopilot screen (`AutopilotScreen.swift`), and `A` that opens it from the panes.
    case autopilot, holdAutopilot, releaseAutopilot, skipMessage, itWasSent, itWasNotSent
    // The import screen (`ImportScreen.swift`), and `I` that opens its prompt from the panes.
    case importFile, commitImport
    // Follow-ups and callbacks lists.
    case markSent, returned, addCallback
    // Forms and text fields: the key goes to the field (typing, Tab, Enter, Esc are the form's).
    case formKey
    // A choice, a question, the call sheet, a message, the walkthrough, reports.
    case pick, yes, no, callOutcome, send, answer, ownerAndNote, nextStep, previousStep, finishAudit, nextReport, previousReport, report
    /// The reports screen: charts instead of tables, or back.
    case toggleCharts
    // The drill-down (`DrillView.swift`): open it on a figure, switch its list, go to the figure before or after.
    case drillDown, drillList, nextFigure, previousFigure
    /// `v` on the sources report: the owner marks the sources reviewed (audit step 14).
    case markReviewed
    /// `s` in the diary and the week view of a practice with sites: the next site shown (`DiarySites.swift`).
    case nextSite
}

/// One or more keys, what they do, and how the key bar and `?` name them.
public struct Binding: Sendable, Equatable {
    public var keys: [Key]
    public var label: String
    /// Whether the bottom key bar shows it (everything shows in `?`).
    public var bar: Bool
    public var action: KeyAction

    public init(_ keys: [Key], _ label: String, bar: Bool = false, _ action: KeyAction) {
        self.keys = keys
        self.label = label
        self.bar = bar
        self.action = action
    }

    /// How its keys are written: "j/↓", "1-4", "⏎".
    public var keyNames: String {
        let digits = keys.compactMap { if case .char(let c) = $0, c.isNumber { c } else { nil } }
        if digits.count > 2, digits.count == keys.count { return "\(digits.first!)-\(digits.last!)" }
        return keys.map(\.name).joined(separator: "/")
    }
}

/// The keys of one place in the console, in the order `?` lists them.
public struct Keymap: Sendable {
    public var title: String
    public var bindings: [Binding]
    /// What any key not bound does ("any other key closes" in help and a message; typing in a form or a search).
    public var otherKeys: Binding?

    public init(_ title: String, _ bindings: [Binding], otherKeys: Binding? = nil) {
        self.title = title
        self.bindings = bindings
        self.otherKeys = otherKeys
    }

    /// The binding `key` falls under here, if any.
    public func binding(for key: Key) -> Binding? {
        bindings.first { $0.keys.contains(key) } ?? otherKeys
    }

    /// Keys bound more than once in this keymap (a keymap must have none; `KeymapTests` checks every one).
    public var duplicateKeys: [Key] {
        var seen = Set<Key>(), dups: [Key] = []
        for b in bindings { for k in b.keys { if !seen.insert(k).inserted { dups.append(k) } } }
        return dups
    }
}

extension Key {
    /// The key as the key bar and `?` write it.
    public var name: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .alt(let c): "Alt-\(c)"
        case .enter: "⏎"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        case .paste: "paste"
        case .mouse: "mouse"
        }
    }
}
