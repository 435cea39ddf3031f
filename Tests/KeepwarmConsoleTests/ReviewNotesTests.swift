import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Issue 16 item 4 in the console on a real log: `S` records the due step with how it went out and a note, and `z`'s
/// date form takes how contact was made and a note, as `c` does; `s` and `z 1/2/3` stay one key.
@Suite struct ReviewNotesTests {
    func practice() throws -> ConsoleFixture { try LapsedReviewTests().practice() }

    @Test func capitalSRecordsTheDueStepWithHowAndANote() throws {
        let f = try practice()
        let before = f.p.eventCount
        f.app.tick()
        f.press(.char("2"), .char("S"))
        #expect(f.screen.contains("Record reactivation-letter for Mo Farah"), "\(f.screen)")
        #expect(f.screen.contains("How it went out") && f.screen.contains("letter"), "the step's usual channel first")
        f.press(.tab)
        f.type("Sent with the new price list")
        f.press(.enter)
        let events = try f.newEvents(since: before)
        #expect(events.count == 1, "\(events)")
        if case .touchpointSent(let c, let kind, let via, let note)? = events.first {
            #expect(c == ClientID(2) && kind == .reactivationLetter && via == .letter && note == "Sent with the new price list")
        } else { Issue.record("\(events)") }
        #expect(!f.screen.contains("Record reactivation-letter"), "the form closes once recorded")
    }

    @Test func capitalSAsksFirstWhenAStepWasRecordedToday() throws {
        let f = try practice()
        try f.record("2026-11-23 09:00", .touch(client: "c2", kind: .reEngage, via: .email, note: nil))
        let before = f.p.eventCount
        f.app.tick()
        f.press(.char("2"), .char("S"), .enter)
        #expect(try f.newEvents(since: before).isEmpty)
        #expect(f.screen.contains("Mo Farah already had a step today"), "\(f.screen)")
        f.press(.char("n"))
        #expect(try f.newEvents(since: before).isEmpty)
        f.press(.enter, .char("y"))
        #expect(try f.newEvents(since: before).count == 1)
    }

    @Test func theSnoozeDateFormTakesHowAndANote() throws {
        let f = try practice()
        let before = f.p.eventCount
        f.app.tick()
        f.press(.char("2"), .char("z"), .char("d"))
        #expect(f.screen.contains("How contact was made"), "\(f.screen)")
        f.type("+3w")
        f.press(.tab)
        for _ in 0..<2 { f.press(.right) }
        f.press(.tab)
        f.type("Back from travelling in January")
        f.press(.enter)
        let events = try f.newEvents(since: before)
        #expect(events.count == 1, "\(events)")
        if case .lapseReviewed(_, .snoozed(let day), let note, let detail)? = events.first {
            #expect(day == f.p.calendar.day(of: f.now) + 21)
            #expect(note == "Back from travelling in January" && detail.via == .sms)
        } else { Issue.record("\(events)") }
    }
}
