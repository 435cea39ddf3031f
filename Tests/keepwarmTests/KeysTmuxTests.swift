import Foundation
import Testing
@testable import KeepwarmCore

/// Keys, help and messages through the real binary in tmux: the message log (`M`), paging every list, and finding a
/// row in the list you are in (issue 13, section 4).
@Suite(.serialized) struct KeysTmuxTests {
    let tests = ConsoleTmuxTests()
    static let now = "2026-11-23T10:30:00Z"

    /// The demo practice the goldens use (59 lapsed clients, 94 follow-ups), and the console on it at 80×24.
    func demo() throws -> (CLI, Tmux, Practice) {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "4000", "--seed", "7", "--now", Self.now])
        let t = try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", Self.now],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        return (cli, t, try EventLog.open(path: cli.log).practice)
    }

    @Test func theMessageLogShowsEveryMessageOfTheSessionWhole() throws {
        let cli = try tests.practice()
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.sendKey("C-n")
        try t.waitFor("⚠ Nothing to find yet: press Ctrl-F and type what to find")
        try t.send("a")
        try t.waitFor("✓ marked a1 (Ada Lovelace) attended")
        try t.send("M")
        let log = try t.waitFor("Messages this session (2)")
        let lines = log.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("11:00 ⚠  Nothing to find yet: press Ctrl-F and type what to find") })
        let second = try #require(lines.firstIndex { $0.contains("11:00    ✓ marked a1 (Ada Lovelace) attended") })
        #expect(first < second, "newest last")
        try t.sendKey("Escape")
        try t.waitUntil("the log closed") { !$0.contains("Messages this session") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func everyPaneListPagesWithTheUsualKeys() throws {
        let (_, t, _) = try demo()
        defer { t.kill() }
        try t.waitFor("Lapsed clients (59)")
        try t.send("2")
        // The lapsed pane shows 7 rows at 80×24; its corner says which row the cursor is on.
        try t.waitFor("1/59")
        try t.sendKey("C-d")
        try t.waitFor("4/59")
        try t.sendKey("NPage")
        try t.waitFor("11/59")
        try t.sendKey("C-u")
        try t.waitFor("8/59")
        try t.send("G")
        try t.waitFor("59/59")
        try t.send("g")
        try t.waitFor("1/59")
        try t.sendKey("End")
        try t.waitFor("59/59")
        try t.sendKey("Home")
        try t.waitFor("1/59")
        try t.sendKey("PPage")
        try t.waitFor("1/59")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func findInAPaneGoesToTheRowAndTheKeysActOnIt() throws {
        let (_, t, p) = try demo()
        defer { t.kill() }
        let rows = Lapsed.rows(p, now: DateInput.parseZonedISO(Self.now)!)
        // A client far down the list whose name no other lapsed client shares.
        let target = try #require((30..<rows.count).first { i in rows.filter { $0.name == rows[i].name }.count == 1 })
        let name = rows[target].name
        try t.waitFor("Lapsed clients (59)")
        try t.send("2")
        try t.sendKey("C-f")
        try t.waitFor("Find in the lapsed list:")
        try t.sendLiteral(name)
        try t.waitFor("\(target + 1)/59")
        try t.sendKey("Enter")
        try t.waitFor("1 match; Ctrl-N/Ctrl-P for the next and previous")
        try t.sendKey("Enter")
        try t.waitFor("Client card")
        #expect(try t.capture().contains("\(name)  (\(rows[target].client))"), "Enter opened the card of the row found")
        try t.sendKey("Escape")
        // Esc on the find line puts the cursor back where finding started.
        try t.sendKey("C-f")
        try t.send("zzzz")
        try t.waitFor("no match")
        try t.sendKey("Escape")
        try t.waitFor("\(target + 1)/59")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func theFollowUpsListFindsWithSlashAndReopensWhereItWas() throws {
        let (_, t, p) = try demo()
        defer { t.kill() }
        try t.waitFor("Lapsed clients (59)")
        try t.send("f")
        try t.waitFor("Follow-ups due (95)")
        try t.waitFor("rebook-prompt (")
        try t.send("/")
        try t.sendLiteral("follow-up-call")
        try t.sendKey("Enter")
        try t.waitFor("“follow-up-call”: 6 matches; n/N for the next and previous")
        try t.send("n")
        try t.waitFor("“follow-up-call”: match 2 of 6")
        try t.send("N", "N")
        try t.waitFor("“follow-up-call”: match 6 of 6")
        // Close and reopen: the list comes back on the same follow-up.
        try t.sendKey("Escape")
        try t.waitUntil("the list closed") { !$0.contains("Follow-ups due") }
        try t.send("f")
        try t.waitFor("Follow-ups due (95)")
        try t.sendKey("Enter")
        let card = try t.waitFor("Client card")
        let calls = FollowUps.rows(p, now: DateInput.parseZonedISO(Self.now)!).filter { $0.kind == .followUpCall }
            .sorted(by: FollowUps.order)
        #expect(card.contains("\(calls.last!.name)  (\(calls.last!.client))"), "the card is the last call's client:\n\(card)")
        try t.sendKey("Escape")
        try t.waitUntil("the card closed") { !$0.contains("Client card") }
        try t.send("q")
        try t.waitUntil("the list closed") { !$0.contains("Follow-ups due") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
