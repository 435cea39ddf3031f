import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The model over a snapshot that another desk changes, refreshed as the console's loop refreshes it.
private final class Desk {
    let f: ConsoleFixture
    var model = ConsoleModel(user: "sam")
    var data: ConsoleData

    init(_ f: ConsoleFixture) {
        self.f = f
        data = ConsoleData(f.p, now: f.now)
        model.handle(refreshed: data, practice: f.p, byAnotherDesk: false)
    }

    func key(_ k: Key) -> [ConsoleAction] { model.handle(k, data: data, practice: f.p, now: f.now) }

    /// Another desk records; with `refresh` the loop has caught up before the next key, else the key comes first.
    func otherDesk(_ c: Command, refresh: Bool = true) throws {
        try f.record("2026-11-23 08:00", c)
        data.update(f.p, now: f.now)
        if refresh { model.handle(refreshed: data, practice: f.p, byAnotherDesk: true) }
    }

    var index: Int? { model.cursor(model.listInView!)?.index }
    var status: String? { model.status?.text }
}

@Suite struct SelectionTests {
    /// seedDay: today a3 Ada 10:00, a4 Grace 14:00; Mo (c2) lapsed; r1 Ada → Grace owed a thank-you.
    fileprivate func desk() throws -> Desk {
        let f = try ConsoleFixture()
        try f.seedDay()
        return Desk(f)
    }

    @Test func theDiaryCursorFollowsTheAppointmentWhenAnEarlierBookingArrives() throws {
        let d = try desk()
        _ = d.key(.char("j"))
        try d.otherDesk(.book(client: "c2", practitioner: nil, start: d.f.t("2026-11-23 09:00"), minutes: 60, force: false))
        #expect(d.data.diary.map(\.appointment.id.description) == ["a5", "a3", "a4"])
        #expect(d.index == 2, "still on Grace's a4, now the third row")
        #expect(d.status == nil, "nothing left the list, so nothing to say")
        #expect(d.key(.char("a")) == [.record(.attend("a4"))])
    }

    @Test func aKeyActsOnTheRecordTheScreenShowedEvenBeforeTheRefreshReachesTheModel() throws {
        let d = try desk()
        _ = d.key(.char("j"))
        try d.otherDesk(.book(client: "c2", practitioner: nil, start: d.f.t("2026-11-23 09:00"), minutes: 60, force: false), refresh: false)
        #expect(d.key(.char("n")) == [.record(.noShow("a4"))], "row 2 is now Ada's a3; the key still names Grace's a4")
    }

    @Test func aRecordMovedAwayLeavesTheCursorOnItsNeighbourAndSaysSo() throws {
        let d = try desk()
        try d.otherDesk(.move("a3", to: d.f.t("2026-11-24 10:00"), force: false))
        #expect(d.index == 0)
        #expect(d.status == "a3 (Ada Lovelace) left the diary: another desk moved it; the cursor is on the next row")
        #expect(d.key(.char("a")) == [.record(.attend("a4"))], "the next key acts on the neighbour the screen now shows")
    }

    @Test func theLastRowLeavingPutsTheCursorOnTheNewLastRow() throws {
        let d = try desk()
        _ = d.key(.char("j"))
        try d.otherDesk(.move("a4", to: d.f.t("2026-11-24 14:00"), force: false))
        #expect(d.index == 0)
        #expect(d.status == "a4 (Grace Hopper) left the diary: another desk moved it; the cursor is on the last row")
    }

    @Test func aKeyWhoseRecordLeftSinceTheScreenWasDrawnOnlyMovesTheCursor() throws {
        let d = try desk()
        try d.otherDesk(.move("a3", to: d.f.t("2026-11-24 10:00"), force: false), refresh: false)
        #expect(d.key(.char("a")) == [], "Ada's row had gone: nothing is recorded for Grace, who now stands there")
        #expect(d.status == "a3 (Ada Lovelace) left the diary: another desk moved it; the cursor is on the next row")
        #expect(d.key(.char("a")) == [.record(.attend("a4"))], "pressed again, with Grace highlighted, it acts on her")
    }

    @Test func anEmptiedListSaysSoAndItsKeysActOnNothing() throws {
        let d = try desk()
        _ = d.key(.char("3"))
        try d.otherDesk(.thank("r1", via: .phone, note: nil))
        #expect(d.status == "r1 (Ada Lovelace → Grace Hopper) left the thank-yous: another desk thanked them; the list is empty now")
        #expect(d.key(.char("t")) == [])
        #expect(d.status == "no thank-you selected")
    }

    @Test func theLapsedCursorFollowsTheClientThroughAReSort() throws {
        let d = try desk()
        _ = d.key(.char("2"))
        #expect(d.data.lapsed.map(\.client) == [ClientID(2)])
        try d.otherDesk(.addClient(ClientDraft(name: "Zed Adams", phone: "07700 900789", source: "Google")))
        try d.otherDesk(.book(client: "c4", practitioner: nil, start: d.f.t("2026-09-20 10:00"), minutes: 60, force: true))
        try d.otherDesk(.attend("a5"))
        #expect(d.data.lapsed.map(\.client) == [ClientID(4), ClientID(2)], "Zed, lapsed for fewer days, sorts first")
        #expect(d.index == 1)
        #expect(d.key(.char("s")) == [.record(.touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))])
    }

