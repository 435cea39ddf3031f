import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The console redoes only the clients an event touched (`ConsoleData.update`); with the autopilot a message leaves
/// the desk's lists and comes back by events that are not about the client (a run) or not obviously so (a failed try).
/// After every event the patched snapshot must be the one a full recompute makes.
@Suite struct AutopilotConsoleDataTests {
    /// Every list the patched snapshot keeps, compared with a full recompute at the same moment.
    func expectSame(_ patched: ConsoleData, _ p: Practice, now: Instant, after what: String) {
        let full = ConsoleData(p, now: now)
        #expect(patched.followUps == full.followUps, "follow-ups after \(what)")
        #expect(patched.lapsed == full.lapsed, "lapsed after \(what)")
        #expect(patched.thankYous == full.thankYous && patched.missedThankYous == full.missedThankYous, "thank-yous after \(what)")
        #expect(patched.diary == full.diary && patched.callbacks == full.callbacks, "diary and callbacks after \(what)")
    }

    func adasPostSession(_ data: ConsoleData) -> Bool {
        data.followUps.contains { $0.client == ClientID(1) && $0.kind == .postSession }
    }

    @Test func theIncrementalListsAgreeWithAFullRecomputeAfterEachAutopilotEvent() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        var edit = ClientEdit(client: ClientID(1))
        edit.email = "ada@example.org"
        try f.record("2026-11-22 09:00", .editClient(client: "c1", edit))
        try f.record("2026-11-23 10:00", .attend("a3"))
        var data = ConsoleData(f.p, now: f.now)
        #expect(adasPostSession(data), "the autopilot has never run: Ada's post-session is the desk's")
        let key = try #require(AutopilotPlan.messages(f.p, now: f.now).first { $0.client == ClientID(1) && $0.step == .postSession }?.key)
        let today = f.p.calendar.day(of: f.now)
        var minute = 0
        /// Appends one event as the autopilot would, then patches the snapshot and compares it with a full one.
        func apply(_ what: String, _ body: @escaping (Practice) -> EventBody) throws {
            minute += 1
            try f.log.append(by: "autopilot", at: f.t("2026-11-23 10:\(String(format: "%02d", minute))")) { p in body(p) }
            data.update(f.p, now: f.now)
            expectSame(data, f.p, now: f.now, after: what)
        }
        func attempt(_ p: Practice) -> EventBody {
            .messageAttempted(AttemptStart(id: p.autopilot.nextID, key: key, client: ClientID(1), step: .postSession, channel: .email,
                                           to: "ada@example.org", dueDay: today, appointment: AppointmentID(3)))
        }

        try apply("a run (the autopilot is live)") { _ in .autopilotRan(RunSummary()) }
        #expect(!adasPostSession(data), "the autopilot sends it now")
        try apply("an attempt", attempt)
        try apply("a try-later failure") { p in .messageFailed(p.autopilot.attempts.last!.id, reason: "busy", retry: true, confirmed: false) }
        #expect(!adasPostSession(data), "the autopilot tries again later")
        // Four more tries told to try later: the fifth is the last, and the message is the desk's again.
        for n in 2...5 {
            try apply("attempt \(n)", attempt)
            try apply("try-later failure \(n)") { p in .messageFailed(p.autopilot.attempts.last!.id, reason: "busy", retry: true, confirmed: false) }
        }
        #expect(adasPostSession(data), "after \(AutopilotPlan.retries) tries the desk has it, never nobody")
        try apply("Grace held") { _ in .autopilotHeld(ClientID(3), untilDay: nil) }
        try apply("Grace released") { _ in .autopilotReleased(ClientID(3)) }
        try apply("Ada withdraws email consent") { _ in .consentChanged(ClientID(1), .email, given: false, how: .optOut) }
        try apply("Ada gives it again") { _ in .consentChanged(ClientID(1), .email, given: true, how: .toldDesk) }
        // The referral thank-you for Grace, sent by the autopilot: it leaves the thank-yous, and nothing else of Ada's goes.
        let before = data.followUps.filter { $0.client == ClientID(1) }
        try apply("a thank-you attempt") { p in
            .messageAttempted(AttemptStart(id: p.autopilot.nextID, key: "c1.referral-thank-you.2026-11-22.r1", client: ClientID(1),
                                           step: .referralThankYou, channel: .email, to: "ada@example.org", dueDay: today - 1,
                                           referral: ReferralID(1)))
        }
        try apply("the thank-you sent") { p in .messageSent(p.autopilot.attempts.last!.id, provider: nil, confirmed: false) }
        #expect(data.thankYous.isEmpty && data.followUps.filter { $0.client == ClientID(1) } == before)
        try apply("the run stops being heard from") { _ in .autopilotRan(RunSummary(sent: 1)) }
        try apply("Ada skipped") { _ in .autopilotSkipped(ClientID(1), key: "c1.check-in-28.2026-12-21") }
        // A day later with no run, the desk has every message again: a new minute is a full recompute anyway.
        let later = f.t("2026-11-24 12:00")
        data.update(f.p, now: later)
        expectSame(data, f.p, now: later, after: "a day without a run")
    }

    @Test func aRunThatStartsTheAutopilotTakesItsMessagesOffTheDesksListWithinTheSameMinute() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        var edit = ClientEdit(client: ClientID(1))
        edit.email = "ada@example.org"
        try f.record("2026-11-22 09:00", .editClient(client: "c1", edit))
        try f.record("2026-11-23 10:00", .attend("a3"))
        var data = ConsoleData(f.p, now: f.now)
        #expect(adasPostSession(data))
        // `autopilot.ran` names no client, yet changes every client's desk list.
        try f.log.append(by: "autopilot", at: f.now) { _ in .autopilotRan(RunSummary()) }
        data.update(f.p, now: f.now)
        #expect(!adasPostSession(data), "the run is heard from: the autopilot sends it, and the desk's list says so at once")
    }
}
