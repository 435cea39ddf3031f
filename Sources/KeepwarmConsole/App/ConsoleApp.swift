import Foundation
import KeepwarmCore

/// The console's loop, after bubbletea: read a key (or time out), update the model, record commands through the log,
/// redraw. Between keys it watches the log for other writers and the clock for a new minute or a new day.
public final class ConsoleApp {
    public let log: any EventStore
    let terminal: Terminal
    let clock: () -> Instant
    let previewer: MessagePreviewer?
    let sender: MessageSender?
    let importer: ConsoleImporter?
    /// Read freely; changed only by handing it a message (`send`).
    private var held: HeldModel
    public var model: ConsoleModel { held.model }
    public private(set) var data: ConsoleData
    private var needsDraw = true
    /// The log's generation the snapshot was built from.
    private var generation = 0
    /// The reports screen's charts being worked out on another thread (`ConsoleAction.workOutCharts`).
    private let chartWork = ChartWork()
    /// Whether charts are being worked out: `tick` hands them to the model when they are done.
    public var isWorkingOutCharts: Bool { chartWork.isBusy }
    /// The reports screen's tables being worked out on another thread (`ConsoleAction.workOutTables`).
    private let tableWork = TableWork()
    /// Whether tables are being worked out: `tick` puts them in the snapshot and tells the model when they are done.
    public var isWorkingOutTables: Bool { tableWork.isBusy }
    /// The snapshot write the opening left, running meanwhile (`hear`): what it has to say goes on the status line.
    private var opening: OpeningFinish?
    /// How long a key read waits before the loop checks the log and the clock: the live-update delay.
    public static let pollMilliseconds = 250

    public init(log: any EventStore, terminal: Terminal, user: String, clock: @escaping () -> Instant, previewer: MessagePreviewer? = nil,
                sender: MessageSender? = nil, importer: ConsoleImporter? = nil) {
        self.previewer = previewer
        self.sender = sender
        self.importer = importer
        self.log = log
        self.terminal = terminal
        self.clock = clock
        held = HeldModel(ConsoleModel(user: user))
        let now = clock()
        let p = log.practice
        // The lists, the follow-ups and the audit's evidence each walk every client: three pieces on two cores, so the
        // first frame waits for about half of the whole. The pieces are taken in order, so the longest (the lists, 70
        // ms at 1M events) goes first and the two shorter ones share the other core: taken last, it ran alone for its
        // second half while the other core sat idle (a quarter of the wait after the snapshot's read).
        let lists = Slot<ConsoleData>(), followUps = Slot<[FollowUpRow]>(), figures = Slot<[Evidence]>()
        DispatchQueue.concurrentPerform(iterations: 3) { part in
            switch part {
            case 0: lists.value = ConsoleData(p, now: now, diaryDay: nil, followUps: [])
            case 1: followUps.value = ConsoleData.followUps(p, now: now)
            default: figures.value = AuditEvidence.all(p, window: AuditWindow(end: now))
            }
        }
        data = lists.value!
        data.adopt(followUps: followUps.value!)
        evidence = (p.lastSeq, now.ms / 60_000, p.calendar.day(of: now), figures.value!)
        if let first = log.damage.first {
            // What to do first, where the line is placed last in brackets: a narrow status line shortens it, `M` has it whole.
            send(.logProblem("The log is damaged, so it is read-only; run `keepwarm check` (\(first))"), now)
        }
        _ = log.mayHaveNews()
        data.audit = auditSummary(now)
        send(.refreshed(byAnotherDesk: false), now)
    }

    /// Runs until the person quits or SIGTERM/SIGHUP arrive.
    public func run() {
        while !model.wantsQuit && !terminal.stopRequested {
            // A key already waiting was pressed at the screen now shown: it acts on that before the log is read again,
            // so another desk's change arriving meanwhile cannot move the row under it.
            if let key = terminal.readKey(timeoutMilliseconds: 0) {
                press(key)
                continue
            }
            tick()
            // While charts are being worked out the loop looks for them often, so they show as soon as they are done.
            guard let key = terminal.readKey(timeoutMilliseconds: chartWork.isBusy || tableWork.isBusy ? ChartWork.pollMilliseconds : ConsoleApp.pollMilliseconds) else { continue }
            press(key)
        }
    }

