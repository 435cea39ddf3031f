import Foundation
import Testing
@testable import KeepwarmCore

/// Sites (Docs/sites.md): an appointment stays at the site it was booked at, `book --site` refuses someone who works
/// elsewhere and writes nothing, undo and redo take a site back and forth, and one site's view of the practice leaves
/// the other site's sessions and clients out.
@Suite struct SiteTests {
    /// Anna at Riverside (s1), Ben at Hilltop (s2).
    func twoSites() throws -> Fixture {
        let f = try Fixture()
        try f.run("2026-01-05 09:00", .addSite(name: "Riverside", address: "1 Quay St"))
        try f.run("2026-01-05 09:00", .addSite(name: "Hilltop", address: nil))
        try f.run("2026-01-05 09:00", .addPractitioner(name: "Ben Adams"))
        try f.run("2026-01-05 09:00", .setPractitionerSite(practitioner: "p1", site: "Riverside"))
        try f.run("2026-01-05 09:00", .setPractitionerSite(practitioner: "p2", site: "s2"))
        return f
    }

    func book(_ f: Fixture, _ client: ClientID, _ who: String, _ when: String) throws -> AppointmentID {
        let e = try f.run("2026-01-05 09:30", .book(client: client.description, practitioner: who, start: f.t(when), minutes: 60, force: false))
        guard case .appointmentBooked(let id, _, _, _, _) = e.body else { throw CommandError("not a booking: \(e.body)") }
        return id
    }

    @Test func anAppointmentStaysAtTheSiteItWasBookedAtAfterItsPractitionerMoves() throws {
        let f = try twoSites()
        let ada = try f.client("Ada Lovelace")
        let a1 = try book(f, ada, "p1", "2026-01-06 10:00")
        try f.run("2026-01-05 10:00", .setPractitionerSite(practitioner: "p1", site: "s2"))
        let a2 = try book(f, ada, "p1", "2026-01-07 10:00")
        // Replayed from the file, as every desk reads it.
        let p = try EventLog.open(path: f.path).practice
        #expect(p.appointments[a1.index].site == SiteID(1))
        #expect(p.appointments[a2.index].site == SiteID(2))
        #expect(p.practitioners[0].site == SiteID(2))
        #expect(p.sites.map(\.name) == ["Riverside", "Hilltop"])
        #expect(p.sites[0].address == "1 Quay St")
    }

    @Test func bookingAtASiteRefusesSomeoneWhoWorksElsewhereAndWritesNothing() throws {
        let f = try twoSites()
        let ada = try f.client("Ada Lovelace")
        let before = f.bytes()
        #expect(throws: CommandError("Ben Adams (p2) works at Hilltop (s2), not Riverside (s1): book someone who works there, or leave out --site")) {
            try f.run("2026-01-05 09:30", .bookAtSite(site: "s1", client: ada.description, practitioner: "p2", start: f.t("2026-01-06 10:00"),
                                                      minutes: 60, force: false))
        }
        #expect(f.bytes() == before)
        // With one practitioner there, --with may be left out.
        let e = try f.run("2026-01-05 09:30", .bookAtSite(site: "Hilltop", client: ada.description, practitioner: nil,
                                                          start: f.t("2026-01-06 10:00"), minutes: 60, force: false))
        guard case .appointmentBooked(let id, _, let who, _, _) = e.body else { throw CommandError("not a booking") }
        #expect(who == PractitionerID(2))
        #expect(f.p.appointments[id.index].site == SiteID(2))
    }

    @Test func undoTakesASiteBackAndRedoPutsItBack() throws {
        let f = try Fixture()
        try f.run("2026-01-05 09:00", .addSite(name: "Riverside", address: nil))
        try f.run("2026-01-05 09:01", .undo(by: "test"))
        #expect(f.p.activeSites.isEmpty)
        #expect(throws: CommandError.self) { try f.p.resolveSite("Riverside") }
        try f.run("2026-01-05 09:02", .redo(by: "test"))
        #expect(try EventLog.open(path: f.path).practice.activeSites.map(\.name) == ["Riverside"])
        try f.run("2026-01-05 09:03", .editSite("s1", name: "Riverside Rooms", address: "1 Quay St"))
        try f.run("2026-01-05 09:04", .undo(by: "test"))
        let p = try EventLog.open(path: f.path).practice
        #expect(p.sites[0].name == "Riverside" && p.sites[0].address == nil)
    }

    @Test func oneSitesViewLeavesOutTheOtherSitesSessionsAndClients() throws {
        let f = try twoSites()
        let ada = try f.client("Ada Lovelace"), grace = try f.client("Grace Hopper"), joan = try f.client("Joan Clarke")
        let a1 = try book(f, ada, "p1", "2026-01-06 10:00")
        let a2 = try book(f, grace, "p2", "2026-01-06 10:00")
        let a3 = try book(f, grace, "p1", "2026-01-06 12:00")
        let riverside = f.p.atSite(SiteID(1)), hilltop = f.p.atSite(SiteID(2))
        #expect(riverside.appointments.filter { !$0.withdrawn }.map(\.id) == [a1, a3])
        #expect(hilltop.appointments.filter { !$0.withdrawn }.map(\.id) == [a2])
        #expect(riverside.clients.filter { !$0.withdrawn }.map(\.id) == [ada, grace])
        #expect(hilltop.clients.filter { !$0.withdrawn }.map(\.id) == [grace], "Joan, never booked, counts at no site")
        #expect(f.p.clients.filter { !$0.withdrawn }.map(\.id) == [ada, grace, joan])
        #expect(riverside.appointments(onDay: f.cal.day(of: f.t("2026-01-06 10:00"))).map(\.id) == [a1, a3])
        #expect(f.p.name(at: SiteID(2)) == "Test practice, Hilltop site")
    }

    @Test func aPracticeWithoutSitesIsOnePlace() throws {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace")
        let a = try f.session(ada, "2026-01-06 10:00")
        #expect(f.p.sites.isEmpty && f.p.appointments[a.index].site == nil)
        #expect(f.p.atSite(nil).appointments == f.p.appointments)
        #expect(throws: CommandError("this practice has no sites yet: add one with `keepwarm site add --name NAME`")) { try f.p.resolveSite("s1") }
    }
}
