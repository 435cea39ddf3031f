import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `I`: the import prompt, the dry run's screen and the commit on `c` then `y`, as messages in and actions out. The
/// file reading and planning belong to the wiring (`ConsoleImporter`); here they are a dry run's report handed in.
@Suite struct ImportScreenTests {
    /// A dry run of three rows as the wiring reports it: one client to add, one duplicate, one rejected.
    static func dryRun(records: Int = 2, token: ImportToken? = ImportToken("plan"), extra: Int = 0) -> ImportPreview {
        var lines = [
            ImportLine(.heading, "patients.csv: 4 rows; dry run, nothing written (add --commit to import)"),
            ImportLine(.fine, "  would add: \(records) clients (c4–c\(3 + records))"),
            ImportLine(.note, "  1 duplicate, skipped:"),
            ImportLine(.note, "    patients.csv:row 3: Ada Lovelace: same name and phone as Ada Lovelace (c1), already in the log"),
            ImportLine(.problem, "  1 rejected (fix them in the file and import it again; the rest is not held up):"),
            ImportLine(.problem, "    patients.csv:row 5: 'call me' doesn't look like a phone number; use digits, spaces and + only"),
        ]
        lines += (0..<extra).map { ImportLine(.fine, "    line \($0)") }
        return ImportPreview(request: ImportRequest(file: "patients.csv", records: .clients), file: "patients.csv", lines: lines,
                             records: records, events: records, summary: ["\(records) clients (c4–c\(3 + records))"], committed: false,
                             token: token)
    }

    @Test func iAsksForTheFileWhatItHoldsAndAPresetThenAsksForADryRunWritingNothing() throws {
        let d = try ModelDriver.seededDay()
        #expect(d.key(.char("I")) == [])
        guard case .form(.importFile, _)? = d.model.overlays.last else { Issue.record("I opens the import prompt"); return }
        for c in "/tmp/patients.csv" { _ = d.key(.char(c)) }
        _ = d.key(.tab)
        _ = d.key(.right)
        _ = d.key(.tab)
        for c in "jane" { _ = d.key(.char(c)) }
        let actions = d.key(.enter)
        #expect(actions == [.dryRunImport(ImportRequest(file: "/tmp/patients.csv", records: .appointments, preset: "jane"))])
        guard case .form(.importFile, _)? = d.model.overlays.last else { Issue.record("the prompt stays until the dry run comes back"); return }
    }

    @Test func aPastedPathIsTextAndItsQuotesAreNotPartOfTheName() throws {
        let d = try ModelDriver.seededDay()
        _ = d.key(.char("I"))
        // A file manager's copied path, quoted, with a newline and an Escape a terminal might add: text, never keys.
        #expect(d.key(.paste("'/home/desk/my patients.csv'\n\u{1B}")) == [])
        guard case .form(.importFile, let form)? = d.model.overlays.last else { Issue.record("the paste left the prompt open"); return }
        let request = ImportScreen.request(form)
        #expect(request.file.hasPrefix("/home/desk/my patients.csv"), "\(request.file)")
        #expect(!request.file.hasPrefix("'"))
        #expect(request.records == .clients && request.preset == nil)
    }

    @Test func aFileThatCannotBeReadIsOneLineOnTheStatusLineAndThePromptStays() throws {
        let d = try ModelDriver.seededDay()
        _ = d.key(.char("I"))
        for c in "nope.csv" { _ = d.key(.char(c)) }
        #expect(d.key(.enter).count == 1)
        #expect(d.send(.importFailed("no file nope.csv: check the name, or give the full path")) == [])
        #expect(d.model.status == StatusLine(text: "no file nope.csv: check the name, or give the full path", isError: true))
        guard case .form(.importFile, _)? = d.model.overlays.last else { Issue.record("the path can be corrected"); return }
    }

    @Test func theDryRunReplacesThePromptAndItsKeyBarShowsTheCommitKey() throws {
        let d = try ModelDriver.seededDay()
        _ = d.key(.char("I"))
        let preview = Self.dryRun()
        d.send(.importPreviewed(preview))
        #expect(d.model.overlays.count == 1)
        guard case .importFile(let s)? = d.model.overlays.last else { Issue.record("the screen shows the dry run"); return }
        #expect(s.preview == preview && s.scroll == 0)
        #expect(Self.dryRun() != preview, "tokens are equal only to themselves")
        #expect(d.model.keyContext == .importFile)
        let bar = KeyHelp.bar(for: d.model)
        #expect(bar.entries.first { $0.key == "c" }?.label == "commit (asks y/n)")
        #expect(bar.end.contains { $0.key == "Esc/q" })
        #expect(d.model.status?.text.contains("nothing written yet; c imports it") == true)
    }

