import KeepwarmCore

/// A text message's character set and length in segments, as a phone network counts them (3GPP TS 23.038 and
/// 23.040), so the preview can say what a message will cost before it goes.
///
/// A text wholly in the GSM-7 alphabet travels 7 bits a character: 160 in one segment, or 153 per segment once it
/// is split (the other 7 carry the header that joins the parts). A character of the extension table (`€ [ ] { } ^ ~
/// | \` and form feed) takes two, an escape and itself. One character outside both tables and the whole message goes
/// as UCS-2, 16 bits a unit: 70 in one segment, 67 per segment when split, and an emoji outside the Basic
/// Multilingual Plane takes two units (a surrogate pair). A two-unit character is never split across segments, as
/// phones do not split it, so the count is the one the network bills.
///
/// The text is counted exactly as given; nothing is normalised (a decomposed `é`, e + U+0301, forces UCS-2 because
/// U+0301 is in neither table, and that is what a gateway sending these bytes would do too).
public struct SMSText: Equatable, Sendable {
    /// How the message is encoded on the network.
    public enum CharacterSet: Equatable, Sendable, CustomStringConvertible {
        case gsm7
        case ucs2

        public var description: String { self == .gsm7 ? "GSM-7" : "UCS-2" }
    }

    /// The message as given.
    public let text: String
    /// GSM-7 when every character is in the GSM-7 basic or extension table, else UCS-2.
    public let characterSet: CharacterSet
    /// What the network counts: septets for GSM-7 (an extension character is 2), UTF-16 code units for UCS-2.
    public let units: Int
    /// Segments the message goes out as (0 for an empty text).
    public let segments: Int
    /// The first character that is not in GSM-7, which is why the message is UCS-2; nil for GSM-7.
    public let firstNonGSM: Character?

    /// Counts `text`.
    public init(_ text: String) {
        self.text = text
        var nonGSM: Character?
        var septets: [Int] = []
        for ch in text {
            for u in ch.unicodeScalars {
                if Self.basic.contains(u) { septets.append(1) }
                else if Self.extension.contains(u) { septets.append(2) }
                else { nonGSM = ch; break }
            }
            if nonGSM != nil { break }
        }
        firstNonGSM = nonGSM
        let weights: [Int]
        let single: Int, part: Int
        if nonGSM == nil {
            characterSet = .gsm7
            weights = septets
            (single, part) = (160, 153)
        } else {
            characterSet = .ucs2
            weights = text.unicodeScalars.map { $0.utf16.count }
            (single, part) = (70, 67)
        }
        units = weights.reduce(0, +)
        if units == 0 {
            segments = 0
        } else if units <= single {
            segments = 1
        } else {
            // Filled part by part: a character that does not fit whole starts the next part.
            var parts = 1, used = 0
            for w in weights {
                if used + w > part { parts += 1; used = 0 }
                used += w
            }
            segments = parts
        }
    }

    /// Characters as a person counts them.
    public var characters: Int { text.count }

    /// One line for the preview: `2 segments, GSM-7 (214 characters)`, with the septets or UTF-16 units when they
    /// differ from the characters, and for UCS-2 the first character that forced it, e.g.
    /// `1 segment, UCS-2 (45 characters) — "ë" is not in GSM-7`. Safe for a terminal as it is.
    public var summary: String {
        if units == 0 { return "empty: nothing to send" }
        var line = "\(segments) segment\(segments == 1 ? "" : "s"), \(characterSet) (\(characters) character\(characters == 1 ? "" : "s")"
        if units != characters { line += ", \(units) \(characterSet == .gsm7 ? "septets" : "UTF-16 units")" }
        line += ")"
        if let ch = firstNonGSM { line += " — \(Self.name(ch)) is not in GSM-7" }
        return line
    }

    /// A character as the preview names it: quoted when it can be seen, else its code points (a control character,
    /// a space other than the plain one, a lone combining mark, a direction mark or another invisible one).
    static func name(_ ch: Character) -> String {
        let code = ch.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }.joined(separator: " ")
        let invisible = ch.unicodeScalars.allSatisfy { u in
            let p = u.properties
            return p.isWhitespace || p.isDefaultIgnorableCodePoint || [.control, .format, .nonspacingMark, .enclosingMark, .spacingMark,
                                                                       .unassigned, .privateUse, .surrogate].contains(p.generalCategory)
        }
        if invisible || DisplayText.visible(String(ch)) != String(ch) { return code }
        // A letter with a combining mark (e and U+0301) looks like one in GSM-7; the code points say why it is not.
        if ch.unicodeScalars.count > 1, let first = ch.unicodeScalars.first, basic.contains(first) || `extension`.contains(first) { return "\"\(ch)\" (\(code))" }
        return "\"\(ch)\""
    }

    /// The GSM 03.38 default alphabet (basic table), 128 characters.
    static let basic: Set<Unicode.Scalar> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .unicodeScalars.filter { $0 != "\u{1B}" })  // ESC is the table's escape, not a character a message may hold
    /// The GSM 03.38 extension table: each is sent as ESC and itself, two septets.
    static let `extension`: Set<Unicode.Scalar> = Set("\u{0C}^{}\\[~]|€".unicodeScalars)
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
