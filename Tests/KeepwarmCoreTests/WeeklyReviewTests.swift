import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 16, the practitioner's weekly review: whose client, the filters, the week's progress, the review's new
/// fields on `lapse.reviewed`, and the why-clients-left report.
@Suite struct WeeklyReviewTests {
    /// Anna (p1) and Ben (p2); Ada saw Anna then Ben, Bea and Cy saw Anna, Di saw Ben; a no-show with Anna after
    /// Ada's last visit does not make her Anna's again.
    static func practice() throws -> (Fixture, a: ClientID, b: ClientID, c: ClientID, d: ClientID) {
        let f = try Fixture()
        try f.run("2026-01-05 09:00", .addPractitioner(name: "Ben Hart"))
        let a = try f.client("Ada Lovelace"), b = try f.client("Bea Cole"), c = try f.client("Cy Young"), d = try f.client("Di Prince")
        try seen(f, a, "p1", "2026-01-06 10:00")
        try seen(f, a, "p2", "2026-01-13 10:00")
        try seen(f, a, "p1", "2026-01-14 10:00", attended: false)
        try seen(f, b, "p1", "2026-01-07 10:00")
        try seen(f, c, "p1", "2026-01-20 10:00")
        try seen(f, d, "p2", "2026-01-08 10:00")
        return (f, a, b, c, d)
    }

    static func seen(_ f: Fixture, _ c: ClientID, _ who: String, _ when: String, attended: Bool = true) throws {
        let start = f.t(when)
        let e = try f.log.append(by: "test", at: start.adding(minutes: -60)) { p in
            try Command.book(client: c.description, practitioner: who, start: start, minutes: 60, force: false).event(in: p, now: start.adding(minutes: -60))
        }
        guard case .appointmentBooked(let id, _, _, _, _) = e.body else { fatalError() }
        try f.log.append(by: "test", at: start.adding(minutes: 60)) { p in
            try (attended ? Command.attend(id.description) : Command.noShow(id.description)).event(in: p, now: start.adding(minutes: 60))
        }
    }

    @Test func whoseClientIsThePractitionerOfTheLastAttendedAppointment() throws {
        let (f, a, b, _, _) = try Self.practice()
        #expect(WhoseClient.practitioner(f.p, a, atOrBefore: f.t("2026-03-01 09:00")) == PractitionerID(2), "the no-show with Anna does not count")
        #expect(WhoseClient.practitioner(f.p, a, atOrBefore: f.t("2026-01-10 09:00")) == PractitionerID(1), "as it stood then")
        #expect(WhoseClient.practitioner(f.p, b, atOrBefore: f.t("2026-01-07 09:00")) == nil, "before any visit: nobody's")
    }

    @Test func filtersByPractitionerDueNowAndNewSinceTheLastReview() throws {
        let (f, a, b, c, d) = try Self.practice()
        // Anna reviews Bea on Wednesday 25 February: the week of 2 March counts "new" from then.
        try f.run("2026-02-25 11:00", .review(client: "c2", .contacted, note: "Rang", via: .phone))
        let now = f.t("2026-03-04 09:00")
        let all = Lapsed.rows(f.p, now: now)
        func shown(_ who: Int?, _ filter: LapsedFilter) -> Set<ClientID> {
            Set(WeeklyReview.rows(all, f.p, now: now, practitioner: who.map { PractitionerID($0) }, filter: filter).map(\.client))
        }
        #expect(Set(all.map(\.client)) == [a, b, c, d])
        #expect(shown(1, .all) == [b, c])
        #expect(shown(2, .all) == [a, d])
        #expect(WeeklyReview.lastReview(f.p, practitioner: PractitionerID(1), now: now) == f.t("2026-02-25 11:00"))
        #expect(WeeklyReview.lastReview(f.p, practitioner: PractitionerID(2), now: now) == nil)
        #expect(shown(1, .newSinceReview) == [c], "Cy lapsed on 3 March, after Anna's review; Bea was on it")
        #expect(shown(2, .newSinceReview) == [a, d], "Ben never reviewed: all of his are new")
        // Bea was contacted, so her letter is due on day 60 (8 March); Cy's re-engage fell due on 3 March.
        #expect(shown(1, .dueNow) == [c])
        #expect(shown(nil, .dueNow) == [a, c, d])
    }

