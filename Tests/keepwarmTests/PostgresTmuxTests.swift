import Foundation
import Testing

/// Two consoles on one PostgreSQL database, in tmux at 80×24 through the real binary (Docs/postgres.md): what one desk
/// does shows on the other within a second, and the server stopped and started again under them is reconnected to,
/// caught up with, and loses nothing acknowledged.
@Suite(.serialized) struct PostgresTmuxTests {
    func console(_ pg: PostgresCLI) throws -> Tmux {
        try Tmux(command: [CLI.binary, "--now", "2026-11-23 11:00", "--store", pg.url], env: ["KEEPWARM_USER": "sam", "HOME": pg.files.dir])
    }

    /// The diary row of the client named, on a settled screen.
    static func row(_ screen: String, _ name: String) -> String {
        screen.split(separator: "\n").first { $0.contains(name) }.map(String.init) ?? ""
    }

    @Test func anArrivalMarkedAtOneDeskShowsOnTheOtherWithinASecond() throws {
        let pg = try PostgresCLI()
        try pg.adaBookedAtTen()
        let one = try console(pg), two = try console(pg)
        defer { one.kill(); two.kill() }
        try one.waitFor("Ada Lovelace")
        try two.waitFor("Ada Lovelace")
        #expect(!Self.row(try two.capture(), "10:00 Ada Lovelace").contains("attended"))
        // Desk one marks Ada arrived; desk two's diary shows it within a second of desk one's confirmation.
        try one.send("a")
        try one.waitFor("✓ marked a1 (Ada Lovelace) attended")
        let confirmed = Date()
        let screen = try two.waitUntil(timeout: 1, "desk two to show Ada attended") { Self.row($0, "10:00 Ada Lovelace").contains("attended") }
        #expect(Self.row(screen, "10:00 Ada Lovelace").contains("attended"), "\(screen)")
        print("postgres tmux: another desk's arrival on screen \(Int(Date().timeIntervalSince(confirmed) * 1000)) ms after the first desk's confirmation")
        // And the other way: desk two books Grace (added by a third desk, the CLI) at 14:00; desk one shows it.
        #expect(try pg.ok(["client", "add", "--name", "Grace Hopper", "--now", "2026-11-23T10:59:00Z"]) == "c2")
        #expect(try pg.ok(["book", "c2", "--at", "2026-11-23 14:00", "--now", "2026-11-23T10:59:00Z"]) == "a2")
        try one.waitUntil(timeout: 1, "desk one to show Grace's booking") { $0.contains("14:00 Grace Hopper") }
        try two.waitUntil(timeout: 1, "desk two to show Grace's booking") { $0.contains("14:00 Grace Hopper") }
        try one.send("q")
        try two.send("q")
        #expect(try one.waitForExit() == 0)
        #expect(try two.waitForExit() == 0)
    }

    @Test func theServerStoppedAndStartedUnderTwoConsolesLosesNothing() throws {
        // A cluster of its own: stopping it must not disturb the other tests' databases.
        let cluster = try PostgresCluster()
        defer { cluster.remove() }
        let pg = try PostgresCLI(cluster: cluster)
        try pg.adaBookedAtTen()
        let one = try console(pg), two = try console(pg)
        defer { one.kill(); two.kill() }
        try one.waitFor("Ada Lovelace")
        try two.waitFor("Ada Lovelace")
        let before = try pg.rows()
        try cluster.stop()
        // Both consoles notice within their next poll (once a second) and say so in the title bar.
        try one.waitFor("reconnecting…", timeout: 5)
        try two.waitFor("reconnecting…", timeout: 5)
        // An arrival marked at desk one while the server is down is refused, and the refusal stays on screen beside
        // "reconnecting…" (it used to be covered at once by the next failed read).
        try one.send("a")
        var screen = try one.waitFor("⚠ not recorded")
        Thread.sleep(forTimeInterval: 2.5)
        screen = try one.capture()
        #expect(screen.contains("⚠ not recorded") && screen.split(separator: "\n").first?.contains("reconnecting…") == true, "\(screen)")
        #expect(!Self.row(screen, "10:00 Ada Lovelace").contains("attended"), "\(screen)")
        // A desk's command while the server is down: one clear line, status 1, nothing written.
        let r = try pg.run(["client", "add", "--name", "Grace Hopper", "--store", pg.url, "--now", "2026-11-23T10:59:00Z"])
        #expect(r.status == 1 && r.out.isEmpty && r.err.split(separator: "\n").count == 1, "\(r.status) \(r.out) \(r.err)")
        #expect(r.err.contains("could not reach the database") || r.err.contains("not recorded"), "\(r.err)")
        try cluster.start()
        #expect(try pg.rows() == before, "nothing was written while the server was down")
        // Back: a desk appends, and both consoles catch up and drop the mark.
        #expect(try pg.ok(["client", "add", "--name", "Grace Hopper", "--now", "2026-11-23T10:59:00Z"]) == "c2")
        #expect(try pg.ok(["book", "c2", "--at", "2026-11-23 14:00", "--now", "2026-11-23T10:59:00Z"]) == "a2")
        for t in [one, two] {
            try t.waitUntil(timeout: 5, "the console to catch up") { $0.contains("14:00 Grace Hopper") && !$0.contains("reconnecting…") }
        }
        // The refused arrival was not recorded; marked again now, it is, and desk two shows it.
        try one.send("a")
        try one.waitFor("✓ marked a1 (Ada Lovelace) attended")
        try two.waitUntil(timeout: 2, "desk two to show Ada attended") { Self.row($0, "10:00 Ada Lovelace").contains("attended") }
        let rows = try pg.rows()
        #expect(rows.hasPrefix(before), "every row from before the restart is still there, unchanged")
        #expect(rows.components(separatedBy: "appointment.attended").count == 2, "the arrival is recorded once: \(rows)")
        try one.send("q")
        try two.send("q")
        #expect(try one.waitForExit() == 0)
        #expect(try two.waitForExit() == 0)
    }
}
