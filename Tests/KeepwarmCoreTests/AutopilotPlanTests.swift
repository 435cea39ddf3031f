import Testing
@testable import KeepwarmCore

/// The autopilot's one rule (`AutopilotPlan`): what is due under `auto`, by which channel, and what stops it; and the
/// desk's lists, which leave out what a running autopilot sends and take back what it could not.
@Suite struct AutopilotPlanTests {
    /// Ada (email and phone) and Grace (phone only), both agreeing to contact at intake, on Thursday 3 December 2026.
    func practice() throws -> (Fixture, ClientID, ClientID) {
        let f = try Fixture(start: "2026-12-01 09:00")
        try f.run("2026-12-01 09:00", .addClient(ClientDraft(name: "Ada Lovelace", phone: "07700 900123", email: "ada@example.com")))
        try f.run("2026-12-01 09:00", .addClient(ClientDraft(name: "Grace Hopper", phone: "07700 900456")))
        return (f, ClientID(1), ClientID(2))
    }

    func plan(_ f: Fixture, _ at: String) -> [PlannedMessage] { AutopilotPlan.messages(f.p, now: f.t(at)) }

    func book(_ f: Fixture, _ c: ClientID, _ start: String, at: String = "2026-12-02 09:00") throws {
        try f.run(at, .book(client: c.description, practitioner: nil, start: f.t(start), minutes: 60, force: false))
    }

    @discardableResult
    func attempt(_ f: Fixture, _ m: PlannedMessage, at: String) throws -> AttemptID {
        let id = f.p.autopilot.nextID
        try f.log.append(by: "autopilot", at: f.t(at)) { _ in .messageAttempted(m.attempt(id)!) }
        return id
    }

    func ran(_ f: Fixture, at: String) throws {
        try f.log.append(by: "autopilot", at: f.t(at)) { _ in .autopilotRan(RunSummary()) }
    }

    @Test func aReminderGoesTheDayBeforeInsideTheWindowAndNamesItsTime() throws {
        let (f, ada, _) = try practice()
        try book(f, ada, "2026-12-04 14:00")
        #expect(plan(f, "2026-12-02 10:00").isEmpty, "two days before: not yet")
        let m = try #require(plan(f, "2026-12-03 10:00").first)
        #expect(m.step == .reminder && m.client == ada && m.channel == .email && m.to == "ada@example.com" && m.goes)
        #expect(m.key == "c1.reminder.2026-12-03.a1@2026-12-04T1400")
        #expect(m.why.contains("2026-12-04 14:00"))
        let early = try #require(plan(f, "2026-12-03 08:30").first)
        #expect(early.stop == .outsideWindow(opens: f.t("2026-12-03 09:00")), "before 09:00 it waits for the window")
        #expect(early.stop?.waitsForAutopilot == true)
        // None went the day before: on the day itself it goes in the morning, while the appointment is 3 hours off.
        #expect(plan(f, "2026-12-04 10:00").first?.key == "c1.reminder.2026-12-04.a1@2026-12-04T1400")
        #expect(plan(f, "2026-12-04 11:30").isEmpty, "too close to the appointment for a reminder")
        let sent = try #require(plan(f, "2026-12-03 10:00").first)
        try attempt(f, sent, at: "2026-12-03 10:00")
        #expect(plan(f, "2026-12-04 10:00").isEmpty, "one went the day before: none on the day")
    }

    @Test func aMovedAppointmentIsANewReminderAndACancelledOneHasNone() throws {
        let (f, ada, _) = try practice()
        try book(f, ada, "2026-12-04 14:00")
        let first = try #require(plan(f, "2026-12-03 10:00").first)
        try attempt(f, first, at: "2026-12-03 10:00")
        try f.log.append(by: "autopilot", at: f.t("2026-12-03 10:00")) { _ in .messageSent(AttemptID(1), provider: nil, confirmed: false) }
        #expect(plan(f, "2026-12-03 10:05").isEmpty, "sent: never again")
        try f.run("2026-12-03 11:00", .move("a1", to: f.t("2026-12-04 16:00"), force: false))
        let moved = try #require(plan(f, "2026-12-03 11:05").first)
        #expect(moved.key.hasSuffix("@2026-12-04T1600"), "the reminder for the new time")
        #expect(moved.stop == .alreadyToday, "but Ada already had one message today")
        try f.run("2026-12-03 11:10", .cancel("a1", by: .client, late: false))
        #expect(plan(f, "2026-12-03 11:15").isEmpty)
    }

