import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `m` shows the selected row's message in a window before it is sent. The renderer is passed in (the executable
/// passes the real templates, tested in KeepwarmMessagesTests and MessagesCLITests); here it records what it was asked.
@Suite struct MessagePreviewTests {
    final class Asked: @unchecked Sendable { var requests: [MessageRequest] = [] }

    static func app(_ f: ConsoleFixture, _ asked: Asked) -> ConsoleApp {
        ConsoleApp(log: f.log, terminal: f.terminal, user: "sam", clock: { [unowned f] in f.now }, previewer: { request, p, _ in
            asked.requests.append(request)
            let name: String
            switch request {
            case .thankYou(let r): name = p.clients[p.referrals[r.index].referrer.index].name
            case .followUp(let c, _): name = p.clients[c.index].name
            }
            return MessagePreview(title: "Message: to \(name)", subject: "Thank you, \(name)",
                                  body: "Hello \(name),\n\n" + String(repeating: "A warm and fairly long sentence. ", count: 4) + "\n\nBest wishes,\nAnna\n")
        })
    }

    @Test func mInTheThankYouPaneShowsTheReferrersMessageInTheGrid() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let asked = Asked()
        let app = Self.app(f, asked)
        app.tick()
        app.press(.char("3"))
        app.press(.char("m"))
        #expect(asked.requests == [.thankYou(ReferralID(1))])
        let screen = f.screen
        // Text and styles, as every golden screen.
        try GoldenTests.compare("message-preview-80x24", f.terminal.frames.last!)
        #expect(screen.contains("Subject: Thank you, Ada Lovelace"))
        #expect(screenProblem(f.terminal.frames.last!) == nil)
        // Any key closes it and nothing was written.
        let lines = try String(contentsOfFile: f.log.path, encoding: .utf8).count { $0 == "\n" }
        app.press(.escape)
        #expect(!f.screen.contains("Subject:"))
        #expect(try String(contentsOfFile: f.log.path, encoding: .utf8).count { $0 == "\n" } == lines)
    }

    @Test func mInTheFollowUpsListAsksForTheSelectedRowsMessage() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let asked = Asked()
        let app = Self.app(f, asked)
        app.tick()
        let rows = app.data.followUps
        try #require(rows.count >= 2)
        app.press(.char("f"))
        app.press(.char("j"))
        app.press(.char("m"))
        #expect(asked.requests == [.followUp(rows[1].client, rows[1].kind)])
        #expect(f.screen.contains("Subject: Thank you, \(rows[1].name)"))
        #expect(f.screen.contains("m preview message") == false, "the key bar shows the preview's own keys while it is open")
        app.press(.char("q"))
        #expect(f.screen.contains("Follow-ups due"))
    }

    @Test func withoutARendererTheConsoleSaysSo() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("3"), .char("m"))
        #expect(f.screen.contains("message previews are not available here"))
    }

    @Test func theKeyIsListedInTheHelp() {
        #expect(KeyHelp.helpLines(for: ConsoleModel(user: "sam")).contains { $0.contains("m") && $0.contains("preview") })
        #expect(Keymap.of(.followUps).binding(for: .char("m"))?.action == .preview)
    }
}
