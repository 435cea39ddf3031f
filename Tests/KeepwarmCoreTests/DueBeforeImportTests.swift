import Testing
@testable import KeepwarmCore

/// `AutopilotPlan.dueBeforeImport`: what fell due before its record came in by import is the old system's; what falls
/// due after is Keepwarm's. On a real log, the import written as an imported batch as `keepwarm import` writes it.
@Suite struct DueBeforeImportTests {
    /// Writes `bodies` as one imported batch at a local time.
    func imported(_ f: Fixture, at: String, _ bodies: @escaping (Practice) -> [EventBody]) throws {
        try f.log.appendBatch(by: "test", at: f.t(at), kind: .imported) { p in bodies(p) }
    }

    func client(_ id: Int, _ name: String, ref: String, referredBy: ClientID? = nil, referral: ReferralID? = nil) -> EventBody {
        var c = NewClient(id: ClientID(id), name: name, email: "\(name.lowercased())@example.org", contact: true, newsletter: false)
        c.ref = ref
        c.referredBy = referredBy
        c.referral = referral
        return .clientAdded(c)
    }

    func plan(_ f: Fixture, _ at: String) -> [PlannedMessage] { AutopilotPlan.messages(f.p, now: f.t(at)) }

    @Test func anImportedBookingAttendedInKeepwarmIsFollowedUpAndItsReminderGoes() throws {
        let f = try Fixture(start: "2026-12-01 08:00")
        try imported(f, at: "2026-12-01 09:00") { p in
            [client(1, "Ada", ref: "901"),
             .appointmentBooked(AppointmentID(1), client: ClientID(1), practitioner: PractitionerID(1), start: f.t("2026-12-03 10:00"), minutes: 60)]
        }
        #expect(f.p.appointments[0].importedAt == f.t("2026-12-01 09:00"))
        #expect(plan(f, "2026-12-02 10:00").first.map { $0.step == .reminder && $0.goes } == true, "its reminder day is after the import")
        try f.run("2026-12-03 11:00", .attend("a1"))
        let post = try #require(plan(f, "2026-12-03 12:00").first { $0.step == .postSession })
        #expect(post.goes, "the session took place after the import: Keepwarm's to follow up")
    }

    @Test func aSameDayReminderForAnAppointmentImportedThatMorningIsLeftToTheDesk() throws {
        let f = try Fixture(start: "2026-12-01 08:00")
        try imported(f, at: "2026-12-03 08:00") { p in
            [client(1, "Ada", ref: "901"),
             .appointmentBooked(AppointmentID(1), client: ClientID(1), practitioner: PractitionerID(1), start: f.t("2026-12-03 14:00"), minutes: 60)]
        }
        let m = try #require(plan(f, "2026-12-03 10:00").first)
        #expect(m.step == .reminder)
        #expect(m.stop == .beforeImport(importedDay: f.p.calendar.day(of: f.t("2026-12-03 08:00"))), "its reminder day (2 Dec) was the old system's")
        #expect(m.stop?.waitsForAutopilot == false)
    }

    @Test func aReferralImportedWithItsClientIsNotThankedByTheAutopilot() throws {
        let f = try Fixture(start: "2026-12-01 08:00")
        try f.run("2026-12-01 08:00", .autopilotPolicy(.referralThankYou, StepPolicy(.auto, channels: [.email])))
        try imported(f, at: "2026-12-01 09:00") { p in
            [client(1, "Ada", ref: "901"), client(2, "Joan", ref: "902", referredBy: ClientID(1), referral: ReferralID(1))]
        }
        let thanks = try #require(plan(f, "2026-12-01 10:00").first { $0.step == .referralThankYou })
        #expect(thanks.stop == .beforeImport(importedDay: f.p.calendar.day(of: f.t("2026-12-01 09:00"))))
        // A referral recorded in Keepwarm after the import is Keepwarm's to thank.
        try f.run("2026-12-02 09:00", .addClient(ClientDraft(name: "Kim Lee", email: "kim@example.org", referredBy: "c1")))
        #expect(plan(f, "2026-12-02 10:00").contains { $0.step == .referralThankYou && $0.referral == ReferralID(2) && $0.goes })
    }
}
