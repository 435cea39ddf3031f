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

    /// A word of the printed PDF where poppler (`pdftotext -bbox`) puts it, in points from the page's top left.
    struct Word {
        let page: Int
        let text: String
        let xMin: Double, xMax: Double, yMin: Double
    }

    /// The printed PDF's words with their places, and the page width, for checking what is on the paper and where.
    static func words(_ dir: String) throws -> (words: [Word], pageWidth: Double) {
        let r = run(["pdftotext", "-bbox", dir + "/printed.pdf", "-"])
        guard r.status == 0 else { throw Failure("pdftotext -bbox could not read the PDF: \(r.err)") }
        func attr(_ line: Substring, _ name: String) -> Double? {
            guard let at = line.range(of: name + "=\"") else { return nil }
            return Double(line[at.upperBound...].prefix { $0 != "\"" })
        }
        var words: [Word] = [], page = 0, width = 0.0
        for line in r.out.split(separator: "\n") {
            if line.contains("<page ") {
                page += 1
                width = attr(line, "width") ?? width
            } else if line.contains("<word "), let x0 = attr(line, "xMin"), let x1 = attr(line, "xMax"), let y0 = attr(line, "yMin"),
                      let open = line.firstIndex(of: ">"), let close = line.range(of: "</word>") {
                let text = line[line.index(after: open)..<close.lowerBound]
                    .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                words.append(Word(page: page, text: text, xMin: x0, xMax: x1, yMin: y0))
            }
        }
        return (words, width)
    }

    /// Text with the direction marks poppler writes around right-to-left runs (and any left in the page) and all white
    /// space taken out, to compare the order of what was printed.
    static func bare(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter {
            !$0.properties.isWhitespace && !(0x200E...0x200F).contains($0.value) && !(0x202A...0x202E).contains($0.value)
                && !(0x2066...0x2069).contains($0.value)
        }))
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

    /// An owner ending in an unbalanced RIGHT-TO-LEFT OVERRIDE (U+202E) is isolated: the rest of the gap's line prints
    /// in order, not reversed ("Owner: Evepag a ,on :rewsnA" before). The practice's name, a note and a source with
    /// one are isolated too, so none reverses the text after it.
    @Test func aDirectionMarkInAnOwnerOrNoteStaysInIt() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Rooms\u{202E}"] + Self.now)
        try cli.ok(["client", "add", "--name", "Ada Lane", "--phone", "07700 900123", "--source", "Flyer\u{202E}"] + Self.now)
        try cli.ok(["audit", "answer", "3", "no", "--owner", "Eve\u{202E}", "--note", "ask Bob first\u{202E}"] + Self.now)
        let file = cli.dir + "/audit.html"
        try report(cli, expect: ["Next review"], pages: 1...8)
        let text = Self.run(["pdftotext", "-layout", cli.dir + "/printed.pdf", "-"]).out
        let flat = Self.bare(text)
        // The one client has no consent recorded: step 3's figure is 0% (0 of 1).
        #expect(flat.contains(Self.bare("Owner: Eve · The log shows 0% (0 of 1) · Answer: no, a gap")), "\(text)")
        #expect(flat.contains(Self.bare("Note: ask Bob first")), "\(text)")
        #expect(flat.hasPrefix(Self.bare("Journey audit: Riverside Rooms Evidence from the practice's own log")), "\(text)")
        #expect(flat.contains(Self.bare("Flyer")), "the source is printed in the sources chart's legend")
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("Owner: <bdi>Eve\u{202E}</bdi> · The log shows"))
        #expect(html.contains("<h1>Journey audit: <bdi>Riverside Rooms\u{202E}</bdi></h1>"))
        // The words of the owner's line on paper, left to right as they are read.
        let words = try Self.words(cli.dir).words
        let owner = try #require(words.first { $0.text.hasPrefix("Owner:") })
        let line = words.filter { $0.page == owner.page && abs($0.yMin - owner.yMin) < 1 }.sorted { $0.xMin < $1.xMin }
        #expect(Self.bare(line.map(\.text).joined()).hasPrefix(Self.bare("Owner: Eve · The log shows 0% (0 of 1)")), "\(line.map(\.text))")
    }

    /// A 500-character unbroken owner and a 600-character unbroken note wrap inside their cells: every column heading
    /// and every step's verdict is still printed, and no word of the page runs past the paper's edge.
    @Test func longUnbrokenOwnersAndNotesWrapInsideThePage() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + Self.now)
        let owner = String(repeating: "O", count: 500), note = String(repeating: "n", count: 600)
        for step in 1...16 {
            try cli.ok(["audit", "answer", "\(step)", step % 2 == 0 ? "no" : "not-sure", "--owner", owner, "--note", note] + Self.now)
        }
        let text = try report(cli, expect: ["The self-rating beside the evidence", "Next review"], pages: 1...40)
        let (words, width) = try Self.words(cli.dir)
        #expect(width > 500 && width < 700, "A4 is 595 points wide: \(width)")
        let outside = words.filter { $0.xMin < 0 || $0.xMax > width }
        #expect(outside.isEmpty, "printed past the paper's edge: \(outside.prefix(5).map { "\($0.text.prefix(20)) \($0.xMin)–\($0.xMax)" })")
        // The headings, on every page the table spans ("The log shows (90 days)", "Against the target" wrap in their cells).
        for heading in ["Step", "Owner", "shows", "Against", "target"] { #expect(words.contains { $0.text == heading }, "\(heading)") }
        // Every step's row keeps its last column: 16 verdicts ("no target" on a practice with no figures), each where
        // the column's heading is.
        let against = try #require(words.first { $0.text == "Against" })
        let verdicts = words.filter { $0.text == "no" && abs($0.xMin - against.xMin) < 2 }
        #expect(verdicts.count == 16, "\(verdicts.count) verdicts under \"Against the target\" at x \(against.xMin)")
        #expect(text.components(separatedBy: "Note:").count - 1 == 16)
        // The owner, wrapped, is all there: 500 Os in the table for each step and in each gap's line.
        #expect(words.filter { $0.text.allSatisfy { $0 == "O" } }.map(\.text.count).reduce(0, +) >= 500 * 16)
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
