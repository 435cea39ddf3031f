import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `s` in the diary (DiarySites.swift): all sites → Riverside → Hilltop → all, named in the pane's title, with the rows
/// of that site only; in a practice without sites `s` changes nothing.
@Suite struct DiarySitesTests {
    /// Anna at Riverside with Ada at 10:00, Ben at Hilltop with Grace at 14:00, on Monday 23 November 2026.
    func twoSites(width: Int = 80, height: Int = 24) throws -> ConsoleFixture {
        let f = try ConsoleFixture(width: width, height: height)
        try f.record("2026-11-01 09:00", .addSite(name: "Riverside", address: nil))
        try f.record("2026-11-01 09:00", .addSite(name: "Hilltop", address: nil))
        try f.record("2026-11-01 09:00", .addPractitioner(name: "Anna Okafor"))
        try f.record("2026-11-01 09:00", .addPractitioner(name: "Ben Adams"))
        try f.record("2026-11-01 09:00", .setPractitionerSite(practitioner: "p1", site: "s1"))
        try f.record("2026-11-01 09:00", .setPractitionerSite(practitioner: "p2", site: "s2"))
        try f.record("2026-11-01 09:00", .addClient(ClientDraft(name: "Ada Lovelace", phone: "07700 900123")))
        try f.record("2026-11-01 09:00", .addClient(ClientDraft(name: "Grace Hopper", phone: "07700 900456")))
        try f.record("2026-11-01 09:00", .book(client: "c1", practitioner: "p1", start: f.t("2026-11-23 10:00"), minutes: 60, force: false))
        try f.record("2026-11-01 09:00", .book(client: "c2", practitioner: "p2", start: f.t("2026-11-23 14:00"), minutes: 60, force: false))
        return f
    }

    @Test func sCyclesTheDiarysSiteAndTheSnapshotFollows() throws {
        let d = ModelDriver(try twoSites())
        #expect(d.data.diary.map(\.clientName) == ["Ada Lovelace", "Grace Hopper"])
        var seen: [String] = []
        for _ in 0..<3 {
            #expect(d.key(.char("s")) == [])
            // As the app does after each key: the snapshot takes the model's site, and the model hears it has.
            if d.data.followSite(d.model.site, d.fixture.p) { d.send(.diaryShown) }
            seen.append("\(d.model.site?.description ?? "all"): \(d.data.diary.map(\.clientName).joined(separator: ", "))")
        }
        #expect(seen == ["s1: Ada Lovelace", "s2: Grace Hopper", "all: Ada Lovelace, Grace Hopper"])
        #expect(d.model.status?.text == "Site shown: every site")
        #expect(d.model.cursors[.diary]?.label == "a1 (Ada Lovelace)")
    }

    @Test func withoutSitesSDoesNothing() throws {
        let d = try ModelDriver.seededDay()
        let rows = d.data.diary
        #expect(d.key(.char("s")) == [])
        #expect(d.model.site == nil && d.model.status == nil)
        #expect(!d.data.followSite(d.model.site, d.fixture.p) && d.data.diary == rows)
    }

    @Test func thePaneTitleNamesTheSiteShown() throws {
        let f = try twoSites()
        f.press(.char("s"))
        #expect(f.screen.contains("Today's diary · Riverside (1)"))
        #expect(f.screen.contains("Ada Lovelace") && !f.screen.contains("Grace Hopper"))
        f.press(.char("s"))
        #expect(f.screen.contains("Today's diary · Hilltop (1)") && f.screen.contains("Grace Hopper"))
        // Booked at another desk while the diary shows Hilltop: Riverside's new booking stays out of it.
        try f.record("2026-11-23 10:30", .addClient(ClientDraft(name: "Joan Clarke", phone: "07700 900789")))
        try f.record("2026-11-23 10:30", .book(client: "c3", practitioner: "p1", start: f.t("2026-11-23 16:00"), minutes: 60, force: false))
        f.app.tick()
        #expect(f.screen.contains("Today's diary · Hilltop (1)") && !f.screen.contains("Joan Clarke"))
        f.press(.char("s"))
        #expect(f.screen.contains("Today's diary (3)") && f.screen.contains("Joan Clarke"))
    }
}
