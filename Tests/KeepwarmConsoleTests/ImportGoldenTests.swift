import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The import screen at 80×24 on the golden demo: a dry run's report as the wiring hands it in (the lines
/// `keepwarm import clients` prints), with a rejected row, a duplicate, a note and the mapping, from a file whose name
/// carries an ANSI escape and a right-to-left override, which show as visible stand-ins.
@Suite struct ImportGoldenTests {
    static let preview: ImportPreview = {
        let file = "new\u{1B}[2Jpatients\u{202E}.csv"
        let lines: [ImportLine] = [
            ImportLine(.heading, "\(file): 5 rows; dry run, nothing written (add --commit to import)"),
            ImportLine(.fine, "  would add: 3 clients (c61–c63)"),
            ImportLine(.note, "  1 duplicate, skipped:"),
            ImportLine(.note, "    \(file):row 4: Ada Lovelace: same name and phone as Ada Lovelace (c1), already in the log"),
            ImportLine(.problem, "  1 rejected (fix them in the file and import it again; the rest is not held up):"),
            ImportLine(.problem, "    \(file):row 6: 'call me' doesn't look like a phone number; use the digits, as 07700 900123"),
            ImportLine(.note, "  note: 3 clients with no contact or newsletter answer in the file: consent counted as not asked (contact allowed, no newsletter); ask them at their next visit"),
            ImportLine(.note, "  columns not imported: 'DOB'"),
            ImportLine(.heading, "  columns (correct with --map \"Column=field\"):"),
            ImportLine(.fine, "    first_name → first"),
            ImportLine(.fine, "    last_name  → last"),
            ImportLine(.fine, "    mobile     → phone"),
            ImportLine(.fine, "    email      → email"),
            ImportLine(.note, "    DOB          not imported"),
        ]
        return ImportPreview(request: ImportRequest(file: file, records: .clients, preset: "cliniko"), file: file, lines: lines,
                             records: 3, events: 3, summary: ["3 clients (c61–c63)"], committed: false, token: ImportToken("golden"))
    }()

    static func grid(_ keys: [Key] = []) -> Grid {
        let p = GoldenTests.demo, now = GoldenTests.end
        let data = ConsoleData(p, now: now)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: 80, height: 24), data: data, practice: p, now: now)
        _ = m.handle(.importPreviewed(preview), data: data, practice: p, now: now)
        for k in keys { _ = m.handle(.key(k), data: data, practice: p, now: now) }
        return ConsoleView.render(m, data: data, practice: p, now: now, width: 80, height: 24, charset: .unicode)
    }

    @Test func importDryRunAt80x24() throws {
        let g = Self.grid()
        #expect(screenProblem(g) == nil)
        #expect(!g.text.contains("\u{1B}") && !g.text.contains("\u{202E}"))
        try GoldenTests.compare("import-dry-run-80x24", g)
    }

    /// After `c` and `y`: the title and the status line say what was written, and the bar offers only leaving (QA D11).
    @Test func importWrittenAt80x24() throws {
        let p = GoldenTests.demo, now = GoldenTests.end
        let data = ConsoleData(p, now: now)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: 80, height: 24), data: data, practice: p, now: now)
        _ = m.handle(.importPreviewed(Self.preview), data: data, practice: p, now: now)
        _ = m.handle(.key(.char("c")), data: data, practice: p, now: now)
        _ = m.handle(.key(.char("y")), data: data, practice: p, now: now)
        var done = Self.preview
        done.committed = true
        done.token = nil
        done.lines = [ImportLine(.heading, "\(done.file): 5 rows; imported in one batch"), ImportLine(.fine, "  added: 3 clients (c61–c63)")]
        _ = m.handle(.imported(done), data: data, practice: p, now: now)
        let g = ConsoleView.render(m, data: data, practice: p, now: now, width: 80, height: 24, charset: .unicode)
        #expect(screenProblem(g) == nil)
        #expect(!g.text.contains("commit (asks y/n)") && !g.text.contains("writes nothing"), "\(g.text)")
        try GoldenTests.compare("import-written-80x24", g)
    }

    @Test func importCommitQuestionAt80x24() throws {
        try GoldenTests.compare("import-commit-80x24", Self.grid([.char("c")]))
    }
}
