import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Issue 16's weekly review in the console, through the app on a real log: `p` and `v` narrow the lapsed pane, `x`
/// asks why with the articles' reasons, `c` reviews with how and a note, and a second step in a day asks first.
@Suite struct LapsedReviewTests {
    /// `seedDay` (Mo, Anna's, lapsed) plus Ben and his client Tom, lapsed too.
    func practice() throws -> ConsoleFixture {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-08-01 09:00", .addPractitioner(name: "Ben Hart"))
        try f.record("2026-08-01 09:00", .addClient(ClientDraft(name: "Tom Reed", phone: "07700 900457")))
        try f.record("2026-08-01 09:00", .book(client: "c4", practitioner: "p2", start: f.t("2026-08-20 10:00"), minutes: 60, force: false))
        try f.record("2026-08-20 11:00", .attend("a5"))
        return f
    }

    /// The console keeps this week's reviewed clients up to date one changed client at a time (finding them afresh
    /// read every client ever reviewed on each key that recorded something: 30 ms at 1M events); after reviews, a
    /// close, an undo and a review from last week, the count is the one worked out from nothing.
    @Test func progressKeptAfterEachChangeIsTheProgressWorkedOutAfresh() throws {
        let f = try practice()
        var data = ConsoleData(f.p, now: f.now)
        func same(_ step: String) {
            data.update(f.p, now: f.now)
            let fresh = ConsoleData(f.p, now: f.now)
            #expect(data.reviewProgress == fresh.reviewProgress, "\(step)")
            #expect(data.weekReviewed == WeeklyReview.reviewedThisWeek(f.p, now: f.now), "\(step)")
        }
        same("nothing reviewed")
        _ = try f.record("2026-11-16 09:00", .review(client: "c4", .contacted, note: nil))
        same("a review last week")
        _ = try f.record("2026-11-23 09:00", .review(client: "c2", .contacted, note: nil))
        same("Mo reviewed this morning")
        #expect(data.reviewProgress?.line == "1 of 2 reviewed this week")
        _ = try f.record("2026-11-23 09:30", .review(client: "c4", .close(.discharged), note: nil, reason: .cost))
        same("Tom closed, so off the list")
        #expect(data.reviewProgress?.line == "2 of 2 reviewed this week")
        _ = try f.record("2026-11-23 09:33", .undo(by: "anna"))
        same("the close undone")
        #expect(data.reviewProgress?.line == "1 of 2 reviewed this week")
    }

    @Test func pNarrowsToEachPractitionerInTurnAndVToWhatIsDue() throws {
        let f = try practice()
        f.app.tick()
        f.press(.char("2"))
        #expect(f.screen.contains("Lapsed clients (2)"))
        f.press(.char("p"))
        #expect(f.screen.contains("Lapsed: Anna Okafor (1)"), "\(f.screen)")
        #expect(f.screen.contains("Mo Farah") && !f.screen.contains("Tom Reed"))
        #expect(f.screen.contains("0 of 1 reviewed this week"))
        f.press(.char("p"))
        #expect(f.screen.contains("Lapsed: Ben Hart (1)") && f.screen.contains("Tom Reed"))
        f.press(.char("p"))
        #expect(f.screen.contains("Lapsed clients (2)"), "after the last practitioner, everyone again")
        f.press(.char("v"))
        #expect(f.screen.contains("Lapsed: everyone, due now (2)"))
        f.press(.char("v"))
        #expect(f.screen.contains("Lapsed: everyone, new (2)"))
        #expect(f.screen.contains("showing new since last review"), "the status line says it in full")
    }

