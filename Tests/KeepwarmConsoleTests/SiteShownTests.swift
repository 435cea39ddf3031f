import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// One site shown at a time (DiarySites.swift, FreeSlotSites.swift): `s` is keymap data, so `?` and the key bar show
/// it in a practice with sites and nowhere without; the diary, the week view and the free-slot search share the site.
@Suite struct SiteShownTests {
    /// The two sites of `DiarySitesTests`, with Anna (Riverside) and Ben (Hilltop) both working Monday 15:00-17:00.
    func twoSites(width: Int = 80, height: Int = 24) throws -> ConsoleFixture {
        let f = try DiarySitesTests().twoSites(width: width, height: height)
        let monday = [0: [WorkingRange(start: 900, end: 1020)]]
        try f.record("2026-11-01 09:00", .setHours(practitioner: "p1", days: monday))
        try f.record("2026-11-01 09:00", .setHours(practitioner: "p2", days: monday))
        return f
    }

    func siteRows(_ lines: [String]) -> [String] { lines.filter { $0.hasPrefix("  s ") && $0.hasSuffix("next site (then all)") } }

    @Test func helpAndTheKeyBarListTheSiteKeyOnlyInAPracticeWithSites() throws {
        let d = ModelDriver(try twoSites())
        d.send(.screen(width: 80, height: 24))
        #expect(d.model.keymap.binding(for: .char("s"))?.action == .nextSite)
        #expect(KeyHelp.bar(for: d.model).entries.contains { $0.key == "s" && $0.label == "next site (then all)" })
        #expect(d.key(.char("?")) == [])
        let lines = KeyHelp.helpLines(for: d.model)
        // Here (the diary) and in the week view's section.
        #expect(siteRows(lines).count == 2, "\(lines.joined(separator: "\n"))")
        #expect(lines.firstIndex(of: "Here: Today's diary").map { siteRows(Array(lines[$0...].prefix(20))).count } == 1)

        let none = try ModelDriver.seededDay()
        none.send(.screen(width: 80, height: 24))
        #expect(none.model.keymap.binding(for: .char("s")) == nil)
        #expect(!KeyHelp.bar(for: none.model).entries.contains { $0.label.contains("site") })
        #expect(none.key(.char("?")) == [])
        #expect(siteRows(KeyHelp.helpLines(for: none.model)) == [])
    }

