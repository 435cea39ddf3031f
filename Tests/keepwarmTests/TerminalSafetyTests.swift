import Foundation
import Testing
@testable import KeepwarmCore

/// Names and notes carrying terminal escapes, 8-bit controls, direction overrides, joiners and 10,000 characters,
/// recorded through the CLI and shown by the console in a real terminal (tmux) and by the CLI's own output: none of it
/// reaches the terminal raw, and the screen looks exactly as it does when the same text is stored already made visible.
@Suite(.serialized) struct TerminalSafetyTests {
    /// Each payload sits between ordinary letters, so a leak is told apart from the escapes curses itself sends.
    static let osc = "Eve\u{1B}]0;PWNED\u{07}Osc"
    static let clear = "Mallory\u{1B}[2JMallory"
    static let move = "Zed\u{1B}[10;10HZed"
    static let pasteEnd = "Paste\u{1B}[201~Paste"
    static let c1 = "Csi\u{9B}31mRed\u{85}\u{90}x\u{9C}"
    // Not ending in U+2028: names are trimmed of trailing white space, which it is and its visible twin (U+FFFD) is not,
    // so the two practices' names would differ once the client card lists sessions with their practitioner.
    static let bidi = "Bidi\u{202E}gnp.exe\u{202C}\u{2066}iso\u{2069}\u{200F}\u{061C}\u{2028}End"
    static let zwj = "Jo\u{200D}an 👩‍👩‍👧"
    static let long = "Long" + String(repeating: "o", count: 9_992) + "Name"

    /// Byte sequences that must never reach a terminal, by what they are.
    static let forbidden: [(String, [UInt8])] = {
        var list: [(String, [UInt8])] = [
            ("an OSC title set", Array("\u{1B}]0;PWNED".utf8)), ("clear screen", Array("\u{1B}[2JMallory".utf8)),
            ("a cursor move", Array("\u{1B}[10;10HZed".utf8)), ("a bracketed-paste end", Array("\u{1B}[201~".utf8)),
            ("BEL", [0x07]),
        ]
        // C1 controls, direction marks, embeddings, overrides and isolates, line and paragraph separators, the joiner.
        let scalars = Array(0x80...0x9F) + [0x061C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029] + Array(0x202A...0x202E) + Array(0x2066...0x2069)
        for v in scalars {
            list.append(("U+\(String(format: "%04X", v))", Array(String(Unicode.Scalar(UInt32(v))!).utf8)))
        }
        return list
    }()

    /// Text the log format itself writes as it is (Docs/event-log.md), so `--json` output may carry it: the joiner
    /// inside emoji, and the direction marks, which set no direction for the text after them.
    static let plainInJSON: Set<String> = ["U+200D", "U+200E", "U+200F", "U+061C"]

    /// Which forbidden sequences `bytes` holds.
    static func leaks(_ bytes: [UInt8], allowing: Set<String> = []) -> [String] {
        forbidden.filter { name, pattern in !allowing.contains(name) && bytes.firstRange(of: pattern) != nil }.map(\.0)
    }

