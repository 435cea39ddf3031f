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
    /// `"` becomes `'` and a control character a space: it is only a label, and the practice's name itself is
    /// unchanged in X-WR-CALNAME.
    public var line: String {
        let cn = String(String.UnicodeScalarView(name.unicodeScalars.map { u -> Unicode.Scalar in
            u == "\"" ? "'" : (u.value < 0x20 || u.value == 0x7F) ? " " : u
        }))
        return "ORGANIZER;CN=\"\(cn)\":mailto:\(Self.uriEscaped(address))"
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