    @Test func aSiteAddedAtAnotherDeskBindsTheKey() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        d.send(.screen(width: 80, height: 24))
        #expect(d.model.keymap.binding(for: .char("s")) == nil)
        try f.record("2026-11-23 10:00", .addSite(name: "Riverside", address: nil))
        d.send(.refreshed(byAnotherDesk: true))
        #expect(d.model.keymap.binding(for: .char("s"))?.action == .nextSite)
        #expect(d.key(.char("s")) == [] && d.model.site == SiteID(1))
    }

    @Test func theWeekViewShowsTheSiteShownAndSCyclesItThere() throws {
        // Wide enough for the site key in the bar (at 80 columns it is in `?`; the bar keeps the weeks and booking).
        let f = try twoSites(width: 132, height: 30)
        let w = WeekState(monday: WorkingHours.monday(of: f.p.calendar.day(of: f.now)))
        #expect(WeekLayout(w, f.p, f.now, width: 80, height: 24).all.map(\.name) == ["Anna Okafor", "Ben Adams"])
        #expect(WeekLayout(w, f.p, f.now, width: 80, height: 24, site: SiteID(2)).all.map(\.name) == ["Ben Adams"])

        f.press(.char("s"))
        f.press(.char("W"))
        #expect(f.screen.contains("Week of Mon 23 Nov 2026 · Riverside: Anna Okafor (p1)"), "\(f.screen)")
        #expect(!f.screen.contains("Ben Adams") && f.screen.contains("s next site"), "\(f.screen)")
        f.press(.char("s"))
        #expect(f.screen.contains("Week of Mon 23 Nov 2026 · Hilltop: Ben Adams (p2)"), "\(f.screen)")
        f.press(.escape)
        // The diary shows the site chosen in the week view: one choice, shared.
        #expect(f.screen.contains("Today's diary · Hilltop (1)"), "\(f.screen)")
        f.press(.char("s"), .char("W"))
        #expect(f.screen.contains("Week of Mon 23 Nov 2026: Anna Okafor (p1), Tab 1/2"), "\(f.screen)")
    }

    @Test func theFreeSlotFormOpensOnTheSiteShownAndItsSearchBecomesIt() throws {
        let f = try twoSites(width: 100, height: 30)
        f.press(.char("s"), .char("s"))
        f.press(.char("F"))
        guard case .form(_, let form) = f.app.model.overlays.last else { Issue.record("no form: \(f.screen)"); return }
        #expect(form.value("site") == "s2 Hilltop")
        f.type("Ada Lovelace")
        f.press(.enter)
        #expect(f.screen.contains("Free 60-min slots for Ada Lovelace (c1) · Hilltop"), "\(f.screen)")
        #expect(f.screen.contains("15:00-16:00 Ben Adams") && !f.screen.contains("Anna Okafor"), "\(f.screen)")
        guard case .freeSlots(let search, _) = f.app.model.overlays.last else { Issue.record("no list: \(f.screen)"); return }
        #expect(search.site == SiteID(2))

        // Every site searched from the form: the diary then shows every site.
        f.press(.escape, .char("F"))
        f.type("Ada Lovelace")
        f.press(.tab, .tab, .tab)
        f.press(.char(" "))
        guard case .form(_, let again) = f.app.model.overlays.last else { Issue.record("no form: \(f.screen)"); return }
        #expect(again.value("site") == ConsoleForms.everySite, "\(f.screen)")
        f.press(.enter)
        #expect(f.screen.contains("Anna Okafor") && f.screen.contains("Ben Adams"), "\(f.screen)")
        #expect(f.app.model.site == nil)
    }

    @Test func aPractitionerWhoWorksElsewhereIsOneLineInTheForm() throws {
        let f = try twoSites()
        let form = ConsoleForms.make(.findFreeSlot(client: nil, practitioner: nil, afterDay: nil), practice: f.p, now: f.now)
        var withSite = form
        withSite.fields.append(ConsoleForms.siteField(f.p, shown: SiteID(2))!)
        #expect(throws: CommandError("Anna Okafor does not work at Hilltop: choose any, or every site")) {
            try ConsoleForms.freeSlotSite(withSite, practitioner: PractitionerID(1), practice: f.p)
        }
        #expect(try ConsoleForms.freeSlotSite(withSite, practitioner: PractitionerID(2), practice: f.p) == SiteID(2))
        #expect(try ConsoleForms.freeSlotSite(form, practitioner: nil, practice: f.p) == nil)
        // Without sites the form has no Site field.
        let none = try ConsoleFixture()
        try none.seedDay()
        #expect(ConsoleForms.siteField(none.p, shown: nil) == nil)
    }

    /// A site named with escapes and 500 characters, at 80x24: every title keeps what comes after the name (the
    /// diary's count, the week's practitioner), the status line keeps "(s: next site)", and no escape reaches the screen.
    @Test func aLongHostileSiteNameNeverPushesOutTheRestOfATitle() throws {
        let f = try twoSites()
        let name = "Evil\u{1B}[31m\u{07}" + String(repeating: "L", count: 500)
        try f.record("2026-11-01 09:00", .addSite(name: name, address: nil))
        try f.record("2026-11-01 09:00", .setPractitionerSite(practitioner: "p2", site: "s3"))
        f.press(.char("s"), .char("s"), .char("s"))
        #expect(f.screen.contains("Today's diary · Evil␛[31m␇L… (0)"), "\(f.screen)")
        #expect(f.screen.contains("Site shown: Evil␛[31m␇LLLLLLLLL… only (s: next site)"), "\(f.screen)")
        f.press(.char("W"))
        #expect(f.screen.contains("Week of Mon 23 Nov 2026 · Evil␛[31m␇LLLLLLLLL…: Ben Adams (p2)"), "\(f.screen)")
        #expect(!f.screen.contains("\u{1B}") && !f.screen.contains("\u{07}"))
    }
}
