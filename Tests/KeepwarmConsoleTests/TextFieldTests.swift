import KeepwarmCore
import Testing
@testable import KeepwarmConsole

@Suite struct TextFieldTests {
    func field(_ text: String, cursor: Int? = nil) -> TextField {
        var f = TextField(text)
        if let cursor { f.cursor = cursor }
        return f
    }

    func typing(_ s: String, into f: inout TextField) {
        for c in s { f.handle(.char(c)) }
    }

    // MARK: Editing

    @Test func startsWithTheCursorAtTheEnd() {
        #expect(TextField("Ada").cursor == 3)
        #expect(TextField().text == "")
        #expect(TextField().cursor == 0)
    }

    @Test func insertsAtTheCursor() {
        var f = field("Ad Lovelace", cursor: 2)
        let consumed = f.handle(.char("a"))
        #expect(consumed)
        #expect(f.text == "Ada Lovelace")
        #expect(f.cursor == 3)
    }

    @Test func backspaceRemovesAWholeEmojiFamily() {
        var f = field("hi 👩‍👩‍👧")
        #expect(f.cursor == 4)
        let consumed = f.handle(.backspace)
        #expect(consumed)
        #expect(f.text == "hi ")
        #expect(f.cursor == 3)
    }

    @Test func aFamilyTypedScalarByScalarIsOneCharacter() {
        var f = TextField()
        for s in ["👩", "\u{200D}", "👩", "\u{200D}", "👧"] { f.handle(.char(Character(s))) }
        #expect(f.text == "👩‍👩‍👧")
        #expect(f.cursor == 1)
        f.handle(.backspace)
        #expect(f.text == "")
        #expect(f.cursor == 0)
    }

    @Test func aCombiningAccentJoinsTheLetterBeforeIt() {
        var f = field("cafe")
        f.handle(.char("\u{301}"))
        #expect(f.text == "caf\u{E9}")
        #expect(f.text.unicodeScalars.count == 5)
        #expect(f.cursor == 4)
        f.handle(.backspace)
        #expect(f.text == "caf")
    }

    @Test func backspaceAndDeleteTakeADecomposedAccentInOnePress() {
        var back = field("Zoe\u{301}!", cursor: 3)
        back.handle(.backspace)
        #expect(back.text == "Zo!")
        #expect(back.cursor == 2)

        var forward = field("Zoe\u{301}!", cursor: 2)
        forward.handle(.delete)
        #expect(forward.text == "Zo!")
        #expect(forward.cursor == 2)
    }

    @Test func editsCJKOneCharacterAtATime() {
        var f = field("東京都")
        f.handle(.left)
        #expect(f.cursor == 2)
        f.handle(.backspace)
        #expect(f.text == "東都")
        f.handle(.char("大"))
        #expect(f.text == "東大都")
        #expect(f.cursor == 2)
        f.handle(.delete)
        #expect(f.text == "東大")
    }

    @Test func deleteAtTheEndAndBackspaceAtTheStartChangeNothingButAreConsumed() {
        var f = field("ab")
        let consumed = f.handle(.delete)
        #expect(consumed)
        #expect(f.text == "ab")
        f.cursor = 0
        let consumed2 = f.handle(.backspace)
        #expect(consumed2)
        #expect(f.text == "ab")
        #expect(f.cursor == 0)
    }

    // MARK: Line editing

    @Test func ctrlUDeletesToTheStart() {
        var f = field("hello world", cursor: 6)
        let consumed = f.handle(.ctrl("u"))
        #expect(consumed)
        #expect(f.text == "world")
        #expect(f.cursor == 0)
    }

    @Test func ctrlKDeletesToTheEnd() {
        var f = field("hello world", cursor: 5)
        let consumed = f.handle(.ctrl("k"))
        #expect(consumed)
        #expect(f.text == "hello")
        #expect(f.cursor == 5)
    }

    @Test func ctrlWDeletesTheWordBeforeTheCursorAndTheSpacesAfterIt() {
        var f = field("see Ada Lovelace  ")
        f.handle(.ctrl("w"))
        #expect(f.text == "see Ada ")
        f.handle(.ctrl("w"))
        #expect(f.text == "see ")
        f.handle(.ctrl("w"))
        #expect(f.text == "")
        let consumed = f.handle(.ctrl("w"))
        #expect(consumed)
        #expect(f.text == "")
    }

    @Test func ctrlWInsideAWordKeepsWhatFollowsTheCursor() {
        var f = field("Ada Love🙂lace", cursor: 9)
        f.handle(.ctrl("w"))
        #expect(f.text == "Ada lace")
        #expect(f.cursor == 4)
    }

    @Test func ctrlKeysWorkInEitherCase() {
        var f = field("abc")
        f.handle(.ctrl("A"))
        #expect(f.cursor == 0)
        f.handle(.ctrl("E"))
        #expect(f.cursor == 3)
    }

    // MARK: Cursor movement

    @Test func arrowsHomeAndEndMoveByCharacterAndStopAtTheEnds() {
        var f = field("a👍🏽é")
        f.handle(.left)
        #expect(f.cursor == 2)
        f.handle(.left)
        f.handle(.left)
        f.handle(.left)
        #expect(f.cursor == 0)
        f.handle(.right)
        #expect(f.cursor == 1)
        f.handle(.end)
        #expect(f.cursor == 3)
        f.handle(.right)
        #expect(f.cursor == 3)
        f.handle(.home)
        #expect(f.cursor == 0)
        f.handle(.ctrl("e"))
        #expect(f.cursor == 3)
        f.handle(.ctrl("a"))
        #expect(f.cursor == 0)
    }