    /// Listens for what the opening's leftover work has to say (`EventStore.finishOpeningInBackground`): no room on
    /// the disk for the snapshot is shown on the status line as soon as it is known, since every later opening is
    /// slower until space is freed.
    public func hear(_ opening: OpeningFinish) { self.opening = opening }

    /// Catches up with the log and the clock, and redraws if anything changed.
    public func tick() {
        let now = clock()
        if let finished = opening, finished.isDone {
            opening = nil
            if let warning = finished.wait() {
                perform(send(.logProblem(ConsoleApp.sentence(warning)), now), now)
                needsDraw = true
            }
        }
        let appended = watchLog()
        if appended || !data.isCurrent(log.practice, now: now) { refreshData(now, byAnotherDesk: appended) }
        for charts in chartWork.finished() {
            perform(send(.chartsWorkedOut(charts), now), now)
            needsDraw = true
        }
        for tables in tableWork.finished() {
            // An older practice's tables arriving after a newer one's are dropped (`takeReports`); the model still hears.
            _ = data.takeReports(tables)
            perform(send(.tablesWorkedOut(tables.key), now), now)
            needsDraw = true
        }
        if needsDraw { draw(now) }
    }

    /// Handles one key as the loop would (tests drive the console through this).
    public func press(_ key: Key) {
        let now = clock()
        let size = terminal.size
        if model.screen != ScreenSize(width: size.width, height: size.height) { send(.screen(width: size.width, height: size.height), now) }
        perform(send(.key(key), now), now)
        // The diary's day is the model's; the snapshot then works out that day's rows, and the model hears it has them.
        if data.follow(model.diaryDay, log.practice) { send(.diaryShown, now) }
        if data.followSite(model.site, log.practice) { send(.diaryShown, now) }
        if data.followReview(model.lapsedScope, log.practice, now: now) { send(.refreshed(byAnotherDesk: false), now) }
        // The reports' tables are not worked out here: `R` asked for them (`.workOutTables`) and `tick` brings them.
        // `A` just opened: its list is worked out now, and the model puts its cursor on the first record.
        if data.showAutopilot(model.showsAutopilot, log.practice, now: now) { send(.refreshed(byAnotherDesk: false), now) }
        if model.isWalkingThrough, data.audit?.previous == nil, AuditReview.previous(log.practice, before: AuditReview.current(log.practice)) != nil {
            data.audit = auditSummary(now)
        }
        needsDraw = true
        draw(now)
    }

    /// Hands a message to the model, the only way it changes; returns the actions it asks for.
    @discardableResult
    private func send(_ message: ConsoleMessage, _ now: Instant) -> [ConsoleAction] {
        held.handle(message, data: data, practice: log.practice, now: now)
    }

    /// Carries out the model's actions; what comes of each goes back in as a message (which may ask for more).
    private func perform(_ actions: [ConsoleAction], _ now: Instant) {
        for action in actions {
            switch action {
            case .quit: return
            case .suspend: suspend(now)
            case .preview(.followUp(let c, let k)) where k.audience == .desk:
                // A call is for the desk: its sheet, never a message window that `s` could send.
                let script = previewer?(.followUp(c, k), log.practice, now)
                perform(send(.callSheet(CallSheet(client: c, kind: k, in: log.practice, rendered: script)), now), now)
            case .preview(let request):
                if let previewer {
                    var m = previewer(request, log.practice, now)
                    if sender != nil && m.error == nil { m.request = request }
                    perform(send(.previewed(m), now), now)
                } else {
                    perform(send(.refused("message previews are not available here"), now), now)
                }
            case .record(let command):
                perform(send(record(command, now: now), now), now)
                refreshData(now)
            case .send(let request) where request.refusalToSend != nil:
                perform(send(.refused("A call is for the desk, not a message: nothing was sent"), now), now)
            case .send(let request):
                // The sender records through its own handle on the log; catching up here shows the row gone.
                let outcome = sender?(request, now) ?? MessageSendOutcome(text: "sending is not available here", sent: false)
                perform(send(.sent(outcome), now), now)
                if watchLog() { refreshData(now) }
            case .dryRunImport(let request):
                perform(send(dryRun(request, now), now), now)
            case .commitImport(let token):
                perform(send(commitImport(token, now), now), now)
                refreshData(now)
            case .workOutTables:
                tableWork.start(log.practice, now: now)
            case .workOutCharts:
                // The charts' lines fill the reports screen's box, 2 cells in from each side (`ReportChartsView`).
                chartWork.start(log.practice, now: now, layout: (terminal.size.width - 4, terminal.charset))
            }
        }
    }

