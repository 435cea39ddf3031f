import Foundation
import Testing
@testable import KeepwarmCore

/// Every step's figure from a small practice built by hand through a real log, with the numerator and denominator
/// worked out in the comments. Unless a test says otherwise the window is the 90 days ending Tuesday 30 June 2026 at
/// 18:00 (BST), so it starts just after Wednesday 1 April at 18:00.
@Suite struct AuditEvidenceTests {
    static let end = "2026-06-30 18:00"

    func figure(_ f: Fixture, _ step: Int, end: String = end, days: Int = 90) -> Evidence {
        AuditEvidence.all(f.p, window: AuditWindow(end: f.t(end), days: days))[step - 1]
    }

    /// Checks a figure exactly: its counts, share, target, leak and text.
    func expectShare(_ e: Evidence, _ n: Int, of d: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let share = Double(n) / Double(d)
        #expect(e.numerator == n, "numerator", sourceLocation: sourceLocation)
        #expect(e.denominator == d, "denominator", sourceLocation: sourceLocation)
        #expect(e.value == share, sourceLocation: sourceLocation)
        #expect(e.meetsTarget == (share >= 0.9), sourceLocation: sourceLocation)
        #expect(e.missed == d - n, sourceLocation: sourceLocation)
        #expect(e.noData == nil, sourceLocation: sourceLocation)
        #expect(e.text == "\(Int((share * 100).rounded()))% (\(n) of \(d))", sourceLocation: sourceLocation)
    }

    /// Checks a figure that has nothing to count: no share, no target verdict, no leak, and the reason instead of 0%.
    func expectNoData(_ e: Evidence, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(e.numerator == nil && e.denominator == nil, sourceLocation: sourceLocation)
        #expect(e.value == nil, sourceLocation: sourceLocation)
        #expect(e.meetsTarget == nil, sourceLocation: sourceLocation)
        #expect(e.missed == 0, sourceLocation: sourceLocation)
        #expect(e.noData == "no data: \(reason)", sourceLocation: sourceLocation)
        #expect(e.text == "no data: \(reason)", sourceLocation: sourceLocation)
    }

    /// Books a session from the desk at `at` (no marking), returning its id.
    @discardableResult
    func book(_ f: Fixture, _ c: ClientID, at: String, _ start: String) throws -> AppointmentID {
        let e = try f.run(at, .book(client: c.description, practitioner: nil, start: f.t(start), minutes: 60, force: false))
        guard case .appointmentBooked(let id, _, _, _, _) = e.body else { fatalError() }
        return id
    }

    func touch(_ f: Fixture, _ c: ClientID, _ kind: TouchpointKind, at: String) throws {
        try f.run(at, .touch(client: c.description, kind: kind, via: .email, note: nil))
    }

    // MARK: no data at all

    @Test func anEmptyPracticeHasNoFigureAnywhereNeverZeroPercent() throws {
        let f = try Fixture()
        let all = AuditEvidence.all(f.p, window: AuditWindow(end: f.t(Self.end)))
        #expect(all.map(\.step) == Array(1...16))
        let reasons = [
            "no callbacks were noted in the window", "no new clients in the window", "no new clients in the window",
            "no attended sessions in the window", "no attended sessions at least a day old in the window",
            "nobody left without a booking in the window", "no second sessions at least 4 weeks old in the window",
            "nobody reached day 28 without a booking in the window", "nobody reached 42 days without a booking in the window",
            "nobody reached 60 days without a booking (at least 3 weeks ago) in the window",
            "no no-shows or late cancellations in the window", "no milestones recorded in the window", "no referrals in the window",
            "the sources report has never been marked reviewed", "the owner's judgement",
        ]
        for (i, reason) in reasons.enumerated() { expectNoData(all[i], reason) }
        #expect(all.allSatisfy { !$0.text.contains("0%") })
        #expect(all[6].detail == nil && all[0].detail == nil && all[12].detail == nil)
        // Step 16 has no share either: it reports the owners named, as a detail.
        #expect(all[15].value == nil && all[15].noData == nil && all[15].meetsTarget == nil)
        #expect(all[15].text == "owners named for 0 of 16 steps")
    }

    // MARK: 1 callbacks

    @Test func step1CountsCallbacksWhosePromiseHasPassedAndTheMedianTimeToReturn() throws {
        let f = try Fixture()
        func callback(_ at: String, by: String) throws { try f.run(at, .addCallback(name: "Caller", phone: "07700 900123", reason: nil, by: f.t(by))) }
        try callback("2026-04-01 18:00", by: "2026-04-02 12:00")  // cb1: taken exactly at the window's start: outside
        try f.run("2026-04-01 19:00", .returnCallback("cb1"))
        try callback("2026-04-01 18:01", by: "2026-04-02 12:00")  // cb2: just inside; returned in 2 h: kept
        try f.run("2026-04-01 20:01", .returnCallback("cb2"))
        try callback("2026-05-10 09:00", by: "2026-05-10 17:00")  // cb3: returned after 24 h: late
        try f.run("2026-05-11 09:00", .returnCallback("cb3"))
        try callback("2026-06-01 09:00", by: "2026-06-01 12:00")  // cb4: returned in 1 h: kept
        try f.run("2026-06-01 10:00", .returnCallback("cb4"))
        try callback("2026-06-02 09:00", by: "2026-06-02 12:00")  // cb5: never returned
        try callback("2026-06-30 17:00", by: "2026-06-30 19:00")  // cb6: promise not yet passed at the end: not counted
        try f.run("2026-06-30 17:30", .returnCallback("cb6"))
        try callback("2026-06-29 09:00", by: "2026-06-29 12:00")  // cb7: returned only after the end: not kept
        try f.run("2026-07-01 09:00", .returnCallback("cb7"))

        // Due: cb2, cb3, cb4, cb5, cb7 = 5; kept: cb2, cb4 = 2. Returned by the end: 2 h, 24 h, 1 h → median 2 h.
        let e = figure(f, 1)
        expectShare(e, 2, of: 5)
        #expect(e.detail == "median 2.0 h to return")
        #expect(e.target == 0.9)

        // Two days later the window starts on 3 April, so cb2 has left it, and cb6 is due (kept). Due: cb3, cb4, cb5,
        // cb6, cb7 = 5; kept: cb4, cb6 = 2. Returned by then: 24 h, 1 h, 0.5 h, 48 h → median (1 + 24) / 2 = 12.5 h.
        let later = figure(f, 1, end: "2026-07-02 12:00")
        expectShare(later, 2, of: 5)
        #expect(later.detail == "median 12.5 h to return")

        // With every return over 48 h the median reads in days.
        let g = try Fixture()
        try g.run("2026-06-01 09:00", .addCallback(name: "Caller", phone: "07700 900123", reason: nil, by: g.t("2026-06-01 12:00")))
        try g.run("2026-06-04 21:00", .returnCallback("cb1"))
        let slow = figure(g, 1)
        expectShare(slow, 0, of: 1)
        #expect(slow.detail == "median 3.5 days to return")
    }