    @Test func cursorAndTextAssignmentsStayInRange() {
        var f = field("abc")
        f.cursor = 99
        #expect(f.cursor == 3)
        f.cursor = -4
        #expect(f.cursor == 0)
        f.cursor = 3
        f.text = "x"
        #expect(f.cursor == 1)
    }

    // MARK: What stays out

    @Test(arguments: ["\u{1B}", "\n", "\r", "\r\n", "\t", "\u{7F}", "\u{0}", "\u{85}", "\u{9B}", "\u{202E}", "\u{2028}"])
    func controlCharactersAreRejected(_ s: String) {
        var f = field("ab", cursor: 1)
        let consumed = f.handle(.char(Character(s)))
        #expect(!consumed)
        #expect(f.text == "ab")
        #expect(f.cursor == 1)
    }

    @Test func prefilledOrAssignedTextLosesItsControls() {
        #expect(TextField("a\u{1B}[31mb\nc").text == "a[31mb c")
        var f = TextField()
        f.text = "x\ty\u{202E}z\r\n"
        #expect(f.text == "x yz ")
    }

    @Test(arguments: [Key.enter, .escape, .tab, .backTab, .up, .down, .pageUp, .pageDown, .function(2), .resize, .ctrl("x")])
    func navigationKeysAreLeftForTheCaller(_ key: Key) {
        var f = field("ab", cursor: 1)
        let consumed = f.handle(key)
        #expect(!consumed)
        #expect(f == field("ab", cursor: 1))
    }

    // MARK: Rendering

    @Test func drawsShortTextAndPutsTheCursorAfterIt() {
        var g = Grid(width: 20, height: 1)
        field("abc").render(into: &g, x: 2, y: 0, width: 10, style: Style(.underline), focused: true)
        #expect(g.row(0) == "  abc")
        #expect(g.cursor?.x == 5)
        #expect(g.cursor?.y == 0)
        // The padding carries the field's style, so an underlined field shows its full length.
        #expect(g[11, 0] == Cell(" ", Style(.underline)))
        #expect(g[12, 0] == Cell(" ", .plain))
    }

    @Test func staysInsideItsWidth() {
        var g = Grid(width: 10, height: 1)
        g.put("##########", x: 0, y: 0)
        field("abc").render(into: &g, x: 2, y: 0, width: 6, style: .plain, focused: false)
        #expect(g.row(0) == "##abc   ##")
        #expect(g.cursor == nil)
    }

    @Test func longTextScrollsToKeepTheCursorAtTheRightEdge() {
        var g = Grid(width: 5, height: 1)
        field("abcdefghij").render(into: &g, x: 0, y: 0, width: 5, style: .plain, focused: true)
        #expect(g.row(0) == "ghij")
        #expect(g.cursor?.x == 4)
    }

    @Test func longTextWithTheCursorAtTheStartShowsTheStart() {
        var g = Grid(width: 5, height: 1)
        field("abcdefghij", cursor: 0).render(into: &g, x: 0, y: 0, width: 5, style: .plain, focused: true)
        #expect(g.row(0) == "abcde")
        #expect(g.cursor?.x == 0)
    }

    @Test func wideCharactersScrollByWholeCharacters() {
        var g = Grid(width: 5, height: 1)
        field("漢字かな").render(into: &g, x: 0, y: 0, width: 5, style: .plain, focused: true)
        #expect(g.row(0) == "かな")
        #expect(g.cursor?.x == 4)
    }

    @Test func aWideCharacterUnderTheCursorShowsWhole() {
        var g = Grid(width: 4, height: 1)
        field("ab漢字", cursor: 3).render(into: &g, x: 0, y: 0, width: 4, style: .plain, focused: true)
        #expect(g.row(0) == "漢字")
        #expect(g.cursor?.x == 2)
    }

    @Test func anEmojiFamilyCountsAsTwoCells() {
        var g = Grid(width: 6, height: 1)
        field("ab👩‍👩‍👧cd").render(into: &g, x: 0, y: 0, width: 6, style: .plain, focused: true)
        // 2 + 2 + 2 cells plus one for the cursor: "a" scrolls off.
        #expect(g.row(0) == "b👩‍👩‍👧cd")
        #expect(g.cursor?.x == 5)
    }

    @Test func aWideCharacterThatWouldBeCutAtTheRightIsLeftOut() {
        var g = Grid(width: 3, height: 1)
        field("漢字", cursor: 0).render(into: &g, x: 0, y: 0, width: 3, style: .plain, focused: true)
        #expect(g.row(0) == "漢")
        #expect(g[2, 0].text == " ")
        #expect(g.cursor?.x == 0)
    }

    @Test func aCombiningAccentDrawsInItsLettersCell() {
        var g = Grid(width: 6, height: 1)
        field("Zoe\u{301}").render(into: &g, x: 1, y: 0, width: 5, style: .plain, focused: true)
        #expect(g.row(0) == " Zoe\u{301}")
        #expect(g[3, 0].text == "e\u{301}")
        #expect(g.cursor?.x == 4)
    }
}
