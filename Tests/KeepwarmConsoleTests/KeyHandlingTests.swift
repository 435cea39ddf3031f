import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

@Suite struct KeyHandlingTests {
    /// The model alone: keys in, actions out, nothing written.
    @Test func keysBecomeCommandsWithoutTouchingTheLog() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        #expect(d.key(.char("a")) == [.record(.attend("a3"))])
        #expect(d.key(.char("j")) == [])
        #expect(d.key(.char("n")) == [.record(.noShow("a4"))])
        #expect(d.key(.char("c")) == [])
        #expect(d.key(.char("l")) == [.record(.cancel("a4", by: .client, late: true))])
        #expect(d.key(.tab) == [])
        #expect(d.model.focus == .lapsed)
        #expect(d.key(.char("s"))
                == [.record(.touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))])
        #expect(d.key(.char("3")) == [])
        #expect(d.key(.char("t")) == [])
        #expect(d.key(.char("p")) == [.record(.thank("r1", via: .phone, note: nil))])
        #expect(d.key(.char("u")) == [.record(.undo(by: "sam"))])
        #expect(d.key(.char("q")) == [.quit])
    }

    /// QA16 D11: a look at the reports writes nothing (every desk would reload and work the reports out again);
    /// the owner marks the sources review with `v` (`report.reviewed`).
    @Test func lookingAtTheReportsWritesNothing() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        #expect(d.key(.char("R")) == [.workOutTables], "worked out off the key; nothing written")
        #expect(d.key(.char("3")) == [])
        guard case .reports(let kind, _) = d.model.overlays.last else { Issue.record("expected the reports screen"); return }
        #expect(kind == .retention)
        #expect(d.key(.char("1")) == [])
        #expect(d.key(.escape) == [])
        #expect(d.model.overlays.isEmpty)
        f.app.tick()
        let seq = f.p.lastSeq, size = try FileManager.default.attributesOfItem(atPath: f.log.path)[.size] as? Int
        f.press(.char("R"))
        f.waitForReports()
        f.press(.char("3"))
        f.press(.char("1"))
        #expect(f.screen.contains("Reports — sources"))
        #expect(f.screen.contains("All sources"))
        #expect(f.p.lastSeq == seq && f.p.reportViewed[.sources] == nil)
        #expect(try FileManager.default.attributesOfItem(atPath: f.log.path)[.size] as? Int == size, "the log is as it was")
        _ = d.key(.char("R"))
        #expect(d.key(.char("v")) == [.record(.markReviewed(.sources))], "v is the review")
    }

    @Test func paneFocusZoomAndMovement() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        let data = d.data
        for (key, pane) in [(Key.char("4"), PaneID.audit), (.tab, .diary), (.backTab, .audit), (.char("2"), .lapsed)] {
            _ = d.key(key)
            #expect(d.model.focus == pane)
        }
        _ = d.key(.char("z"))
        #expect(d.model.zoomed == false, "z in the lapsed pane snoozes")
        guard case .choice(let prompt) = d.model.overlays.last else { Issue.record("expected the snooze choice"); return }
        #expect(prompt.options.map(\.label) == ["7 days", "14 days", "30 days", "a date, how and a note…"])
        #expect(d.key(.char("2"))
                == [.record(.review(client: "c2", .snooze(untilDay: data.today + 14), note: nil))])
        _ = d.key(.char("Z"))
        #expect(d.model.zoomed)
        _ = d.key(.char("4"))
        _ = d.key(.char("z"))
        #expect(d.model.zoomed == false)
        _ = d.key(.end)
        #expect(d.model.cursors[.audit]?.index == 15)
        _ = d.key(.pageUp)
        #expect(d.model.cursors[.audit]?.index == 7)
        _ = d.key(.home)
        #expect(d.model.cursors[.audit]?.index == 0)
    }

    @Test func quittingAsksOnlyWhenAFormIsHalfFilled() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        _ = d.key(.char("+"))
        #expect(d.key(.ctrl("c")) == [.quit], "an untouched form does not ask")
        d.reset()
        _ = d.key(.char("+"))
        _ = d.key(.char("J"))
        #expect(d.key(.ctrl("c")) == [])
        guard case .confirm = d.model.overlays.last else { Issue.record("expected the quit question"); return }
        #expect(d.key(.char("n")) == [])
        #expect(d.model.wantsQuit == false)
        #expect(d.key(.ctrl("c")) == [])
        #expect(d.key(.enter) == [.quit])
    }

    /// Through the app and the real log: each action writes exactly one event and the screen updates at once.
    @Test func actionsWriteOneEventEachAndTheScreenFollows() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let before = f.p.eventCount
        f.app.tick()
        #expect(f.screen.contains("Ada Lovelace"))
        f.press(.char("a"))
        #expect(f.screen.contains("attended"))
        #expect(f.screen.contains("✓ marked a3 (Ada Lovelace) attended"))
        f.press(.char("r"))
        #expect(f.screen.contains("Rebook Ada Lovelace"))
        #expect(f.screen.contains("Mon 30 Nov at 10:00 with Anna Okafor, 60 min"))
        f.press(.enter)
        f.press(.char("3"), .char("t"), .char("e"))
        #expect(try f.newEvents(since: before) == [
            .appointmentAttended(AppointmentID(3)),
            .appointmentBooked(AppointmentID(5), client: ClientID(1), practitioner: PractitionerID(1), start: f.t("2026-11-30 10:00"), minutes: 60),
            .referralThanked(ReferralID(1), via: .email, note: nil),
        ])
        #expect(f.screen.contains("No thank-yous owed."))
        f.press(.char("u"))
        #expect(f.screen.contains("↶ undone: thanked for r1 by email"))
        #expect(f.screen.contains("Ada Lovelace → Grace Hop…"), "owed again, cut to the pane's width")
    }

    @Test func aRefusedActionSaysWhyAndChangesNothing() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("j"), .char("a"))  // Grace's 14:00 session: fine to mark on the day
        let count = f.p.eventCount
        f.press(.char("a"))
        #expect(f.screen.contains("⚠ a4 is already marked attended"))
        #expect(f.p.eventCount == count)
    }

    @Test func newClientWithAReferrerThroughTheForm() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let before = f.p.eventCount
        f.app.tick()
        f.press(.char("+"))
        #expect(f.screen.contains("How did you hear about us?"))
        f.type("Jo Bloggs")
        f.press(.tab)
        f.type("07700 900999")
        f.press(.tab, .tab, .tab)
        f.type("grace")
        #expect(f.screen.contains("Grace Hopper"), "the referrer is looked up by name as you type")
        f.press(.down, .enter)  // pick the suggestion
        f.press(.enter)  // save: refused, consent to contact is asked, never pre-ticked
        #expect(f.screen.contains("Agrees to be contacted? Answer y or n"))
        #expect(f.screen.contains("[?] ask them: y or n"))
        #expect(try f.newEvents(since: before) == [])
        f.press(.char("y"), .enter)
        #expect(try f.newEvents(since: before) == [.clientAdded(NewClient(
            id: ClientID(4), name: "Jo Bloggs", phone: "07700 900999", source: "Client referral", referredBy: ClientID(3),
            referral: ReferralID(2), contact: true, newsletter: false))])
        #expect(f.screen.contains("✓ added client Jo Bloggs (c4)"))
    }

    @Test func formErrorsAppearInlineInTheCLIsWords() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("b"))
        f.type("Mo Farah")
        f.press(.tab)
        f.type("someday 10:00")
        f.press(.enter)
        #expect(f.screen.contains("couldn't read the date 'someday'"))
        f.press(.ctrl("u"))
        f.type("2026-11-23 14:30")
        f.press(.enter)
        #expect(f.screen.contains("Anna Okafor is already booked then (a4, 2026-11-23 14:00 for 60 min)"))
        f.press(.ctrl("u"))
        f.type("tue 9:00")
        f.press(.enter)
        #expect(f.screen.contains("✓ booked a5 for Mo Farah on 2026-11-24 09:00"))
    }

    @Test func searchNarrowsAsYouTypeAndOpensTheCard() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("/"))
        f.type("o")
        #expect(f.screen.contains("Ada Lovelace") && f.screen.contains("Mo Farah") && f.screen.contains("Grace Hopper"))
        f.type("v")
        #expect(f.screen.contains("Ada Lovelace"))
        #expect(!f.screen.contains("Mo Farah"))
        f.press(.enter)
        #expect(f.screen.contains("Client card"))
        #expect(f.screen.contains("Sessions 1 attended, 0 no-show, 0 cancelled"))
        #expect(f.screen.contains("Grace Hopper  2026-11-22  not thanked yet"))
    }

    @Test func followUpsAndCallbacksHaveTheirActions() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-23 09:00", .addCallback(name: "Mo Farah", phone: "07700 900456", reason: "Wants a Saturday", by: f.t("2026-11-23 10:00")))
        let before = f.p.eventCount
        f.app.tick()
        f.press(.char("!"))
        #expect(f.screen.contains("Wants a Saturday"))
        #expect(f.screen.contains("overdue"))
        f.press(.char("d"), .char("y"), .escape, .char("f"))
        #expect(f.screen.contains("reactivation-letter"))
        // Grouped by kind: Ada's rebook prompt, then Mo's reactivation letter.
        f.press(.char("j"), .char("s"))
        let events = try f.newEvents(since: before)
        #expect(events.first == .callbackReturned(CallbackID(1)))
        #expect(events.count == 2)
        if case .touchpointSent(let c, let kind, _, _) = events.last {
            #expect(c == ClientID(2) && kind == .reactivationLetter)
        } else {
            Issue.record("expected a touchpoint")
        }
    }
}

