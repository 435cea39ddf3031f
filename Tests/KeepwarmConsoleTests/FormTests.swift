import KeepwarmCore
import Testing
@testable import KeepwarmConsole

@Suite struct FormTests {
    static let sources = ["Instagram", "Google", "A friend", "Gift voucher", "Flyer", "GP referral", "Yoga studio"]

    func clientForm() -> Form {
        Form(title: "New client", fields: [
            FormField(key: "name", label: "Name", required: true),
            FormField(key: "source", label: "How did you hear about us?", suggestions: Self.sources, hint: "Google, a friend"),
            FormField(key: "contact", label: "Contact by", kind: .choice(["email", "text", "phone"])),
            FormField(key: "news", label: "Newsletter", kind: .toggle, value: "yes"),
        ])
    }

    func type(_ s: String, into form: inout Form) {
        for c in s {
            let outcome = form.handle(.char(c))
            #expect(outcome == .editing)
        }
    }

    // MARK: Navigation

    @Test func tabAndBackTabWrapAroundTheFields() {
        var f = clientForm()
        #expect(f.focus == 0)
        f.press(.tab)
        #expect(f.focus == 1)
        f.press(.tab); f.press(.tab)
        #expect(f.focus == 3)
        f.press(.tab)
        #expect(f.focus == 0)
        f.press(.backTab)
        #expect(f.focus == 3)
    }

    @Test func upAndDownStopAtTheEnds() {
        var f = clientForm()
        f.press(.up)
        #expect(f.focus == 0)
        for _ in 0..<6 { f.press(.down) }
        #expect(f.focus == 3)
        f.press(.up)
        #expect(f.focus == 2)
    }

    @Test func typingGoesToTheFocusedFieldAndValuesAreTrimmed() {
        var f = clientForm()
        type("  Ada Lovelace ", into: &f)
        f.press(.tab)
        type("Flyer", into: &f)
        #expect(f.fields[0].field.text == "  Ada Lovelace ")
        #expect(f.value("name") == "Ada Lovelace")
        #expect(f.value("missing") == "")
        #expect(f.values == ["name": "Ada Lovelace", "source": "Flyer", "contact": "email", "news": "yes"])
    }

    @Test func escapeCancels() {
        var f = clientForm()
        type("Ada", into: &f)
        let outcome = f.handle(.escape)
        #expect(outcome == .cancel)
    }

    // MARK: Submitting

    @Test func aMissingRequiredFieldIsNamedAndFocusedInsteadOfSubmitting() {
        var f = clientForm()
        type("   ", into: &f)  // spaces alone don't count
        f.press(.tab); f.press(.tab)
        let outcome = f.handle(.enter)
        #expect(outcome == .editing)
        #expect(f.error == "Name is needed")
        #expect(f.focus == 0)
    }

    @Test func typingClearsTheErrorButMovingDoesNot() {
        var f = clientForm()
        f.press(.enter)
        #expect(f.error != nil)
        f.press(.tab)
        f.press(.backTab)
        #expect(f.error == "Name is needed")
        type("A", into: &f)
        #expect(f.error == nil)
    }

    @Test func enterSubmitsOnceRequiredFieldsAreFilledAndClearsAnOldError() {
        var f = clientForm()
        type("Ada", into: &f)
        f.error = "Ada Lovelace is already a client (c1)"
        f.press(.tab)
        let outcome = f.handle(.enter)
        #expect(outcome == .submit)
        #expect(f.error == nil)
    }

    // MARK: Choices and toggles

    @Test func choicesCycleWithArrowsAndSpace() {
        var f = clientForm()
        f.focus = 2
        #expect(f.value("contact") == "email")
        f.press(.right)
        #expect(f.value("contact") == "text")
        f.press(.char(" "))
        #expect(f.value("contact") == "phone")
        f.press(.right)
        #expect(f.value("contact") == "email")
        f.press(.left)
        #expect(f.value("contact") == "phone")
    }

    @Test func aChoiceTakesNoFreeTextButALetterJumpsToAnOption() {
        var f = clientForm()
        f.focus = 2
        type("t", into: &f)
        #expect(f.value("contact") == "text")
        type("xz", into: &f)
        f.press(.backspace)
        f.press(.ctrl("u"))
        #expect(f.value("contact") == "text")
    }