    @Test func theCallbacksCursorFollowsTheCallbackAndItsNeighbourTakesOver() throws {
        let d = try desk()
        try d.otherDesk(.addCallback(name: "Pat Jones", phone: "07700 900001", reason: nil, by: d.f.t("2026-11-23 16:00")))
        try d.otherDesk(.addCallback(name: "Sam Lee", phone: "07700 900002", reason: nil, by: d.f.t("2026-11-23 17:00")))
        _ = d.key(.char("!"))
        #expect(d.index == 0)
        try d.otherDesk(.addCallback(name: "Kim Wu", phone: "07700 900003", reason: nil, by: d.f.t("2026-11-23 12:00")))
        #expect(d.index == 1, "Kim, promised sooner, sorts first; the cursor stays on Pat")
        try d.otherDesk(.returnCallback("cb1"))
        #expect(d.status == "cb1 (Pat Jones) left the callbacks: another desk marked it returned; the cursor is on the next row")
        #expect(d.key(.enter) == [], "returned asks first")
        #expect(d.key(.char("y")) == [.record(.returnCallback("cb2"))])
    }

    @Test func theAuditCursorFollowsTheStepWhenTheOrderChanges() throws {
        let d = try desk()
        d.data.audit = AuditSummary(evidence: AuditEvidence.all(d.f.p, window: AuditWindow(end: d.f.now)), answers: [:])
        _ = d.key(.char("4"))
        #expect(d.model.cursors[.audit]?.id == .step(1))
        _ = d.key(.char("v"))
        let order = d.model.auditOrder(d.data).map(\.number)
        let row = try #require(order.firstIndex(of: 1))
        #expect(row > 0, "the biggest leaks now come before step 1")
        #expect(d.index == row, "the cursor stays on step 1, wherever the new order put it")
        #expect(d.model.cursors[.audit]?.id == .step(1))
    }

    /// `/` in a list finds a row (case and accents ignored) without hiding any; Enter keeps it, Esc goes back, `n`
    /// and `N` go round the matches; keys then act on the row found.
    @Test func findInAListGoesToTheRowAndBack() throws {
        let d = try desk()
        _ = d.key(.char("f"))
        _ = d.key(.char("/"))
        for c in "MO FARAH" { _ = d.key(.char(c)) }
        #expect(d.model.cursor(.followUps)?.index == 1, "Mo's letter, found as typed")
        _ = d.key(.escape)
        #expect(d.index == 0, "Esc goes back to where finding started")
        _ = d.key(.char("/"))
        #expect(d.model.overlays.last == .find(ListFind(list: .followUps, from: 0)), "Esc forgot the text, as in less")
        for c in "mo farah" { _ = d.key(.char(c)) }
        _ = d.key(.enter)
        #expect(d.index == 1)
        #expect(d.status == "“mo farah”: 1 match; n/N for the next and previous")
        _ = d.key(.char("n"))
        #expect(d.index == 1 && d.status == "“mo farah”: match 1 of 1")
        _ = d.key(.char("g"))
        _ = d.key(.char("N"))
        #expect(d.index == 1, "N wraps round to the last match")
        #expect(d.key(.char("s")) == [.record(.touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))])
    }

    /// `f` reopens the follow-ups list on the record it was on when closed, wherever that record now stands.
    @Test func theFollowUpsListReopensWhereItWasByRecord() throws {
        let d = try desk()
        _ = d.key(.char("f"))
        _ = d.key(.char("j"))
        _ = d.key(.escape)
        _ = d.key(.char("f"))
        #expect(d.index == 1, "back on Mo's letter, the second row")
        _ = d.key(.escape)
        try d.otherDesk(.touch(client: "c1", kind: .rebookPrompt, via: .email, note: nil))
        _ = d.key(.char("f"))
        #expect(d.index == 0, "Mo's letter is the first row now, and the list opens on it")
        #expect(d.key(.char("s")) == [.record(.touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))])
    }

    @Test func theFollowUpsCursorFollowsTheClientAndKind() throws {
        let d = try desk()
        _ = d.key(.char("f"))
        // Grouped by kind, in the journey's order.
        #expect(d.data.followUps.map { "\($0.client) \($0.kind.rawValue)" } == ["c1 rebook-prompt", "c2 reactivation-letter"])
        _ = d.key(.char("j"))
        try d.otherDesk(.touch(client: "c1", kind: .rebookPrompt, via: .email, note: nil))
        #expect(d.data.followUps.map { "\($0.client) \($0.kind.rawValue)" } == ["c2 reactivation-letter"])
        #expect(d.index == 0, "Mo's letter moved up a row; the cursor went with it")
        #expect(d.status == nil)
        #expect(d.key(.char("s")) == [.record(.touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))])
        try d.otherDesk(.touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil))
        #expect(d.status == "Mo Farah's reactivation-letter left the follow-ups: another desk recorded it; the list is empty now")
    }

    @Test func aRecordGoneByAnErasureIsNamedByItsIdOnly() throws {
        let d = try desk()
        _ = d.key(.char("2"))
        _ = try Erasure.erase(ClientID(2), in: d.f.log, by: "anna", at: d.f.now)
        // The file was rewritten, so the console builds its snapshot again (ConsoleApp.refreshData).
        d.data = ConsoleData(d.f.p, now: d.f.now)
        d.model.handle(refreshed: d.data, practice: d.f.p, byAnotherDesk: true)
        #expect(d.status == "c2 left the lapsed list: their details were erased; the list is empty now")
    }
}
