import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 13 §1 through the real binary in tmux, checked by the log's bytes: a half-filled form survives Esc (and an
/// Alt key), and closing a client for ever asks first.
@Suite(.serialized) struct ConfirmTmuxTests {
    /// Ada booked at 10:00 today; Mo last came on 1 September, so he is lapsed (the lapsed pane's selected row).
    func practice() throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-08-01T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["client", "add", "--name", "Mo Farah", "--phone", "07700 900456"] + at)
        try cli.ok(["book", "c1", "--at", "2026-09-01 10:00"] + at)
        try cli.ok(["attend", "a1", "--now", "2026-09-01T11:00:00Z"])
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123", "--now", "2026-11-23T08:00:00Z"])
        try cli.ok(["book", "c2", "--at", "2026-11-23 10:00", "--now", "2026-11-23T08:00:00Z"])
        return cli
    }

    func console(_ cli: CLI) throws -> Tmux {
        try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                 env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
    }

    func logBytes(_ cli: CLI) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cli.log)) }

    @Test func aHalfFilledFormSurvivesEscAndAltAndCloseAsksFirst() throws {
        let cli = try practice()
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        let before = try logBytes(cli)

        try t.send("b")
        try t.waitFor("Enter save")
        try t.send("Ad")
        // Alt-x arrives as ESC x: before, the ESC closed the form (and the x went to the panes).
        try t.send("M-x")
        try t.send("a")
        try t.waitFor("Client  Ada")
        try t.send("Escape")
        try t.waitFor("Discard this booking?")
        try t.send("n")
        let kept = try t.waitUntil("the form back with its typing") { !$0.contains("Discard this booking?") }
        #expect(kept.contains("Client  Ada"), "n keeps editing: the typing is still there\n\(kept)")
        try t.send("Escape")
        try t.waitFor("Discard this booking?")
        try t.send("y")
        try t.waitFor("Form discarded: nothing recorded")
        #expect(try logBytes(cli) == before, "no form saved anything")

        // `x` on Mo, a reason, then `n`: before, the reason alone closed him for ever.
        try t.send("2", "x")
        try t.waitFor("Close Mo Farah: why?")
        try t.send("m")
        try t.waitFor("Close Mo Farah for ever?")
        try t.send("Enter")
        try t.send("n")
        let after = try t.waitFor("Nothing recorded")
        #expect(after.contains("Mo Farah"), "Mo is still on the lapsed list\n\(after)")
        #expect(try logBytes(cli) == before, "x, a reason and n wrote nothing")

        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
