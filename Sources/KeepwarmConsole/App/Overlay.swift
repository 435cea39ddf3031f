import KeepwarmCore

/// A window over the panes.
public enum Overlay: Sendable, Equatable {
    /// The key list, scrolled down by this many rows.
    case help(scroll: Int)
    case search(SearchState)
    case card(ClientID)
    case form(FormPurpose, Form)
    case choice(ChoicePrompt)
    case confirm(ConfirmPrompt)
    case followUps(ListCursor)
    case callbacks(ListCursor)
    /// The audit walkthrough at a step (1…16), or at the summary after the last step.
    case walkthrough(step: Int)
    /// The reports screen, scrolled down by `scroll` lines.
    case reports(ReportKind, scroll: Int)
    /// A message as it would be sent (`m` in the follow-ups list and the thank-you pane).
    case message(MessagePreview)
    /// A follow-up call to make (`m` on a call in the follow-ups list): number, script and outcome keys; never sent.
    case call(CallSheet)
    /// `W`: a week of booked and free time (WeekView.swift).
    case week(WeekState)
    /// The next free slots for a client, worked out afresh on every key and frame (FreeSlotList.swift).
    case freeSlots(FreeSlotSearch, ListCursor)
    /// `P`: the practitioners, their names and working hours.
    case practitioners(ListCursor)
    /// `M`: every status message of the session, whole, newest last.
    case messageLog(ListCursor)
    /// Referrals whose thank-you is too late to send (`staleThankYouDays`), from the thank-yous pane.
    case missedThankYous(ListCursor)
    /// The find line over a list (`/` in a list window, Ctrl-F in a pane).
    case find(ListFind)
    /// `A`: what the autopilot will send, what waits, what needs a person (AutopilotScreen.swift).
    case autopilot(ListCursor)
    /// `I`: an import's dry run, or what it wrote (ImportScreen.swift).
    case importFile(ImportState)
    /// Enter on a figure in the walkthrough or the reports: the records behind it (DrillView.swift).
    case drill(DrillState)
}

/// `/`: a name typed so far and the clients it matches.
public struct SearchState: Sendable, Equatable {
    public var query = TextField()
    public var cursor = ListCursor()
}

/// What a form is for, so its values can become a command.
public enum FormPurpose: Sendable, Equatable {
    case book(client: ClientID?)
    case move(AppointmentID)
    case newClient
    case editClient(ClientID)
    case feedback(ClientID)
    case addCallback
    case snoozeUntil(ClientID)
    /// `c` in the lapsed pane: the review of one client, with how contact was made, why they left and a note.
    case review(ClientID)
    /// `S` in the lapsed pane: the due step with how it went out and a note (`ReviewNotes`).
    case sentStep(ClientID, TouchpointKind)
    case auditNote(step: Int)
    /// `g` in the diary: which day to show (nothing is recorded).
    case goToDay
    /// "Next free slot": client, length, practitioner or any, from which day.
    case findFreeSlot(client: ClientID?, practitioner: PractitionerID?, afterDay: Int?)
    case addPractitioner
    case renamePractitioner(PractitionerID)
    case practitionerHours(PractitionerID)
    /// `h` on the autopilot screen: hold the client's automatic messages until a date, or until released.
    case holdAutopilot(ClientID)
    /// `I`: which file to import, what it holds and its preset (nothing is recorded: the dry run comes first).
    case importFile

    /// What the form makes, in the words of "Discard this …?" asked when Esc would throw typing away.
    public var noun: String {
        switch self {
        case .book: "booking"
        case .move: "move"
        case .newClient: "new client"
        case .editClient: "edit"
        case .feedback: "feedback"
        case .addCallback: "callback"
        case .snoozeUntil: "snooze"
        case .review: "review"
        case .sentStep: "step"
        case .auditNote: "note"
        case .goToDay: "date"
        case .findFreeSlot: "search"
        case .addPractitioner: "new practitioner"
        case .renamePractitioner: "name"
        case .practitionerHours: "working hours"
        case .holdAutopilot: "hold"
        case .importFile: "import"
        }
    }
}

/// A short list of choices, each picked by its key or by moving and Enter.
public struct ChoicePrompt: Sendable, Equatable {
    public var title: String
    public var options: [ChoiceOption]
    public var cursor = 0

    public init(title: String, options: [ChoiceOption]) {
        self.title = title
        self.options = options
    }
}

/// One choice and what picking it does.
public struct ChoiceOption: Sendable, Equatable {
    public var key: Character
    public var label: String
    public var then: Followup

    /// Picking a choice records a command, or opens a form for the rest (a date, say).
    public enum Followup: Sendable, Equatable {
        case record(Command)
        case form(FormPurpose)
        /// Ask this yes/no question first (closing a client for ever).
        case confirm(ConfirmPrompt)
        /// Leave the form under the choice and open this client's card (the client `+` was about to add twice).
        case card(ClientID)
    }
}

/// A yes/no question: Enter (or y) goes ahead, Esc (or n) does not. A question about something that cannot be taken
/// back (closing a client, throwing a form away) takes only `y`, so an Enter pressed out of habit does nothing.
public struct ConfirmPrompt: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    public var onConfirm: Action
    /// Whether Enter means yes; false for questions only `y` answers.
    public var enterConfirms = true

    /// What "yes" does.
    public enum Action: Sendable, Equatable {
        case record(Command)
        case quit
        /// Throw away the changed form under the question (Esc on a form whose fields were changed).
        case discardForm
        /// Write the import the screen under the question planned (`ConsoleImporter.commit`).
        case commitImport(ImportToken)
    }
}

/// What a key press asks the app to do beyond changing the model.
public enum ConsoleAction: Sendable, Equatable {
    case record(Command)
    /// Render this message and show it (`ConsoleApp` holds the renderer).
    case preview(MessageRequest)
    /// Send this message and record it (`ConsoleApp` holds the sender).
    case send(MessageRequest)
    case quit
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    case suspend
    /// Read this file and plan its import, writing nothing (`ConsoleApp` holds the importer).
    case dryRunImport(ImportRequest)
    /// Write the import this token stands for, planned again under the log's lock.
    case commitImport(ImportToken)
    /// Work out the reports screen's charts for the practice as it stands, off the key press; the loop hands them back
    /// as `ConsoleMessage.chartsWorkedOut`.
    case workOutCharts
    /// Work out the reports screen's tables for the practice as it stands, off the key press; the loop puts them in the
    /// snapshot and tells the model with `ConsoleMessage.tablesWorkedOut`.
    case workOutTables
}
