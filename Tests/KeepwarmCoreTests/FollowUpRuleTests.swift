import Testing
@testable import KeepwarmCore

@Suite struct FollowUpRuleTests {
    func due(_ f: Fixture, at: String) -> [String] {
        FollowUps.rows(f.p, now: f.t(at)).map { "\($0.client) \($0.kind.rawValue) \(Civil.string(ofDay: $0.dueDay))" }
    }

    @Test func theSequenceHandsOverStepByStep() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-03-02 10:00")
        #expect(due(f, at: "2026-03-02 12:00") == ["c1 post-session 2026-03-02"])
        #expect(due(f, at: "2026-03-03 12:00") == ["c1 post-session 2026-03-02"])
        #expect(due(f, at: "2026-03-04 09:00") == ["c1 rebook-prompt 2026-03-04"])
        #expect(due(f, at: "2026-03-29 09:00") == ["c1 rebook-prompt 2026-03-04"])  // day 27
        #expect(due(f, at: "2026-03-30 09:00") == ["c1 check-in-28 2026-03-30"])  // day 28, BST by now
        #expect(due(f, at: "2026-04-12 09:00") == ["c1 check-in-28 2026-03-30"])  // day 41
        #expect(due(f, at: "2026-04-13 09:00") == ["c1 re-engage 2026-04-13"])  // day 42: the lapsed list's step too
        #expect(due(f, at: "2026-04-30 09:00") == ["c1 re-engage 2026-04-13"])  // day 59
        #expect(due(f, at: "2026-05-01 09:00") == ["c1 reactivation-letter 2026-05-01"])  // day 60
        try f.run("2026-05-01 10:00", .touch(client: "c1", kind: .reactivationLetter, via: .letter, note: nil))
        #expect(due(f, at: "2026-05-07 09:00") == [])
        #expect(due(f, at: "2026-05-08 09:00") == ["c1 follow-up-call 2026-05-08"])
        try f.run("2026-05-08 10:00", .touch(client: "c1", kind: .followUpCall, via: .phone, note: nil))
        #expect(due(f, at: "2026-05-09 09:00") == [])
    }

    @Test func aPastBookingNeverMarkedDoesNotHideTheSequence() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-03-02 10:00")
        try f.run("2026-03-02 11:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-09 10:00"), minutes: 60, force: false))
        #expect(due(f, at: "2026-03-05 09:00") == [])
        // The booked session passed without being marked: the client is no longer booked ahead.
        #expect(due(f, at: "2026-03-10 09:00") == ["c1 rebook-prompt 2026-03-04"])
    }

    @Test func aRecordedTouchpointClearsItsStep() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-03-02 10:00")
        try f.run("2026-03-02 18:00", .touch(client: "c1", kind: .postSession, via: .email, note: nil))
        #expect(due(f, at: "2026-03-02 19:00") == [])
        try f.run("2026-03-04 10:00", .touch(client: "c1", kind: .rebookPrompt, via: .text, note: nil))
        #expect(due(f, at: "2026-03-10 09:00") == [])
        #expect(due(f, at: "2026-03-30 09:00") == ["c1 check-in-28 2026-03-30"])
    }

    @Test func aBookingStopsTheRebookingSteps() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        let a = try f.session(c, "2026-03-02 10:00")
        try f.run("2026-03-02 11:05", .rebook(a.description))
        #expect(due(f, at: "2026-03-02 12:00") == ["c1 post-session 2026-03-02"], "the post-session message is owed either way")
        #expect(due(f, at: "2026-03-05 09:00") == [])
    }

    @Test func noShowsAndLateCancellationsGetASameDayFollowUp() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-03-02 10:00", attended: false)
        #expect(due(f, at: "2026-03-02 11:30") == ["c1 no-show-follow-up 2026-03-02"])
        #expect(due(f, at: "2026-03-15 11:30") == ["c1 no-show-follow-up 2026-03-02"])
        #expect(due(f, at: "2026-03-16 11:30") == [], "after 14 days the moment has passed")
        try f.run("2026-03-02 12:00", .touch(client: "c1", kind: .noShowFollowUp, via: .phone, note: nil))
        #expect(due(f, at: "2026-03-02 12:30") == [])

        let g = try f.client("Grace Hopper")
        try f.run("2026-03-05 09:00", .book(client: g.description, practitioner: nil, start: f.t("2026-03-06 10:00"), minutes: 60, force: false))
        try f.run("2026-03-06 08:00", .cancel("a2", by: .client, late: true))
        #expect(due(f, at: "2026-03-06 12:00") == ["c2 no-show-follow-up 2026-03-06"])
        try f.run("2026-03-06 12:00", .book(client: g.description, practitioner: nil, start: f.t("2026-03-13 10:00"), minutes: 60, force: false))
        #expect(due(f, at: "2026-03-06 12:30") == [], "rebooking answers the follow-up")
    }

    @Test func aLateCancellationCanBeFollowedUpBeforeItsStartTime() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        try f.run("2026-03-05 09:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-06 14:00"), minutes: 60, force: false))
        try f.run("2026-03-06 08:00", .cancel("a1", by: .client, late: true))
        try f.run("2026-03-06 09:30", .touch(client: "c1", kind: .noShowFollowUp, via: .phone, note: "Poorly; will call back"))
        #expect(due(f, at: "2026-03-06 15:00") == [])
    }

    @Test func milestonesAskForAReferral() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-03-02 10:00")
        try f.run("2026-03-02 18:00", .touch(client: "c1", kind: .postSession, via: .email, note: nil))
        try f.run("2026-03-02 11:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-09 10:00"), minutes: 60, force: false))
        try f.run("2026-03-02 11:30", .milestone(client: "c1", .goalReached))
        #expect(due(f, at: "2026-03-03 09:00") == ["c1 referral-ask 2026-03-02"])
        try f.run("2026-03-03 09:00", .touch(client: "c1", kind: .referralAsk, via: .inPerson, note: nil))
        #expect(due(f, at: "2026-03-03 10:00") == [])
    }

    @Test func unreachableClientsGetNothing() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace", contact: false)
        try f.session(c, "2026-03-02 10:00")
        #expect(due(f, at: "2026-03-02 12:00") == [])
        #expect(throws: CommandError.self) { try f.run("2026-03-02 12:00", .touch(client: "c1", kind: .postSession, via: nil, note: nil)) }
    }
}
