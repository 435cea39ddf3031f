import KeepwarmCore

/// The four panes of the front desk.
public enum PaneID: Int, CaseIterable, Sendable {
    case diary, lapsed, thankYous, audit

    public func title(_ s: Settings) -> String {
        switch self {
        case .diary: "Today's diary"
        case .lapsed: "Lapsed clients"
        case .thankYous: "Thank-yous (\(s.thankYouHours) h)"
        case .audit: "Journey audit"
        }
    }
}

/// The selected row of a list and the first row on screen.
public struct ListCursor: Equatable, Sendable {
    public var index = 0
    public var top = 0
    /// The record on the selected row when the screen was last drawn: refreshes and re-sorts put the cursor back on
    /// it (`Selection.swift`), and keys act on it, never on whatever row now has the same number.
    public var id: RowKey?
    /// How the status line names that record if it leaves the list ("a3 (Ada Lovelace)").
    public var label: String?

    public init() {}

    public mutating func move(by delta: Int, count: Int) {
        index = count == 0 ? 0 : min(max(0, index + delta), count - 1)
    }

    public mutating func clamp(count: Int) { move(by: 0, count: count) }

    /// Scrolls so the selected row is among the `height` rows shown.
    public mutating func keepVisible(height: Int) {
        guard height > 0 else { return }
        if index < top { top = index }
        if index >= top + height { top = index - height + 1 }
        top = max(0, top)
    }
}

/// A line under the panes saying what just happened, or what went wrong.
public struct StatusLine: Equatable, Sendable {
    public var text: String
    public var isError: Bool
}

/// Everything the console remembers between key presses. The practice itself is not here: it lives in the log,
/// and the model only points into it by id.
public struct ConsoleModel: Sendable {
    public let user: String
    public internal(set) var focus: PaneID = .diary
    /// The day the diary pane shows (local day number); nil is today, whichever day that is now.
    public internal(set) var diaryDay: Int?
    /// The site the diary, the week view and the free-slot search show (`s`, DiarySites.swift); nil is every site.
    public internal(set) var site: SiteID?
    /// Whether the practice has sites, as last heard: only then is `s` bound to the next site (`Keymap.siteKeys`).
    public internal(set) var hasSites = false
    /// The session highlighted in the open client card's sessions list, by record (`CardSessions`).
    public internal(set) var cardSession: CardSelection?
    /// Where the open client card's page is scrolled (`CardPage`).
    public internal(set) var cardScroll: CardScroll?
    public internal(set) var zoomed = false
    /// The weekly review's scope of the lapsed pane (`p`, `v`); the snapshot follows it (`ConsoleData.followReview`).
    public internal(set) var lapsedScope = LapsedScope()
    /// The audit pane lists the biggest leaks first instead of in journey order.
    public internal(set) var auditWorstFirst = false
    /// The reports screen shows charts instead of tables (`c` switches).
    public internal(set) var reportCharts = false
    /// The charts the reports screen shows, kept per practice seq; worked out off the key press (`ChartsKept`).
    public internal(set) var charts = ChartsKept()
    /// The reports screen's tables being waited for; worked out off the key press (`TablesKept`).
    public internal(set) var tables = TablesKept()
    public internal(set) var cursors: [PaneID: ListCursor] = Dictionary(uniqueKeysWithValues: PaneID.allCases.map { ($0, ListCursor()) })
    /// Windows over the panes, innermost last (a form opened from a client card sits on the card).
    public internal(set) var overlays: [Overlay] = []

    /// Whether the audit walkthrough is open (it alone shows the last audit's figures).
    public var isWalkingThrough: Bool {
        overlays.contains { if case .walkthrough = $0 { true } else { false } }
    }
    public internal(set) var status: StatusLine?
    /// Why the store cannot be read now (a lost database connection), shown in the title bar (`StoreTrouble`).
    public internal(set) var storeTrouble: String?
    public internal(set) var wantsQuit = false
    /// Rows per page in the focused list at the last layout, so PgUp/PgDn move by a screenful.
    public internal(set) var pageSize = 8
    /// Set while a form's command is being recorded: success closes the form, failure shows the error in it.
    var awaitingForm = false
    /// Set while a new client the desk chose to add anyway is being recorded: a refusal then is for another reason
    /// (a full disk, another desk's lock), to be shown as it is, not the question about a duplicate again.
    var addingAnyway = false
    /// What `u` is undoing, said once the undo is written.
    var undoing: String?
    /// The screen's size, once the loop has said (`ConsoleMessage.screen`); nil in tests that never draw.
    public internal(set) var screen: ScreenSize?
    /// Every status message of this session, oldest first (`M` shows them whole).
    public internal(set) var messages: [LoggedMessage] = []
    /// The status line as last kept in `messages`.
    var lastLogged: StatusLine?
    /// The open form's error as last kept in `messages` (`logFormError`).
    var lastFormError: String?
    /// The text last found in each list (`n`/`N` go on finding it).
    var finds: [ListName: String] = [:]
    /// Set while a write waits for another desk's lock (`ConsoleMessage.waitingForAnotherDesk`).
    var waitingFrom: WaitingFrom?
    /// The follow-up the list was on when it was last closed: `f` opens it there again.
    var lastFollowUp: RowKey?

    public init(user: String) { self.user = user }

    /// Whether a form with typing in it is open; quitting then asks first.
    public var hasHalfFilledForm: Bool {
        overlays.contains { if case .form(_, let f) = $0 { return f.isDirty } else { return false } }
    }
}
