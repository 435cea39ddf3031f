import Testing
@testable import KeepwarmMessages

/// Character sets and segment counts as the network bills them (3GPP TS 23.038/23.040).
@Suite struct SMSTextTests {
    func a(_ n: Int) -> String { String(repeating: "a", count: n) }

    @Test func theTablesHoldTheGSMAlphabet() {
        #expect(SMSText.basic.count == 127)  // 128 less the escape
        #expect(SMSText.extension.count == 10)
        let gsm = SMSText("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà")
        #expect(gsm.characterSet == .gsm7 && gsm.firstNonGSM == nil)
        #expect(SMSText("café, £5").characterSet == .gsm7)
    }

    @Test func plainGSMIs160InOneSegmentAnd153PerPart() {
        #expect(SMSText(a(1)).segments == 1)
        #expect(SMSText(a(160)).segments == 1)
        #expect(SMSText(a(161)).segments == 2)
        #expect(SMSText(a(306)).segments == 2)
        #expect(SMSText(a(307)).segments == 3)
        #expect(SMSText("").segments == 0)
        #expect(SMSText("").summary == "empty: nothing to send")
        #expect(SMSText(a(214)).summary == "2 segments, GSM-7 (214 characters)")
        #expect(SMSText("Hi").summary == "1 segment, GSM-7 (2 characters)")
    }

    @Test func extensionCharactersCountTwoAndAreNeverSplitAcrossParts() {
        for ch in ["€", "[", "]", "{", "}", "^", "~", "|", "\\", "\u{0C}"] {
            let t = SMSText(ch)
            #expect(t.characterSet == .gsm7 && t.units == 2, "\(ch)")
        }
        #expect(SMSText(String(repeating: "€", count: 80)).segments == 1)
        #expect(SMSText(String(repeating: "€", count: 80) + "a").segments == 2)
        #expect(SMSText(a(159) + "[").segments == 2)
        // 152 + 2 does not fit a 153-septet part: the € starts the second, and the last a needs a third.
        #expect(SMSText(a(152) + "€" + a(152)).units == 306)
        #expect(SMSText(a(152) + "€" + a(152)).segments == 3)
        #expect(SMSText("[€]").summary == "1 segment, GSM-7 (3 characters, 6 septets)")
    }

    @Test func oneCharacterOutsideGSMMakesItUCS2At70And67() {
        let ë = "ë"
        #expect(SMSText(ë).characterSet == .ucs2)
        #expect(SMSText(String(repeating: ë, count: 70)).segments == 1)
        #expect(SMSText(String(repeating: ë, count: 71)).segments == 2)
        #expect(SMSText(String(repeating: ë, count: 134)).segments == 2)
        #expect(SMSText(String(repeating: ë, count: 135)).segments == 3)
        #expect(SMSText(a(69) + "`").segments == 1)   // the backtick is not GSM
        #expect(SMSText(a(70) + "`").segments == 2)
        #expect(SMSText("Hi Zoë, see you soon").summary == "1 segment, UCS-2 (20 characters) — \"ë\" is not in GSM-7")
    }

    @Test func anEmojiIsASurrogatePairCountingTwoAndNeverSplit() {
        let smile = "😀"
        #expect(SMSText(smile).units == 2)
        #expect(SMSText(String(repeating: smile, count: 35)).segments == 1)
        #expect(SMSText(String(repeating: smile, count: 35) + "a").segments == 2)
        #expect(SMSText(a(66) + smile).segments == 1)
        #expect(SMSText(a(66) + smile + a(66)).units == 134)
        #expect(SMSText(a(66) + smile + a(66)).segments == 3)
        #expect(SMSText("See you 😀").summary == "1 segment, UCS-2 (9 characters, 10 UTF-16 units) — \"😀\" is not in GSM-7")
    }

    @Test func anInvisibleOrCombiningCharacterIsNamedByItsCodePoints() {
        #expect(SMSText("a\u{200B}b").summary == "1 segment, UCS-2 (3 characters) — U+200B is not in GSM-7")
        #expect(SMSText("tab\there").summary == "1 segment, UCS-2 (8 characters) — U+0009 is not in GSM-7")
        #expect(SMSText("\u{1B}[31m").firstNonGSM == "\u{1B}")
        #expect(SMSText("\u{1B}[31m").summary.hasSuffix("— U+001B is not in GSM-7"))
        #expect(SMSText("cafe\u{301}").summary == "1 segment, UCS-2 (4 characters, 5 UTF-16 units) — \"e\u{301}\" (U+0065 U+0301) is not in GSM-7")
    }
}