    /// A practice where every place a name or a note shows carries `text(payload)`: the diary, the lapsed list, the
    /// thank-yous owed, the callbacks, a client card's source, touchpoint note and feedback, the practitioner and
    /// the practice's own name.
    static func practice(_ text: (String) -> String) throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try cli.ok(["init", "--name", text("Riverside " + osc)] + at)
        try cli.ok(["practitioner", "add", "--name", text(bidi)] + at)
        try cli.ok(["client", "add", "--name", text(osc), "--phone", "07700 900001", "--source", text(c1)] + at)
        try cli.ok(["client", "add", "--name", text(clear), "--referred-by", "c1", "--source", text(zwj)] + at)
        try cli.ok(["client", "add", "--name", text(move), "--source", text(bidi)] + at)
        try cli.ok(["client", "add", "--name", text(pasteEnd)] + at)
        try cli.ok(["client", "add", "--name", text(c1)] + at)
        try cli.ok(["client", "add", "--name", text(zwj)] + at)
        try cli.ok(["client", "add", "--name", text(long), "--source", text(long)] + at)
        for (i, client) in ["c1", "c2", "c6", "c7", "c5"].enumerated() {
            try cli.ok(["book", client, "--at", "2026-11-23 \(10 + i):00"] + at)
        }
        // c3 and c4 came once in September and have drifted away: the lapsed list.
        try cli.ok(["book", "c3", "--at", "2026-09-01 10:00", "--force"] + at)
        try cli.ok(["book", "c4", "--at", "2026-09-01 12:00", "--force"] + at)
        try cli.ok(["attend", "a6"] + at)
        try cli.ok(["attend", "a7"] + at)
        try cli.ok(["callback", "add", "--name", text(c1), "--phone", "07700 900777", "--reason", text(osc)] + at)
        try cli.ok(["touch", "c1", "--kind", "post-session", "--via", "email", "--note", text(clear)] + at)
        try cli.ok(["feedback", "c1", "--score", "5", "--comment", text(move)] + at)
        return cli
    }

    /// The screens a receptionist would pass through, each captured once it has settled.
    static func tour(_ cli: CLI, rawTo raw: String) throws -> (screens: [String], title: String) {
        // Half an hour off the referral's hour, so its "hours left" cannot tick over between the two tours.
        let t = try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-23 10:30"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"], pipeTo: raw)
        defer { t.kill() }
        var screens: [String] = []
        // Waits for what only the expected screen shows, then for two captures in a row to agree, so a frame still
        // being drawn (the machine may be busy) is never what gets compared.
        func settle(_ what: String, _ shows: @escaping (String) -> Bool) throws {
            var last = try t.waitUntil(timeout: 10, what, shows)
            while true {
                Thread.sleep(forTimeInterval: 0.25)
                let now = try t.capture()
                if now == last, shows(now) { break }
                last = try t.waitUntil(timeout: 10, what, shows)
            }
            screens.append(last)
        }
        func bar(_ s: String) -> String { String(s.split(separator: "\n", omittingEmptySubsequences: false).last ?? "") }
        try settle("the front desk") { $0.contains("Mallory␛[2JM") && bar($0).hasPrefix("a attended") }
        try t.send("2")
        try settle("the lapsed pane") { bar($0).hasPrefix("s sent next step") }
        try t.send("3", "Z")
        try settle("the thank-yous zoomed") { bar($0).hasPrefix("t thank") && !$0.contains("Today's diary") }
        try t.send("Z", "/")
        try t.sendLiteral("Eve")
        try settle("the search for Eve") { $0.contains("Find a client") && $0.contains("Eve␛]0;PWNED␇Osc  c") && $0.contains("☎ …0001") }
        try t.sendKey("Enter")
        try settle("Eve's card") { $0.contains("Client card") && $0.contains("(c1)") && bar($0).hasPrefix("PgDn page down") }
        try t.sendKey("Escape")
        try t.send("/")
        try t.sendLiteral("Longo")
        try t.sendKey("Enter")
        try settle("the long name's card") { $0.contains("Client card") && !$0.contains("(c1)") && $0.contains("Longoooo") }
        try t.sendKey("Escape")
        try t.send("!")
        try settle("the callbacks owed") { $0.contains("Callbacks owed (1)") && $0.contains("07700 900777") }
        try t.sendKey("Escape")
        try t.send("+")
        try settle("the new client form") { $0.contains("New client") && bar($0).hasPrefix("Tab/↓ next field") }
        // Typed (pasted) straight into a field: the joiner and override arrive as keys this time.
        try t.sendLiteral("Typed\u{202E}x\u{200D}y")
        try settle("the typed name") { $0.contains("Typed") }
        // A changed form asks before Esc discards it (issue 13): yes, discard.
        try t.sendKey("Escape")
        try settle("the discard question") { $0.contains("Discard this new client?") }
        try t.send("y")
        try settle("the panes again") { !$0.contains("New client") }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
        return (screens, try t.display("#{pane_title}"))
    }

    @Test func hostileTextReachesTheConsoleOnlyAsVisibleSymbols() throws {
        let hostile = try Self.practice { $0 }
        let twin = try Self.practice { DisplayText.visible($0) }
        let raw = hostile.dir + "/terminal.raw", twinRaw = twin.dir + "/terminal.raw"
        let seen = try Self.tour(hostile, rawTo: raw)
        let expected = try Self.tour(twin, rawTo: twinRaw)

        let bytes = Array(FileManager.default.contents(atPath: raw) ?? Data())
        #expect(bytes.count > 10_000, "the pipe recorded the session")
        #expect(Self.leaks(bytes) == [], "the terminal received hostile sequences raw")
        #expect(!seen.title.contains("PWNED"), "the window title was set from the log: \(seen.title)")

        // Every screen is exactly what the same text shows when it was stored already made visible: same columns,
        // same borders, same key bar; so nothing in the text moved the cursor, cleared or shifted anything.
        #expect(seen.screens.count == expected.screens.count)
        for (n, (screen, want)) in zip(seen.screens, expected.screens).enumerated() {
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            let wanted = want.split(separator: "\n", omittingEmptySubsequences: false)
            for (r, (row, w)) in zip(rows, wanted).enumerated() where row != w {
                Issue.record("screen \(n) row \(r) differs:\n  shown  \(row)\n  twin   \(w)")
            }
            #expect(rows.count == 24)
            for row in rows { #expect(DisplayText.width(String(row)) <= 80, "row wider than the terminal: \(row)") }
        }
        // And the screens really did show the names, as visible symbols.
        #expect(seen.screens[0].contains("Eve␛]0;PWNED␇Osc"))
        #expect(seen.screens.contains { $0.contains("Mallory␛[2JMallory") })
    }

    @Test func cliOutputNeverPrintsHostileTextRaw() throws {
        let cli = try Self.practice { $0 }
        let now = ["--now", "2026-11-23T11:00:00Z"]
        var out: [UInt8] = []
        for query in [["diary"], ["lapsed"], ["thankyous"], ["followups"], ["callbacks"], ["client", "list"],
                      ["client", "show", "c1"], ["client", "show", "c7"], ["practitioner", "list"], ["overview"], ["check"]] {
            let r = try cli.run(query + now)
            #expect(r.status == 0, "\(query): \(r.err)")
            out += Array(r.out.utf8) + Array(r.err.utf8)
        }
        #expect(String(decoding: out, as: UTF8.self).contains("Eve␛]0;PWNED␇Osc"), "the names were printed, made visible")
        // Refusals echo what was typed: a name that matches no one, a word that is not a channel (ArgumentParser's
        // own message), a date.
        for bad in [["book", Self.osc + " Nobody", "--at", "tue 10:00"], ["thank", "r1", "--via", Self.clear],
                    ["diary", "--now", Self.move], ["client", "show", Self.c1 + Self.bidi]] {
            let r = try cli.run(bad)
            #expect(r.status != 0, "\(bad) was refused")
            #expect(r.err.contains("␛") || r.err.contains("�"), "the refusal shows what was typed, made visible: \(r.err)")
            out += Array(r.out.utf8) + Array(r.err.utf8)
        }
        // Tables print names as they were given, so an emoji family keeps its joiners; nothing else may pass.
        #expect(Self.leaks(out, allowing: ["U+200D"]) == [], "\(String(decoding: out, as: UTF8.self).debugDescription.prefix(3000))")
        #expect(!out.contains(0x1B), "no escape character at all: the CLI draws nothing with escapes")

        var json: [UInt8] = []
        for query in [["diary", "--json"], ["callbacks", "--json"], ["client", "list", "--json"], ["client", "show", "c1", "--json"]] {
            let r = try cli.run(query + now)
            #expect(r.status == 0, "\(query): \(r.err)")
            json += Array(r.out.utf8) + Array(r.err.utf8)
        }
        #expect(String(decoding: json, as: UTF8.self).contains(#"Eve\u001b]0;PWNED\u0007Osc"#), "JSON escapes the controls")
        #expect(Self.leaks(json, allowing: Self.plainInJSON) == [])
        #expect(!json.contains(0x1B))
    }

    @Test func aHostilePhoneIsRefusedAndNothingIsWritten() throws {
        let cli = CLI()
        try cli.ok("init", "--name", "Riverside", "--now", "2026-11-23T08:00:00Z")
        let before = cli.bytes()
        for phone in ["07700 900\u{1B}[2J123", "07700\u{202E}900123", "07700 900123\u{9B}"] {
            let r = try cli.run(["client", "add", "--name", "Ada", "--phone", phone, "--now", "2026-11-23T09:00:00Z"])
            #expect(r.status == 1)
            #expect(r.err.split(separator: "\n").count == 1, "one line: \(r.err)")
            #expect(Self.leaks(Array(r.err.utf8)) == [], "\(r.err.debugDescription)")
            #expect(cli.bytes() == before, "nothing written")
        }
    }
}
