import KeepwarmCore

/// `I`: import a practice system's export. A form asks for the file, whether it holds clients or appointments and a
/// preset; the wiring's dry run (`ConsoleImporter`) comes back as the screen's report, the same lines
/// `keepwarm import` prints; `c` asks y/n and the commit plans again under the log's lock, as `--commit` does.
/// Nothing is written before that `y`.
enum ImportScreen {
    static let keymap = Keymap("Import (dry run)", [
        // Short labels: at 80 columns the bar keeps the commit key, scrolling, help and leaving.
        Binding([.char("c")], "commit (asks y/n)", bar: true, .commitImport),
        Binding([.char("j"), .down], "scroll down", bar: true, .down), Binding([.char("k"), .up], "scroll up", .up),
        Binding([.pageDown, .char(" ")], "page down", .pageDown), Binding([.pageUp], "page up", .pageUp),
        Binding([.ctrl("d")], "half a page down", .halfPageDown), Binding([.ctrl("u")], "half a page up", .halfPageUp),
        Binding([.char("g"), .home], "top", .first), Binding([.char("G"), .end], "bottom", .last),
        Binding([.char("M")], "messages of this session", .messageLog),
        Binding([.escape, .char("q")], "leave (writes nothing)", bar: true, .close), Keymap.windowHelp,
    ])

    /// Once the import is written there is nothing left to commit: the bar offers only leaving (scrolling the report
    /// stays, off the bar).
    static let importedKeymap = Keymap("Import (written)", [
        Binding([.escape, .char("q")], "leave (the import is written)", bar: true, .close),
        // `c` again says it is imported, rather than nothing.
        Binding([.char("c")], "says it is already imported", .commitImport),
        Binding([.char("j"), .down], "scroll down", .down), Binding([.char("k"), .up], "scroll up", .up),
        Binding([.pageDown, .char(" ")], "page down", .pageDown), Binding([.pageUp], "page up", .pageUp),
        Binding([.ctrl("d")], "half a page down", .halfPageDown), Binding([.ctrl("u")], "half a page up", .halfPageUp),
        Binding([.char("g"), .home], "top", .first), Binding([.char("G"), .end], "bottom", .last),
        Binding([.char("M")], "messages of this session", .messageLog), Keymap.windowHelp,
    ])

    static let presetHint = "empty: Keepwarm's own headers; or cliniko, jane, …"

    /// The prompt `I` opens.
    static func form() -> Form {
        var f = Form(title: "Import a file (a dry run first: nothing is written until you commit)", fields: [
            FormField(key: "file", label: "File", required: true, hint: "the CSV file's path, e.g. /home/desk/patients.csv"),
            FormField(key: "records", label: "It holds", kind: .choice(ImportRequest.Records.allCases.map(\.rawValue))),
            FormField(key: "preset", label: "Preset", hint: presetHint),
        ])
        f.enterLabel = Keymap.enterLabel(.importFile)
        return f
    }

    /// What the form asks for. A path pasted from a file manager may come in quotes; they are not part of the name.
    static func request(_ f: Form) -> ImportRequest {
        var file = f.value("file")
        for q in ["'", "\""] where file.count >= 2 && file.hasPrefix(q) && file.hasSuffix(q) { file = String(file.dropFirst().dropLast()) }
        let preset = f.value("preset")
        return ImportRequest(file: file, records: ImportRequest.Records(rawValue: f.value("records")) ?? .clients,
                             preset: preset.isEmpty ? nil : preset)
    }

    /// `c`: how many records will be written, and that an import is not taken back by `u`.
    static func confirm(_ preview: ImportPreview, _ token: ImportToken) -> ConfirmPrompt {
        let noun = preview.request.records == .clients ? "client" : "appointment"
        let title = preview.records > 0 ? "Import \(plural(preview.records, noun)) from \(preview.file)?"
            : "Write \(plural(preview.events, "change")) from \(preview.file)?"
        return ConfirmPrompt(title: title, lines: preview.summary.map { "adds \($0)" } + [
            "All of it or nothing, in one batch; u cannot take it back.",
            "Planned again as written: another desk's changes count.",
            "y imports · n leaves it (nothing written)",
        ], onConfirm: .commitImport(token), enterConfirms: false)
    }

