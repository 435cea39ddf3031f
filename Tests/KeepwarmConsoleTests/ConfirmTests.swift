import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Issue 13 §1, "Half-filled forms vanish on Esc" and "One key, no going back": what one key cannot take back, it asks about.
@Suite struct ConfirmTests {
    private func typed(_ d: ModelDriver) -> String? {
        for o in d.model.overlays.reversed() { if case .form(_, let f) = o { return f.fields[f.focus].field.text } }
        return nil
    }

    // MARK: forms

    @Test func escOnAChangedFormAsksAndNKeepsEditing() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("b"))
        f.type("Ad")
        f.press(.escape)
        #expect(f.screen.contains("Discard this booking?"))
        #expect(f.screen.contains("y discards · n keeps editing"))
        f.press(.enter)
        #expect(f.screen.contains("Discard this booking?"), "Enter out of habit does not throw the typing away")
        f.press(.char("n"))
        guard case .form(_, let form) = f.app.model.overlays.last else { Issue.record("expected the form back"); return }
        #expect(form.fields[form.focus].field.text == "Ad")
        f.type("a")
        f.press(.escape, .char("y"))
        #expect(f.app.model.overlays.isEmpty)
        #expect(f.screen.contains("Form discarded: nothing recorded"))
    }

    @Test func escOnAnUntouchedFormClosesAtOnce() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        _ = d.key(.char("+"))
        #expect(d.key(.escape) == [])
        #expect(d.model.overlays.isEmpty)
        // Typed and then rubbed out again: nothing would be lost, so nothing is asked.
        _ = d.key(.char("b"))
        _ = d.key(.char("x"))
        _ = d.key(.backspace)
        #expect(d.key(.escape) == [])
        #expect(d.model.overlays.isEmpty)
    }

    @Test func anAltKeyNeitherClosesAFormNorTypes() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        _ = d.key(.char("b"))
        _ = d.key(.char("A"))
        #expect(d.key(.alt("x")) == [])
        #expect(d.key(.alt("q")) == [])
        #expect(typed(d) == "A")
        #expect(d.model.overlays.count == 1)
    }

    // MARK: closing a client

    @Test func closingAClientForEverAsksAndOnlyYCloses() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        _ = d.key(.char("2"))
        #expect(d.key(.char("x")) == [])
        #expect(d.key(.char("m")) == [], "picking the reason no longer closes the client")
        guard case .confirm(let prompt) = d.model.overlays.last else { Issue.record("expected the question"); return }
        #expect(prompt.title == "Close Mo Farah for ever?")
        #expect(d.key(.enter) == [])
        #expect(d.key(.char("n")) == [])
        #expect(d.model.overlays.isEmpty)
        #expect(d.model.status?.text == "Nothing recorded")
        _ = d.key(.char("x"))
        _ = d.key(.char("d"))
        #expect(d.key(.char("y")) == [.record(.review(client: "c2", .close(.doNotContact), note: nil))])
    }

    // MARK: callbacks

    @Test func markingACallbackReturnedAsks() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-23 09:00", .addCallback(name: "Mo Farah", phone: "07700 900456", reason: "Wants a Saturday", by: f.t("2026-11-23 10:00")))
        let d = ModelDriver(f)
        _ = d.key(.char("!"))
        #expect(d.key(.enter) == [])
        guard case .confirm(let prompt) = d.model.overlays.last else { Issue.record("expected the question"); return }
        #expect(prompt.lines.first == "Mo Farah, 07700 900456: Wants a Saturday")
        #expect(d.key(.enter) == [])
        #expect(d.key(.escape) == [])
        guard case .callbacks = d.model.overlays.last else { Issue.record("expected the callbacks list"); return }
        #expect(d.key(.char("d")) == [])
        #expect(d.key(.char("y")) == [.record(.returnCallback("cb1"))])
    }

    // MARK: a step not yet due

    /// Cy last came 49 days ago: lapsed, re-engage due. `s s` used to record the re-engage email and then, a key later,
    /// the reactivation letter that is not due until day 60.
    @Test func aDoublePressOfSRecordsOnceAndTheSecondAsks() throws {
        let f = try ConsoleFixture()
        try f.record("2026-08-01 09:00", .addPractitioner(name: "Anna Okafor"))
        try f.record("2026-08-01 09:00", .addClient(ClientDraft(name: "Cy Twombly", email: "cy@example.com")))
        try f.record("2026-10-01 09:00", .book(client: "c1", practitioner: nil, start: f.t("2026-10-05 10:00"), minutes: 60, force: false))
        try f.record("2026-10-05 11:00", .attend("a1"))
        let before = f.p.eventCount
        f.app.tick()
        f.press(.char("2"), .char("s"), .char("s"))
        let events = try f.newEvents(since: before)
        #expect(events.count == 1, "\(events)")
        if case .touchpointSent(_, let kind, _, _)? = events.first { #expect(kind == .reEngage) } else { Issue.record("expected the re-engage email") }
        #expect(f.screen.contains("reactivation-letter for Cy Twombly is not due yet"))
        #expect(f.screen.contains("It is due on 2026-12-04."))
        f.press(.char("n"))
        #expect(try f.newEvents(since: before).count == 1)
        f.press(.char("s"), .char("y"))
        #expect(try f.newEvents(since: before).count == 2, "asked and answered y, it is recorded")
    }
}
