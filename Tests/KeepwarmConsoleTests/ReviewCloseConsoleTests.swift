import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Closing in the weekly review, through the app on a real log: the `c` form's close asks "for ever?" as `x` does
/// (QA D6), a close another desk made first is refused in the open question (QA D2), and the lapsed list names a
/// channel one way (QA D14).
@Suite struct ReviewCloseConsoleTests {
    func practice() throws -> ConsoleFixture { try LapsedReviewTests().practice() }

    /// Opens Mo's `c` form and sets its outcome to close with a reason (choice fields step with →).
    func closeInTheForm(_ f: ConsoleFixture) {
        f.app.tick()
        f.press(.char("2"), .char("c"))
        for _ in 0..<4 { f.press(.right) }
        f.press(.tab, .tab)
        for _ in 0..<3 { f.press(.right) }
    }

    @Test func theReviewFormsCloseAsksForEverAndOnlyYCloses() throws {
        let f = try practice()
        let before = f.p.eventCount
        closeInTheForm(f)
        #expect(f.screen.contains("close") && f.screen.contains("cost"), "\(f.screen)")
        f.press(.enter)
        #expect(try f.newEvents(since: before).isEmpty, "Enter in the form only asks")
        #expect(f.screen.contains("Close Mo Farah for ever?"), "\(f.screen)")
        f.press(.enter)
        #expect(try f.newEvents(since: before).isEmpty, "Enter does not answer yes")
        f.press(.char("n"))
        #expect(try f.newEvents(since: before).isEmpty)
        #expect(f.screen.contains("Review Mo Farah"), "n goes back to the form, as it was")
        f.press(.enter, .char("y"))
        let events = try f.newEvents(since: before)
        #expect(events.count == 1)
        if case .lapseReviewed(_, .closed(.discharged), _, let d)? = events.first { #expect(d.reason == .cost) } else { Issue.record("\(events)") }
        #expect(!f.screen.contains("Review Mo Farah"), "the form closes once it is recorded")
    }

    @Test func aCloseAnotherDeskMadeFirstIsRefusedInTheOpenQuestion() throws {
        let f = try practice()
        f.app.tick()
        f.press(.char("2"), .char("x"), .char("c"))
        #expect(f.screen.contains("Close Mo Farah for ever?"))
        // The second desk: its own handle on the same log file, closing Mo while the question is open.
        let desk2 = try EventLog.open(path: f.log.path)
        let now = f.now
        _ = try desk2.append(by: "desk2", at: now) { p in
            try Command.review(client: "c2", .close(.movedAway), note: nil, reason: .movedAway).event(in: p, now: now)
        }
        let before = try EventLog.open(path: f.log.path).practice.eventCount
        f.press(.char("y"))
        f.app.tick()
        #expect(try f.newEvents(since: before).isEmpty, "nothing recorded over the other desk's close")
        #expect(f.screen.contains("already closed by desk2"), "\(f.screen)")
    }

    @Test func aTextAndAnSMSAreOneChannelOnTheLapsedList() throws {
        let f = try practice()
        try f.record("2026-11-20 09:00", .touch(client: "c2", kind: .reEngage, via: .text, note: nil))
        let row = try #require(ConsoleData(f.p, now: f.now).lapsed.first { $0.client == ClientID(2) })
        #expect(LapsedColumns.lastContact(row, f.p, long: true) == "SMS 2026-11-20")
        try f.record("2026-11-21 09:00", .review(client: "c2", .contacted, note: nil, via: .sms))
        let again = try #require(ConsoleData(f.p, now: f.now).lapsed.first { $0.client == ClientID(2) })
        #expect(LapsedColumns.lastContact(again, f.p, long: true) == "SMS 2026-11-21")
        try f.record("2026-11-22 09:00", .review(client: "c2", .contacted, note: nil))
        let unsaid = try #require(ConsoleData(f.p, now: f.now).lapsed.first { $0.client == ClientID(2) })
        #expect(LapsedColumns.lastContact(unsaid, f.p, long: true) == "unknown 2026-11-22", "no channel recorded says so")
        #expect(ChannelName.of(Channel.text) == ChannelName.of(ReviewContact.sms))
    }

    @Test func theFormsErrorSpeaksOfTheFormNotTheCLI() throws {
        let f = try practice()
        let form = Form(title: "Review Mo Farah", fields: [
            FormField(key: "outcome", label: "Outcome", kind: .choice(LapsedReview.outcomes), value: "contacted"),
            FormField(key: "via", label: "How", kind: .choice(["—"]), value: "—"),
            FormField(key: "reason", label: "Why", kind: .choice(["—"] + LeftReason.allCases.map(\.label)), value: "cost"),
            FormField(key: "note", label: "Note", value: ""),
        ])
        #expect {
            try LapsedReview.command(ClientID(2), form, DateInput(calendar: f.p.calendar, now: f.now))
        } throws: { error in
            let text = "\(error)"
            return !text.contains("--") && text.contains("Why they left")
        }
    }
}
