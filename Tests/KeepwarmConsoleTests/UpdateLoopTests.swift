import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The loop is closed: what comes of an action (recorded, refused, sent, previewed, another desk's change) goes back
/// into `ConsoleModel.handle` as a message, and only `handle` changes the model.
@Suite struct UpdateLoopTests {
    @Test func aRecordedEventClosesTheFormItCameFromAndSaysWhatWasRecorded() throws {
        let d = try ModelDriver.seededDay()
        _ = d.key(.char("+"))
        for c in "Nina Simone" { _ = d.key(.char(c)) }
        // Consent to contact is asked, never assumed: the first Enter goes to the question, `y` answers it.
        #expect(d.key(.enter) == [])
        _ = d.key(.char("y"))
        let actions = d.key(.enter)
        guard case .record(let command)? = actions.first else { Issue.record("Enter on the form records, got \(actions)"); return }
        let f = d.fixture
        let e = try f.log.append(by: "sam", at: f.now) { p in try command.event(in: p, now: f.now) }
        #expect(d.send(.recorded(e)) == [])
        #expect(d.model.overlays.isEmpty, "the form closed once its event was written")
        #expect(d.model.status == StatusLine(text: "✓ " + Describe.event(e, in: f.p), isError: false))
    }

    @Test func aRefusalLandsInTheOpenFormAndKeepsIt() throws {
        let d = try ModelDriver.seededDay()
        _ = d.key(.char("+"))
        for c in "Nina" { _ = d.key(.char(c)) }
        _ = d.key(.enter)
        _ = d.key(.char("y"))
        #expect(d.key(.enter).count == 1, "the answered form records")
        d.send(.refused("Another desk added Nina a moment ago"))
        guard case .form(_, let form)? = d.model.overlays.last else { Issue.record("the form stays open"); return }
        #expect(form.error == "Another desk added Nina a moment ago")
        #expect(d.model.status == nil, "the reason is in the form, where the person is looking")
    }

    /// The desk chose to add a second client anyway and the write was refused for another reason (a full disk): the
    /// reason is shown in the form, not the question about the duplicate again.
    @Test func aRefusalAfterAddingAnywayIsShownNotAskedAgain() throws {
        let d = try ModelDriver.seededDay()
        _ = d.key(.char("+"))
        for c in "Ada Lovelace" { _ = d.key(.char(c)) }
        _ = d.key(.tab)
        for c in "07700 900123" { _ = d.key(.char(c)) }
        for k in [Key.tab, .tab, .tab, .tab, .char("y")] { _ = d.key(k) }
        #expect(d.key(.enter) == [], "asked about Ada first")
        guard case .choice? = d.model.overlays.last else { Issue.record("no question: \(d.model.overlays)"); return }
        let actions = d.key(.char("a"))
        guard case .record(.addClient(let draft))? = actions.first, draft.evenIfDuplicate else { Issue.record("\(actions)"); return }
        d.send(.refused("The disk is full: nothing was written"))
        guard case .form(_, let form)? = d.model.overlays.last else { Issue.record("the form stays open: \(d.model.overlays)"); return }
        #expect(form.error == "The disk is full: nothing was written")
    }

    @Test func aRefusalWithNoFormOpenIsAnErrorOnTheStatusLine() throws {
        let d = try ModelDriver.seededDay()
        d.send(.refused("message previews are not available here"))
        #expect(d.model.status == StatusLine(text: "message previews are not available here", isError: true))
    }

    @Test func aSendingOutcomeAndAPreviewAndACallSheetComeBackAsMessages() throws {
        let d = try ModelDriver.seededDay()
        d.send(.sent(MessageSendOutcome(text: "Not sent: no mail command", sent: false)))
        #expect(d.model.status == StatusLine(text: "Not sent: no mail command", isError: true))
        d.send(.sent(MessageSendOutcome(text: "Sent by email to ada@example.org and recorded", sent: true)))
        #expect(d.model.status?.isError == false)
        let preview = MessagePreview(title: "Thank-you to Ada", subject: "Thank you", body: "Dear Ada")
        d.send(.previewed(preview))
        #expect(d.model.overlays.last == .message(preview))
        let sheet = CallSheet(client: ClientID(1), kind: .followUpCall, in: d.fixture.p, rendered: nil)
        d.send(.callSheet(sheet))
        #expect(d.model.overlays.last == .call(sheet))
    }

    @Test func waitingForAnotherDeskNamesTheHolderAfterWhatToDo() throws {
        let d = try ModelDriver.seededDay()
        d.send(.waitingForAnotherDesk(holder: "keepwarm (pid 42, anna)"))
        #expect(d.model.status == StatusLine(text: "waiting for another desk; Esc stops waiting (held by keepwarm (pid 42, anna))", isError: false))
        #expect(d.model.messages.last?.text == d.model.status?.text, "the message log keeps who held the lock")
    }

    /// Behind the "too small" screen only q (and Ctrl-Z) act: the model knows the size from a message.
    @Test func theScreenSizeIsAMessageAndBehindTooSmallKeysDoNothing() throws {
        let d = try ModelDriver.seededDay()
        d.send(.screen(width: 60, height: 20))
        #expect(d.send(.key(.char("a"))) == [], "nothing is recorded behind the too-small screen")
        #expect(d.send(.key(.ctrl("z"))) == [.suspend])
        d.send(.screen(width: 80, height: 24))
        #expect(d.send(.key(.char("a"))) == [.record(.attend("a3"))])
    }

    @Test func ctrlZAsksTheLoopToSuspendAndTheLoopRedrawsAfterwards() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        let frames = f.terminal.frames.count
        f.press(.ctrl("z"))
        #expect(f.terminal.suspended == 1, "the terminal was handed back to the shell once")
        #expect(f.terminal.frames.count > frames, "after fg the whole screen is drawn again")
    }
}

/// Pane and report counts come from their enums, never from a number written in the code.
@Suite struct CaseNumberTests {
    @Test func tabVisitsEveryPaneInOrderAndWraps() {
        var p = PaneID.allCases[0]
        var seen: [PaneID] = []
        for _ in PaneID.allCases { seen.append(p); p = p.next }
        #expect(seen == PaneID.allCases)
        #expect(p == PaneID.allCases[0])
        #expect(PaneID.allCases[0].previous == PaneID.allCases.last)
        #expect(ReportKind.allCases.last!.next == ReportKind.allCases[0])
    }

    @Test func digitKeysPickOnlyPanesThatExist() {
        #expect(PaneID.numbered("1") == PaneID.allCases[0])
        #expect(PaneID.numbered(Character("\(PaneID.allCases.count)")) == PaneID.allCases.last)
        #expect(PaneID.numbered(Character("\(PaneID.allCases.count + 1)")) == nil)
        #expect(PaneID.numbered("0") == nil)
        #expect(PaneID.numbered("٣") == nil, "an Arabic-Indic three is not a pane key")
        #expect(PaneID.numberKeys == "1-\(PaneID.allCases.count)")
        for p in PaneID.allCases { #expect(PaneID.numbered(Character("\(p.number)")) == p) }
    }

    @Test func theHelpNamesEveryPaneAndItsDigitRange() {
        let lines = KeyHelp.helpLines(for: ConsoleModel(user: "sam"))
        for p in PaneID.allCases { #expect(lines.contains(p.helpTitle) || lines.contains("Here: \(p.helpTitle)")) }
        #expect(lines.contains { $0.contains(PaneID.numberKeys) && $0.contains("go to pane") })
    }
}