    @Test func aChoicePrefilledWithAnUnknownValueStepsIntoTheOptions() {
        var right = Form(title: "t", fields: [FormField(key: "k", label: "K", kind: .choice(["a", "b"]), value: "old")])
        #expect(right.value("k") == "old")
        right.press(.right)
        #expect(right.value("k") == "a")
        var left = Form(title: "t", fields: [FormField(key: "k", label: "K", kind: .choice(["a", "b"]), value: "old")])
        left.press(.left)
        #expect(left.value("k") == "b")
    }

    @Test func togglesFlipWithSpaceAndArrowsAndTakeYOrN() {
        var f = clientForm()
        f.focus = 3
        f.press(.char(" "))
        #expect(f.value("news") == "no")
        f.press(.left)
        #expect(f.value("news") == "yes")
        f.press(.right)
        #expect(f.value("news") == "no")
        type("y", into: &f)
        #expect(f.value("news") == "yes")
        type("qn", into: &f)
        #expect(f.value("news") == "no")
        #expect(FormField(key: "t", label: "T", kind: .toggle, value: "maybe").value == "no")
    }

    // MARK: Suggestions

    @Test func suggestionsPutPrefixMatchesFirstAndNarrowAsYouType() {
        var f = clientForm()
        f.focus = 1
        #expect(f.matchingSuggestions().isEmpty)
        type("g", into: &f)
        #expect(f.matchingSuggestions() == ["Google", "Gift voucher", "GP referral", "Instagram", "Yoga studio"])
        #expect(f.matchingSuggestions(limit: 2) == ["Google", "Gift voucher"])
        type("O", into: &f)
        #expect(f.matchingSuggestions() == ["Google"])
        type("x", into: &f)
        #expect(f.matchingSuggestions().isEmpty)
    }

    @Test func suggestionsHideOnAnExactMatchAndOnOtherKindsOfField() {
        var f = clientForm()
        f.focus = 1
        type("Flyer", into: &f)
        #expect(f.matchingSuggestions().isEmpty)
        f.focus = 2
        #expect(f.matchingSuggestions().isEmpty)
    }

    @Test func downAndUpMoveTheHighlightWhileSuggestionsShow() {
        var f = clientForm()
        f.focus = 1
        type("gi", into: &f)
        #expect(f.matchingSuggestions() == ["Gift voucher"])
        f.press(.down)
        #expect(f.highlightedSuggestion == 0)
        f.press(.down)
        #expect(f.highlightedSuggestion == 0)
        #expect(f.focus == 1)
        f.press(.up)
        #expect(f.highlightedSuggestion == nil)
        #expect(f.focus == 1)
        f.press(.up)
        #expect(f.focus == 0)
    }

    @Test func enterAcceptsTheHighlightedSuggestionAndStays() {
        var f = clientForm()
        type("Ada", into: &f)
        f.press(.tab)
        type("g", into: &f)
        f.press(.down); f.press(.down)
        #expect(f.highlightedSuggestion == 1)
        let outcome = f.handle(.enter)
        #expect(outcome == .editing)
        #expect(f.value("source") == "Gift voucher")
        #expect(f.fields[1].field.cursor == 12)
        #expect(f.highlightedSuggestion == nil)
        #expect(f.matchingSuggestions().isEmpty)
        let outcome2 = f.handle(.enter)
        #expect(outcome2 == .submit)
    }

    @Test func typingOrLeavingTheFieldDropsTheHighlight() {
        var f = clientForm()
        f.focus = 1
        type("g", into: &f)
        f.press(.down)
        type("o", into: &f)
        #expect(f.highlightedSuggestion == nil)
        f.press(.down)
        #expect(f.highlightedSuggestion == 0)
        f.press(.tab)
        #expect(f.highlightedSuggestion == nil)
        #expect(f.focus == 2)
    }

    // MARK: Dirty

    @Test func isDirtyOnlyWhileSomethingDiffers() {
        var f = clientForm()
        #expect(!f.isDirty)
        f.press(.tab)
        #expect(!f.isDirty)
        type("x", into: &f)
        #expect(f.isDirty)
        f.press(.backspace)
        #expect(!f.isDirty)
        f.focus = 3
        f.press(.char(" "))
        #expect(f.isDirty)
    }

    // MARK: Rendering