@Suite struct NameFoldingTests {
    /// Search folds names by hand when they are plain ASCII; the result must be what Foundation's folding gives.
    @Test func handFoldingMatchesFoundation() {
        let names = ["Sarah O'Neill", "ZOE", "mcDonald-Smith", "Renée Zoë", "ÉLODIE", "Straße", "  A1 b2 @[`{ ", "", "İstanbul",
                     "\u{7F}Del", "Ångström", "ﬁnn", "日本", "Æsa", "tab\tname"]
        for n in names {
            #expect(FoldedNames.bytes(n) == Array(FoldedNames.fold(n).utf8), "\(n)")
        }
        for code in 0..<128 {
            let s = "x" + String(UnicodeScalar(UInt8(code))) + "Y"
            #expect(FoldedNames.bytes(s) == Array(FoldedNames.fold(s).utf8), "code \(code)")
        }
    }
}

/// `v` on the sources report marks the sources reviewed (audit step 14); opening the report is only a look (issue 16).
@Suite struct MarkReviewedKeyTests {
    @Test func vOnTheSourcesReportRecordsTheReviewAndNowhereElse() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        #expect(d.key(.char("R")) == [.workOutTables])
        #expect(d.key(.char("v")) == [.record(.markReviewed(.sources))])
        #expect(d.key(.char("3")) == [])
        #expect(d.key(.char("v")) == [])
        #expect(d.model.status?.text == "v marks the sources report reviewed: press 1 for it first")
        f.app.tick()
        f.press(.char("R"))
        #expect(f.p.reportReviewed[.sources] == nil, "opening the report is not a review")
        f.press(.char("v"))
        #expect(f.p.reportReviewed[.sources] == f.now)
        #expect(AuditEvidence.all(f.p, window: AuditWindow(end: f.now))[13].numerator == 1)
    }
}
