import KeepwarmCore

/// What comes into the console's update, after bubbletea's messages: a key, or what came of an action the loop carried
/// out. `ConsoleModel.handle(_:data:practice:now:)` with one of these is the only way the model changes; the loop
/// (`ConsoleApp`) runs the actions that come back and hands their results in as messages, never setting a field.
public enum ConsoleMessage: Sendable {
    /// A key, a paste or a mouse event from the terminal.
    case key(Key)
    /// The screen's size in cells, sent before keys: page moves, the "too small" screen and mouse clicks need the layout.
    case screen(width: Int, height: Int)
    /// A `.record` action was written as this event.
    case recorded(Event)
    /// A `.record` action was refused or could not be written, or an action cannot be carried out here: the reason.
    case refused(String)
    /// A `.send` action ran: sent and recorded, or not sent and why.
    case sent(MessageSendOutcome)
    /// A `.preview` action rendered this message.
    case previewed(MessagePreview)
    /// A `.preview` of a call made its sheet (a call is for the desk, never a message).
    case callSheet(CallSheet)
    /// The snapshot was rebuilt (this desk's event, another desk's, a new minute): cursors go back to their records.
    case refreshed(byAnotherDesk: Bool)
    /// The log could not be read, or is damaged and so read-only: what to say.
    case logProblem(String)
    /// Another desk's news could not be read (a lost connection): what to say; it stays in the title bar until
    /// `.storeReadAgain`, and never covers a refusal on the status line (`StoreTrouble`).
    case storeUnreachable(String)
    /// The store was read again after `.storeUnreachable`.
    case storeReadAgain
    /// A write is waiting for another desk's lock; who holds it, when known.
    case waitingForAnotherDesk(holder: String?)
    /// `keepwarm audit walk`: the console opens on the walkthrough.
    case openWalkthrough
    /// The snapshot now shows the diary day the model chose: the diary cursor goes to its first row.
    case diaryShown
    /// A `.dryRunImport` read and planned the file: its report.
    case importPreviewed(ImportPreview)
    /// A `.commitImport` ran: what was written (maybe nothing).
    case imported(ImportPreview)
    /// A `.dryRunImport` could not read the file, or a `.commitImport` could not write: the one line, nothing written.
    case importFailed(String)
    /// A `.workOutCharts` action finished: the charts, for the practice they were worked out from.
    case chartsWorkedOut(ReportCharts)
    /// A `.workOutTables` action finished: the tables for the practice at this key are in the snapshot (or newer ones were).
    case tablesWorkedOut(ChartsKey)
}

/// The screen's size as the model last heard it.
public struct ScreenSize: Equatable, Sendable {
    public var width: Int
    public var height: Int
}

extension ConsoleModel {
    /// The update: one message in, the model changed, and actions out for the loop to carry out.
    public mutating func handle(_ message: ConsoleMessage, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction] {
        // Whatever the status line now says is kept whole for the message log (`M`).
        defer { logStatus(at: now) }
        followSites(p)
        switch message {
        case .key(let key):
            if let s = screen {
                // Behind the "too small" screen nothing the key would act on is visible, so only quitting gets through.
                guard ConsoleView.fits(width: s.width, height: s.height) else { return handleTooSmall(key) }
                pageSize = ConsoleView.listHeight(self, width: s.width, height: s.height)
            }
            let actions = handle(key, data: data, practice: p, now: now)
            // A card just opened highlights its first session, held by id from then on.
            pinCardSession(p, now: now)
            return actions
        case .diaryShown:
            diaryShown(data, practice: p)
        case .screen(let width, let height):
            screen = ScreenSize(width: width, height: height)
        case .recorded(let event):
            endWaiting()
            recorded(event, in: p)
        case .refused(let reason):
            endWaiting()
            if let ask = duplicateFromAnotherDesk(p, now: now) {
                // Another desk added the same person between this form's check and the write (refused under the
                // lock): the desk is asked as the form would have asked, not shown the command line's wording.
                awaitingForm = false
                overlays.append(.choice(ask))
                return []
            }
            failed(reason)
            // A refused booking (another desk took the slot) already says why: the free-slot list moves on quietly.
            _ = followFreeSlot(p, now: now, announce: false)
        case .sent(let outcome):
            status = StatusLine(text: outcome.text, isError: !outcome.sent)
        case .previewed(let preview):
            overlays.append(.message(preview))
        case .callSheet(let sheet):
            overlays.append(.call(sheet))
        case .refreshed(let byAnotherDesk):
            handle(refreshed: data, practice: p, byAnotherDesk: byAnotherDesk)
            _ = followFreeSlot(p, now: now, announce: true)
            pinCardSession(p, now: now)
            return chartsAfterRefresh(p, now: now) + tablesAfterRefresh(data, p, now: now)
        case .logProblem(let text):
            status = StatusLine(text: text, isError: true)
        case .storeUnreachable(let text):
            storeUnreachable(text)
        case .storeReadAgain:
            storeReadAgain()
        case .waitingForAnotherDesk(let holder):
            // What to do first; who holds the lock is the bracketed detail a narrow status line drops (`M` keeps it).
            if waitingFrom == nil { waitingFrom = WaitingFrom(status: status) }
            status = StatusLine(text: "waiting for another desk; Esc stops waiting\(holder.map { " (held by \($0))" } ?? "")", isError: false)
        case .openWalkthrough:
            return openWalkthrough(p, data)
        case .importPreviewed(let preview):
            importPreviewed(preview)
        case .imported(let done):
            imported(done)
        case .importFailed(let reason):
            importFailed(reason)
        case .chartsWorkedOut(let charts):
            chartsWorkedOut(charts)
        case .tablesWorkedOut(let key):
            tablesWorkedOut(key)
        }
        return []
    }
}

/// The status line from before a write began waiting for another desk: the write's own result replaces the notice, and
/// a result that says nothing (a bookkeeping event) puts this back.
struct WaitingFrom: Sendable {
    var status: StatusLine?
}

extension ConsoleModel {
    mutating func endWaiting() {
        guard let w = waitingFrom else { return }
        status = w.status
        waitingFrom = nil
    }

    /// The question `+` asks about a client already on the books, when the new-client form waiting for its write
    /// names someone who is on them now (`DuplicateClient`) and the desk had not already chosen to add them anyway;
    /// nil otherwise.
    func duplicateFromAnotherDesk(_ p: Practice, now: Instant) -> ChoicePrompt? {
        guard awaitingForm, !addingAnyway, case .form(let purpose, let form)? = overlays.last,
              case .addClient(let draft)? = try? ConsoleForms.command(purpose, form, practice: p, now: now) else { return nil }
        return DuplicateClient.prompt(draft, p)
    }
}
