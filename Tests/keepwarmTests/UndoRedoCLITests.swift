import Foundation
import Testing

/// `keepwarm undo` run again goes back step by step through your own recent actions, and `keepwarm redo` puts them
/// back, through the real binary, with a colleague recording on another desk in between (Docs/cli.md, undo and redo).
@Suite struct UndoRedoCLITests {
    @Test func undoThreeTimesThenRedo() throws {
        let cli = CLI()
        let at = { (t: String) in ["--now", "2026-11-23T09:\(t):00Z"] }
        try cli.ok(["init", "--name", "Riverside"] + at("00"))
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at("00"))
        // Look-alike and hostile names: accents, right-to-left text, an emoji.
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900001"] + at("01"))
        try cli.ok(["client", "add", "--name", "زهرة 🌸", "--phone", "07700 900002"] + at("02"))
        try cli.ok(["client", "add", "--name", "Zoe Bronte", "--phone", "07700 900003"] + at("03"))
        try cli.ok(["book", "c1", "--at", "2026-11-24 10:00"] + at("04"))
        // Anna, on the other desk, adds a client in between: it is hers, so sam's undo never touches it.
        _ = try cli.output(["client", "add", "--name", "Mo Farah"] + at("04"), env: ["KEEPWARM_USER": "anna"])

        #expect(try cli.ok(["undo"] + at("05")) == "undone: booked a1 for Zoë Brontë on 2026-11-24 10:00")
        #expect(try cli.ok(["undo"] + at("05")) == "undone: added client Zoe Bronte (c3)")
        #expect(try cli.ok(["undo"] + at("05")) == "undone: added client زهرة 🌸 (c2)")
        let names = try cli.json("client", "list").compactMap { $0["name"] as? String }
        #expect(names == ["Zoë Brontë", "Mo Farah"])

        #expect(try cli.ok(["redo"] + at("06")) == "redone: added client زهرة 🌸 (c2)")
        #expect(try cli.json("client", "list").compactMap { $0["name"] as? String } == ["Zoë Brontë", "زهرة 🌸", "Mo Farah"])
        let log = String(decoding: cli.bytes(), as: UTF8.self)
        #expect(log.contains(#""type":"event.redone","target":4"#), "redo is its own event, naming the action it puts back")

        // Recording something new ends redo, with one line saying why, and nothing written.
        try cli.ok(["touch", "c1", "--kind", "check-in-28", "--via", "email"] + at("06"))
        let before = cli.bytes()
        let r = try cli.run(["redo"] + at("07"))
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: there is nothing of yours to redo: redo puts back what you have just undone, until you record something new\n")
        #expect(cli.bytes() == before)
        #expect(try cli.ok("check").contains("no damage"))
    }
}
