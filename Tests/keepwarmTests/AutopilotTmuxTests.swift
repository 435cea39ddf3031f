import Foundation
import Testing
@testable import KeepwarmCore

/// `A` in the real binary, in tmux at 80×24, with a second `keepwarm` process writing where another desk would.
@Suite(.serialized) struct AutopilotTmuxTests {
    let tests = ConsoleTmuxTests()

    @Test func holdingAClientFromAHoldsThatClientWhileAnotherDeskBooksAndPutsARowAboveIt() throws {
        let cli = try tests.practice()
        // Ada (c1, a phone) attended at 10:00, so her post-session text goes on the next run; Zoë (c4) has a phone too.
        try cli.ok(["attend", "a1", "--now", "2026-11-23T10:59:00Z"])
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900111", "--now", "2026-11-23T10:59:00Z"])
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("A")
        var screen = try t.waitFor("Will go on the next run (1)")
        #expect(screen.contains("Ada Lovelace") && screen.contains("post-session") && screen.contains("The autopilot has not run yet"), "\(screen)")

        // Another desk books Zoë tomorrow: her reminder goes first, on the row the cursor was on.
        try cli.ok(["book", "c4", "--at", "2026-11-24 09:00", "--now", "2026-11-23T10:59:00Z"])
        screen = try t.waitFor("Will go on the next run (2)")
        let lines = screen.split(separator: "\n")
        let zoe = try #require(lines.firstIndex { $0.contains("Zoë Brontë") }), ada = try #require(lines.firstIndex { $0.contains("Ada Lovelace ") && $0.contains("post-session") })
        #expect(zoe < ada, "\(screen)")
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        try t.send("h")
        try t.waitFor("Hold the autopilot's messages to Ada Lovelace (c1)")
        // And writes again while the form is open.
        try cli.ok(["client", "add", "--name", "Jo Bloggs", "--now", "2026-11-23T10:59:00Z"])
        try t.sendKey("Enter")
        try t.waitFor("✓ held the autopilot's messages to Ada Lovelace")
        let events = try tests.events(cli, after: before)
        #expect(events.contains(.autopilotHeld(ClientID(1), untilDay: nil)), "\(events)")
        #expect(!events.contains { if case .autopilotHeld(let c, _) = $0 { c != ClientID(1) } else { false } }, "only Ada is held: \(events)")
        // Ada's row moved to "Needs a person"; at 80 columns its note is cut, the status row below has it whole.
        screen = try t.waitFor("held until relea")
        #expect(screen.contains("Needs a person (1)") && screen.contains("Ada Lovelace       post-session"), "\(screen)")
        try t.send("q", "q")
        #expect(try t.waitForExit() == 0)
    }
}
