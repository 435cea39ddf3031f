import Testing
@testable import KeepwarmCore

/// Issue 12, section 2: after an erasure nobody is prompted to contact the erased person, or anyone about them.
@Suite struct ContactableTests {
    /// Bob referred Ada (r1); Ada referred Cleo (r2); Ada rang and asked for a callback; Bob rang too. Nothing is
    /// thanked or returned yet. Ada is then erased.
    func practice(erase: Bool) throws -> (Fixture, ada: ClientID, bob: ClientID, cleo: ClientID) {
        let f = try Fixture()
        let bob = try f.client("Bob Stone")
        let ada = try f.client("Ada Lovelace", at: "2026-03-01 09:00", referredBy: "Bob Stone")
        let cleo = try f.client("Cleo Park", at: "2026-03-01 09:10", referredBy: "Ada Lovelace")
        try f.run("2026-03-01 09:20", .addCallback(name: "Ada Lovelace", phone: "07700 900001", reason: "move my booking", by: f.t("2026-03-01 12:00")))
        try f.run("2026-03-01 09:25", .addCallback(name: "Bob Stone", phone: "07700 900000", reason: "a question", by: f.t("2026-03-01 12:00")))
        for (id, time) in [(ada, "10:00"), (bob, "11:00"), (cleo, "12:00")] {
            try f.run("2026-03-01 09:30", .book(client: id.description, practitioner: nil, start: f.t("2026-03-02 \(time)"), minutes: 50, force: false))
        }
        if erase { _ = try Erasure.erase(ada, in: f.log, by: "owner", at: f.t("2026-03-01 09:40")) }
        return (f, ada, bob, cleo)
    }

    @Test func anErasedClientLeavesEveryListAndEveryoneElseStays() throws {
        let (f, ada, bob, cleo) = try practice(erase: true)
        let now = f.t("2026-03-01 10:00")
        #expect(ThankYous.rows(f.p, now: now).isEmpty, "r1 (thanking Bob for Ada) and r2 (thanking Ada) both leave the list")
        #expect(CallbacksOwed.rows(f.p, now: now).map(\.callback.name) == ["Bob Stone"])
        let diary = Diary.rows(f.p, day: Civil.days(2026, 3, 2))
        #expect(diary.first { $0.appointment.client == bob }?.flags == [.firstVisit, .callbackOwed], "no thank-you owed for sending Ada")
        #expect(diary.first { $0.appointment.client == ada }?.flags == [.firstVisit])
        #expect(diary.first { $0.appointment.client == cleo }?.flags == [.firstVisit])
        for s: Contactable.Subject in [.client(ada), .referral(ReferralID(1)), .referral(ReferralID(2)), .callback(CallbackID(1))] {
            #expect(Contactable.isErased(s, in: f.p), "\(s)")
        }
        #expect(Contactable.mayPrompt(.client(bob), in: f.p) && Contactable.mayPrompt(.callback(CallbackID(2)), in: f.p))

        // Refused with one line, and nothing is written.
        let before = f.bytes()
        #expect(throws: CommandError("c2's details were erased at their request; nobody may be thanked for referral r1, so nothing was written")) {
            try f.run("2026-03-01 10:00", .thank("r1", via: .phone, note: nil))
        }
        #expect(throws: CommandError("c2's details were erased at their request; nobody may be thanked for referral r2, so nothing was written")) {
            try f.run("2026-03-01 10:00", .thank("r2", via: .phone, note: nil))
        }
        #expect(throws: CommandError("c2's details were erased at their request; c2 may not be contacted, so nothing was written")) {
            try f.run("2026-03-01 10:00", .touch(client: "c2", kind: .postSession, via: .text, note: nil))
        }
        #expect(f.bytes() == before)
    }

    @Test func theAuditAndTheReportCountThemAsErasedNotOwed() throws {
        let (f, _, _, _) = try practice(erase: true)
        let end = f.t("2026-03-05 12:00")
        let evidence = AuditEvidence.all(f.p, window: AuditWindow(end: end))
        // Step 1: Bob's callback is owed; Ada's is not.
        #expect(evidence[0].denominator == 1 && evidence[0].numerator == 0)
        #expect(evidence[0].formula.hasSuffix("; not owed, counted as erased: 1 callback about a client whose details were erased, not returned by the end"))
        // Step 13: both referrals are about Ada; nothing is owed.
        #expect(evidence[12].denominator == nil)
        #expect(evidence[12].formula.hasSuffix("; not owed, counted as erased: 2 referrals about a client whose details were erased, not thanked by the end"))

        let r = ReferrersReport.build(f.p, now: end)
        #expect(r.referrals.value == 2 && r.notYetThanked.value == 0 && r.overdue.value == 0 && r.erased.value == 2)
        #expect(r.summary.last?.key == "erased" && r.erased.formula == ReferrersReport.erasedFormula)
        #expect(r.referrers.allSatisfy { !$0.neverThanked }, "nobody is 'never thanked' for a referral they may not be thanked for")
    }

    @Test func beforeTheErasureTheSamePracticeOwesThemAll() throws {
        let (f, _, _, _) = try practice(erase: false)
        let now = f.t("2026-03-01 10:00")
        #expect(ThankYous.rows(f.p, now: now).count == 2)
        #expect(CallbacksOwed.rows(f.p, now: now).count == 2)
        let end = f.t("2026-03-05 12:00")
        let evidence = AuditEvidence.all(f.p, window: AuditWindow(end: end))
        #expect(evidence[0].denominator == 2 && !evidence[0].formula.contains("erased"))
        #expect(evidence[12].denominator == 2)
        let r = ReferrersReport.build(f.p, now: end)
        #expect(r.overdue.value == 2 && r.erased.value == 0 && r.summary.count == 5)
    }
}