    @Test func step1HasNoFigureUntilAPromiseHasPassed() throws {
        let f = try Fixture()
        try f.run("2026-06-30 17:00", .addCallback(name: "Caller", phone: "07700 900123", reason: nil, by: f.t("2026-06-30 19:00")))
        expectNoData(figure(f, 1), "no callbacks were noted in the window")
    }

    // MARK: 2 and 3 intake

    @Test func steps2And3CountNewClientsInTheWindow() throws {
        let f = try Fixture()
        func add(_ name: String, at: String, source: String? = nil, referredBy: String? = nil) throws {
            try f.run(at, .addClient(ClientDraft(name: name, source: source, referredBy: referredBy)))
        }
        try add("Old Client", at: "2026-03-01 10:00", source: "Google")  // c1: before the window
        try add("Edge Client", at: "2026-04-01 18:00")  // c2: exactly at the start: outside
        try add("Grace Hopper", at: "2026-04-01 18:01", source: "Google")  // c3: source, consent
        try add("Ada Lovelace", at: "2026-05-01 10:00")  // c4: no source
        try add("Mo Farah", at: "2026-05-02 10:00", referredBy: "c1")  // c5: "Client referral" written for them
        // c6: imported without knowing the consent choices (no contact/newsletter fields in the line).
        try f.log.append(by: "test", at: f.t("2026-05-03 10:00")) { p in
            .clientAdded(NewClient(id: p.nextClientID, name: "Imported Client", source: "Instagram", consentRecorded: false))
        }
        try add("Late Client", at: "2026-06-30 18:01", source: "Google")  // c7: after the end
        #expect(f.p.clients[5].consentRecorded == false)

        // New clients in the window: c3, c4, c5, c6 = 4. With a source: c3, c5, c6 = 3. Consent recorded: c3, c4, c5 = 3.
        expectShare(figure(f, 2), 3, of: 4)
        expectShare(figure(f, 3), 3, of: 4)
        #expect(figure(f, 2).missed == 1)

        // Asking later fills the gaps (and, the practice holding the present state, the figure for the same window).
        try f.run("2026-07-01 09:00", .editClient(client: "c4", ClientEdit(client: ClientID(4), source: "Walked past")))
        try f.run("2026-07-01 09:01", .editClient(client: "c6", ClientEdit(client: ClientID(6), contact: true)))
        expectShare(figure(f, 2), 4, of: 4)
        expectShare(figure(f, 3), 4, of: 4)
        #expect(figure(f, 2).meetsTarget == true)
    }

    // MARK: 4 checkout rebooking

    @Test func step4CountsSessionsLeftWithALaterBookingByTheEndOfTheDay() throws {
        let f = try Fixture()
        let early = try f.client("Early Bird"), edge = try f.client("Edge Case"), checkout = try f.client("Checkout Client")
        let block = try f.client("Block Booker"), nextDay = try f.client("Next Day"), fell = try f.client("Fell Through")
        let today = try f.client("Today Client"), done = try f.client("Discharged Client")

        try f.session(early, "2026-04-01 17:00")  // starts before the window: not counted, though rebooked
        try book(f, early, at: "2026-04-01 18:05", "2026-04-08 10:00")
        try f.session(edge, "2026-04-01 18:30")  // just inside; rebooked at checkout ✓
        try book(f, edge, at: "2026-04-01 19:35", "2026-04-08 18:30")
        try f.session(checkout, "2026-06-01 10:00")  // ✓
        try book(f, checkout, at: "2026-06-01 11:05", "2026-06-08 10:00")
        // Two sessions booked ahead in one go: the first leaves with the second booked ✓; the second with nothing ✗.
        let b1 = try book(f, block, at: "2026-05-20 09:00", "2026-06-03 10:00")
        let b2 = try book(f, block, at: "2026-05-20 09:01", "2026-06-10 10:00")
        try f.run("2026-06-03 11:00", .attend(b1.description))
        try f.run("2026-06-10 11:00", .attend(b2.description))
        try f.session(nextDay, "2026-06-05 10:00")  // booked the next day: ✗
        try book(f, nextDay, at: "2026-06-06 09:00", "2026-06-12 10:00")
        try f.session(fell, "2026-06-12 11:30")  // booked at checkout, cancelled that afternoon: ✗
        let cancelled = try book(f, fell, at: "2026-06-12 12:35", "2026-06-19 11:30")
        try f.run("2026-06-12 15:00", .cancel(cancelled.description, by: .client, late: false))
        try f.session(today, "2026-06-30 10:00")  // its day has not ended: not counted yet
        try book(f, today, at: "2026-06-30 11:05", "2026-07-07 10:00")
        try f.session(done, "2026-06-15 10:00")  // the last visit before discharge: no next session was owed
        try f.run("2026-06-15 12:00", .setStatus(client: done.description, .discharged, reason: "Course complete"))

        // Counted: edge ✓, checkout ✓, block ✓ ✗, nextDay ✗, fell ✗ = 3 of 6.
        expectShare(figure(f, 4), 3, of: 6)
        // At midnight today's session counts (✓), and the window, now starting on 2 April, has lost edge: 3 of 6.
        expectShare(figure(f, 4, end: "2026-07-01 00:00"), 3, of: 6)
        // A day longer, it reaches back to 1 April at midnight: early and edge both count: 5 of 8.
        expectShare(figure(f, 4, end: "2026-07-01 00:00", days: 91), 5, of: 8)
    }

