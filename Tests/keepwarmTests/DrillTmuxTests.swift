import Foundation
import Testing
@testable import KeepwarmCore

/// The drill-down in a real terminal: Enter on the walkthrough's post-session step opens the sessions that missed it,
/// Enter on a row opens that client's card, Esc and Esc go back. A second desk changes the list meanwhile: the cursor
/// stays on its record, so Enter never opens the card of whoever moved onto the row.
@Suite(.serialized) struct DrillTmuxTests {
    static let now = "2026-11-23T10:30:00Z"

    @Test func enterListEnterCardEscEscWhileAnotherDeskWrites() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "4000", "--seed", "7", "--now", Self.now])
        // The sessions that missed step 5, as the binary lists them: the console must show the same.
        let listed = try cli.ok(["audit", "--clients", "5", "--missed", "--now", Self.now]).split(separator: "\n").filter { $0.hasPrefix("  c") }
        #expect(listed.count > 3)
        func client(_ row: Substring) -> (id: String, name: String) {
            let cells = row.split(separator: " ", omittingEmptySubsequences: true)
            return (String(cells[0]), cells[1...2].joined(separator: " "))
        }
        let first = client(listed[0]), second = client(listed[1]), third = client(listed[2])
        #expect(first.id != second.id && second.id != third.id, "the rows that shift belong to different clients")

        let t = try Tmux(width: 132, height: 43, command: [CLI.binary, "--now", Self.now],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        try t.waitFor("Journey audit")
        try t.send("4", "w")
        try t.waitFor("step 1 of 16")
        try t.sendKey("Right", "Right", "Right", "Right")
        try t.waitFor("step 5 of 16")
        try t.sendKey("Enter")
        try t.waitFor("Behind the figure")
        try t.waitFor("\(listed.count) missed of")
        // The cursor on the second row.
        try t.send("j")
        // Another desk marks the first row's client do-not-contact: their session is no longer owed, the list shifts up.
        try cli.ok(["client", "status", first.id, "do-not-contact", "--as", "jo", "--now", Self.now])
        try t.waitFor("\(listed.count - 1) missed of", timeout: 10)
        try t.sendKey("Enter")
        let card = try t.waitFor("Client card")
        #expect(card.contains("\(second.name)  (\(second.id))"), "the card is of the client the cursor was on, not of \(third.name)")
        try t.sendKey("Escape")
        try t.waitFor("Behind the figure")
        try t.sendKey("Escape")
        try t.waitFor("step 5 of 16")
        // Nothing was recorded by looking: only the audit this desk started and the other desk's change.
        let p = try EventLog.open(path: cli.log).practice
        #expect(p.clients.first { $0.id.description == first.id }?.status == .doNotContact)
    }
}
