import Foundation

/// Which records belong to a client (Docs/rules.md, "Whose record is this"): the one rule the diary's callback flag,
/// the callbacks list, `export-client`, `erase` and import's duplicate finder all use, so they never disagree.
///
/// A detail is reduced to a key, and two details are the same when their keys are equal:
/// - a name ignoring case and runs of spaces (`"ADA  Lovelace"` is `"ada lovelace"`);
/// - an email address trimmed and ignoring case;
/// - a phone number by its digits, with the practice's own international forms read as the national one
///   (`07700 900777`, `+44 7700 900777`, `0044 7700 900777` and `447700900777` are one number in a UK practice).
/// The erased placeholder and numbers with fewer than 5 digits match nothing.
public struct Ownership: Equatable, Sendable {
    /// The practice's country calling code, without the `+` (`44`).
    public let callingCode: String

    public init(callingCode: String) { self.callingCode = callingCode }

    /// The rule for this practice: its country read from its time zone.
    public init(_ p: Practice) { self.init(timeZone: p.settings.timeZone) }

    /// The calling code of the country a time zone belongs to (`Settings.country(ofTimeZone:)`, the one table of
    /// zones); a zone not in that table is taken as the UK's (+44), where Keepwarm's practices are.
    public init(timeZone: String) {
        callingCode = Self.callingCodes[Settings.country(ofTimeZone: timeZone)] ?? "44"
    }

    /// The countries of `Settings.countries` and their calling codes.
    static let callingCodes: [String: String] = [
        "GB": "44", "IE": "353", "FR": "33", "DE": "49", "ES": "34", "IT": "39", "NL": "31", "BE": "32", "PT": "351",
        "CH": "41", "AT": "43", "SE": "46", "NO": "47", "DK": "45", "FI": "358", "AU": "61", "NZ": "64", "IN": "91",
        "SG": "65", "ZA": "27", "US": "1", "CA": "1",
    ]

    /// One detail of a person, reduced so that equal keys mean the same detail.
    public enum Key: Hashable, Sendable {
        case name(String), phone(String), email(String)
    }

    /// The details a person has had (a client's names, phones and emails, or one callback's name and phone).
    public struct Details: Equatable, Sendable {
        public var names: [String]
        public var phones: [String]
        public var emails: [String]

        public init(names: [String] = [], phones: [String] = [], emails: [String] = []) {
            (self.names, self.phones, self.emails) = (names, phones, emails)
        }

        /// A client's details as they stand.
        public init(_ c: Client) {
            self.init(names: [c.name], phones: c.phone.map { [$0] } ?? [], emails: c.email.map { [$0] } ?? [])
        }

        /// The name and phone a callback was taken under.
        public init(_ cb: Callback) { self.init(names: [cb.name], phones: [cb.phone]) }
    }

    /// Every key of a person's details: the one place that says what makes two details the same.
    public func keys(_ d: Details) -> Set<Key> {
        var out: Set<Key> = []
        for n in d.names { if let k = Self.nameKey(n) { out.insert(.name(k)) } }
        for p in d.phones { if let k = phoneKey(p) { out.insert(.phone(k)) } }
        for e in d.emails { if let k = Self.emailKey(e) { out.insert(.email(k)) } }
        return out
    }

    /// The client on the books (not withdrawn or erased) with the same name and the same phone or email as a new
    /// client would have, and which detail matched: the import's duplicate rule, so `+`, `client add` and an import
    /// agree on who is already a client.
    public func sameClient(name: String, phone: String?, email: String?, in p: Practice) -> (client: Client, by: String)? {
        guard let n = Self.lookAlikeKey(name) else { return nil }
        let ph = phone.flatMap(phoneKey), em = email.flatMap(Self.emailKey)
        guard ph != nil || em != nil else { return nil }
        let key = Array(n.utf8)
        // Each client lent by its address and compared by bytes: folding every name through Foundation, on a copy of
        // every client, was 235 ms of each `client add` at 1M events (Docs/performance.md, round eight).
        return p.clients.withUnsafeBufferPointer { clients -> (client: Client, by: String)? in
            for i in clients.indices where !clients[i].withdrawn && clients[i].erasedAt == nil
                && Self.lookAlike(clients[i].name, hasKey: key, n) {
                if let ph, clients[i].phone.flatMap(phoneKey) == ph { return (clients[i], "phone") }
                if let em, clients[i].email.flatMap(Self.emailKey) == em { return (clients[i], "email") }
            }
            return nil
        }
    }

