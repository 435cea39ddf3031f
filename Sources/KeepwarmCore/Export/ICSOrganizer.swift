/// The calendar's ORGANIZER: the practice, by name, at its From address when Keepwarm has one.
///
/// RFC 5546 (section 3.2.1) makes ORGANIZER required on every VEVENT of a `METHOD:PUBLISH` calendar, and Outlook
/// reads a PUBLISH file with an organizer as the practice's appointments to add, not as a meeting to answer. There are
/// no ATTENDEEs: nobody is invited and no client's address goes in, so no calendar offers to reply to anyone.
public struct ICSOrganizer: Equatable, Sendable {
    /// The practice's name, shown by calendars as who the appointments are from.
    public let name: String
    /// A plain `local@domain` address (`MailAddress` has checked it) or `noReply`.
    public let address: String

    /// RFC 6761 reserves `.invalid`: mail to it goes nowhere, so a calendar that does write to the organizer reaches
    /// no stranger.
    public static let noReply = "noreply@invalid"

    public init(name: String, address: String?) {
        self.name = name
        self.address = address ?? Self.noReply
    }

    /// `ORGANIZER;CN="Riverside, 'Rooms'":mailto:desk@example.org`. The name is always quoted (it may hold `,` `;`
    /// `:`); a parameter value cannot hold a double quote or a control character at all (RFC 5545 section 3.1), so a
    /// `"` becomes `'` and a control character U+FFFD, as in TEXT: it is only a label, and the practice's name is
    /// written in full in X-WR-CALNAME. A `^` before `n`, `'` or `^` is doubled, so a parser that reads RFC 6868's
    /// escapes (libical does) does not turn "c^n" into a line break.
    public var line: String {
        var cn = String.UnicodeScalarView()
        let scalars = Array(name.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            switch u {
            case "\"": cn.append("'")
            case "\u{00}"..."\u{1F}", "\u{7F}": cn.append("\u{FFFD}")
            case "^" where next == "n" || next == "N" || next == "'" || next == "\"" || next == "^": cn.append(contentsOf: ["^", "^"])
            default: cn.append(u)
            }
        }
        return "ORGANIZER;CN=\"\(String(cn))\":mailto:\(Self.uriEscaped(address))"
    }

    /// The address as a URI's path (RFC 6068): anything but letters, digits and `-._~!$&'*+=@` percent-encoded.
    static func uriEscaped(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "-._~!$&'*+=@".contains(c) {
                out.append(c)
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