    @Test func aReviewThisWeekDoesNotMoveTheLastReview() throws {
        let (f, _, _, c, _) = try Self.practice()
        try f.run("2026-02-25 11:00", .review(client: "c2", .contacted, note: nil))
        try f.run("2026-03-03 11:00", .review(client: "c2", .contacted, note: nil))
        let now = f.t("2026-03-04 09:00")
        #expect(WeeklyReview.lastReview(f.p, practitioner: PractitionerID(1), now: now) == f.t("2026-02-25 11:00"))
        let rows = WeeklyReview.rows(Lapsed.rows(f.p, now: now), f.p, now: now, practitioner: PractitionerID(1), filter: .newSinceReview)
        #expect(rows.map(\.client) == [c])
    }

    @Test func progressCountsTheWeeksReviewsIncludingClientsWhoLeftTheList() throws {
        let (f, _, _, _, _) = try Self.practice()
        func progress(_ at: String) -> ReviewProgress {
            let now = f.t(at)
            return WeeklyReview.progress(Lapsed.rows(f.p, now: now), f.p, now: now, practitioner: PractitionerID(1))
        }
        #expect(progress("2026-03-04 09:00").line == "0 of 2 reviewed this week")
        #expect(Civil.string(ofDay: progress("2026-03-04 09:00").weekStartDay) == "2026-03-02", "the diary's week: Monday")
        try f.run("2026-03-04 10:00", .review(client: "c3", .snooze(untilDay: Civil.days(2026, 4, 1)), note: nil, via: .voicemail))
        #expect(progress("2026-03-04 10:01").line == "1 of 2 reviewed this week", "Cy left the list but counts")
        try f.run("2026-03-04 10:05", .touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))
        #expect(progress("2026-03-04 10:06").line == "2 of 2 reviewed this week", "a lapsed step is a review")
        #expect(progress("2026-03-09 09:00").reviewed == 0, "a new week starts at nought")
    }

    /// A second desk closes or snoozes a client who was never lapsed (no visit yet, or a recent one): the progress
    /// line's total stays the list's own count, as the pane title beside it says.
    @Test func aClientWhoWasNeverLapsedDoesNotCountAsLeavingTheList() throws {
        let (f, _, _, _, _) = try Self.practice()
        let now = f.t("2026-03-04 10:01")
        let before = WeeklyReview.progress(Lapsed.rows(f.p, now: now), f.p, now: now, practitioner: nil)
        let recent = try f.client("Flo Recent")
        try Self.seen(f, recent, "p1", "2026-03-02 10:00")
        let newcomer = try f.client("Eve New")
        try f.run("2026-03-04 10:00", .review(client: newcomer.description, .close(.discharged), note: nil, via: nil,
                                              reason: .other))
        try f.run("2026-03-04 10:00", .review(client: recent.description, .snooze(untilDay: Civil.days(2026, 4, 1)),
                                              note: nil, via: nil))
        let rows = Lapsed.rows(f.p, now: now)
        let after = WeeklyReview.progress(rows, f.p, now: now, practitioner: nil)
        #expect(after == before, "\(after.line), with \(rows.count) on the list")
        #expect(after.total == rows.count)
        // A lapsed client closed the same way still counts, as before.
        try f.run("2026-03-04 10:00", .review(client: "c2", .close(.discharged), note: nil, via: nil, reason: .other))
        let closed = WeeklyReview.progress(Lapsed.rows(f.p, now: now), f.p, now: now, practitioner: nil)
        #expect(closed.reviewed == before.reviewed + 1 && closed.total == before.total, "\(closed.line)")
    }

    @Test func theReviewsNewFieldsAreWrittenAndReadBack() throws {
        let (f, a, _, _, d) = try Self.practice()
        try f.run("2026-03-04 10:00", .review(client: "c4", .close(.discharged), note: "Prices", via: .email, reason: .cost))
        try f.run("2026-03-04 10:01", .review(client: "c1", .contacted, note: nil))
        let again = try EventLog.open(path: f.path).practice
        #expect(again.clients[d.index].reviews.map(\.detail) == [ReviewDetail(via: .email, reason: .cost, practitioner: PractitionerID(2))])
        #expect(again.clients[d.index].reviews.map(\.note) == ["Prices"])
        #expect(again.clients[a.index].reviews.map(\.detail) == [ReviewDetail(practitioner: PractitionerID(2))])
        let text = String(decoding: f.bytes(), as: UTF8.self)
        #expect(text.contains(#""outcome":"closed","status":"discharged","note":"Prices","via":"email","reason":"cost","practitioner":"p2""#))
    }

    @Test func aReasonWithoutACloseIsRefusedAndWritesNothing() throws {
        let (f, _, _, _, _) = try Self.practice()
        let before = f.bytes()
        #expect(throws: CommandError.self) { try f.run("2026-03-04 10:00", .review(client: "c1", .contacted, note: nil, reason: .cost)) }
        #expect(f.bytes() == before)
    }

    @Test func undoTakesTheReviewOffTheCard() throws {
        let (f, a, _, _, _) = try Self.practice()
        try f.run("2026-03-04 10:00", .review(client: "c1", .contacted, note: "Rang", via: .phone))
        #expect(f.p.clients[a.index].reviews.count == 1)
        try f.run("2026-03-04 10:01", .undo(by: "test"))
        #expect(f.p.clients[a.index].reviews.isEmpty)
    }

    @Test func erasureClearsTheReviewNotes() throws {
        let (f, a, _, _, _) = try Self.practice()
        try f.run("2026-03-04 10:00", .review(client: "c1", .contacted, note: "Ada's new number", via: .phone))
        _ = try Erasure.erase(a, in: f.log, by: "owner", at: f.t("2026-03-04 10:01"))
        #expect(f.p.clients[a.index].reviews.map(\.note) == [nil])
        #expect(!String(decoding: f.bytes(), as: UTF8.self).contains("new number"), "the log line is rewritten without the note")
        #expect(f.p.clients[a.index].reviews.map(\.detail.via) == [.phone])
    }

    @Test func whyLeftCountsClosesByPractitionerReasonAndQuarter() throws {
        let (f, _, _, _, _) = try Self.practice()
        try f.run("2026-03-04 10:00", .review(client: "c4", .close(.discharged), note: nil, reason: .cost))
        try f.run("2026-03-05 10:00", .review(client: "c1", .close(.discharged), note: nil))
        try f.run("2026-04-10 10:00", .review(client: "c2", .close(.movedAway), note: nil, reason: .movedAway))
        let r = WhyLeftReport.build(f.p, since: nil, now: f.t("2026-04-15 09:00"))
        #expect(r.quarters.map(\.label) == ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"])
        #expect(r.rows.map(\.label) == ["Anna Okafor", "Ben Hart"])
        let row = { (who: Int, reason: LeftReason?) in r.rows[who].counts[WhyLeftReport.reasons.firstIndex(of: reason)!] }
        #expect(row(0, .movedAway) == [0, 0, 0, 0, 1])
        #expect(row(1, .cost) == [0, 0, 0, 1, 0])
        #expect(row(1, nil) == [0, 0, 0, 1, 0], "a close with no reason is counted as not recorded")
        #expect(r.rows.map(\.total) == [1, 2])
        #expect(WhyLeftReport.build(f.p, since: Civil.days(2026, 4, 1), now: f.t("2026-04-15 09:00")).rows.map(\.total) == [1])
    }
}