    /// Whether `name`'s `lookAlikeKey` is `key` (its bytes `bytes`). An all-ASCII name is compared byte by byte as
    /// its key would read, lower case with each run of white space one space and none at either end, since folding
    /// ASCII is lowercasing (`FoldedNames.bytes` relies on the same); any other name is folded in full.
    static func lookAlike(_ name: String, hasKey bytes: [UInt8], _ key: String) -> Bool {
        // Through the name's own bytes: iterating the UTF-8 view byte by byte was still 0.3 µs a name.
        let answer = name.utf8.withContiguousStorageIfAvailable { utf8 -> Bool? in
            var k = 0, pendingSpace = false, same = true
            for b in utf8 {
                // A letter followed by a combining mark folds with it, so a name with any non-ASCII byte is folded whole.
                if b >= 0x80 { return nil }
                guard same else { continue }
                if b == 0x20 || (0x09...0x0D).contains(b) {
                    pendingSpace = k > 0
                    continue
                }
                if pendingSpace {
                    same = k < bytes.count && bytes[k] == 0x20
                    k += 1
                    pendingSpace = false
                }
                same = same && k < bytes.count && bytes[k] == (b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
                k += 1
            }
            // An ASCII name whose key would be the erased placeholder has no key, so it matches nothing.
            return same && k == bytes.count && key != Erasure.placeholder
        }
        if let answer, let answer { return answer }
        return lookAlikeKey(name) == key
    }

    /// Whether a callback belongs to the person with these details: it was taken under one of their names or from one
    /// of their phone numbers.
    public func callback(_ cb: Callback, belongsTo who: Details) -> Bool {
        !keys(Details(cb)).isDisjoint(with: keys(who))
    }

    /// A name ignoring case and spacing; nil for an empty name or the erased placeholder.
    public static func nameKey(_ name: String) -> String? {
        let k = name.lowercased().words.joined(separator: " ")
        return k.isEmpty || k == Erasure.placeholder ? nil : k
    }

    /// A name as a person reads it when asking "is this the same client?": case, spacing and accents ignored, as the
    /// console's search ignores them ("Zoe Bronte" is "Zoë Brontë"); nil for an empty name or the erased placeholder.
    public static func lookAlikeKey(_ name: String) -> String? {
        nameKey(name).map(fold)
    }

    /// Text with case and accents ignored: how search and the look-alike rule compare names ("Zoë" is "zoe").
    public static func fold(_ s: String) -> String { s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }

    /// An email address trimmed and ignoring case; nil when empty.
    public static func emailKey(_ email: String) -> String? {
        let k = email.trimmed.lowercased()
        return k.isEmpty ? nil : k
    }

    /// A phone number as the digits that identify it: a number in the practice's country as its national number
    /// without the leading 0 (`7700900777`), any other as `+` and its international digits (`+33612345678`). Written
    /// with `+` or `00` it is international; bare digits starting with the practice's calling code and long enough to
    /// hold a whole number after it (9 digits) are too, since a national number starts with 0 (`447700900777`).
    /// Nil with fewer than 5 digits.
    public func phoneKey(_ phone: String) -> String? {
        var d = Substring(String(String.UnicodeScalarView(phone.unicodeScalars.filter { ("0"..."9").contains($0) })))
        guard d.count >= 5 else { return nil }
        let firstDigit = phone.firstIndex { $0.isASCII && $0.isNumber }
        var international = firstDigit.map { phone[..<$0].utf8.contains(UInt8(ascii: "+")) } ?? false
        if !international && d.hasPrefix("00") {
            d = d.dropFirst(2)
            international = true
        }
        if international {
            guard d.hasPrefix(callingCode) else { return "+" + d }
            d = d.dropFirst(callingCode.count)
        } else if d.hasPrefix(callingCode) && !d.hasPrefix("0") && d.count - callingCode.count >= 9 {
            d = d.dropFirst(callingCode.count)
        }
        // The national trunk prefix, also written after the code as "+44 (0)7700 …".
        if d.hasPrefix("0") { d = d.dropFirst() }
        return d.count >= 4 ? String(d) : nil
    }
}
