import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The keymaps are the one source of the keys: every binding in every context is performed by `handle`, no context
/// binds a key twice, and the key bar and `?` are made from the same keymaps.
@Suite struct KeymapTests {
    static let p = GoldenTests.demo
    static let now = GoldenTests.end
    static let data: ConsoleData = {
        var d = ConsoleData(p, now: now)
        d.audit = AuditSummary(evidence: AuditEvidence.all(p, window: AuditWindow(end: now)), answers: [:])
        d.autopilot = AutopilotList(p, now: now)
        return d
    }()

    /// A model showing `context`, on a row in the middle of its list where there is one.
    static func model(in context: KeyContext) -> ConsoleModel {
        var m = ConsoleModel(user: "sam")
        var c = ListCursor()
        c.index = 1
        let client = data.lapsed[0].client
        m.messages = [LoggedMessage(at: now, text: "first", isError: false), LoggedMessage(at: now, text: "second", isError: true)]
        var preview = MessagePreview(title: "Thank-you", subject: "Thanks", body: "Dear…")
        switch context {
        case .pane(let pane):
            m.focus = pane
            m.cursors[pane] = c
        case .help: m.overlays = [.help(scroll: 0)]
        case .search:
            var s = SearchState()
            _ = s.query.paste("a")
            m.overlays = [.search(s)]
        case .card: m.overlays = [.card(client)]
        case .form: m.overlays = [.form(.newClient, ConsoleForms.make(.newClient, practice: p, now: now))]
        case .choice: m.overlays = [.choice(Prompts.touchpoint(client, name: "Ada"))]
        case .confirm: m.overlays = [.confirm(ConfirmPrompt(title: "Quit?", lines: [], onConfirm: .quit))]
        case .confirmOnlyY:
            var q = ConfirmPrompt(title: "Close?", lines: [], onConfirm: .record(.undo(by: "sam")))
            q.enterConfirms = false
            m.overlays = [.confirm(q)]
        case .followUps: m.overlays = [.followUps(c)]
        case .callbacks: m.overlays = [.callbacks(ListCursor())]
        case .walkthrough: m.overlays = [.walkthrough(step: 2)]
        case .walkSummary: m.overlays = [.walkthrough(step: AuditChecklist.steps.count + 1)]
        case .reports: m.overlays = [.reports(.sources, scroll: 0)]
        case .message: m.overlays = [.message(preview)]
        case .sendableMessage:
            preview.request = .thankYou(data.thankYous[0].referral.id)
            m.overlays = [.message(preview)]
        case .callSheet: m.overlays = [.call(CallSheet(client: client, kind: .followUpCall, in: p, rendered: nil))]
        case .messageLog: m.overlays = [.messageLog(ListCursor())]
        case .missedThankYous: m.overlays = [.missedThankYous(ListCursor())]
        case .find: m.overlays = [.followUps(c), .find(ListFind(list: .followUps, from: 1))]
        case .week: m.overlays = [.week(WeekState(monday: WorkingHours.monday(of: data.today)))]
        case .freeSlots:
            m.overlays = [.freeSlots(FreeSlotSearch(client: client, minutes: 60, practitioner: nil, after: now), ListCursor())]
        case .practitioners: m.overlays = [.practitioners(c)]
        case .autopilot: m.overlays = [.autopilot(c)]
        case .importFile: m.overlays = [.importFile(ImportState(preview: ImportScreenTests.dryRun(extra: 40)))]
        case .imported:
            var done = ImportScreenTests.dryRun(extra: 40)
            done.committed = true
            m.overlays = [.importFile(ImportState(preview: done))]
        case .drill: m.overlays = [.walkthrough(step: 5), .drill(DrillState(origin: .audit(step: 5), list: .missed))]
        }
        return m
    }

    @Test(arguments: KeyContext.all)
    func everyKeyInTheKeymapIsPerformed(context: KeyContext) {
        let m = Self.model(in: context)
        #expect(m.keyContext == context, "the model is in the context under test")
        let keymap = m.keymap
        #expect(!keymap.bindings.isEmpty || keymap.otherKeys != nil, "\(context) has keys")
        for binding in keymap.bindings {
            for key in binding.keys {
                var copy = m
                #expect(copy.keymap.binding(for: key)?.action == binding.action, "\(context): \(key.name) looks up its own binding")
                let done = copy.dispatch(key, data: Self.data, practice: Self.p, now: Self.now)
                #expect(done != nil, "\(context): \(key.name) (\(binding.label)) is bound to an action this place does not perform")
            }
        }
        if keymap.otherKeys != nil {
            var copy = m
            #expect(copy.dispatch(.char("§"), data: Self.data, practice: Self.p, now: Self.now) != nil, "\(context): other keys")
        }
    }

    @Test(arguments: KeyContext.all)
    func noContextBindsAKeyTwice(context: KeyContext) {
        #expect(Self.model(in: context).keymap.duplicateKeys == [], "\(context)")
        #expect(Keymap.of(context).bindings.allSatisfy { !$0.keys.isEmpty && !$0.label.isEmpty })
        // Quitting is the same everywhere, so no place may give Ctrl-C or Ctrl-Q another meaning.
        for k in Keymap.everywhere.bindings.flatMap(\.keys) {
            #expect(Keymap.of(context).binding(for: k) == nil || Keymap.of(context).bindings.allSatisfy { !$0.keys.contains(k) })
        }
    }

    /// Every choice the console asks: its options' keys do not clash with moving and closing.
    @Test func everyChoiceHasKeysOfItsOwn() {
        let c = ClientID(1), a = AppointmentID(1)
        let prompts = [Prompts.cancel(a, name: "Ada"), Prompts.snooze(c, name: "Ada", today: Self.data.today), Prompts.close(c, name: "Ada"),
                       Prompts.thank(Self.data.thankYous[0]), Prompts.touchpoint(c, name: "Ada"), Prompts.milestone(c, name: "Ada"),
                       Prompts.status(c, name: "Ada")]
        for prompt in prompts {
            #expect(Keymap.of(.choice, choice: prompt).duplicateKeys == [], "\(prompt.title)")
        }
    }

    /// `?` lists where the person is first, then everything else, from the same keymaps.
    @Test func helpShowsTheKeysOfWhereYouAreFirst() {
        for context in KeyContext.all {
            var m = Self.model(in: context)
            m.overlays.append(.help(scroll: 0))
            let lines = KeyHelp.helpLines(for: m)
            let here = Self.model(in: context).keymap
            #expect(lines.first == "Here: \(here.title)")
            for (i, b) in here.bindings.enumerated() {
                #expect(lines[1 + i].contains(b.keyNames) && lines[1 + i].hasSuffix(b.label), "\(context): \(lines[1 + i])")
            }
            for other in KeyContext.all where other != context {
                #expect(lines.contains(Keymap.of(other).title), "\(context): \(other) is in the rest")
            }
        }
    }

    /// Nothing is bound that the help does not list: every binding of every context appears on the help screen.
    @Test func everyBindingIsInTheHelp() {
        let lines = KeyHelp.helpLines(for: ConsoleModel(user: "sam"))
        for context in KeyContext.all {
            for b in Keymap.of(context).bindings {
                #expect(lines.contains { $0.hasPrefix("  \(b.keyNames) ") && $0.hasSuffix(b.label) }, "\(context): \(b.keyNames) \(b.label)")
            }
        }
    }
}
