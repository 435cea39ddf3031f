import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The console's forms and search box driven through the model's key handling by seeded random keys (control keys,
/// pastes of hostile text, very long pastes): KEEPWARM_FUZZ_INPUTS of them; `make fuzz` runs a million. Whatever
/// arrives, every field keeps clean text, a cursor inside it on a character boundary, and edits that take or add
/// whole characters; and the screen drawn from it keeps every cell safe and whole.
@Suite struct FormFuzzTests {
    /// Text a terminal would act on, text that joins or reorders, and text that is merely unusual.
    static let hostile: [String] = [
        "\u{1B}]0;PWNED\u{07}", "\u{1B}[2J", "\u{1B}[10;10H", "\u{1B}[201~", "\u{9B}31m", "\u{85}", "\u{90}q\u{9C}",
        "bidi \u{202E}gnp.exe\u{202C}", "\u{2066}iso\u{2069}", "👩‍👩‍👧‍👦", "a\u{200D}b", "🇬🇧🇫🇷🇩", "Zoë", "e\u{301}\u{301}\u{301}",
        "line\nbreak", "cr\r\nlf", "tab\there", "NUL\u{0}", "DEL\u{7F}", "\u{FEFF}bom", "東京 李小龙", "\u{200B}\u{2060}",
        "각", "\u{E0001}\u{E0067}", "❤️", "\u{10FFFF}", String(repeating: "long ", count: 40),
    ]

    /// Single characters typed one at a time, weighted towards ordinary letters.
    static let typed: [Character] = Array("abcdefghijklmnopqrstuvwxyzAZ0123456789 .,-+:/@'yn") + [
        "é", "e\u{301}", "\u{301}", "\u{200D}", "👩", "🇬", "🇧", "日", "\u{1B}", "\u{0}", "\u{7F}", "\u{9B}", "\u{85}",
        "\u{202E}", "\u{2066}", "\u{2028}", "\r\n", "\n", "\t", "\u{FEFF}", "\u{200B}", "ᄀ", "ᅡ", "\u{FE0F}", "\u{E0001}",
    ]

    static let keys: [Key] = [
        .enter, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
        .function(1), .function(12), .resize,
    ]

    /// One input: a typed character, a control or navigation key, or a paste arriving as its characters.
    static func input<R: RandomNumberGenerator>(_ n: Int, using rng: inout R) -> [Key] {
        // Every 5,000th input is a 10,000-character paste, so even the short run has one.
        if n % 5_000 == 4_999 { return Array(String(repeating: "Ab東👩‍👩‍👧\u{1B}[2J ", count: 1_000).prefix(10_000)).map { .char($0) } }
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<9: return [.char(typed.randomElement(using: &rng)!)]
        case 9..<14: return [keys.randomElement(using: &rng)!]
        case 14..<16:
            // Ctrl and a letter; Ctrl-C and Ctrl-Q ask to quit, so they are rarer.
            let letters = Array("aeukwAEUKWbdfhjlmnoprstvxyz1é")
            return [.ctrl(Int.random(in: 0..<40, using: &rng) == 0 ? "c" : letters.randomElement(using: &rng)!)]
        case 16: return [Int.random(in: 0..<4, using: &rng) == 0 ? .escape : .char(typed.randomElement(using: &rng)!)]
        default: return hostile.randomElement(using: &rng)!.map { .char($0) }
        }
    }

    /// A practice whose names, sources and practitioner carry hostile text, so forms open prefilled with it.
    static func fixture() throws -> ConsoleFixture {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-01 09:00", .addPractitioner(name: "Dr \u{1B}]0;PWNED\u{07} Evil\u{202E}"))
        for (i, text) in hostile.prefix(8).enumerated() {
            try f.record("2026-11-01 09:00", .addClient(ClientDraft(name: "Eve \(i) \(text)", phone: "07700 9001\(i)0", source: text)))
        }
        return f
    }

    /// The forms a session can start in; the last few are opened with keys, as a person would.
    static func open<R: RandomNumberGenerator>(_ driver: ModelDriver, using rng: inout R) {
        driver.reset()
        let p = driver.fixture.p, now = driver.fixture.now
        let client = ClientID(Int.random(in: 1...p.clients.count, using: &rng))
        let purposes: [FormPurpose] = [.newClient, .addCallback, .book(client: nil), .book(client: client), .editClient(client),
                                       .feedback(client), .snoozeUntil(client), .move(AppointmentID(1))]
        switch Int.random(in: 0...purposes.count, using: &rng) {
        case purposes.count: _ = driver.key(.char("/"))
        case let i: driver.model.openForm(purposes[i], p, now)
        }
    }

    /// What is wrong with a text field, or nil.
    static func fieldProblem(_ f: TextField) -> String? {
        guard (0...f.text.count).contains(f.cursor) else { return "cursor \(f.cursor) outside 0...\(f.text.count)" }
        // Typing stops at the limit (the fixture prefills nothing longer), which keeps every key's work bounded.
        guard f.text.count <= TextField.maxLength else { return "\(f.text.count) characters, over the limit of \(TextField.maxLength)" }
        // The field keeps its own count of characters; End must land exactly after the last one.
        var end = f
        end.handle(.end)
        guard end.cursor == f.text.count else { return "End puts the cursor at \(end.cursor) of \(f.text.count) characters" }
        if let bad = f.text.unicodeScalars.first(where: DisplayText.isUnsafe) {
            return "the field holds U+\(String(bad.value, radix: 16, uppercase: true)), which a terminal would act on"
        }
        return nil
    }

    /// What a key should do to a text field, worked out in Unicode scalars from the field before it: edits insert or
    /// remove whole characters and leave every other scalar as it was. Nil for keys with no simple expectation.
    static func expected(_ f: TextField, after key: Key) -> (scalars: [Unicode.Scalar], cursor: Int)? {
        let t = f.text, k = f.cursor
        func scalars(_ parts: Substring...) -> [Unicode.Scalar] { parts.flatMap { Array($0.unicodeScalars) } }
        let head = t.prefix(k), tail = t.dropFirst(k)
        switch key {
        case .char(let c):
            guard !String(c).unicodeScalars.contains(where: DisplayText.isUnsafe), t.count < TextField.maxLength else { return (scalars(t[...]), k) }
            let typedHead = String(head) + String(c)
            return (scalars(typedHead[...], tail), typedHead.count)
        case .backspace where k > 0:
            let kept = t.prefix(k - 1)
            return (scalars(kept, tail), String(kept).count)
        case .delete where k < t.count: return (scalars(head, t.dropFirst(k + 1)), k)
        case .ctrl("u"), .ctrl("U"): return (scalars(tail), 0)
        case .ctrl("k"), .ctrl("K"): return (scalars(head), k)
        case .left: return (scalars(t[...]), max(0, k - 1))
        case .right: return (scalars(t[...]), min(t.count, k + 1))
        case .home, .ctrl("a"), .ctrl("A"): return (scalars(t[...]), 0)
        case .end, .ctrl("e"), .ctrl("E"): return (scalars(t[...]), t.count)
        default: return nil
        }
    }

    /// The text field a key goes to, if the top window is a form on a text field or the search box.
    static func focusedField(_ m: ConsoleModel) -> TextField? {
        switch m.overlays.last {
        case .form(_, let form) where form.fields.indices.contains(form.focus) && form.fields[form.focus].kind == .text:
            form.fields[form.focus].field
        case .search(let s): s.query
        default: nil
        }
    }

    /// What is wrong with the top window after a key, or nil; "closed" when it is no longer a form or the search box.
    static func windowProblem(_ m: ConsoleModel) -> String? {
        switch m.overlays.last {
        case .form(_, let form):
            guard form.fields.indices.contains(form.focus) else { return "focus \(form.focus) outside the form" }
            if let h = form.highlightedSuggestion, !form.matchingSuggestions(limit: Form.suggestionLimit).indices.contains(h) {
                return "highlighted suggestion \(h) is not on the list"
            }
            for field in form.fields {
                if let p = fieldProblem(field.field) { return "\(field.label): \(p)" }
                if case .toggle = field.kind, !["yes", "no", ""].contains(field.field.text) { return "\(field.label) toggle is \(field.field.text)" }
            }
            return nil
        case .search(let s): return fieldProblem(s.query).map { "search: \($0)" }
        default: return "closed"
        }
    }

    /// A paste far past the limit stops at it, wherever the cursor is, and the form says why.
    @Test func aHugePasteStopsAtTheLimitAndSaysSo() throws {
        let driver = ModelDriver(try Self.fixture())
        let paste = String(repeating: "Ab東👩‍👩‍👧\u{1B}[2J ", count: 1_000)
        for start in [Key.end, .home] {
            driver.reset()
            driver.model.openForm(.addCallback, driver.fixture.p, driver.fixture.now)
            for c in "Jo Park" { _ = driver.key(.char(c)) }
            _ = driver.key(start)
            for c in paste { _ = driver.key(.char(c)) }
            guard case .form(_, let form) = driver.model.overlays.last else { Issue.record("the form closed"); return }
            let name = form.fields[0].field
            #expect(name.text.count == TextField.maxLength)
            #expect(start == .end ? name.text.hasPrefix("Jo ParkAb東") : name.text.hasPrefix("Ab東") && name.text.hasSuffix("Jo Park"))
            #expect(form.error == "Name takes at most 1000 characters; the rest was not typed")
            _ = driver.key(.backspace)
            guard case .form(_, let after) = driver.model.overlays.last else { Issue.record("the form closed"); return }
            #expect(after.error == nil, "deleting clears the message")
        }
    }

    @Test func randomKeysAndHostilePastesKeepEveryFieldClean() throws {
        let plan = FuzzPlan.fromEnvironment()
        let f = try Self.fixture()
        let driver = ModelDriver(f)
        // Sessions of up to 60 inputs, each from a fresh model, so one failing session replays on its own.
        let sessionLength = 60
        var n = 0, session = 0, failures = 0, edits = 0
        while n < plan.inputs {
            var rng = plan.rng(session)
            Self.open(driver, using: &rng)
            var log: [Key] = []
            for _ in 0..<sessionLength where n < plan.inputs {
                let keys = Self.input(n, using: &rng)
                n += 1
                var problem: String?
                // A very long paste is checked once it has all arrived: checking the whole field after each of its
                // keys would make the test itself quadratic.
                let eachKey = keys.count < 500
                for key in keys {
                    let before = eachKey ? Self.focusedField(driver.model) : nil
                    let focus: Int? = if case .form(_, let form) = driver.model.overlays.last { form.focus } else { nil }
                    if driver.key(key).contains(where: { if case .record = $0 { true } else { false } }) {
                        // As the loop does when the log refuses a command: the form stays open with the reason.
                        driver.model.failed("refused \u{1B}]0;PWNED\u{07}")
                    }
                    log.append(key)
                    let refocused: Int? = if case .form(_, let form) = driver.model.overlays.last { form.focus } else { nil }
                    if let before, let after = Self.focusedField(driver.model), focus == refocused, let want = Self.expected(before, after: key) {
                        edits += 1
                        if Array(after.text.unicodeScalars) != want.scalars || after.cursor != want.cursor {
                            problem = "\(key) on \(before.text.debugDescription) at \(before.cursor) gave \(after.text.debugDescription) at \(after.cursor), not \(String(String.UnicodeScalarView(want.scalars)).debugDescription) at \(want.cursor)"
                        }
                    }
                    if problem == nil, eachKey, let after = Self.focusedField(driver.model) { problem = Self.fieldProblem(after) }
                    if problem != nil { break }
                }
                if problem == nil, !eachKey, let after = Self.focusedField(driver.model), after.text.count != TextField.maxLength {
                    problem = "a 10,000-character paste left \(after.text.count) characters, not the limit of \(TextField.maxLength)"
                }
                // A key changes at most the focused field, so the rest of the window is checked once per input.
                if problem == nil, let p = Self.windowProblem(driver.model), p != "closed" { problem = p }
                // Drawing is the slow part (4 ms a screen in a debug build), so the whole screen is checked after
                // every 32nd input and every very long paste.
                if problem == nil, !eachKey || n % 32 == 0 {
                    let g = ConsoleView.render(driver.model, data: driver.data, practice: f.p, now: f.now, width: 80, height: 24)
                    problem = screenProblem(g).map { "\($0) on the screen\n\(g.text)" }
                }
                if let problem {
                    failures += 1
                    let shown = log.suffix(40).map { "\($0)" }.joined(separator: ", ")
                    Issue.record("\(problem)\nlast keys of session \(session): \(shown)\n\(plan.replay(n - 1))")
                    if failures >= 5 { return }
                    break
                }
                if Self.windowProblem(driver.model) == "closed" { break }
            }
            session += 1
        }
        print("form fuzz: \(plan.inputs) inputs in \(session) sessions from seed \(plan.seed): \(edits) edits checked against the expected text")
        #expect(edits > plan.inputs / 4, "enough keys edit a text field to check what they did")
    }
}