    @Test func theReportScrollsAndStopsAtItsEnds() throws {
        let d = try ModelDriver.seededDay()
        d.send(.screen(width: 80, height: 24))
        d.send(.importPreviewed(Self.dryRun(extra: 40)))
        func scroll() -> Int { if case .importFile(let s)? = d.model.overlays.last { s.scroll } else { -1 } }
        let last = ImportView.lastTop(Self.dryRun(extra: 40), width: 80, page: ImportView.pageRows(height: 24))
        #expect(last > 0)
        _ = d.key(.char("k"))
        #expect(scroll() == 0)
        _ = d.key(.char("j"))
        #expect(scroll() == 1)
        _ = d.key(.char("G"))
        #expect(scroll() == last)
        // The last page ends with the report's last line.
        let shown = ImportView.rows(Self.dryRun(extra: 40), from: last, width: 80, page: ImportView.pageRows(height: 24))
        #expect(shown.last?.text == "    line 39")
        _ = d.key(.char("k"))
        #expect(scroll() == last - 1, "k after G moves at once")
        _ = d.key(.pageDown)
        #expect(scroll() == last)
        _ = d.key(.char("g"))
        #expect(scroll() == 0)
    }

    @Test func cAsksYOrNSayingHowManyAndOnlyYCommits() throws {
        let d = try ModelDriver.seededDay()
        let token = ImportToken("plan")
        d.send(.importPreviewed(Self.dryRun(token: token)))
        #expect(d.key(.char("c")) == [])
        guard case .confirm(let q)? = d.model.overlays.last else { Issue.record("c asks first"); return }
        #expect(q.title == "Import 2 clients from patients.csv?")
        #expect(q.lines.first == "adds 2 clients (c4–c5)")
        #expect(!q.enterConfirms, "an import cannot be undone: only y goes ahead")
        #expect(d.key(.enter) == [])
        #expect(d.key(.char("n")) == [])
        #expect(d.model.status?.text.hasPrefix("Nothing imported") == true)
        guard case .importFile? = d.model.overlays.last else { Issue.record("n goes back to the dry run"); return }
        _ = d.key(.char("c"))
        #expect(d.key(.char("y")) == [.commitImport(token)])
    }

    @Test func whatWasWrittenComesBackAsAMessageAndSaysIfAnotherDeskChangedTheCounts() throws {
        let d = try ModelDriver.seededDay()
        d.send(.importPreviewed(Self.dryRun(records: 2)))
        var done = Self.dryRun(records: 1, token: nil)
        done.committed = true
        done.lines = [ImportLine(.heading, "patients.csv: 4 rows; imported in one batch"), ImportLine(.fine, "  added: 1 client (c5)")]
        done.summary = ["1 client (c5)"]
        #expect(d.send(.imported(done)) == [])
        guard case .importFile(let s)? = d.model.overlays.last else { Issue.record("the screen shows what was written"); return }
        #expect(s.preview.committed && s.preview.lines == done.lines)
        #expect(d.model.status?.text == "✓ Imported in one batch: 1 client (c5); another desk wrote since the dry run, so the counts changed (2 in the dry run)")
        #expect(d.model.status?.isError == false)
        // The bar offers only leaving now (QA D11: it still offered "c commit (asks y/n)" and "leave (writes nothing)").
        #expect(d.model.keyContext == .imported)
        let bar = KeyHelp.bar(for: d.model)
        #expect(!(bar.entries + bar.end).contains { $0.key == "c" || $0.label.contains("writes nothing") }, "\(bar)")
        #expect(bar.entries.isEmpty && bar.end.map(\.key) == ["?", "Esc/q"], "\(bar)")
        _ = d.key(.char("c"))
        #expect(d.model.overlays.count == 1, "an import already written is not asked again")
        #expect(d.model.status?.text.contains("is imported") == true)
    }

    @Test func theSameCountsSayNothingChangedAndNothingWrittenSaysSo() throws {
        let d = try ModelDriver.seededDay()
        d.send(.importPreviewed(Self.dryRun(records: 2)))
        var done = Self.dryRun(records: 2, token: nil)
        done.committed = true
        d.send(.imported(done))
        #expect(d.model.status?.text == "✓ Imported in one batch: 2 clients (c4–c5)")
        d.send(.importPreviewed(Self.dryRun(records: 2)))
        var none = Self.dryRun(records: 0, token: nil)
        none.committed = true
        d.send(.imported(none))
        #expect(d.model.status?.text == "Nothing written: since the dry run another desk wrote; nothing left to import")
    }

    @Test func escLeavesWithoutWritingAndADryRunWithNothingToWriteHasNothingToCommit() throws {
        let d = try ModelDriver.seededDay()
        d.send(.importPreviewed(Self.dryRun(records: 0, token: nil)))
        #expect(d.key(.char("c")) == [])
        #expect(d.model.status == StatusLine(text: "Nothing to import from patients.csv: nothing would be written", isError: true))
        #expect(d.key(.escape) == [])
        #expect(d.model.overlays.isEmpty)
        #expect(d.model.status == StatusLine(text: "Import left: nothing written", isError: false))
    }

