import Foundation
import Testing
@testable import KeepwarmCore

/// The import reads white space from a fixed list of scalars instead of looking Unicode's property up for every
/// letter (`Unicode.Scalar.isWhiteSpace`): the list must be exactly the property, and words and trimming must agree
/// with the library's answers on text with every kind of space.
@Suite struct WhiteSpaceTests {
    @Test func theListIsExactlyUnicodesWhiteSpaceProperty() {
        var differ: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            if s.isWhiteSpace != s.properties.isWhitespace { differ.append(v) }
        }
        #expect(differ.isEmpty, "\(differ.map { String($0, radix: 16) })")
    }

    @Test(arguments: ["Zoë Brontë", "  Zoë\u{A0}Brontë ", "Zoë\u{2003}\u{3000}Brontë\u{85}", "\u{1680}Siobhán\tNí Bhriain\r\n",
                      "Ada", " ", "", "Ada  Lovelace", "Ada Lovelace ", "Mary Ann Smith", "é", "Łukasz\u{2028}Nowak\u{2029}", "José\u{202F}María\u{205F}García"])
    func wordsAndTrimmingAgreeWithTheLibrary(_ text: String) {
        #expect(text.words.map(String.init) == text.split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
        // A name already evenly spaced is kept as it is; any other is rebuilt from its words.
        #expect(PersonName.spaced(text) == text.words.joined(separator: " "))
        #expect(PersonName.spaced(text + "  x") == (text + "  x").words.joined(separator: " "))
    }
}