    static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// What the status line says once the commit came back; `before` is the dry run it was asked from.
    static func committedText(_ done: ImportPreview, before: ImportPreview?) -> String {
        // The file is named in the screen's title; the status line keeps what happened, which a long path would push off.
        guard done.writes else {
            return before?.writes == true ? "Nothing written: since the dry run another desk wrote; nothing left to import"
                                          : "Nothing written: nothing is left to import"
        }
        var text = "✓ Imported in one batch: \(done.summary.joined(separator: "; "))"
        if let b = before, b.records != done.records || b.events != done.events {
            // Another desk wrote between the dry run and the commit: what was written is what a dry run now shows.
            let was = b.records != done.records ? "\(b.records) in the dry run" : "\(b.events) events in the dry run"
            text += "; another desk wrote since the dry run, so the counts changed (\(was))"
        }
        return text
    }
}

/// The import screen's state: the report on show and how far down it is scrolled.
public struct ImportState: Sendable, Equatable {
    public var preview: ImportPreview
    public var scroll = 0

    public init(preview: ImportPreview, scroll: Int = 0) {
        self.preview = preview
        self.scroll = scroll
    }
}

extension ConsoleModel {
    /// Whether the import screen is open (under other windows too).
    var importIndex: Int? { overlays.lastIndex { if case .importFile = $0 { true } else { false } } }

    /// The dry run came back: the prompt gives way to the report.
    mutating func importPreviewed(_ preview: ImportPreview) {
        if case .form(.importFile, _) = overlays.last { overlays.removeLast() }
        overlays.append(.importFile(ImportState(preview: preview)))
        status = StatusLine(text: preview.writes ? "Dry run of \(preview.file): nothing written yet; c imports it, Esc leaves"
                                                 : "Dry run of \(preview.file): nothing to import", isError: false)
    }

    /// The commit came back: the screen shows what was written, and the status line says it.
    mutating func imported(_ done: ImportPreview) {
        endWaiting()
        var before: ImportPreview?
        if let i = importIndex, case .importFile(let s) = overlays[i] {
            before = s.preview
            overlays[i] = .importFile(ImportState(preview: done))
        } else {
            overlays.append(.importFile(ImportState(preview: done)))
        }
        status = StatusLine(text: ImportScreen.committedText(done, before: before), isError: false)
    }

    /// The file could not be read, or the commit could not be written: one line, and nothing was written. The prompt
    /// stays open so the path can be corrected.
    mutating func importFailed(_ reason: String) {
        endWaiting()
        status = StatusLine(text: reason, isError: true)
    }

    /// Keys on the import screen.
    mutating func importKey(_ action: KeyAction, _ s: ImportState, top: Int) -> [ConsoleAction]? {
        let page = ImportView.pageRows(height: (screen ?? ImportView.defaultScreen).height)
        switch action {
        case .down: importScroll(s, to: s.scroll + 1, top: top)
        case .up: importScroll(s, to: s.scroll - 1, top: top)
        case .pageDown: importScroll(s, to: s.scroll + page, top: top)
        case .pageUp: importScroll(s, to: s.scroll - page, top: top)
        case .halfPageDown: importScroll(s, to: s.scroll + max(1, page / 2), top: top)
        case .halfPageUp: importScroll(s, to: s.scroll - max(1, page / 2), top: top)
        case .first: importScroll(s, to: 0, top: top)
        case .last: importScroll(s, to: Int(Int32.max), top: top)
        case .messageLog: openMessageLog()
        case .close:
            overlays.removeLast()
            status = s.preview.committed ? nil : StatusLine(text: "Import left: nothing written", isError: false)
        case .commitImport:
            if s.preview.committed {
                status = StatusLine(text: "\(s.preview.file) is imported; Esc leaves (importing it again would add nothing)", isError: true)
            } else if let token = s.preview.token, s.preview.writes {
                overlays.append(.confirm(ImportScreen.confirm(s.preview, token)))
            } else {
                status = StatusLine(text: "Nothing to import from \(s.preview.file): nothing would be written", isError: true)
            }
        default: return nil
        }
        return []
    }