    @Test func step4HasNoFigureWhenOnlyTodaysSessionsExist() throws {
        let f = try Fixture()
        try f.session(try f.client("Ada Lovelace"), "2026-06-30 10:00")
        expectNoData(figure(f, 4), "no attended sessions in the window")
    }

    // MARK: 5 post-session message

    @Test func step5CountsSessionsWhose24HoursHavePassed() throws {
        let f = try Fixture()
        let c = try (1...7).map { try f.client("Client \($0)", contact: $0 != 5) }
        try f.session(c[6], "2026-04-01 17:00")  // starts before the window: not counted
        try touch(f, c[6], .postSession, at: "2026-04-01 19:00")
        try f.session(c[0], "2026-06-01 10:00")  // ends 11:00; message exactly 24 h later ✓
        try touch(f, c[0], .postSession, at: "2026-06-02 11:00")
        try f.session(c[1], "2026-06-02 10:00")  // message a minute too late ✗
        try touch(f, c[1], .postSession, at: "2026-06-03 11:01")
        try f.session(c[4], "2026-06-03 10:00")  // no contact consent: nothing can be sent, not counted
        try f.session(c[5], "2026-06-04 10:00")  // nothing sent ✗
        try f.session(c[3], "2026-06-29 16:00")  // ends 17:00, its 24 h are up by the end; sent ✓
        try touch(f, c[3], .postSession, at: "2026-06-29 18:00")
        try f.session(c[2], "2026-06-29 17:30")  // ends 18:30: its 24 h are not up at the end; not counted though sent
        try touch(f, c[2], .postSession, at: "2026-06-29 19:00")

        // c1 ✓, c2 ✗, c6 ✗, c4 ✓ = 2 of 4.
        expectShare(figure(f, 5), 2, of: 4)
        // Half an hour later the 17:30 session has matured: 3 of 5.
        expectShare(figure(f, 5, end: "2026-06-30 18:30"), 3, of: 5)
    }

