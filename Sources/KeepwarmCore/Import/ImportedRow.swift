import KeepwarmCore

/// Recognises a file row imported before, whatever columns the file has: the row's values as Keepwarm reads them
/// (name, phone and email by the one ownership rule, `Ownership`: case and spacing evened out, a phone in any written
/// form; the source, the consent answers) and how many earlier rows of the same file had exactly the same values, hashed (64-bit FNV-1a, written as
/// 16 hex digits on the client's `client.added` as `row`). So a name-only file imported twice adds nobody the second
/// time, and a file listing two different "John Smith"s adds both, once. The value is derived from personal details,
/// so erasing the client removes it with them.
enum ImportedRow {
    /// The fingerprint of a row read from the `occurrence`-th row (from 1) of its file with these same `values`.
    static func fingerprint(values: String, occurrence: Int) -> String { fingerprint(valuesHash: hashing(values), occurrence: occurrence) }

    /// The same from the values' running hash (`hashing`): FNV-1a goes byte by byte, so carrying on from the values'
    /// hash with the separator and the occurrence gives exactly the hash of the whole text.
    static func fingerprint(valuesHash: UInt64, occurrence: Int) -> String {
        hex(hashing("\u{1F}\(occurrence)", from: valuesHash))
    }

    /// The row's values, evened out, one text per row.
    static func values(_ c: NewClient, _ keys: RowKeys) -> String {
        let consent = c.consentRecorded ? "\(c.contact ? 1 : 0)\(c.newsletter ? 1 : 0)" : "-"
        return [keys.name ?? "", keys.phone ?? "", keys.email ?? "", c.source?.lowercased() ?? "", consent].joined(separator: "\u{1F}")
    }

    /// 64-bit FNV-1a as 16 hex digits: stable from run to run and machine to machine (Swift's own hash is not).
    static func hash(_ text: String) -> String { hex(hashing(text)) }

    /// 64-bit FNV-1a of the text's UTF-8 bytes, carried on from `from` (the hash of the text before it).
    static func hashing(_ text: String, from: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = from
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    private static func hex(_ h: UInt64) -> String {
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// A row's name, phone and email as the one ownership rule compares them (`Ownership`), worked out once per row for
/// both the fingerprint and the duplicate rule.
struct RowKeys {
    let name: String?
    let phone: String?
    let email: String?

    init(_ c: NewClient, rule: Ownership) {
        name = Ownership.nameKey(c.name)
        phone = c.phone.flatMap(rule.phoneKey)
        email = c.email.flatMap(Ownership.emailKey)
    }
}
