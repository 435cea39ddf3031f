import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `m` (or `s`) on a follow-up call opens the call sheet: the number and the script for the desk, and the outcome
/// keys. It is never a message window, so nothing on it can send; answered and voicemail record, no answer does not.
@Suite struct CallSheetTests {
    final class Calls: @unchecked Sendable { var sent: [MessageRequest] = []; var rendered: [MessageRequest] = [] }

    /// The seeded day plus the reactivation letter to Mo (c2) on 10 November, so his call is due from the 17th; the app
    /// has a previewer and a sender, as the real console does.
    static func app(_ f: ConsoleFixture, _ calls: Calls) throws -> ConsoleApp {
        try f.seedDay()
        try f.record("2026-11-10 09:00", .touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))
        return ConsoleApp(log: f.log, terminal: f.terminal, user: "sam", clock: { [unowned f] in f.now }, previewer: { request, _, _ in
            calls.rendered.append(request)
            return MessagePreview(title: "Message: call", subject: "Call to Mo Farah",
                                  body: "Call script for Mo Farah:\n\nIf not: thank them warmly and wish them well.\n")
        }, sender: { request, _ in
            calls.sent.append(request)
            return MessageSendOutcome(text: "Sent", sent: true)
        })
    }

    /// Opens the follow-ups list with the call selected.
    static func selectCall(_ app: ConsoleApp) throws {
        app.press(.char("f"))
        let at = try #require(app.data.followUps.firstIndex { $0.kind == .followUpCall })
        for _ in 0..<at { app.press(.char("j")) }
    }

    func lines(_ f: ConsoleFixture) throws -> Int { try String(contentsOfFile: f.log.path, encoding: .utf8).count { $0 == "\n" } }

    @Test func mOnACallShowsTheNumberAndScriptAndNeverOffersSending() throws {
        let f = try ConsoleFixture()
        let calls = Calls()
        let app = try Self.app(f, calls)
        app.tick()
        try Self.selectCall(app)
        let before = try lines(f)
        app.press(.char("m"))
        guard case .call(let sheet) = app.model.overlays.last else { Issue.record("no call sheet: \(String(describing: app.model.overlays.last))"); return }
        #expect(sheet.client == ClientID(2) && sheet.kind == .followUpCall && sheet.phone == "07700 900456")
        let screen = f.screen
        #expect(screen.contains("Call Mo Farah – follow-up-call"))
        #expect(screen.contains("Phone: 07700 900456"))
        #expect(screen.contains("Script (for the desk; never sent):"))
        #expect(screen.contains("If not: thank them warmly"))
        #expect(screen.contains("a answered   v left voicemail   n no answer   Esc close"))
        #expect(!screen.contains("send by email") && !screen.contains("Subject:"))
        #expect(!(KeyHelp.bar(for: app.model).entries + KeyHelp.bar(for: app.model).end).contains { $0.key == "s" })
        #expect(screenProblem(f.terminal.frames.last!) == nil)
        // `s`, Enter and other keys do nothing here: the sheet stays, nothing is sent or written.
        app.press(.char("s"))
        app.press(.enter)
        app.press(.char("x"))
        if case .call = app.model.overlays.last {} else { Issue.record("a stray key closed the call sheet") }
        #expect(calls.sent.isEmpty)
        #expect(try lines(f) == before)
        // Esc closes it and records nothing.
        app.press(.escape)
        if case .followUps = app.model.overlays.last {} else { Issue.record("Esc did not go back to the list") }
        #expect(app.model.status?.text == "Call sheet closed: nothing recorded")
        #expect(try lines(f) == before)
    }

    @Test func noAnswerRecordsNothingAndTheCallStaysDue() throws {
        let f = try ConsoleFixture()
        let calls = Calls()
        let app = try Self.app(f, calls)
        app.tick()
        try Self.selectCall(app)
        let before = try lines(f)
        app.press(.char("m"))
        app.press(.char("n"))
        #expect(app.model.status?.text == "No answer from Mo Farah: nothing recorded; the call stays due")
        #expect(app.model.status?.isError == false)
        #expect(try lines(f) == before)
        #expect(app.data.followUps.contains { $0.kind == .followUpCall && $0.client == ClientID(2) })
        #expect(calls.sent.isEmpty)
    }

    @Test(arguments: [("v" as Character, "Left voicemail" as String?), ("a" as Character, nil)])
    func answeredOrVoicemailRecordsTheCallViaPhone(key: Character, note: String?) throws {
        let f = try ConsoleFixture()
        let calls = Calls()
        let app = try Self.app(f, calls)
        app.tick()
        try Self.selectCall(app)
        let before = try lines(f) - 1
        app.press(.char("m"))
        app.press(.char(key))
        #expect(try f.newEvents(since: before) == [.touchpointSent(ClientID(2), kind: .followUpCall, via: .phone, note: note)])
        #expect(!app.data.followUps.contains { $0.kind == .followUpCall })
        #expect(calls.sent.isEmpty)
        if case .followUps = app.model.overlays.last {} else { Issue.record("the sheet did not go back to the list") }
    }

    @Test func sOnACallAsksForTheOutcomeInsteadOfMarkingItDone() throws {
        let f = try ConsoleFixture()
        let calls = Calls()
        let app = try Self.app(f, calls)
        app.tick()
        try Self.selectCall(app)
        let before = try lines(f)
        app.press(.char("s"))
        if case .call = app.model.overlays.last {} else { Issue.record("s on a call did not open the call sheet") }
        #expect(try lines(f) == before)
    }

    @Test func sInTheLapsedPaneOnACallOpensTheCallSheetToo() throws {
        let f = try ConsoleFixture()
        let calls = Calls()
        let app = try Self.app(f, calls)
        app.tick()
        app.press(.char("2"))
        let at = try #require(app.data.lapsed.firstIndex { $0.client == ClientID(2) })
        try #require(app.data.lapsed[at].next == .followUpCall)
        for _ in 0..<at { app.press(.char("j")) }
        let before = try lines(f)
        app.press(.char("s"))
        guard case .call(let sheet) = app.model.overlays.last else { Issue.record("s on a lapsed call did not open the call sheet"); return }
        #expect(sheet.client == ClientID(2))
        #expect(try lines(f) == before)
        app.press(.char("n"))
        #expect(try lines(f) == before)
        #expect(app.model.status?.text == "No answer from Mo Farah: nothing recorded; the call stays due")
    }

    @Test func noConsoleActionSendsACallEvenIfOneWereAsked() throws {
        let f = try ConsoleFixture()
        let calls = Calls()
        let app = try Self.app(f, calls)
        app.tick()
        // A message window holding a call (which the console never builds) still cannot send it.
        var m = MessagePreview(title: "t", subject: "s", body: "b")
        m.request = .followUp(ClientID(2), .followUpCall)
        var model = app.model
        model.overlays = [.message(m)]
        #expect(model.handle(.char("s"), data: app.data, practice: f.p, now: f.now) == [])
        #expect(calls.sent.isEmpty)
    }
}