    @Test func closeAsksWhyFromTheArticlesListAndRecordsTheReason() throws {
        let f = try practice()
        let d = ModelDriver(f)
        _ = d.key(.char("2"))
        #expect(d.key(.char("x")) == [])
        guard case .choice(let why) = d.model.overlays.last else { Issue.record("expected the reasons"); return }
        #expect(why.options.map(\.label) == ["moved away", "changed job or lost job", "cost", "found another therapist",
                                             "not getting the value", "bad experience", "no reason given", "other",
                                             "do not contact", "discharged"])
        #expect(d.key(.char("c")) == [])
        #expect(d.key(.char("y")) == [.record(.review(client: "c2", .close(.discharged), note: nil, reason: .cost))])
    }

    @Test func theReviewFormRecordsHowContactWasMadeAndANote() throws {
        let f = try practice()
        let id = ClientID(2)
        var form = LapsedReview.form(id, f.p)
        #expect(form.title == "Review Mo Farah")
        let input = DateInput(calendar: f.p.calendar, now: f.now)
        #expect(try LapsedReview.command(id, form, input) == .review(client: "c2", .contacted, note: nil, via: nil, reason: nil))
        form = Form(title: form.title, fields: [
            FormField(key: "outcome", label: "Outcome", kind: .choice(LapsedReview.outcomes), value: "close"),
            FormField(key: "via", label: "How", kind: .choice(["—", "SMS"]), value: "SMS"),
            FormField(key: "reason", label: "Why", kind: .choice(["—"] + LeftReason.allCases.map(\.label)), value: "bad experience"),
            FormField(key: "note", label: "Note", value: "Room was cold"),
        ])
        #expect(try LapsedReview.command(id, form, input)
                == .review(client: "c2", .close(.discharged), note: "Room was cold", via: .sms, reason: .badExperience))
        form.fields[2] = FormField(key: "reason", label: "Why", kind: .choice(["—"]), value: "—")
        #expect(throws: CommandError.self) { try LapsedReview.command(id, form, input) }

        f.app.tick()
        f.press(.char("2"), .char("c"))
        #expect(f.screen.contains("Review Mo Farah") && f.screen.contains("How contact was made"), "\(f.screen)")
    }

    /// Mo last came 83 days ago, so the letter is due; the other desk sent him the re-engage email this morning. A
    /// plain `s` used to record the letter at once: two steps in a row on one day.
    @Test func aSecondStepOnTheSameDayAsksFirst() throws {
        let f = try practice()
        try f.record("2026-11-23 09:00", .touch(client: "c2", kind: .reEngage, via: .email, note: nil))
        let before = f.p.eventCount
        f.app.tick()
        f.press(.char("2"), .char("s"))
        #expect(try f.newEvents(since: before).isEmpty)
        #expect(f.screen.contains("Mo Farah already had a step today"), "\(f.screen)")
        f.press(.char("n"))
        #expect(try f.newEvents(since: before).isEmpty)
        f.press(.char("s"), .char("y"))
        let events = try f.newEvents(since: before)
        #expect(events.count == 1)
        if case .touchpointSent(_, let kind, _, _)? = events.first { #expect(kind == .reactivationLetter) } else { Issue.record("\(events)") }
    }

    /// The card's History: sessions, touchpoints with their channel, reviews with how and their notes, feedback and
    /// referrals, oldest first; a note with a terminal escape in it is shown as text.
    @Test func theCardsHistoryListsEverythingInTimeOrder() throws {
        let f = try practice()
        try f.record("2026-11-20 09:00", .touch(client: "c2", kind: .reEngage, via: .email, note: nil))
        try f.record("2026-11-21 09:00", .review(client: "c2", .contacted, note: "Left \u{1b}[31ma message", via: .voicemail))
        try f.record("2026-11-22 09:30", .feedback(client: "c2", score: 4, comment: nil))
        let entries = ClientTimeline.entries(f.p, ClientID(2)).map(\.text)
        #expect(entries == ["session a1 with Anna Okafor, attended", "re-engage by email",
                            "review: contacted by voicemail: Left \u{1b}[31ma message", "feedback 4/5"])
        f.app.tick()
        f.press(.char("2"), .enter)
        #expect(f.screen.contains("History (4, oldest first)"), "\(f.screen)")
        #expect(f.screen.contains("review: contacted by voicemail: Left"), "\(f.screen)")
        #expect(screenProblem(f.terminal.frames.last!) == nil)
    }
}
