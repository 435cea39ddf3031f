import Foundation
import Testing
@testable import KeepwarmCore

@Suite struct UndoTests {
    /// The state after an undo must be the state a fresh replay of the same log builds.
    func replayed(_ f: Fixture) throws -> Practice { try EventLog.open(path: f.path).practice }

    @Test func undoingAttendanceReopensTheAppointment() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        let a = try f.session(c, "2026-03-02 10:00")
        #expect(f.p.appointments[a.index].status == .attended)
        let e = try f.run("2026-03-02 11:02", .undo(by: "test"))
        #expect(e.body == .undone(target: e.seq - 1))
        #expect(f.p.appointments[a.index].status == .booked)
        #expect(f.p.appointments[a.index].settledAt == nil)
        #expect(try replayed(f).appointments[a.index].status == .booked)
        // A second undo reaches back to the booking before it, which is older than the 5 minutes.
        #expect(throws: CommandError.self) { try f.run("2026-03-02 11:03", .undo(by: "test")) }
        #expect(f.p.appointments[a.index].withdrawn == false)
    }

    @Test func undoingABookingWithdrawsItButKeepsIdsDense() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        try f.run("2026-03-01 09:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-02 10:00"), minutes: 60, force: false))
        try f.run("2026-03-01 09:01", .undo(by: "test"))
        #expect(Diary.rows(f.p, day: Civil.days(2026, 3, 2)).isEmpty)
        #expect(f.p.clients[0].appointments.isEmpty)
        #expect(throws: CommandError.self) { try f.run("2026-03-01 09:02", .attend("a1")) }
        let e = try f.run("2026-03-01 09:02", .book(client: "c1", practitioner: nil, start: f.t("2026-03-02 10:00"), minutes: 60, force: false))
        #expect(e.body == .appointmentBooked(AppointmentID(2), client: ClientID(1), practitioner: PractitionerID(1),
                                             start: f.t("2026-03-02 10:00"), minutes: 60), "the slot is free again")
        #expect(Diary.rows(try replayed(f), day: Civil.days(2026, 3, 2)).map(\.appointment.id) == [AppointmentID(2)])
    }

    @Test func undoingAThankYouPutsItBackOnTheList() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        _ = try f.client("Grace Hopper", at: "2026-03-01 09:00", referredBy: "c1")
        try f.run("2026-03-01 10:00", .thank("r1", via: .phone, note: nil))
        #expect(ThankYous.rows(f.p, now: f.t("2026-03-01 10:01")).isEmpty)
        try f.run("2026-03-01 10:01", .undo(by: "test"))
        #expect(ThankYous.rows(f.p, now: f.t("2026-03-01 10:02")).map(\.referral.id) == [ReferralID(1)])
        #expect(ThankYous.rows(try replayed(f), now: f.t("2026-03-01 10:02")).count == 1)
    }

    @Test func undoingANewClientRemovesThemAndTheirReferral() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        _ = try f.client("Grace Hopper", at: "2026-03-01 09:00", referredBy: "c1")
        try f.run("2026-03-01 09:01", .undo(by: "test"))
        #expect(throws: CommandError.self) { _ = try f.p.resolveClient("Grace Hopper") }
        #expect(ThankYous.rows(f.p, now: f.t("2026-03-01 10:00")).isEmpty)
        #expect(f.p.clients[0].referralsMade.isEmpty)
        #expect(try replayed(f).clients[1].withdrawn)
    }

    @Test func undoingTouchpointsSnoozesAndEdits() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-02-02 10:00")
        try f.run("2026-03-20 09:00", .touch(client: "c1", kind: .reEngage, via: .email, note: nil))
        try f.run("2026-03-20 09:01", .undo(by: "test"))
        #expect(f.p.clients[0].touchpoints.isEmpty)
        try f.run("2026-03-20 09:02", .review(client: "c1", .snooze(untilDay: Civil.days(2026, 4, 30)), note: nil))
        #expect(Lapsed.rows(f.p, now: f.t("2026-03-20 09:03")).isEmpty)
        try f.run("2026-03-20 09:03", .undo(by: "test"))
        #expect(Lapsed.rows(f.p, now: f.t("2026-03-20 09:04")).map(\.client) == [c])
        try f.run("2026-03-20 09:05", .editClient(client: "c1", ClientEdit(client: c, name: "Ada King", cadence: 14)))
        try f.run("2026-03-20 09:06", .undo(by: "test"))
        #expect(f.p.clients[0].name == "Ada Lovelace")
        #expect(f.p.clients[0].cadence == nil)
        #expect(try f.p.resolveClient("ada lovelace") == c)
        let r = try replayed(f)
        #expect(r.clients[0].name == "Ada Lovelace")
        #expect(r.clients[0].touchpoints.isEmpty)
        #expect(r.clients[0].snoozedUntilDay == nil)
    }

    @Test func undoNeverOverwritesAColleaguesLaterChange() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        try f.run("2026-03-01 09:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-02 10:00"), minutes: 60, force: false))
        try f.run("2026-03-02 10:05", .attend("a1"))
        // Anna, on another desk, rebooks from that visit; then "test" tries to undo the attendance.
        let now = f.t("2026-03-02 10:06")
        try f.log.append(by: "anna", at: now) { p in try Command.setStatus(client: "c1", .active, reason: "checked").event(in: p, now: now) }
        try f.run("2026-03-02 10:06", .editClient(client: "c1", ClientEdit(client: ClientID(1), phone: "07700 900111")))
        try f.log.append(by: "anna", at: now) { p in try Command.editClient(client: "c1", ClientEdit(client: ClientID(1), email: "ada@example.com")).event(in: p, now: now) }
        #expect(throws: CommandError("Ada Lovelace (c1) has changed since your last action (edited Ada Lovelace (c1)); correct it directly instead")) {
            try f.run("2026-03-02 10:07", .undo(by: "test"))
        }
        #expect(f.p.clients[0].email == "ada@example.com")
        #expect(f.p.clients[0].phone == "07700 900111")
    }

    @Test func undoneBookingsStayHiddenAfterATimeZoneChange() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        try f.run("2026-03-01 09:00", .book(client: "c1", practitioner: nil, start: f.t("2026-03-02 10:00"), minutes: 60, force: false))
        try f.run("2026-03-01 09:01", .undo(by: "test"))
        try f.run("2026-03-01 09:02", .changeSettings(SettingsChange(timeZone: "Europe/Dublin")))
        #expect(Diary.rows(f.p, day: Civil.days(2026, 3, 2)).isEmpty)
        #expect(f.p.clash(practitioner: PractitionerID(1), start: f.t("2026-03-02 10:00"), minutes: 60) == nil)
    }

    @Test func aNewerKindOfEventCanBeUndoneWithoutDamage() throws {
        let f = try Fixture()
        var b = LineBuilder()
        b.int("seq", 3)
        b.string("at", "2026-01-05T10:00:00.000Z")
        b.string("by", "newer")
        b.string("type", "invoice.paid")
        var u = LineBuilder()
        u.int("seq", 4)
        u.string("at", "2026-01-05T10:01:00.000Z")
        u.string("by", "newer")
        u.string("type", "event.undone")
        u.int("target", 3)
        let h = FileHandle(forWritingAtPath: f.path)!
        h.seekToEndOfFile()
        h.write(Data(b.finishedLine() + u.finishedLine()))
        h.closeFile()
        let log = try EventLog.open(path: f.path)
        #expect(log.damage.isEmpty)
        #expect(log.practice.lastSeq == 4)
    }

    @Test func undoIsYoursAndRecent() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let now = f.t("2026-01-05 09:01")
        try f.log.append(by: "anna", at: now) { p in try Command.addClient(ClientDraft(name: "Anna's client")).event(in: p, now: now) }
        // "test" undoes its own last action (adding Ada), not Anna's later one.
        try f.run("2026-01-05 09:02", .undo(by: "test"))
        #expect(f.p.clients.map(\.withdrawn) == [true, false])
        #expect(throws: CommandError.self) {
            try f.log.append(by: "anna", at: f.t("2026-01-05 09:07")) { p in try Command.undo(by: "anna").event(in: p, now: f.t("2026-01-05 09:07")) }
        }
        #expect(f.p.clients[1].withdrawn == false, "more than 5 minutes later, nothing changed")
    }
}
