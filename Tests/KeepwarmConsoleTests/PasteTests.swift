import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Bracketed paste: the terminal's bytes gathered into one paste, and the model putting it into the focused field
/// only, as text, never as keys.
@Suite struct PasteTests {
    /// Feeds `chunks` (each one read's worth) to a collector; the paste's text once the end marker came, or nil.
    static func collect(_ chunks: [String]) -> (text: String, complete: Bool) {
        var paste = BracketedPaste()
        for chunk in chunks {
            for s in chunk.unicodeScalars where paste.add(s) { return (paste.finish(), true) }
        }
        return (paste.finish(), paste.isComplete)
    }

    @Test func theEndMarkerIsFoundWhereverTheReadsSplitIt() {
        let whole = "Kim Lee\nn\u{1B}xa\u{1B}[201~"
        let scalars = Array(whole.unicodeScalars)
        for cut in 0...scalars.count {
            let a = String(String.UnicodeScalarView(scalars[..<cut])), b = String(String.UnicodeScalarView(scalars[cut...]))
            let got = Self.collect([a, b])
            #expect(got.complete, "cut at \(cut)")
            #expect(got.text == "Kim Lee\nn\u{1B}xa", "cut at \(cut)")
        }
    }

    @Test func somethingThatOnlyStartsLikeTheEndMarkerIsText() {
        let got = Self.collect(["a\u{1B}[20", "x\u{1B}\u{1B}[201", "2~b\u{1B}[201~"])
        #expect(got.complete)
        #expect(got.text == "a\u{1B}[20x\u{1B}\u{1B}[2012~b")
    }

    @Test func nothingAfterTheEndMarkerBelongsToThePaste() {
        var paste = BracketedPaste()
        for s in "hi\u{1B}[201~".unicodeScalars { paste.add(s) }
        #expect(paste.add("q") == true)
        #expect(paste.finish() == "hi")
    }

    @Test func aPasteWhoseEndMarkerNeverComesIsTheTextSoFar() {
        // The reader stops after `pauseMilliseconds` of silence and takes what came, a half marker included.
        let got = Self.collect(["Kim Lee\n\u{1B}[20"])
        #expect(!got.complete)
        #expect(got.text == "Kim Lee\n\u{1B}[20")
    }

    @Test func aHugePasteIsCutButItsEndIsStillSeen() {
        var paste = BracketedPaste()
        for _ in 0..<(BracketedPaste.limit + 10) { paste.add("x") }
        var done = false
        for s in BracketedPaste.endMarker { done = paste.add(s) }
        #expect(done)
        #expect(paste.truncated)
        #expect(paste.finish().unicodeScalars.count == BracketedPaste.limit)
    }

    // MARK: the model

    @Test func aPasteGoesIntoTheFocusedFieldAsTextAndSubmitsNothing() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        #expect(d.key(.char("+")) == [])
        #expect(d.key(.paste("Kim Lee\nn\u{1B}\u{1B}[31mx\ta")) == [])
        guard case .form(.newClient, let form) = d.model.overlays.last else { Issue.record("the form should stay open"); return }
        #expect(form.fields[form.focus].field.text == "Kim Lee n[31mx a")
        #expect(form.focus == 0, "a tab in a paste does not move to the next field")
        #expect(form.error == nil)
        #expect(d.model.overlays.count == 1)
    }

    @Test func aPasteLongerThanTheFieldIsCutAndSaysSo() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        _ = d.key(.char("+"))
        _ = d.key(.paste(String(repeating: "é", count: TextField.maxLength + 25)))
        guard case .form(_, let form) = d.model.overlays.last else { Issue.record("the form should stay open"); return }
        #expect(form.fields[0].field.text.count == TextField.maxLength)
        #expect(form.error == "Name takes at most 1000 characters; the rest of the paste was left out")
    }

    @Test func aPasteIntoAChoiceFieldChangesNothing() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        _ = d.key(.char("+"))
        guard case .form(_, var form) = d.model.overlays.last,
              let choice = form.fields.firstIndex(where: { if case .text = $0.kind { false } else { true } }) else {
            Issue.record("the new-client form has a choice or toggle field"); return
        }
        let before = form.fields[choice].field.text
        form.focus = choice
        form.paste("anything")
        #expect(form.fields[choice].field.text == before)
        #expect(form.error?.contains("nothing was pasted") == true)
    }

    @Test func aPasteOnThePanesDoesNothingButSaySo() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        #expect(d.key(.paste("a\nn\nx\nq")) == [])
        #expect(d.model.overlays.isEmpty)
        #expect(d.model.wantsQuit == false)
        #expect(d.model.status?.text.hasPrefix("Nothing was pasted") == true)
    }

    @Test func aPasteIntoTheSearchIsTheQuery() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        let d = ModelDriver(f)
        _ = d.key(.char("/"))
        #expect(d.key(.paste("Ada\n")) == [])
        guard case .search(let s) = d.model.overlays.last else { Issue.record("the search should stay open"); return }
        #expect(s.query.text == "Ada ")
    }

    // MARK: the "too small" screen

    @Test func behindTheTooSmallScreenOnlyQuitActs() throws {
        let f = try ConsoleFixture(width: 60, height: 20)
        try f.seedDay()
        let before = try f.newEvents(since: 0).count
        f.app.tick()
        f.press(.char("a"), .char("n"), .enter, .char("+"), .paste("Kim\nn"), .char("x"), .escape, .ctrl("z"))
        #expect(try f.newEvents(since: 0).count == before)
        #expect(f.app.model.overlays.isEmpty)
        #expect(f.screen.contains("Keys wait until it is bigger; q quits."))
        f.terminal.size = (80, 24)
        f.press(.resize, .char("a"))
        #expect(try f.newEvents(since: 0).count == before + 1, "the console works again once the window is big enough")
        f.terminal.size = (60, 20)
        f.press(.resize, .char("q"))
        #expect(f.app.model.wantsQuit)
    }

    @Test func behindTheTooSmallScreenQuitStillAsksAboutAHalfFilledForm() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.press(.char("+"))
        f.type("Kim")
        f.terminal.size = (60, 20)
        f.press(.resize, .char("q"))
        #expect(!f.app.model.wantsQuit)
        #expect(f.screen.contains("A form is half filled in: y quits and loses it, n keeps it."))
        f.press(.char("n"))
        guard case .form = f.app.model.overlays.last else { Issue.record("n keeps the form"); return }
        f.press(.ctrl("c"), .char("y"))
        #expect(f.app.model.wantsQuit)
    }
}
