import Foundation
import Testing

/// The diary filtered by site in the real console under tmux (Docs/sites.md, "The console"), while a second desk
/// books at the other site with the real binary.
@Suite(.serialized) struct SiteTmuxTests {
    let tests = ConsoleTmuxTests()
    let at = ["--now", "2026-11-23T08:00:00Z"]

    /// The diary pane alone: the left half of the screen's top box (the other panes name the same clients).
    func diary(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.prefix(40)) }
        guard let top = lines.firstIndex(where: { $0.contains("diary") }) else { return "" }
        return lines[top...].prefix { !$0.hasPrefix("└") }.joined(separator: "\n")
    }

    /// The test practice with two sites: Anna Okafor at Riverside, and Ben Adams, new, at Hilltop.
    func twoSites() throws -> CLI {
        let cli = try tests.practice()
        try cli.ok(["site", "add", "--name", "Riverside"] + at)
        try cli.ok(["site", "add", "--name", "Hilltop"] + at)
        try cli.ok(["practitioner", "edit", "Anna Okafor", "--site", "Riverside"] + at)
        try cli.ok(["practitioner", "add", "--name", "Ben Adams", "--site", "Hilltop"] + at)
        return cli
    }

    @Test func theDiaryShowsOneSiteAndAnotherDesksBookingAtTheOtherSiteStaysOut() throws {
        let cli = try twoSites()
        // Ada's 10:00 was booked before Anna had a site: it is at no site, so only "every site" shows it.
        try cli.ok(["book", "Grace Hopper", "--at", "2026-11-23 12:00", "--site", "Riverside"] + at)
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Today's diary (2)")
        try t.send("s")
        var screen = try t.waitFor("Today's diary · Riverside (1)")
        #expect(diary(screen).contains("Grace Hopper") && !diary(screen).contains("Ada Lovelace"), "\(screen)")
        try t.send("s")
        screen = try t.waitFor("Today's diary · Hilltop (0)")
        #expect(!diary(screen).contains("Grace Hopper"), "\(screen)")

        // The second desk books Mo with Ben (the one practitioner there) at Hilltop: it appears here, not under Riverside.
        #expect(try cli.ok(["book", "Mo Farah", "--at", "2026-11-23 15:00", "--site", "Hilltop", "--now", "2026-11-23T10:59:00Z"]) == "a4")
        screen = try t.waitFor("Today's diary · Hilltop (1)")
        #expect(diary(screen).contains("15:00 Mo Farah"), "\(screen)")
        try t.send("s")
        screen = try t.waitFor("Today's diary (3)")
        #expect(["10:00 Ada Lovelace", "12:00 Grace Hopper", "15:00 Mo Farah"].allSatisfy(diary(screen).contains), "\(screen)")
        try t.send("s")
        screen = try t.waitFor("Today's diary · Riverside (1)")
        #expect(!diary(screen).contains("Mo Farah") && diary(screen).contains("Grace Hopper"), "\(screen)")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    /// The week view and the free-slot search at 80x24 share the diary's site: `s` in the week names it in the title,
    /// `?` lists `s`, and the free-slot form opens on that site and offers only its practitioner's time, while a
    /// second desk books at the other site.
    @Test func theWeekViewAndFreeSlotsShowTheSiteShownWhileAnotherDeskBooks() throws {
        let cli = try twoSites()
        for who in ["Anna Okafor", "Ben Adams"] {
            try cli.ok(["practitioner", "hours", who, "mon=15:00-17:00"] + at)
        }
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Today's diary (1)")
        try t.send("W")
        try t.waitFor("Week of Mon 23 Nov 2026: Anna Okafor (p1), Tab 1/2")
        try t.send("s")
        try t.waitFor("Week of Mon 23 Nov 2026 · Riverside: Anna Okafor (p1)")
        try t.send("s")
        var screen = try t.waitFor("Week of Mon 23 Nov 2026 · Hilltop: Ben Adams (p2)")
        #expect(!screen.contains("Anna Okafor"), "\(screen)")
        try t.send("?")
        screen = try t.waitFor("Here: Week view")
        #expect(screen.contains("next site (then all)"), "\(screen)")
        try t.sendKey("Escape")

        // The other desk books Ben at 15:00 meanwhile; the Hilltop search then offers Ben from 16:00 only.
        #expect(try cli.ok(["book", "Mo Farah", "--at", "2026-11-23 15:00", "--site", "Hilltop", "--now", "2026-11-23T10:59:00Z"]) == "a3")
        try t.send("b")
        screen = try t.waitFor("Next free slot")
        #expect(screen.contains("s2 Hilltop"), "\(screen)")
        try t.sendLiteral("Grace Hopper")
        try t.sendKey("Enter")
        screen = try t.waitFor("Free 60-min slots for Grace Hopper (c2) · Hilltop")
        #expect(screen.contains("Mon 23 Nov 2026  16:00-17:00 Ben Adams") && !screen.contains("Mon 23 Nov 2026  15:00"), "\(screen)")
        #expect(!screen.contains("Anna Okafor"), "\(screen)")
        try t.sendKey("Escape")
        try t.sendKey("Escape")
        screen = try t.waitFor("Today's diary · Hilltop (1)")
        #expect(diary(screen).contains("15:00 Mo Farah"), "\(screen)")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
