import Foundation
import KeepwarmCore

/// One plain-text email as RFC 5322 bytes, ready for a `sendmail -t` command and a Maildir.
public struct MailMessage: Sendable {
    public let from: MailAddress
    public let to: MailAddress
    public let subject: String
    public let body: String
    public let date: Instant
    /// The part before the `@` of the Message-ID; the caller supplies something unique, such as a UUID.
    public let uniquePart: String

    public init(from: MailAddress, to: MailAddress, subject: String, body: String, date: Instant, uniquePart: String) {
        (self.from, self.to, self.subject, self.body, self.date, self.uniquePart) = (from, to, subject, body, date, uniquePart)
    }

    /// `<unique@from-domain>`.
    public var messageID: String { "<\(uniquePart)@\(from.domain)>" }

    /// Headers then body, lines ending in LF as a local `sendmail -t` expects (it makes them CRLF on the wire).
    public var bytes: [UInt8] {
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        // 8bit keeps the stored copy readable; a line over RFC 5322's 998 octets needs quoted-printable instead.
        let long = lines.contains { $0.utf8.count > 998 }
        var text = ""
        text += "From: \(from.header)\n"
        text += "To: \(to.header)\n"
        text += "Subject: \(HeaderText.unstructured(subject))\n"
        text += "Date: \(Self.rfc5322Date(date))\n"
        text += "Message-ID: \(messageID)\n"
        text += "MIME-Version: 1.0\n"
        text += "Content-Type: text/plain; charset=utf-8\n"
        text += "Content-Transfer-Encoding: \(long ? "quoted-printable" : "8bit")\n"
        text += "\n"
        var out = Array(text.utf8)
        var bodyText = long ? QuotedPrintable.encode(body.replacingOccurrences(of: "\r\n", with: "\n")) : lines.joined(separator: "\n")
        if !bodyText.hasSuffix("\n") { bodyText += "\n" }
        out += Array(bodyText.utf8)
        return out
    }

    /// `Sat, 21 Nov 2026 17:43:02 +0000`: always UTC, which every reader converts to its own zone.
    static func rfc5322Date(_ i: Instant) -> String {
        let seconds = i.ms >= 0 ? i.ms / 1000 : (i.ms - 999) / 1000
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = Civil.date(fromDays: days)
        let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[Civil.weekday(ofDay: days)]), \(d) \(months[m - 1]) \(y) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) +0000"
    }
}
