import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `s` in the message preview sends the message shown. The sender is passed in (the executable's sends through the
/// mail command, tested with real msmtp in keepwarmTests/SendCLITests.swift); here it records through its own handle
/// on the same real log, or fails, so what the console does with each outcome can be seen.
@Suite struct MessageSendTests {
    final class Asked: @unchecked Sendable { var sent: [MessageRequest] = [] }

    static func app(_ f: ConsoleFixture, _ asked: Asked, works: Bool) -> ConsoleApp {
        let path = f.log.path
        return ConsoleApp(log: f.log, terminal: f.terminal, user: "sam", clock: { [unowned f] in f.now },
                          previewer: { _, _, _ in MessagePreview(title: "Message", subject: "Thank you", body: "Hello\n") },
                          sender: { request, now in
                              asked.sent.append(request)
                              guard works, case .thankYou(let r) = request else {
                                  return MessageSendOutcome(text: "Not sent: the mail command (false) exited with status 1", sent: false)
                              }
                              do {
                                  let log = try EventLog.open(path: path)
                                  _ = try log.append(by: "sam", at: now) { p in try Command.thank(r.description, via: .email, note: nil).event(in: p, now: now) }
                                  return MessageSendOutcome(text: "Sent by email to ada@example.org and recorded", sent: true)
                              } catch {
                                  return MessageSendOutcome(text: "Not sent: \(error)", sent: false)
                              }
                          })
    }

    @Test func sInThePreviewSendsTheThankYouAndTheRowGoesOnceItIsRecorded() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let asked = Asked()
        let app = Self.app(f, asked, works: true)
        app.tick()
        let owed = app.data.thankYous.count
        try #require(owed >= 1)
        let first = app.data.thankYous[0].referral.id
        app.press(.char("3"))
        app.press(.char("m"))
        #expect(f.screen.contains("s send by email"))
        app.press(.char("s"))
        #expect(asked.sent == [.thankYou(first)])
        #expect(app.model.status == StatusLine(text: "Sent by email to ada@example.org and recorded", isError: false))
        #expect(app.data.thankYous.count == owed - 1)
        #expect(!app.data.thankYous.contains { $0.referral.id == first })
        #expect(!f.screen.contains("Subject:"))
    }

    @Test func aFailedSendShowsWhyAndLeavesTheRowAndTheLogAsTheyWere() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let asked = Asked()
        let app = Self.app(f, asked, works: false)
        app.tick()
        let rows = app.data.followUps
        try #require(!rows.isEmpty)
        let before = FileManager.default.contents(atPath: f.log.path)
        app.press(.char("f"))
        app.press(.char("m"))
        app.press(.char("s"))
        #expect(asked.sent == [.followUp(rows[0].client, rows[0].kind)])
        #expect(app.model.status == StatusLine(text: "Not sent: the mail command (false) exited with status 1", isError: true))
        #expect(app.data.followUps == rows)
        #expect(FileManager.default.contents(atPath: f.log.path) == before)
        // The list is still open, so after fixing the mail command the same row can be tried again.
        #expect(f.screen.contains("Follow-ups due"))
    }

    @Test func anyOtherKeyClosesThePreviewWithoutSending() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let asked = Asked()
        let app = Self.app(f, asked, works: true)
        app.tick()
        app.press(.char("3"))
        app.press(.char("m"))
        app.press(.char("q"))
        #expect(asked.sent.isEmpty)
        #expect(!f.screen.contains("Subject:"))
    }

    @Test func withoutASenderThePreviewOffersNoSending() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let app = ConsoleApp(log: f.log, terminal: f.terminal, user: "sam", clock: { [unowned f] in f.now },
                             previewer: { _, _, _ in MessagePreview(title: "Message", subject: "Thank you", body: "Hello\n") })
        app.tick()
        app.press(.char("3"))
        app.press(.char("m"))
        #expect(!f.screen.contains("send by email"))
        let before = FileManager.default.contents(atPath: f.log.path)
        app.press(.char("s"))
        #expect(FileManager.default.contents(atPath: f.log.path) == before)
    }
}