    @Test func serviceNeedsNoConsentButMarketingDoesAndAWithdrawalStopsBoth() throws {
        let (f, ada, grace) = try practice()
        var unasked = ClientDraft(name: "Mo Farah", email: "mo@example.com")
        unasked.consentAsked = false
        try f.run("2026-12-01 09:00", .addClient(unasked))
        let mo = ClientID(3)
        try f.run("2026-12-01 09:00", .autopilotPolicy(.rebookPrompt, StepPolicy(.auto, channels: [.email, .sms])))
        for (c, hour) in [(ada, 10), (grace, 11), (mo, 12)] { try f.session(c, "2026-12-01 \(hour):00") }
        // Day 2 after the session: the rebook prompt (marketing) and, still, nothing else.
        let day2 = plan(f, "2026-12-03 10:00")
        #expect(day2.map(\.step) == [.rebookPrompt, .rebookPrompt, .rebookPrompt])
        let byClient = Dictionary(uniqueKeysWithValues: day2.map { ($0.client, $0) })
        #expect(byClient[ada]?.channel == .email && byClient[ada]?.goes == true)
        #expect(byClient[grace]?.channel == .sms, "no email: the next channel")
        #expect(byClient[mo]?.stop == .noChannel([ChannelRefusal(channel: .email, reason: "no consent for marketing"),
                                                   ChannelRefusal(channel: .sms, reason: "no consent for marketing")]),
                "never asked: no marketing")
        try f.run("2026-12-03 09:30", .consent(client: "c1", .email, given: false, how: .optOut))
        #expect(plan(f, "2026-12-03 10:00").first { $0.client == ada }?.channel == .sms, "email withdrawn: by text")
        try f.run("2026-12-03 09:31", .consent(client: "c1", nil, given: false, how: .optOut))
        #expect(plan(f, "2026-12-03 10:00").first { $0.client == ada }?.goes == false, "every channel withdrawn")
        // A service message to Mo, who was never asked, goes: the post-session message on the day.
        #expect(plan(f, "2026-12-01 14:00").contains { $0.client == mo && $0.step == .postSession && $0.goes })
    }

    @Test func aClientWhoBooksBetweenPreviewAndRunGetsNothing() throws {
        let (f, ada, _) = try practice()
        try f.run("2026-12-01 09:00", .autopilotPolicy(.rebookPrompt, StepPolicy(.auto, channels: [.email])))
        try f.session(ada, "2026-12-01 10:00")
        #expect(plan(f, "2026-12-03 10:00").map(\.step) == [.rebookPrompt])
        try book(f, ada, "2026-12-20 10:00", at: "2026-12-03 10:01")
        #expect(plan(f, "2026-12-03 10:02").isEmpty)
    }

    @Test func deceasedOrDoNotContactNeverAppearAndHeldWaitsForADay() throws {
        let (f, ada, grace) = try practice()
        try book(f, ada, "2026-12-04 14:00")
        try book(f, grace, "2026-12-04 15:00")
        try f.run("2026-12-02 12:00", .setStatus(client: "c2", .deceased, reason: nil))
        #expect(plan(f, "2026-12-03 10:00").map(\.client) == [ada], "a deceased client is never in the plan")
        try f.run("2026-12-02 12:00", .holdAutopilot(client: "c1", untilDay: Civil.days(2026, 12, 4)))
        #expect(plan(f, "2026-12-03 10:00").first?.stop == .held(untilDay: Civil.days(2026, 12, 4)))
        try f.run("2026-12-02 12:01", .releaseAutopilot(client: "c1"))
        #expect(plan(f, "2026-12-03 10:00").first?.goes == true)
        #expect(throws: CommandError.self) { try f.run("2026-12-02 12:02", .releaseAutopilot(client: "c1")) }
    }

    @Test func oneMessageAClientADayAndThePracticesCap() throws {
        let (f, ada, grace) = try practice()
        try book(f, ada, "2026-12-04 14:00")
        try book(f, grace, "2026-12-04 15:00")
        try f.session(ada, "2026-12-03 09:00")
        let today = plan(f, "2026-12-03 11:00")
        #expect(today.filter(\.goes).map(\.step) == [.reminder, .reminder])
        #expect(today.first { $0.step == .postSession }?.stop == .oneADay(.reminder), "the reminder first; the post-session waits")
        try f.run("2026-12-03 10:30", .autopilotWindow(AutopilotWindow(cap: 1)))
        #expect(plan(f, "2026-12-03 11:00").filter(\.goes).count == 1)
        #expect(plan(f, "2026-12-03 11:00").contains { $0.stop == .dailyCap(1) })
    }

    @Test func anUnresolvedAttemptIsNeverRetriedAndAFailureGoesToTheDesk() throws {
        let (f, ada, grace) = try practice()
        try book(f, ada, "2026-12-04 14:00")
        try book(f, grace, "2026-12-04 15:00")
        let both = plan(f, "2026-12-03 10:00")
        let a = try attempt(f, both[0], at: "2026-12-03 10:00")
        #expect(plan(f, "2026-12-03 10:30").first { $0.key == both[0].key }?.stop == .unresolved(a))
        #expect(f.p.autopilot.unresolved == [a])
        let g = try attempt(f, both[1], at: "2026-12-03 10:00")
        try f.log.append(by: "autopilot", at: f.t("2026-12-03 10:00")) { _ in .messageFailed(g, reason: "exit 75", retry: true, confirmed: false) }
        #expect(plan(f, "2026-12-03 10:10").first { $0.key == both[1].key }?.stop == .retryLater(g, from: f.t("2026-12-03 10:15")))
        // A retry is the same message, not a second one today: Grace's goes again from 10:15.
        #expect(plan(f, "2026-12-03 10:16").first { $0.key == both[1].key }?.goes == true)
        try f.run("2026-12-03 10:20", .resolveMessage(a.description, sent: false))
        #expect(plan(f, "2026-12-03 10:30").first { $0.key == both[0].key }?.stop == .failed(a, reason: "a person said it was not sent"))
        #expect(f.p.autopilot.unresolved.isEmpty)
        #expect(throws: CommandError.self) { try f.run("2026-12-03 10:21", .resolveMessage(a.description, sent: true)) }
    }

    @Test func theDesksListsLeaveOutWhatARunningAutopilotSends() throws {
        let (f, ada, _) = try practice()
        try f.session(ada, "2026-12-03 09:00")
        let noon = f.t("2026-12-03 12:00")
        #expect(FollowUps.rows(f.p, now: noon).map(\.kind) == [.postSession], "no autopilot has run: the desk sends it")
        try ran(f, at: "2026-12-03 11:55")
        #expect(FollowUps.rows(f.p, now: noon).isEmpty, "the autopilot sends it")
        #expect(FollowUps.rows(f.p, now: f.t("2026-12-04 13:00")).isEmpty, "25 hours later the autopilot still counts as running")
        #expect(FollowUps.rows(f.p, now: f.t("2026-12-04 14:00")).map(\.kind) == [.postSession],
                "not heard from for 26 hours: the desk's again")
        try f.run("2026-12-03 11:56", .consent(client: "c1", nil, given: false, how: .optOut))
        #expect(FollowUps.rows(f.p, now: noon).map(\.kind) == [.postSession], "no channel reaches her: back to the desk")
        try f.run("2026-12-03 11:57", .consent(client: "c1", nil, given: true, how: .toldDesk))
        let m = try #require(plan(f, "2026-12-03 12:00").first)
        let id = try attempt(f, m, at: "2026-12-03 12:00")
        #expect(FollowUps.rows(f.p, now: noon).isEmpty, "unresolved: on the unresolved list, not the desk's")
        try f.log.append(by: "autopilot", at: noon) { _ in .messageFailed(id, reason: "exit 1", retry: false, confirmed: false) }
        #expect(FollowUps.rows(f.p, now: noon).map(\.kind) == [.postSession], "failed for good: the desk's again")
        // An autopilot not heard from for more than a day hands everything back.
        #expect(!AutopilotPlan.isLive(f.p, now: f.t("2026-12-04 14:00")))
    }

    @Test func aSentMessageIsTheTouchpointAndALetterWaitsInThePrintQueue() throws {
        let (f, ada, grace) = try practice()
        try f.run("2026-12-01 09:00", .autopilotPolicy(.reactivationLetter, StepPolicy(.auto, channels: [.letter])))
        try f.session(ada, "2026-12-03 09:00")
        try f.session(grace, "2026-10-02 09:00")
        let now = "2026-12-03 12:00"
        let msgs = plan(f, now)
        let post = try #require(msgs.first { $0.step == .postSession })
        let letter = try #require(msgs.first { $0.step == .reactivationLetter })
        #expect(letter.client == grace && letter.channel == .letter && letter.goes)
        let p1 = try attempt(f, post, at: now), l1 = try attempt(f, letter, at: now)
        try f.log.append(by: "autopilot", at: f.t(now)) { _ in .messageSent(p1, provider: "<id>", confirmed: false) }
        try f.log.append(by: "autopilot", at: f.t(now)) { _ in .messageSent(l1, provider: "letters/x.txt", confirmed: false) }
        #expect(f.p.clients[ada.index].lastTouch(.postSession, since: f.t("2026-12-03 09:00"))?.via == .email)
        #expect(f.p.autopilot.printQueue == [l1], "written, not yet posted")
        #expect(f.p.clients[grace.index].touchpoints.isEmpty, "a queued letter is not a touchpoint until posted")
        #expect(plan(f, "2026-12-03 12:30").isEmpty, "neither goes twice")
        try f.run("2026-12-03 16:00", .touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))
        #expect(f.p.autopilot.printQueue.isEmpty)
    }

    @Test func aReferralThankYouGoesToTheReferrerAndADischargeIsAskedOnce() throws {
        let (f, ada, _) = try practice()
        try f.run("2026-12-01 09:00", .autopilotPolicy(.referralThankYou, StepPolicy(.auto, channels: [.email])))
        try f.run("2026-12-01 09:00", .autopilotPolicy(.referralAsk, StepPolicy(.auto, channels: [.email])))
        try f.run("2026-12-02 09:00", .addClient(ClientDraft(name: "Joan Clarke", referredBy: "c1")))
        let thanks = try #require(plan(f, "2026-12-02 10:00").first)
        #expect(thanks.step == .referralThankYou && thanks.client == ada && thanks.referral == ReferralID(1))
        let t = try attempt(f, thanks, at: "2026-12-02 10:00")
        try f.log.append(by: "autopilot", at: f.t("2026-12-02 10:00")) { _ in .messageSent(t, provider: nil, confirmed: false) }
        #expect(f.p.referrals[0].thankedAt != nil && f.p.unthankedReferrals.isEmpty)
        // Discharged: nothing but the referral ask, once, from the day of discharge.
        try f.session(ada, "2026-12-01 10:00")
        try f.run("2026-12-03 09:00", .setStatus(client: "c1", .discharged, reason: nil))
        let asks = plan(f, "2026-12-03 10:00")
        #expect(asks.map(\.step) == [.referralAsk], "\(asks.map(\.step))")
        #expect(FollowUps.all(for: f.p.clients[ada.index], in: f.p, now: f.t("2026-12-03 10:00"), today: Civil.days(2026, 12, 3)).map(\.kind)
                == [.referralAsk])
        try f.run("2026-12-03 11:00", .touch(client: "c1", kind: .referralAsk, via: .email, note: nil))
        #expect(plan(f, "2026-12-04 10:00").isEmpty, "asked once")
        // A thank-you too late for the autopilot stays on the desk's missed list even while it runs.
        try f.run("2026-12-04 11:00", .addClient(ClientDraft(name: "Mary Jackson", referredBy: "c1")))
        try ran(f, at: "2026-12-22 09:00")
        #expect(plan(f, "2026-12-22 10:00").allSatisfy { $0.referral != ReferralID(2) }, "more than 14 days overdue: not sent")
        #expect(ThankYous.rows(f.p, now: f.t("2026-12-22 10:00")).map(\.referral.id) == [ReferralID(2)])
    }

    @Test func aSkippedMessageLeavesThePlanAndTheDesk() throws {
        let (f, ada, _) = try practice()
        try f.session(ada, "2026-12-03 09:00")
        let m = try #require(plan(f, "2026-12-03 12:00").first)
        try f.run("2026-12-03 12:00", .skipMessage(client: "c1", key: m.key))
        #expect(plan(f, "2026-12-03 12:01").isEmpty)
        #expect(FollowUps.rows(f.p, now: f.t("2026-12-03 12:01")).isEmpty)
        #expect(throws: CommandError.self) { try f.run("2026-12-03 12:02", .skipMessage(client: "c1", key: "c1.nothing")) }
        // Undo puts it back, as for any action.
        try f.run("2026-12-03 12:03", .undo(by: "test"))
        #expect(plan(f, "2026-12-03 12:04").count == 1)
    }

    @Test func policiesAndTheWindowAreSettingsEveryDeskReads() throws {
        let (f, _, _) = try practice()
        #expect(f.p.settings.autopilot.policy(.reminder) == StepPolicy(.auto, channels: [.email, .sms]))
        #expect(f.p.settings.autopilot.policy(.reEngage) == StepPolicy(.desk))
        try f.run("2026-12-01 10:00", .autopilotWindow(AutopilotWindow(from: 600, to: 960, days: [0, 1, 2, 3, 4], cap: 40)))
        let again = try EventLog.open(path: f.path)
        #expect(again.practice.settings.autopilot.window.summary == "10:00-16:00 mon-fri, at most 40 a day")
        #expect(throws: CommandError.self) { try f.run("2026-12-01 10:01", .autopilotPolicy(.reminder, StepPolicy(.auto, channels: []))) }
        #expect(throws: CommandError.self) { try f.run("2026-12-01 10:01", .autopilotWindow(AutopilotWindow(from: 600, to: 600))) }
        // Saturday 5 December: outside mon-fri, the next opening is Monday 10:00.
        let (g, ada, _) = try practice()
        try g.run("2026-12-01 10:00", .autopilotWindow(AutopilotWindow(from: 600, to: 960, days: [0, 1, 2, 3, 4], cap: 40)))
        try g.session(ada, "2026-12-05 09:00")
        #expect(AutopilotPlan.messages(g.p, now: g.t("2026-12-05 12:00")).first?.stop == .outsideWindow(opens: g.t("2026-12-07 10:00")))
    }

    @Test func aPastAppointmentNobodyMarkedOrALateDueDayNeedsAPerson() throws {
        let (f, ada, _) = try practice()
        try f.run("2026-12-01 09:00", .autopilotPolicy(.rebookPrompt, StepPolicy(.auto, channels: [.email])))
        try f.session(ada, "2026-12-01 10:00")
        try book(f, ada, "2026-12-02 16:00", at: "2026-12-01 12:00")
        try ran(f, at: "2026-12-03 09:55")
        // She was booked for yesterday and nobody marked whether she came: no rebook prompt goes by itself.
        let m = try #require(plan(f, "2026-12-03 10:00").first)
        #expect(m.step == .rebookPrompt && m.stop == .unmarked(AppointmentID(2)))
        #expect(FollowUps.rows(f.p, now: f.t("2026-12-03 10:00")).map(\.kind) == [.rebookPrompt], "the desk has it")
        try f.run("2026-12-03 10:01", .noShow("a2"))
        #expect(plan(f, "2026-12-03 10:02").contains { $0.step == .rebookPrompt && $0.goes })
        // Four days past its due day (the 3rd), the same prompt no longer goes by itself: the desk decides.
        try ran(f, at: "2026-12-07 09:55")
        let late = try #require(plan(f, "2026-12-07 10:00").first { $0.step == .rebookPrompt })
        #expect(late.stop == .late(dueDay: Civil.days(2026, 12, 3)))
        #expect(FollowUps.rows(f.p, now: f.t("2026-12-07 10:00")).contains { $0.kind == .rebookPrompt })
    }

    @Test func aTryBeingSentIsNotInDoubtAndCannotBeResolvedYet() throws {
        let (f, ada, _) = try practice()
        try book(f, ada, "2026-12-04 14:00")
        let m = try #require(plan(f, "2026-12-03 10:00").first)
        let id = f.p.autopilot.nextID
        try f.log.append(by: "autopilot", at: f.t("2026-12-03 10:00")) { _ in
            .messageAttempted(m.attempt(id, sendingUntil: f.t("2026-12-03 10:02"))!)
        }
        #expect(plan(f, "2026-12-03 10:01").first?.stop == .sending(id, until: f.t("2026-12-03 10:02")))
        #expect(plan(f, "2026-12-03 10:01").first?.stop?.waitsForAutopilot == true)
        #expect(throws: CommandError.self) { try f.run("2026-12-03 10:01", .resolveMessage(id.description, sent: false)) }
        #expect(throws: CommandError.self, "a tried message is settled, not skipped") {
            try f.run("2026-12-03 10:01", .skipMessage(client: "c1", key: m.key))
        }
        // Its run is over by then: now it is in doubt, and a person settles it.
        #expect(plan(f, "2026-12-03 10:03").first?.stop == .unresolved(id))
        try f.run("2026-12-03 10:03", .resolveMessage(id.description, sent: true))
        #expect(plan(f, "2026-12-03 10:04").isEmpty)
        #expect(try EventLog.open(path: f.path).practice.autopilot.attempt(id)?.start.sendingUntil == f.t("2026-12-03 10:02"))
    }

    @Test func aWindowWithoutWeekendsRemindsOnFridayForMonday() throws {
        let (f, ada, _) = try practice()
        try f.run("2026-12-01 09:00", .autopilotWindow(AutopilotWindow(days: [0, 1, 2, 3, 4])))
        try book(f, ada, "2026-12-07 10:00")  // Monday
        #expect(AutopilotPlan.reminderDay(forAppointmentOn: Civil.days(2026, 12, 7), f.p.settings.autopilot.window) == Civil.days(2026, 12, 4))
        let friday = try #require(plan(f, "2026-12-04 10:00").first)
        #expect(friday.step == .reminder && friday.goes && friday.key == "c1.reminder.2026-12-04.a1@2026-12-07T1000")
        #expect(plan(f, "2026-12-03 10:00").isEmpty, "Thursday is too early")
        #expect(plan(f, "2026-12-06 10:00").isEmpty, "Sunday: it was Friday's")
    }

    @Test func aReminderBookedAfterTheWindowClosedOrMovedAfterItWentGoesThatMorning() throws {
        let (f, ada, grace) = try practice()
        // Booked at 18:30 for 13:00 tomorrow: today's window has closed, so it goes tomorrow at 09:00.
        try book(f, ada, "2026-12-04 13:00", at: "2026-12-03 18:30")
        #expect(plan(f, "2026-12-03 18:35").first?.stop == .outsideWindow(opens: f.t("2026-12-04 09:00")))
        #expect(plan(f, "2026-12-04 09:05").first { $0.client == ada }?.goes == true)
        // Grace's reminder went for 09:00, then she was moved to 14:00: the new time's reminder goes that morning.
        try book(f, grace, "2026-12-04 09:00")
        let first = try #require(plan(f, "2026-12-03 10:00").first { $0.client == grace })
        try attempt(f, first, at: "2026-12-03 10:00")
        try f.log.append(by: "autopilot", at: f.t("2026-12-03 10:00")) { p in .messageSent(p.autopilot.attempts.last!.id, provider: nil, confirmed: false) }
        try f.run("2026-12-03 11:00", .move("a2", to: f.t("2026-12-04 14:00"), force: false))
        #expect(plan(f, "2026-12-03 11:05").first { $0.client == grace }?.stop == .alreadyToday)
        let morning = try #require(plan(f, "2026-12-04 09:05").first { $0.client == grace })
        #expect(morning.goes && morning.key.hasSuffix("@2026-12-04T1400"))
    }

    /// Until the practice sets its country, it is its time zone's: a Dublin practice's 087 numbers are Irish, never
    /// read as British ones (a British reading is a valid-looking number of a stranger).
    @Test func theCountryIsTheTimeZonesUntilSet() throws {
        let f = try Fixture(start: "2026-12-01 09:00", settings: SettingsChange(name: "Liffey Physio", timeZone: "Europe/Dublin"))
        #expect(f.p.settings.country == "IE")
        #expect(Settings.country(ofTimeZone: "Australia/Sydney") == "AU" && Settings.country(ofTimeZone: "America/Toronto") == "CA")
        #expect(Settings.country(ofTimeZone: "Mars/Base") == "GB")
        try f.run("2026-12-01 09:01", .changeSettings(SettingsChange(country: "GB")))
        #expect(f.p.settings.country == "GB")
        try f.run("2026-12-01 09:02", .undo(by: "test"))
        #expect(f.p.settings.country == "IE", "undo puts the time zone's back")
        #expect(try EventLog.open(path: f.path).practice.settings.country == "IE")
    }
}
