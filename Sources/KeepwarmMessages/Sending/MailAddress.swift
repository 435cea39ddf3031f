import Foundation

/// An email address and the name shown with it, checked so neither can add a header or a second recipient.
public struct MailAddress: Equatable, Sendable {
    public let address: String
    public let name: String

    /// Nil when `address` is not one plain `local@domain` (spaces, line breaks, commas, angle brackets and quotes are
    /// refused: any of them in a header could smuggle in another recipient or header).
    public init?(_ address: String, name: String = "") {
        let a = address.trimmingCharacters(in: .whitespaces)
        let parts = a.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              a.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"<>,;:\"()[]\\".unicodeScalars.contains($0) })
        else { return nil }
        self.address = a
        self.name = String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
            .map(Character.init)).trimmingCharacters(in: .whitespaces)
    }

    /// The domain, for the Message-ID.
    public var domain: String { String(address.split(separator: "@").last ?? "localhost") }

    /// `Name <address>`, the name quoted or RFC 2047-encoded as it needs.
    public var header: String {
        guard !name.isEmpty else { return address }
        return HeaderText.phrase(name) + " <" + address + ">"
    }
}