    /// Scrolls the report, never past its last page at the screen's size (so `k` after `G` moves at once).
    mutating func importScroll(_ s: ImportState, to scroll: Int, top: Int) {
        let size = screen ?? ImportView.defaultScreen
        let last = ImportView.lastTop(s.preview, width: size.width, page: ImportView.pageRows(height: size.height))
        overlays[top] = .importFile(ImportState(preview: s.preview, scroll: min(max(0, scroll), last)))
    }
}

/// Draws the import screen over the panes: the report, wrapped to the screen, problems in red and notes in yellow,
/// with the status line and the key bar (and its commit key) left in view.
enum ImportView {
    /// The size scrolling assumes before the loop has said (tests that never draw).
    static let defaultScreen = ScreenSize(width: ConsoleView.minWidth, height: ConsoleView.minHeight)

    /// Report rows shown at this screen height (the box leaves the title, status and key bar rows).
    static func pageRows(height: Int) -> Int { max(1, height - 5) }

    /// One of the report's lines wrapped to the screen's width: a long line goes on under its own indent. A line
    /// written for the command line (`add --commit`) is said in the console's keys.
    static func wrap(_ line: ImportLine, width: Int) -> [ImportLine] {
        let w = max(10, width - 4)
        var text = DisplayText.visible(line.text)
        let indent = text.prefix { $0 == " " }.count
        // Only the report's headings speak of flags; its rows (there may be thousands) are the file's own words.
        if indent <= 2 && text.contains("--") { text = ConsoleWords.console(text) }
        let lead = String(repeating: " ", count: indent)
        let wrapped = MessagePreviewView.wrap(String(text.dropFirst(indent)), max(4, w - indent - 2))
        guard !wrapped.isEmpty else { return [ImportLine(line.kind, "")] }
        return wrapped.enumerated().map { ImportLine(line.kind, ($0.offset == 0 ? lead : lead + "  ") + $0.element) }
    }

    /// The report's rows from line `top` on, as many as fill `page` rows: only what is on screen is wrapped, so a
    /// report of a hundred thousand rejected rows costs a page per frame.
    static func rows(_ preview: ImportPreview, from top: Int, width: Int, page: Int) -> [ImportLine] {
        var out: [ImportLine] = []
        var i = max(0, top)
        while out.count < page && i < preview.lines.count {
            out += wrap(preview.lines[i], width: width)
            i += 1
        }
        return Array(out.prefix(page))
    }

    /// The first line of the last page: scrolling stops there, with the report's end at the bottom.
    static func lastTop(_ preview: ImportPreview, width: Int, page: Int) -> Int {
        var rows = 0, i = preview.lines.count
        while i > 0 {
            rows += wrap(preview.lines[i - 1], width: width).count
            if rows > page { break }
            i -= 1
        }
        return i
    }

    static func style(_ kind: ImportLine.Kind) -> Style {
        switch kind {
        case .heading: .bold
        case .fine: .plain
        case .note: .warning
        case .problem: .danger
        }
    }

    static func draw(_ g: inout Grid, _ s: ImportState) {
        let x = 0, y = 1, w = g.width, h = g.height - 3
        let p = s.preview
        g.fill(x: x, y: y, width: w, height: h)
        let what = p.request.records.rawValue
        let title = p.committed ? "Imported \(what) from \(p.file)" : "Import \(what) from \(p.file): dry run, nothing written"
        g.box(x: x, y: y, width: w, height: h, title: title, style: Style([], .accent), titleStyle: .title)
        let page = pageRows(height: g.height)
        let top = min(s.scroll, lastTop(p, width: w, page: page))
        for (i, l) in rows(p, from: top, width: w, page: page).enumerated() {
            g.putFitted(l.text, x: x + 2, y: y + 1 + i, width: w - 4, style: style(l.kind))
        }
        if top > 0 || lastTop(p, width: w, page: page) > 0 {
            // Which of the report's lines are in view, as `less` says it.
            let at = "line \(top + 1) of \(p.lines.count)"
            g.put(at, x: w - 2 - DisplayText.width(at), y: y + h - 1, style: .muted)
        }
    }
}