    @Test func rendersLabelsFieldsHintAndError() {
        var f = clientForm()
        type("Ada", into: &f)
        f.error = "Ada is already a client (c1)"
        var g = Grid(width: 80, height: 24)
        f.render(into: &g, x: 0, y: 0, width: 80, height: 24)

        #expect(g.row(0).hasPrefix("┌ New client ─"))
        #expect(g.row(0).hasSuffix("┐"))
        #expect(g.row(23).hasPrefix("└"))
        // Labels are right-aligned against the longest (26 cells), so fields start at column 2 + 26 + 2.
        #expect(g.row(1) == "│" + String(repeating: " ", count: 23) + "Name  Ada" + String(repeating: " ", count: 46) + "│")
        #expect(g.row(2).contains("How did you hear about us?   Google, a friend"))
        #expect(g[31, 2] == Cell("G", .muted))
        #expect(g.row(3).contains("Contact by  email"))
        #expect(g.row(4).contains("Newsletter  [x] yes"))
        #expect(g.row(21) == "│ Ada is already a client (c1)" + String(repeating: " ", count: 49) + "│")
        #expect(g[2, 21].style == .danger)
        #expect(g.row(22).hasPrefix("│ Enter save · Esc cancel · Tab next field"))
        #expect(g[24, 1].style == .bold)
        #expect(g.cursor?.x == 33)
        #expect(g.cursor?.y == 1)
    }

    @Test func listsSuggestionsUnderTheFocusedFieldWithTheHighlightReversed() {
        var f = clientForm()
        f.focus = 1
        type("g", into: &f)
        f.press(.down); f.press(.down)
        var g = Grid(width: 80, height: 24)
        f.render(into: &g, x: 0, y: 0, width: 80, height: 24)
        #expect(g.row(2).contains("How did you hear about us?  g"))
        let listed = (3...7).map { String(g.row($0).dropFirst(30).prefix(12)) }
        #expect(listed == ["Google      ", "Gift voucher", "GP referral ", "Instagram   ", "Yoga studio "])
        #expect(g[30, 4].style == .selected)
        #expect(g[30, 3].style == .muted)
        #expect(g.row(8).contains("Contact by  email"))
        #expect(g.cursor?.x == 31)
        #expect(g.cursor?.y == 2)
    }

    @Test func aFocusedChoiceShowsItsArrowsAndHidesTheCursor() {
        var f = clientForm()
        f.focus = 2
        var g = Grid(width: 80, height: 24)
        f.render(into: &g, x: 0, y: 0, width: 80, height: 24)
        #expect(g.row(3).contains("Contact by  ‹ email ›"))
        #expect(g[30, 3].style == .selected)
        #expect(g.cursor == nil)
    }

    @Test func preferredHeightLeavesRoomForSuggestionsSoTheBoxDoesNotJump() {
        let f = clientForm()
        #expect(f.preferredHeight == 4 + 5 + 4)
        let plain = Form(title: "Move a1", fields: [FormField(key: "to", label: "New time", required: true)])
        #expect(plain.preferredHeight == 5)
        var g = Grid(width: 40, height: 5)
        var p = plain
        p.press(.enter)
        p.render(into: &g, x: 0, y: 0, width: 40, height: plain.preferredHeight)
        #expect(g.row(1).hasPrefix("│ New time"))
        #expect(g.row(2).hasPrefix("│ New time is needed"))
        #expect(g.row(3).hasPrefix("│ Enter save · Esc cancel · Tab next"))
        #expect(g.row(4).hasPrefix("└"))
    }

    @Test func aFormTallerThanItsBoxScrollsToTheFocusedField() {
        var f = Form(title: "Many", fields: (1...10).map { FormField(key: "f\($0)", label: "Field \($0)") })
        f.focus = 9
        var g = Grid(width: 40, height: 8)
        f.render(into: &g, x: 0, y: 0, width: 40, height: 8)
        // Four rows between the title and the error line: fields 7 to 10.
        #expect(g.row(1).contains("Field 7"))
        #expect(g.row(4).contains("Field 10"))
        #expect(g.cursor?.y == 4)
    }

    @Test func anEmptyFormStillCancelsAndSubmits() {
        var f = Form(title: "Nothing", fields: [])
        let outcome = f.handle(.escape)
        #expect(outcome == .cancel)
        let outcome2 = f.handle(.enter)
        #expect(outcome2 == .submit)
        let outcome3 = f.handle(.char("x"))
        #expect(outcome3 == .editing)
        #expect(f.matchingSuggestions().isEmpty)
    }
}

extension Form {
    /// Presses keys for their effect on the form, when the test doesn't care about the outcome.
    mutating func press(_ keys: Key...) {
        for k in keys { _ = handle(k) }
    }
}