    /// Ctrl-Z: the terminal goes back to the shell until `fg`, then the whole screen is drawn again (the shell
    /// scribbled on it meanwhile), and the log and the clock are caught up with at once.
    private func suspend(_ now: Instant) {
        terminal.suspend()
        needsDraw = true
        tick()
    }

    /// A warning as the status line says it: a sentence, with its first letter a capital.
    static func sentence(_ warning: String) -> String { warning.prefix(1).uppercased() + warning.dropFirst() }

    /// Like the CLI's messages, but with the reason first: the status line is one row and the path is long.
    static func message(_ error: Error) -> String {
        if case LogError.damaged(let issue, _) = error {
            return "The log is damaged at line \(issue.line), column \(issue.column): nothing was written. Run `keepwarm check` (\(issue.reason))"
        }
        if error is LockWaitError {
            // Short enough for 80 columns whole.
            return "Stopped waiting: nothing was written; try again when the other desk is done"
        }
        return ConsoleWords.console(userMessage(error))
    }

    /// Opens the audit walkthrough (for `keepwarm audit walk`).
    public func openWalkthrough() {
        let now = clock()
        refreshData(now)
        perform(send(.openWalkthrough, now), now)
        refreshData(now)
    }

    /// Writes one command; what came of it, as the message the model is told.
    private func record(_ command: Command, now: Instant) -> ConsoleMessage {
        log.lockWait = waitingForAnotherDesk(now)
        defer { log.lockWait = nil }
        do {
            let e = try log.append(by: model.user, at: now) { p in try command.event(in: p, now: now) }
            _ = log.mayHaveNews()  // this desk's own write is not news
            return .recorded(e)
        } catch {
            return .refused(ConsoleApp.message(error))
        }
    }

    /// Reads and plans an import, writing nothing; the report, or the one line saying why the file cannot be imported.
    private func dryRun(_ request: ImportRequest, _ now: Instant) -> ConsoleMessage {
        guard let importer else { return .importFailed("importing is not available here: use keepwarm import") }
        do {
            return .importPreviewed(try importer.dryRun(request, log.practice, model.user, now))
        } catch {
            return .importFailed(ConsoleApp.message(error))
        }
    }

    /// Writes an import through this console's own handle on the log, planned again under its lock; what was written.
    private func commitImport(_ token: ImportToken, _ now: Instant) -> ConsoleMessage {
        guard let importer else { return .importFailed("importing is not available here: use keepwarm import") }
        log.lockWait = waitingForAnotherDesk(now)
        defer { log.lockWait = nil }
        do {
            let done = try importer.commit(token, log, model.user, now)
            _ = log.mayHaveNews()  // this desk's own write is not news
            return .imported(done)
        } catch {
            // "Stopped waiting" already says nothing was written.
            return .importFailed((error is LockWaitError ? "" : "Nothing was imported: ") + ConsoleApp.message(error))
        }
    }

    /// While another desk holds the log's lock the screen says so (after half a second, naming who holds it) instead of
    /// freezing, and Esc or Ctrl-C stop waiting; then nothing is written and the form stays open to try again. Other
    /// keys pressed meanwhile are dropped: they were meant for a screen that had not caught up.
    private func waitingForAnotherDesk(_ now: Instant) -> LockWait {
        LockWait(noticeAfter: 0.5, every: 0.1) { [unowned self] holder, _ in
            // The model hears it (so `M` keeps who held the lock); the write's own result then takes the status line.
            send(.waitingForAnotherDesk(holder: holder.map { "\($0)" }), now)
            draw(now)
            while let key = terminal.readKey(timeoutMilliseconds: 0) {
                if key == .escape || key == .ctrl("c") { return false }
            }
            return !terminal.stopRequested
        }
    }