    @Test func step5HasNoFigureUntilASessionIsADayOld() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-06-30 09:00")
        try touch(f, c, .postSession, at: "2026-06-30 12:00")
        expectNoData(figure(f, 5), "no attended sessions at least a day old in the window")
        expectShare(figure(f, 5, end: "2026-07-01 10:00"), 1, of: 1)
    }

    // MARK: 6 rebooking prompt

    @Test func step6CountsClientsStillUnbookedWhenThePromptFellDue() throws {
        let f = try Fixture()
        let c = try (1...8).map { try f.client("Client \($0)", contact: $0 != 7) }
        // All on Monday 1 June: the prompt falls due on day 2 (Wednesday 3 June) and is counted if sent by the end of
        // day 3 (Thursday 4 June).
        try f.session(c[0], "2026-06-01 10:00")
        try touch(f, c[0], .rebookPrompt, at: "2026-06-04 09:00")  // day 3 ✓
        try f.session(c[1], "2026-06-01 11:30")
        try touch(f, c[1], .rebookPrompt, at: "2026-06-05 09:00")  // day 4 ✗
        try f.session(c[2], "2026-06-01 13:00")
        try book(f, c[2], at: "2026-06-01 14:05", "2026-06-08 13:00")  // rebooked at checkout: not owed
        try f.session(c[3], "2026-06-01 14:30")
        try book(f, c[3], at: "2026-06-03 12:00", "2026-06-10 14:30")  // booked on day 2 before any prompt: need gone, left out
        try f.session(c[4], "2026-06-01 16:00")  // nothing at all ✗
        try f.session(c[6], "2026-06-01 17:30")  // no contact consent: left out
        // Two sessions booked in one go, before the first: after it, the second was already booked: not owed.
        let ahead = try book(f, c[7], at: "2026-05-25 09:00", "2026-06-01 19:00")
        try book(f, c[7], at: "2026-05-25 09:01", "2026-06-08 19:00")
        try f.run("2026-06-01 20:00", .attend(ahead.description))
        try f.session(c[5], "2026-06-27 10:00")  // day 3 is not over by the end: not counted yet, though sent
        try touch(f, c[5], .rebookPrompt, at: "2026-06-29 10:00")

        // Owed: c1 ✓, c2 ✗, c5 ✗ = 1 of 3.
        expectShare(figure(f, 6), 1, of: 3)
        // From 1 July the 27 June session has matured: 2 of 4.
        expectShare(figure(f, 6, end: "2026-07-01 00:00"), 2, of: 4)
    }

    @Test func step6HasNoFigureWhenEveryoneLeftBooked() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-06-01 10:00")
        try book(f, c, at: "2026-06-01 11:05", "2026-06-08 10:00")
        expectNoData(figure(f, 6), "nobody left without a booking in the window")
    }

    // MARK: 7 session 2 → 3

    @Test func step7CountsSecondVisitsFollowedByAThirdWithinFourWeeks() throws {
        let f = try Fixture()
        let names = ["Steady", "Slow Third", "Cancelled Third", "Recent Second", "One Visit", "Older First", "Short Course"]
        let c = try names.map { try f.client($0) }
        try f.session(c[5], "2026-03-01 10:00")  // first visit before the window
        try f.session(c[6], "2026-04-05 10:00")
        try f.session(c[0], "2026-04-10 10:00")
        try f.session(c[1], "2026-04-10 11:30")
        try f.session(c[6], "2026-04-12 10:00")  // second visit, then discharged: care ended, not counted
        try f.run("2026-04-12 12:00", .setStatus(client: c[6].description, .discharged, reason: nil))
        try f.session(c[5], "2026-04-15 10:00")  // second in the window; third booked 1 May ✓
        try f.session(c[0], "2026-04-20 10:00")  // second; third booked 30 April ✓
        try f.session(c[1], "2026-04-20 11:30")  // second; third booked only on 15 June ✗
        try f.session(c[0], "2026-04-30 10:00")
        try f.session(c[2], "2026-05-01 10:00")
        try f.session(c[5], "2026-05-01 11:30")
        try f.session(c[4], "2026-05-05 10:00")  // never back ✗ (1 → 2)
        try f.session(c[2], "2026-05-10 10:00")  // second; third booked and then cancelled ✗
        let third = try book(f, c[2], at: "2026-05-10 11:05", "2026-05-20 10:00")
        try f.run("2026-05-15 09:00", .cancel(third.description, by: .client, late: false))
        try f.session(c[3], "2026-05-20 11:30")
        try f.session(c[3], "2026-06-05 10:00")  // second, but not 4 weeks old at the end
        try f.session(c[1], "2026-06-15 10:00")

        // Seconds: Steady ✓, Slow Third ✗, Cancelled Third ✗, Older First ✓ = 2 of 4.
        // Firsts: Steady ✓, Slow Third ✓, Cancelled Third ✓, Recent Second ✓, One Visit ✗, Short Course ✓ = 5 of 6.
        let e = figure(f, 7)
        expectShare(e, 2, of: 4)
        #expect(e.detail == "1 → 2: 83% (5 of 6)")
    }

    @Test func step7CountsAThirdBookedByTheEndAndCancelledOnlyAfterIt() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-05-01 10:00")
        try f.session(c, "2026-05-08 10:00")
        let third = try book(f, c, at: "2026-05-08 11:05", "2026-07-10 10:00")
        try f.run("2026-07-05 09:00", .cancel(third.description, by: .client, late: false))
        expectShare(figure(f, 7), 1, of: 1)  // as of 30 June the third was still booked
        expectShare(figure(f, 7, end: "2026-07-06 09:00"), 0, of: 1)  // by 6 July it had fallen through
    }

    @Test func step7HasNoFigureWithOnlyFirstVisitsButShowsTheFirstToSecondDetail() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-05-01 10:00")
        try f.session(c, "2026-06-10 10:00")  // second, too recent
        let e = figure(f, 7)
        expectNoData(e, "no second sessions at least 4 weeks old in the window")
        #expect(e.detail == "1 → 2: 0% (0 of 1)")  // the second came 40 days after the first
    }

    // MARK: 8 28-day check-in

    @Test func step8CountsVisitsStillUnbookedOnDay28() throws {
        let f = try Fixture()
        let c = try (1...10).map { try f.client("Client \($0)", contact: $0 != 10) }
        try f.session(c[0], "2026-03-04 10:00")  // day 28 is 1 April 00:00, before the window: not counted
        try f.session(c[1], "2026-03-05 10:00")  // day 28 is 2 April, inside; check-in that day ✓
        try touch(f, c[1], .checkIn28, at: "2026-04-02 10:00")
        let ahead = try book(f, c[8], at: "2026-04-25 09:00", "2026-06-10 10:00")  // booked well ahead of the visit below
        try f.session(c[2], "2026-05-01 10:00")
        try f.session(c[3], "2026-05-01 11:30")
        try f.session(c[4], "2026-05-01 13:00")
        try f.session(c[5], "2026-05-01 14:30")
        try f.session(c[6], "2026-05-01 16:00")
        try f.session(c[8], "2026-05-01 17:30")  // booked ahead: not owed
        try f.session(c[9], "2026-05-02 10:00")  // no contact consent: not counted
        try book(f, c[5], at: "2026-05-21 10:00", "2026-06-20 10:00")  // booked on day 20: not owed
        try touch(f, c[4], .checkIn28, at: "2026-05-26 10:00")  // day 25 ✓
        try f.session(c[7], "2026-05-26 10:00")  // its day 35 is not over by the end: not counted, though sent
        try f.session(c[6], "2026-05-31 10:00")  // came back on day 30 without a check-in: need gone, left out
        try touch(f, c[2], .checkIn28, at: "2026-06-05 10:00")  // day 35 ✓
        try touch(f, c[3], .checkIn28, at: "2026-06-06 10:00")  // day 36 ✗
        try f.run("2026-06-10 11:00", .attend(ahead.description))
        try touch(f, c[7], .checkIn28, at: "2026-06-23 10:00")

        // Owed: c2 ✓, c3 ✓, c4 ✗, c5 ✓ = 3 of 4.
        expectShare(figure(f, 8), 3, of: 4)
        #expect(figure(f, 8).formula == "visits followed by 28 days without a booking, with a check-in from day 25 to day 35")
        // At midnight c8's day 35 is over (✓); a 91-day window still reaches c2's day 28 (2 April): 4 of 5.
        expectShare(figure(f, 8, end: "2026-07-01 00:00", days: 91), 4, of: 5)
    }

    // MARK: 9 re-engagement

    @Test func step9CountsContactInWeeks3To6() throws {
        let f = try Fixture()
        let c = try (1...10).map { try f.client("Client \($0)", cadence: $0 == 7 ? 35 : nil) }
        try f.session(c[0], "2026-02-18 10:00")  // day 42 is 1 April 00:00: before the window
        try f.session(c[1], "2026-02-19 10:00")  // day 42 is 2 April: inside
        try f.session(c[2], "2026-04-01 10:00")
        try f.session(c[3], "2026-04-01 11:30")
        try f.session(c[4], "2026-04-01 13:00")
        try f.session(c[5], "2026-04-01 14:30")
        try f.session(c[6], "2026-04-01 16:00")  // cadence 35: lapsed from day 53, so contact up to day 53 counts
        try f.session(c[8], "2026-04-01 17:30")
        try f.run("2026-04-02 09:00", .setStatus(client: c[8].description, .discharged, reason: nil))  // care ended: not counted
        try f.session(c[9], "2026-04-01 19:00")  // nothing at all ✗
        try touch(f, c[1], .reEngage, at: "2026-04-01 10:00")  // day 41 ✓
        try touch(f, c[4], .reEngage, at: "2026-04-21 10:00")  // day 20: too early ✗
        try f.run("2026-04-22 10:00", .review(client: c[3].description, .contacted, note: "Rang her"))  // day 21 ✓
        try touch(f, c[2], .checkIn28, at: "2026-04-29 10:00")  // the 28-day check-in is contact in the window ✓
        try touch(f, c[5], .reEngage, at: "2026-05-14 10:00")  // day 43: too late ✗
        try f.session(c[7], "2026-05-19 10:00")  // day 42 is 30 June, but the day is not over at the end
        try touch(f, c[6], .reEngage, at: "2026-05-21 10:00")  // day 50 ✓

        // Owed: c2 ✓, c3 ✓, c4 ✓, c5 ✗, c6 ✗, c7 ✓, c10 ✗ = 4 of 7.
        expectShare(figure(f, 9), 4, of: 7)
        // At midnight c8's day 42 is over (✗); a 91-day window still reaches c2's day 42 (2 April): 4 of 8.
        expectShare(figure(f, 9, end: "2026-07-01 00:00", days: 91), 4, of: 8)
    }

    // MARK: 10 reactivation

    @Test func step10CountsALetterByDay67AndACallWithin14Days() throws {
        let f = try Fixture()
        let c = try (1...9).map { try f.client("Client \($0)") }
        try f.session(c[0], "2026-01-31 10:00")  // day 60 is 1 April 00:00: before the window
        try f.session(c[1], "2026-02-01 10:00")  // day 60 is 2 April
        for (i, time) in [(2, "10:00"), (3, "11:30"), (4, "13:00"), (5, "14:30"), (6, "16:00"), (7, "17:30")] {
            try f.session(c[i], "2026-02-10 \(time)")  // day 60 is 11 April, day 67 is 18 April
        }
        try touch(f, c[1], .reactivationLetter, at: "2026-04-02 10:00")
        try touch(f, c[1], .followUpCall, at: "2026-04-09 10:00")  // ✓
        try touch(f, c[4], .reactivationLetter, at: "2026-04-11 10:00")
        try touch(f, c[5], .reactivationLetter, at: "2026-04-11 11:00")  // no call, no booking ✗
        try touch(f, c[6], .reactivationLetter, at: "2026-04-11 12:00")
        try f.session(c[4], "2026-04-16 10:00")  // came back before the call: the letter did it ✓
        try f.session(c[7], "2026-04-16 11:30")  // came back on day 65 with no letter: need gone, left out
        try touch(f, c[2], .reactivationLetter, at: "2026-04-18 10:00")  // day 67
        try touch(f, c[3], .reactivationLetter, at: "2026-04-19 10:00")  // day 68: too late ✗
        try f.session(c[8], "2026-04-10 10:00")  // day 60 is 9 June; not 3 weeks past by the end
        try touch(f, c[6], .followUpCall, at: "2026-04-26 12:01")  // 15 days after the letter ✗
        try touch(f, c[2], .followUpCall, at: "2026-05-02 10:00")  // exactly 14 days after the letter ✓

        // Owed: c2 ✓, c3 ✓, c4 ✗, c5 ✓, c6 ✗, c7 ✗ = 3 of 6.
        expectShare(figure(f, 10), 3, of: 6)
    }

    // MARK: 11 no-shows and late cancellations

    @Test func step11CountsFollowUpsByTheEndOfTheDay() throws {
        let f = try Fixture()
        let c = try (1...9).map { try f.client("Client \($0)", contact: $0 != 9) }
        try f.session(c[7], "2026-04-01 17:00", attended: false)  // starts before the window
        try book(f, c[3], at: "2026-05-20 09:00", "2026-06-05 10:00")
        try book(f, c[4], at: "2026-05-20 09:05", "2026-06-05 11:30")
        try book(f, c[5], at: "2026-05-20 09:10", "2026-06-05 13:00")
        try f.session(c[0], "2026-06-01 10:00", attended: false)
        try f.session(c[1], "2026-06-01 11:30", attended: false)
        try f.session(c[2], "2026-06-01 13:00", attended: false)
        try touch(f, c[0], .noShowFollowUp, at: "2026-06-01 15:00")  // same day ✓
        try book(f, c[2], at: "2026-06-01 16:00", "2026-06-08 13:00")  // rebooked the same day ✓
        try f.session(c[8], "2026-06-02 10:00", attended: false)  // no contact consent: not counted
        try touch(f, c[1], .noShowFollowUp, at: "2026-06-02 09:00")  // next day ✗
        try f.run("2026-06-04 20:00", .cancel("a2", by: .client, late: true))  // c4, late: followed up at once ✓
        try touch(f, c[3], .noShowFollowUp, at: "2026-06-04 20:10")
        try f.run("2026-06-04 20:00", .cancel("a3", by: .practice, late: true))  // called off by the practice: not counted
        try f.run("2026-06-04 20:00", .cancel("a4", by: .client, late: false))  // in good time: not counted
        try f.session(c[6], "2026-06-30 10:00", attended: false)  // today: the day is not over

        // c1 ✓, c2 ✗, c3 ✓, c4 ✓ = 3 of 4.
        expectShare(figure(f, 11), 3, of: 4)
        expectShare(figure(f, 11, end: "2026-07-01 00:00"), 3, of: 5)
    }

    // MARK: 12 referral asks

    @Test func step12CountsAsksWithin7DaysOfAMilestone() throws {
        let f = try Fixture()
        let c = try (1...7).map { try f.client("Client \($0)", contact: $0 != 7) }
        func milestone(_ i: Int, _ at: String) throws { try f.run(at, .milestone(client: c[i].description, .goalReached)) }
        try milestone(4, "2026-04-01 17:59")  // before the window
        try touch(f, c[4], .referralAsk, at: "2026-04-02 10:00")
        try milestone(0, "2026-06-01 10:00")
        try milestone(1, "2026-06-01 10:00")
        try milestone(2, "2026-06-01 10:00")
        try milestone(6, "2026-06-01 10:00")  // no contact consent: not counted
        try touch(f, c[0], .referralAsk, at: "2026-06-08 10:00")  // exactly 7 days ✓
        try touch(f, c[1], .referralAsk, at: "2026-06-08 10:01")  // a minute over ✗
        try touch(f, c[5], .referralAsk, at: "2026-06-09 10:00")  // asked before the milestone ✗
        try milestone(5, "2026-06-10 10:00")
        try milestone(3, "2026-06-23 18:01")  // its 7 days are not up at the end

        // c1 ✓, c2 ✗, c3 ✗, c6 ✗ = 1 of 4.
        expectShare(figure(f, 12), 1, of: 4)
    }

    // MARK: 13 referral thanks

    @Test func step13CountsReferralsThankedWithin48HoursAndTheMedian() throws {
        let f = try Fixture()
        _ = try f.client("Rita Referrer")
        func referred(_ name: String, _ at: String) throws { _ = try f.client(name, at: at, referredBy: "c1") }
        func thank(_ r: String, _ at: String) throws { try f.run(at, .thank(r, via: .email, note: nil)) }
        try referred("Before Window", "2026-04-01 17:00")  // r1: outside
        try thank("r1", "2026-04-01 18:30")
        try referred("Quick Thanks", "2026-06-01 10:00")  // r2: 5 h ✓
        try thank("r2", "2026-06-01 15:00")
        try referred("Day Later", "2026-06-02 10:00")  // r3: 24 h ✓
        try thank("r3", "2026-06-03 10:00")
        try referred("Just Late", "2026-06-03 10:00")  // r4: 48 h and a minute ✗
        try thank("r4", "2026-06-05 10:01")
        try referred("Never Thanked", "2026-06-04 10:00")  // r5 ✗
        try referred("Thanked After", "2026-06-10 10:00")  // r6: thanked only after the end ✗, not in the median
        try referred("Too Recent", "2026-06-29 10:00")  // r7: its 48 h are not up
        try thank("r6", "2026-07-02 10:00")

        // r2 ✓, r3 ✓, r4 ✗, r5 ✗, r6 ✗ = 2 of 5; median of 5 h, 24 h, 48.02 h = 24 h.
        let e = figure(f, 13)
        expectShare(e, 2, of: 5)
        #expect(e.detail == "median 24.0 h to thank")
        #expect(e.formula == "referrals recorded in the window thanked within 48 hours")
    }

    // MARK: 14 sources review

    @Test func step14IsTheSourcesReportMarkedReviewedThisQuarter() throws {
        let never = try Fixture()
        try never.run("2026-06-01 10:00", .markReviewed(.retention))  // another report does not count
        // Opening or exporting the sources report is a look, not a review (issue 16): neither counts.
        try never.run("2026-06-01 10:05", .viewReport(.sources, exported: false))
        try never.run("2026-06-01 10:10", .viewReport(.sources, exported: true))
        let e = figure(never, 14)
        expectNoData(e, "the sources report has never been marked reviewed")
        #expect(e.target == 1)

        let thisQuarter = try Fixture()
        try thisQuarter.run("2026-04-01 09:00", .markReviewed(.sources))
        let yes = figure(thisQuarter, 14)
        expectShare(yes, 1, of: 1)
        #expect(yes.target == 1 && yes.meetsTarget == true)
        #expect(yes.detail == "last reviewed 2026-04-01")
        #expect(yes.text == "100% (1 of 1)")
        // The first day of the next quarter starts afresh.
        let nextQuarter = figure(thisQuarter, 14, end: "2026-07-01 09:00")
        expectShare(nextQuarter, 0, of: 1)
        #expect(nextQuarter.meetsTarget == false && nextQuarter.missed == 1)

        let lastQuarter = try Fixture()
        try lastQuarter.run("2026-03-31 23:30", .markReviewed(.sources))
        let no = figure(lastQuarter, 14)
        expectShare(no, 0, of: 1)
        #expect(no.detail == "last reviewed 2026-03-31")

        try lastQuarter.run("2026-05-05 10:00", .markReviewed(.sources))
        expectShare(figure(lastQuarter, 14), 1, of: 1)
        #expect(figure(lastQuarter, 14).detail == "last reviewed 2026-05-05")
        // A review after the end is not counted for a window ending before it; the practice keeps only the latest
        // review, so the one before it comes from replaying the log up to that date.
        expectNoData(figure(lastQuarter, 14, end: "2026-04-30 12:00"), "the sources report has never been marked reviewed")
    }

    // MARK: 15 and 16 the owner's judgement

    @Test func step15NeverHasAFigure() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-06-01 10:00")
        try book(f, c, at: "2026-06-02 09:00", "2026-06-09 10:00")
        try f.run("2026-06-03 09:00", .move("a2", to: f.t("2026-06-10 10:00"), force: false))
        let e = figure(f, 15)
        expectNoData(e, "the owner's judgement")
        #expect(e.target == nil)
    }

    @Test func step16CountsTheOwnersNamedInTheLatestAudit() throws {
        let f = try Fixture()
        try f.run("2026-06-01 09:00", .startAudit)
        try f.run("2026-06-01 09:01", .answerAudit(step: 1, .yes, note: nil, owner: "Anna"))
        try f.run("2026-06-01 09:02", .answerAudit(step: 2, .no, note: "Often forgotten", owner: "Sam"))
        try f.run("2026-06-01 09:03", .answerAudit(step: 3, .unsure, note: nil, owner: nil))
        try f.run("2026-07-01 09:00", .answerAudit(step: 4, .yes, note: nil, owner: "Anna"))  // after the end
        let e = figure(f, 16)
        #expect(e.value == nil && e.noData == nil && e.meetsTarget == nil && e.missed == 0)
        #expect(e.text == "owners named for 2 of 16 steps")
        #expect(figure(f, 16, end: "2026-07-01 10:00").detail == "owners named for 3 of 16 steps")
        #expect(figure(f, 16, end: "2026-05-31 10:00").detail == "owners named for 0 of 16 steps")  // before the audit began

        // A finished audit keeps counting until the next one starts.
        try f.run("2026-07-01 10:00", .finishAudit(inPlace: 2, evidenceMet: 0, evidenceSteps: 0))
        #expect(figure(f, 16, end: "2026-07-02 10:00").detail == "owners named for 3 of 16 steps")
        try f.run("2026-07-03 09:00", .startAudit)
        try f.run("2026-07-03 09:01", .answerAudit(step: 5, .yes, note: nil, owner: "Sam"))
        #expect(figure(f, 16, end: "2026-07-03 10:00").detail == "owners named for 1 of 16 steps")
    }

    @Test func thePracticesOwnSettingsMoveTheDeadlinesAndTheFormulas() throws {
        let f = try Fixture()
        try f.run("2026-01-05 09:00", .changeSettings(SettingsChange(rebookPromptDays: 4, checkInDays: 21, thankYouHours: 24)))
        let c1 = try f.client("Ada Lovelace"), c2 = try f.client("Grace Hopper")
        _ = try f.client("Rita Referrer")
        try f.session(c1, "2026-06-01 10:00")
        try f.session(c2, "2026-06-01 11:30")
        try touch(f, c1, .rebookPrompt, at: "2026-06-06 09:00")  // day 5: the day after it fell due ✓
        try touch(f, c2, .rebookPrompt, at: "2026-06-07 09:00")  // day 6 ✗
        try touch(f, c1, .checkIn28, at: "2026-06-29 09:00")  // day 28: the last day of the check-in's week ✓
        _ = try f.client("Referred", at: "2026-06-10 10:00", referredBy: "c3")
        try f.run("2026-06-11 11:00", .thank("r1", via: .phone, note: nil))  // 25 h ✗

        let six = figure(f, 6), eight = figure(f, 8), thirteen = figure(f, 13)
        expectShare(six, 1, of: 2)
        #expect(six.formula == "sessions left without a booking (still none on day 4) with a rebooking prompt by day 5")
        expectShare(eight, 1, of: 2)
        #expect(eight.formula == "visits followed by 21 days without a booking, with a check-in from day 18 to day 28")
        expectShare(thirteen, 0, of: 1)
        #expect(thirteen.formula == "referrals recorded in the window thanked within 24 hours")
        #expect(thirteen.detail == "median 25.0 h to thank")
    }

    // MARK: clients closed or unreachable now

    @Test func closedClientsCountForWhatWasOwedBeforeTheyClosed() throws {
        let f = try Fixture()
        let chasedThenClosed = try f.client("Chased Then Closed"), discharged = try f.client("Discharged At End")
        let stopped = try f.client("Asked To Stop"), neverChased = try f.client("Never Chased")
        // Chased Then Closed: checked in on day 28 (which is also weeks 3–6 contact), no reactivation letter, then
        // closed as moved away at a lapsed review on day 83. The sequence was owed all along.
        try f.session(chasedThenClosed, "2026-03-10 10:00")
        try f.session(neverChased, "2026-03-10 11:30")
        try touch(f, chasedThenClosed, .checkIn28, at: "2026-04-07 10:00")
        // Discharged At End: the course ended at the visit, recorded as a discharge milestone and status.
        try f.session(discharged, "2026-05-01 10:00")
        try f.run("2026-05-01 11:30", .milestone(client: discharged.description, .discharge))
        try f.run("2026-05-01 12:00", .setStatus(client: discharged.description, .discharged, reason: "Course complete"))
        try touch(f, discharged, .postSession, at: "2026-05-01 15:00")
        // Asked To Stop: a post-session message, then do-not-contact before the rebooking prompt fell due.
        try f.session(stopped, "2026-05-04 10:00")
        try touch(f, stopped, .postSession, at: "2026-05-04 15:00")
        try f.run("2026-05-05 09:00", .setStatus(client: stopped.description, .doNotContact, reason: "Asked not to be contacted"))
        try f.run("2026-06-01 10:00", .review(client: chasedThenClosed.description, .close(.movedAway), note: "Moved to Bristol"))
        // Never Chased: nothing after the visit, then discharged at a review. Keepwarm cannot tell this from a course
        // that ended at the visit, so the visit is left out of the next-session steps.
        try f.run("2026-06-01 10:05", .setStatus(client: neverChased.description, .discharged, reason: nil))

        expectShare(figure(f, 4), 0, of: 1)  // Asked To Stop left without a booking; Discharged At End's care had ended
        expectShare(figure(f, 5), 2, of: 2)  // both post-session messages (a discharged client can still be thanked)
        expectNoData(figure(f, 6), "nobody left without a booking in the window")
        expectShare(figure(f, 8), 1, of: 1)  // Chased Then Closed ✓; Asked To Stop (day 28 is 1 June) left out
        expectShare(figure(f, 9), 1, of: 1)
        expectShare(figure(f, 10), 0, of: 1)  // no letter for Chased Then Closed before they were closed
    }

    // MARK: the window and the target

    @Test func theWindowRunsFromJustAfterItsStartToItsEndInclusive() throws {
        let f = try Fixture()
        let end = f.t("2026-06-30 18:00")
        let w = AuditWindow(end: end, days: 30)
        #expect(w.start == Instant(ms: end.ms - 30 * 86_400_000))
        #expect(!w.contains(w.start) && w.contains(Instant(ms: w.start.ms + 1)))
        #expect(w.contains(end) && !w.contains(Instant(ms: end.ms + 1)))

        // Shorter windows see fewer new clients.
        try f.run("2026-05-01 10:00", .addClient(ClientDraft(name: "May Client")))
        try f.run("2026-06-15 10:00", .addClient(ClientDraft(name: "June Client", source: "Google")))
        expectShare(figure(f, 2, days: 90), 1, of: 2)
        expectShare(figure(f, 2, days: 30), 1, of: 1)
        expectNoData(figure(f, 2, days: 7), "no new clients in the window")
    }

    @Test func theTargetIsTheCallersAndStep14KeepsItsOwn() throws {
        let f = try Fixture()
        try f.run("2026-05-01 10:00", .addClient(ClientDraft(name: "With Source", source: "Google")))
        try f.run("2026-05-02 10:00", .addClient(ClientDraft(name: "Without Source")))
        try f.run("2026-05-03 10:00", .markReviewed(.sources))
        let lenient = AuditEvidence.all(f.p, window: AuditWindow(end: f.t(Self.end)), target: 0.5)
        #expect(lenient[1].target == 0.5 && lenient[1].meetsTarget == true)
        #expect(lenient[13].target == 1)
        #expect(figure(f, 2).meetsTarget == false)
    }

    // MARK: as of a date

    /// A copy of the log holding only the lines up to the first event recorded after `until`, opened as its own log:
    /// the practice as it stood then.
    func logUpTo(_ f: Fixture, _ until: String) throws -> EventLog {
        let limit = f.t(until)
        var kept: [Substring] = []
        for line in String(decoding: f.bytes(), as: UTF8.self).split(separator: "\n") {
            if let r = line.range(of: "\"at\":\""), let at = DateInput.parseZonedISO(String(line[r.upperBound...].prefix(24))), at > limit {
                break
            }
            kept.append(line)
        }
        let path = f.dir.file("up-to.log")
        try writeFile(path, contents: Data((kept.joined(separator: "\n") + "\n").utf8))
        return try EventLog.open(path: path)
    }

    @Test func figuresForAnEarlierEndIgnoreWhatWasRecordedAfterIt() throws {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace"), bo = try f.client("Bo Diddley"), cy = try f.client("Cy Twombly")
        let di = try f.client("Di Fletcher"), ed = try f.client("Ed Reactivated"), mo = try f.client("Mo Milestone")
        _ = try f.client("Rita Referrer")
        // Everything below is recorded in time order, so the log up to a date is the practice as it stood then.
        try f.session(ed, "2026-03-01 10:00")
        try f.session(di, "2026-04-20 10:00")
        try touch(f, ed, .reactivationLetter, at: "2026-04-30 10:00")
        try f.session(ada, "2026-05-01 10:00")
        try touch(f, ed, .followUpCall, at: "2026-05-07 10:00")
        try f.session(di, "2026-05-10 10:00")
        let diThird = try book(f, di, at: "2026-05-10 11:05", "2026-07-08 10:00")
        try f.run("2026-06-01 09:00", .startAudit)
        try f.run("2026-06-01 09:05", .answerAudit(step: 1, .yes, note: nil, owner: "Anna"))
        try touch(f, ada, .checkIn28, at: "2026-06-05 10:00")
        try f.run("2026-06-15 09:00", .markReviewed(.sources))
        try f.run("2026-06-20 10:00", .milestone(client: mo.description, .goalReached))
        _ = try f.client("Newly Referred", at: "2026-06-27 10:00", referredBy: "c7")
        try f.run("2026-06-29 09:00", .addCallback(name: "Caller", phone: "07700 900123", reason: nil, by: f.t("2026-06-29 12:00")))
        try f.session(bo, "2026-06-29 10:00")
        try touch(f, bo, .postSession, at: "2026-06-30 09:00")
        try f.session(cy, "2026-06-30 10:00")
        let cyNext = try book(f, cy, at: "2026-06-30 11:05", "2026-07-07 10:00")
        // After the end of 30 June at 18:00:
        try f.run("2026-07-01 09:00", .returnCallback("cb1"))
        try f.run("2026-07-01 09:10", .thank("r1", via: .email, note: nil))
        try touch(f, mo, .referralAsk, at: "2026-07-01 09:20")
        try f.run("2026-07-01 09:30", .answerAudit(step: 2, .no, note: nil, owner: "Sam"))
        try touch(f, cy, .postSession, at: "2026-07-01 10:00")
        try f.run("2026-07-02 10:00", .addClient(ClientDraft(name: "July Client", source: "Google")))
        try f.run("2026-07-03 09:00", .cancel(diThird.description, by: .client, late: false))
        try f.session(bo, "2026-07-05 10:00")
        try f.run("2026-07-07 11:00", .attend(cyNext.description))
        try f.run("2026-07-08 12:00", .addCallback(name: "Caller Two", phone: "07700 900124", reason: nil, by: f.t("2026-07-08 13:00")))
        try f.run("2026-07-08 12:10", .returnCallback("cb2"))

        let end = "2026-06-30 18:00"
        let full = AuditEvidence.all(f.p, window: AuditWindow(end: f.t(end)))
        let then = AuditEvidence.all(try logUpTo(f, end).practice, window: AuditWindow(end: f.t(end)))
        // Only time-stamped facts changed after the end, so the present practice gives the as-of figures exactly.
        #expect(full == then)

        expectShare(full[0], 0, of: 1)  // cb1 was due at noon on 29 June and not returned by the end
        expectShare(full[1], 1, of: 1)  // Newly Referred, with "Client referral"; July Client is after the end
        expectShare(full[3], 1, of: 4)  // Di's second visit left with the 8 July booking; Ed's visit is before the window
        expectShare(full[4], 1, of: 4)  // Bo's post-session message; Cy's 24 h are not up
        expectShare(full[5], 0, of: 2)  // Ada and Di's first visit: no prompt
        expectShare(full[6], 1, of: 1)  // Di's third was booked within 4 weeks, cancelled only on 3 July
        #expect(full[6].detail == "1 → 2: 50% (1 of 2)")  // Di ✓, Ada ✗
        expectShare(full[7], 1, of: 1)  // Ada's check-in on day 35
        expectShare(full[8], 1, of: 2)  // Ada (the check-in was in weeks 3–6) ✓, Ed ✗
        expectShare(full[9], 1, of: 1)  // Ed's letter and call
        expectShare(full[11], 0, of: 1)  // Mo was asked only on 1 July
        expectShare(full[12], 0, of: 1)  // r1 thanked only on 1 July
        expectShare(full[13], 1, of: 1)
        #expect(full[15].detail == "owners named for 1 of 16 steps")

        // The same holds for another date in the middle of it all.
        let mid = "2026-06-05 12:00"
        #expect(AuditEvidence.all(f.p, window: AuditWindow(end: f.t(mid))) == AuditEvidence.all(try logUpTo(f, mid).practice, window: AuditWindow(end: f.t(mid))))
    }

    @Test func presentStateIsReadAsItIsNowSoTrueAsOfFiguresComeFromTheLogUpToTheDate() throws {
        let f = try Fixture()
        try f.run("2026-04-15 09:00", .markReviewed(.sources))
        _ = try f.client("No Source Yet", at: "2026-05-01 08:50")
        let bo = try f.client("Bo Diddley", at: "2026-05-01 08:55")
        try f.session(bo, "2026-05-01 10:00")
        // After the end: a source is added, Bo is discharged, the report is looked at again.
        try f.run("2026-07-01 09:00", .editClient(client: "c1", ClientEdit(client: ClientID(1), source: "Google")))
        try f.run("2026-07-01 09:05", .setStatus(client: bo.description, .discharged, reason: nil))
        try f.run("2026-07-02 09:00", .markReviewed(.sources))

        let end = "2026-06-30 18:00"
        let now = AuditEvidence.all(f.p, window: AuditWindow(end: f.t(end)))
        let then = AuditEvidence.all(try logUpTo(f, end).practice, window: AuditWindow(end: f.t(end)))
        // As it stood on 30 June: no source, Bo left unbooked and unchased, the report viewed in this quarter.
        expectShare(then[1], 0, of: 2)
        expectShare(then[3], 0, of: 1)
        expectShare(then[7], 0, of: 1)
        expectShare(then[13], 1, of: 1)
        // The present practice reads the source, the discharge and the latest view as they are now.
        expectShare(now[1], 1, of: 2)
        expectNoData(now[3], "no attended sessions in the window")
        expectNoData(now[7], "nobody reached day 28 without a booking in the window")
        expectNoData(now[13], "the sources report has never been marked reviewed")
    }
}