    @Test func aCommitThatCouldNotBeWrittenSaysSoAndKeepsTheDryRun() throws {
        let d = try ModelDriver.seededDay()
        d.send(.importPreviewed(Self.dryRun()))
        d.send(.waitingForAnotherDesk(holder: "pid 42"))
        d.send(.importFailed("Stopped waiting: nothing was written; try again when the other desk is done"))
        #expect(d.model.status == StatusLine(text: "Stopped waiting: nothing was written; try again when the other desk is done", isError: true))
        guard case .importFile(let s)? = d.model.overlays.last, !s.preview.committed else { Issue.record("the dry run stays"); return }
    }

    /// Through the loop (`ConsoleApp`): the dry run and the commit are effects whose results come back as messages,
    /// and the commit writes through the console's own log, under its lock, planned again against the fresh state.
    @Test func theLoopRunsTheDryRunAndTheCommitAndCatchesUpWithWhatWasWritten() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let asked = RequestBox()
        let importer = ConsoleImporter(dryRun: { request, p, _, _ in
            asked.request = request
            guard request.file == "kim.csv" else { throw CommandError("no file \(request.file): check the name, or give the full path") }
            return ImportPreview(request: request, file: "kim.csv", lines: [ImportLine(.heading, "kim.csv: 1 row; dry run, nothing written")],
                                 records: 1, events: 1, summary: ["1 client (\(p.nextClientID))"], committed: false, token: ImportToken("kim"))
        }, commit: { token, log, by, now in
            guard token.value(as: String.self) == "kim" else { throw CommandError("not this token") }
            var id = ClientID(0)
            try log.appendBatch(by: by, at: now, kind: .imported) { p in
                id = p.nextClientID
                return [.clientAdded(NewClient(id: id, name: "Kim Lee", phone: nil, email: nil, source: nil, contact: true, newsletter: false))]
            }
            return ImportPreview(request: ImportRequest(file: "kim.csv", records: .clients), file: "kim.csv",
                                 lines: [ImportLine(.heading, "kim.csv: 1 row; imported in one batch")], records: 1, events: 1,
                                 summary: ["1 client (\(id))"], committed: true)
        })
        let app = ConsoleApp(log: f.log, terminal: f.terminal, user: "sam", clock: { f.now }, importer: importer)
        app.press(.char("I"))
        for c in "missing.csv" { app.press(.char(c)) }
        let before = try Data(contentsOf: URL(fileURLWithPath: f.log.path))
        app.press(.enter)
        #expect(app.model.status == StatusLine(text: "no file missing.csv: check the name, or give the full path", isError: true))
        #expect(f.screen.contains("⚠ no file missing.csv"))
        app.press(.ctrl("u"))
        for c in "kim.csv" { app.press(.char(c)) }
        app.press(.enter)
        #expect(asked.request == ImportRequest(file: "kim.csv", records: .clients))
        #expect(f.screen.contains("Import clients from kim.csv: dry run, nothing written"))
        #expect(f.screen.contains("c commit"))
        app.press(.char("c"))
        #expect(f.screen.contains("Import 1 client from kim.csv?"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.log.path)) == before, "nothing is written before y")
        app.press(.char("y"))
        #expect(app.model.status?.text == "✓ Imported in one batch: 1 client (c4)")
        #expect(f.log.practice.clients.contains { $0.name == "Kim Lee" })
        #expect(app.data.seq == f.log.practice.lastSeq, "the console caught up with what it wrote")
        #expect(f.screen.contains("Imported clients from kim.csv"))
        app.press(.escape)
        #expect(app.model.overlays.isEmpty)
    }

    /// Without an importer (a console built without the wiring) the prompt says so and writes nothing.
    @Test func aConsoleWithoutAnImporterSaysSo() throws {
        let f = try ConsoleFixture()
        f.press(.char("I"))
        f.type("a.csv")
        f.press(.enter)
        #expect(f.app.model.status?.text == "importing is not available here: use keepwarm import")
    }

    /// A hostile file name and cell (an ANSI escape, a right-to-left override) reach the grid only as visible stand-ins.
    @Test func hostileTextInTheReportIsShownInert() throws {
        let d = try ModelDriver.seededDay()
        d.send(.screen(width: 80, height: 24))
        var preview = Self.dryRun()
        preview.file = "pat\u{1B}[31mients\u{202E}vsc.csv"
        preview.lines.append(ImportLine(.problem, "    row 6: 'Eve \u{1B}]0;pwned\u{07}\u{202E}' is not a name"))
        d.send(.importPreviewed(preview))
        let grid = ConsoleView.render(d.model, data: d.data, practice: d.fixture.p, now: d.fixture.now, width: 80, height: 24)
        #expect(screenProblem(grid) == nil)
        #expect(!grid.text.contains("\u{1B}") && !grid.text.contains("\u{202E}"))
    }
}

/// What the test importer was asked, kept across its `@Sendable` closure.
private final class RequestBox: @unchecked Sendable {
    var request: ImportRequest?
}