    // The audit's evidence walks every client, so it is worked out at most once a minute (and at once for a new day
    // or an answer), never on every key press.
    private var evidence: (seq: Int, minute: Int64, day: Int, figures: [Evidence])?
    private var previousEvidence: (audit: AuditID, figures: [Evidence])?

    private func auditSummary(_ now: Instant) -> AuditSummary {
        let p = log.practice
        let minute = now.ms / 60_000, day = p.calendar.day(of: now)
        if evidence == nil || evidence!.day != day || (evidence!.seq != p.lastSeq && minute > evidence!.minute) {
            evidence = (p.lastSeq, minute, day, AuditEvidence.all(p, window: AuditWindow(end: now)))
        }
        // An audit step's drill-down lists records people act on: another desk's change shows at once, not a minute later.
        if case .audit? = model.drillState?.origin, evidence!.seq != p.lastSeq {
            evidence = (p.lastSeq, minute, day, AuditEvidence.all(p, window: AuditWindow(end: now)))
        }
        let current = AuditReview.current(p)
        let prior = AuditReview.previous(p, before: current)
        // The last audit's figures need the log replayed up to when it finished: only the walkthrough shows them, so
        // they are worked out when it opens (once per audit), never for the first frame.
        if let prior, previousEvidence?.audit != prior.id, let finished = prior.finishedAt, model.isWalkingThrough,
           let then = try? log.practice(asOf: finished) {
            previousEvidence = (prior.id, AuditEvidence.all(then, window: AuditWindow(end: finished)))
        }
        // The owners, answers and sources review are read afresh (AuditEvidence.ownersAndReviews): an answer given a
        // moment ago must not show as "owners named for 0 of 16" until the minute is up.
        let figures = AuditEvidence.refreshingOwnersAndReviews(evidence!.figures, p, window: AuditWindow(end: now))
        return AuditSummary(evidence: figures, answers: current?.answers ?? [:],
                            previous: prior == nil ? nil : previousEvidence?.figures, previousAnswers: prior?.answers)
    }

    private func refreshData(_ now: Instant, byAnotherDesk: Bool = false) {
        if log.generation != generation {
            // The file was rewritten (an erasure, a restore): patching the old snapshot could keep erased details.
            generation = log.generation
            evidence = nil
            data = ConsoleData(log.practice, now: now, diaryDay: model.diaryDay)
            _ = data.followReview(model.lapsedScope, log.practice, now: now)
            _ = data.followSite(model.site, log.practice)
        }
        let reports = data.reports
        data.update(log.practice, now: now)
        data.reports = reports
        _ = data.showAutopilot(model.showsAutopilot, log.practice, now: now)
        data.audit = auditSummary(now)
        // The charts on screen are asked for again for the new practice (`.workOutCharts`).
        perform(send(.refreshed(byAnotherDesk: byAnotherDesk), now), now)
        needsDraw = true
    }

    private func draw(_ now: Instant) {
        let size = terminal.size
        terminal.draw(ConsoleView.render(model, data: data, practice: log.practice, now: now, width: size.width, height: size.height,
                                         charset: terminal.charset))
        needsDraw = false
    }

    /// Reads only what other desks appended, and only when the store says there may be news.
    private func watchLog() -> Bool {
        guard log.mayHaveNews() else { return false }
        do {
            let appended = try log.refresh() > 0
            if model.storeTrouble != nil {
                // Back in touch: the title bar's mark goes.
                send(.storeReadAgain, clock())
                needsDraw = true
            }
            return appended
        } catch {
            send(.storeUnreachable(userMessage(error)), clock())
            return true
        }
    }

}

/// One result handed back from a piece of work run on another core; each is written once, before it is read.
private final class Slot<T>: @unchecked Sendable {
    var value: T?
}
