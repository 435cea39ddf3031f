import Foundation
import Testing

/// `keepwarm audit report --out audit.html` through the built binary, and the page in a real browser: headless
/// Chromium (Debian's) prints it to PDF, poppler reads back the PDF's text and page count, and html5lib parses the
/// HTML strictly. Nothing here is skipped: without Chromium, poppler or html5lib the test fails with how to install them.
@Suite(.serialized) struct AuditReportCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let install = "`make test` installs it (scripts/install-tools); or `apt-get install chromium poppler-utils python3-html5lib`"
    static let now = ["--now", "2026-11-23T10:30:00Z"]
    static let hostile = "<script>alert('x')</script> Zoë \"O'Brien\" https://evil.example/a?b=1&c \u{1}\u{1B}[31m"

    /// Runs a program to its end: status, stdout, stderr (status 127 when it is not there).
    static func run(_ argv: [String]) -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return (127, "", "\(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func require(_ program: String) throws {
        guard run(["sh", "-c", "command -v \(program)"]).status == 0 else { throw Failure("\(program) is not installed: \(install)") }
    }

    /// What html5lib made of the page (Tests/AuditReport/check_html.py).
    struct Parsed: Decodable {
        let errors: [String]
        let scripts: Int?
        let links: [String]?
        let text: String?
    }

    static func parse(_ file: String) throws -> Parsed {
        let r = run(["python3", root + "/Tests/AuditReport/check_html.py", file])
        guard r.status == 0 else { throw Failure("html5lib could not read \(file) (\(install)): \(r.err)") }
        return try JSONDecoder().decode(Parsed.self, from: Data(r.out.utf8))
    }

    /// The page printed to PDF by headless Chromium, as poppler reads it back: its text and its number of pages.
    static func print(_ file: String, in dir: String) throws -> (text: String, pages: Int) {
        try require("chromium")
        try require("pdftotext")
        let pdf = dir + "/printed.pdf"
        try? FileManager.default.removeItem(atPath: pdf)
        // As root Chromium needs --no-sandbox; a profile of its own keeps it from the machine's; no header or footer,
        // so the PDF's text is the page's alone.
        let r = run(["timeout", "180", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--user-data-dir=\(dir)/chromium-profile", "--print-to-pdf=\(pdf)", "file://\(file)"])
        guard r.status == 0, FileManager.default.fileExists(atPath: pdf) else {
            throw Failure("chromium could not print \(file) (status \(r.status)): \(r.err.suffix(2000))")
        }
        let text = run(["pdftotext", "-layout", pdf, "-"])
        guard text.status == 0 else { throw Failure("pdftotext could not read \(pdf): \(text.err)") }
        let info = run(["pdfinfo", pdf])
        let pages = info.out.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
        return (text.out, try #require(pages, "pdfinfo gave no page count: \(info.out) \(info.err)"))
    }

    /// Writes the report for `cli`'s practice and checks it as a browser, a parser and a reader would. Returns the
    /// PDF's text with its white space made single spaces (a printed line may break anywhere).
    @discardableResult
    func report(_ cli: CLI, expect: [String], pages: ClosedRange<Int>, extra: [String] = []) throws -> String {
        let file = cli.dir + "/audit.html"
        try? FileManager.default.removeItem(atPath: file)
        let said = try cli.ok(["audit", "report", "--out", file] + Self.now + extra)
        #expect(said.hasPrefix("wrote the audit (") && said.hasSuffix(" to \(file)"))
        var st = stat()
        #expect(stat(file, &st) == 0 && st.st_mode & 0o777 == 0o600, "the page holds client data: 0600")
        let bytes = try String(contentsOfFile: file, encoding: .utf8)
        let lower = bytes.lowercased()
        #expect(!lower.contains("<script"), "no scripts")
        #expect(!lower.contains("http:") && !lower.contains("https:"), "no URLs at all, so nothing is fetched")
        let parsed = try Self.parse(file)
        #expect(parsed.errors == [], "html5lib (strict) found: \(parsed.errors)")
        #expect(parsed.scripts == 0 && parsed.links == [], "\(parsed.links ?? [])")
        let printed = try Self.print(file, in: cli.dir)
        let text = printed.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{0C}" }).joined(separator: " ")
        for e in expect { #expect(text.contains(e), "the printed page shows \(e)") }
        #expect(pages.contains(printed.pages), "\(printed.pages) pages")
        return text
    }

    @Test func refusesAnExistingFileUnlessForcedAndLeavesNothingBehind() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + Self.now)
        let file = cli.dir + "/audit.html"
        try "keep me".write(toFile: file, atomically: false, encoding: .utf8)
        let r = try cli.run(["audit", "report", "--out", file] + Self.now)
        #expect(r.status != 0)
        #expect(r.err == "keepwarm: \(file) already exists; nothing was written. Choose another --out file, or add --force to replace it\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
        // Checked before any work: even a log that cannot be opened says the file is there first.
        let early = try cli.run(["audit", "report", "--out", file], env: ["KEEPWARM_LOG": cli.dir + "/missing.log"])
        #expect(early.err.contains("already exists"))
        try cli.ok(["audit", "report", "--out", file, "--force"] + Self.now)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        var st = stat()
        #expect(stat(file, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir).filter { $0.hasPrefix(".") } == [], "no temporary copy left")
        let missingFolder = try cli.run(["audit", "report", "--out", cli.dir + "/no/such/folder/a.html"] + Self.now)
        #expect(missingFolder.status != 0 && missingFolder.err.contains("nothing was written"))
    }

    /// A full disk while the page is written (a file-size limit of 2 KB under `prlimit`): one line, exit 1, no page and
    /// no temporary copy left, and the old page kept when `--force` was to replace it.
    @Test func aFullDiskLeavesNothingBehind() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + Self.now)
        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        let file = cli.dir + "/audit.html"
        let args = [prlimit, "--fsize=2048:unlimited", "--", CLI.binary, "audit", "report", "--out", file] + Self.now
        let env = ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let out = cli.dir + "/out", err = cli.dir + "/err"
        #expect(try Spawned(args, env: env, stdout: out, stderr: err).wait() == .exited(1), "an error exit, not death by SIGXFSZ")
        let said = try String(contentsOfFile: err, encoding: .utf8)
        #expect(said.hasPrefix("keepwarm: can't write \(file): ") && said.hasSuffix("; nothing was written\n"), "\(said)")
        #expect(!FileManager.default.fileExists(atPath: file))
        try "old page".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(try Spawned(args + ["--force"], env: env, stdout: out, stderr: err).wait() == .exited(1))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "old page", "the old page is kept whole")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.dir).filter { $0.hasPrefix(".") } == [], "no temporary copy left")
    }

    /// A practice just set up: no audit, no figures, no gaps the log can count.
    @Test func anEmptyPracticePrints() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + Self.now)
        try report(cli, expect: ["Journey audit: Riverside Therapy Rooms", "0 of 16", "No gaps", "Diary density per week",
                                 "Next review", "No audit walked yet: walk it now", "no new clients yet"], pages: 1...4)
    }

    /// A new practice with an audit under way, hostile names, owners and notes: they print as text, every gap the
    /// owner answered no or not sure is there with its next step and owner.
    @Test func aNewPracticeWithHostileTextPrints() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", Self.hostile] + Self.now)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + Self.now)
        // A hostile source too: the new-clients-by-source chart labels its rows with it.
        try cli.ok(["client", "add", "--name", Self.hostile, "--phone", "07700 900123",
                    "--source", "<img src=x onerror=alert(1)> https://evil.example"] + Self.now)
        for step in 1...16 {
            try cli.ok(["audit", "answer", "\(step)", step % 3 == 0 ? "yes" : step % 3 == 1 ? "no" : "not-sure",
                        "--owner", step == 5 ? Self.hostile : "Sam", "--note", Self.hostile] + Self.now)
        }
        let text = try report(cli, expect: ["<script>alert('x')</script> Zoë", "5 of 16", "Post-session message",
                                            "Reactivation", "Named owners", "Next step: turn on the autopilot",
                                            "Owner: Sam", "No audit finished yet: finish the one under way now"], pages: 1...8)
        // Every gap, not the first eight: 11 steps answered no or not sure, and step 3 (answered yes, but the one
        // client has no consent recorded: 0 of 1).
        #expect(text.components(separatedBy: "Next step:").count - 1 == 12)
        #expect(text.contains("1 new client had no contact consent or newsletter choice recorded."))
        let html = try String(contentsOfFile: cli.dir + "/audit.html", encoding: .utf8)
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<img"))
    }

    /// A realistic practice (the demo; the 250,000-event demo is timed in `make bench`).
    @Test func theDemoPracticePrints() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "20000", "--seed", "7"] + Self.now)
        for (step, answer) in [(4, "yes"), (5, "no"), (15, "not-sure")] {
            try cli.ok(["audit", "answer", "\(step)", answer, "--owner", "Sam"] + Self.now)
        }
        let json = try cli.ok(["audit", "--json"] + Self.now)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let actions = try #require(parsed["nextActions"] as? [[String: Any]])
        #expect(actions.count == (parsed["gaps"] as? [Any])?.count && actions.count > 8)
        let first = try #require(actions.first)
        let figure = try #require(first["figure"] as? String)
        let text = try report(cli, expect: ["Checkout rebooking", figure, "Next review",
                                            // The four charts, each with its numbers beside it.
                                            "First, second and third visits by first-visit quarter", "Diary density per week",
                                            "Still visiting, by first-visit quarter", "New clients by source"], pages: 2...30)
        #expect(text.components(separatedBy: "Next step:").count - 1 == actions.count, "every gap is printed")
    }
}
