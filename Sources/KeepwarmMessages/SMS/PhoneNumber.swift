import KeepwarmCore

/// Why a number cannot be texted, in one line that says what to do; the typed number is shown made visible.
public struct PhoneNumberError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
}

/// Turns a phone number as the desk typed it into the E.164 form an SMS gateway takes (`+447700900123`), using the
/// practice's country for numbers written the national way (`07700 900123`).
public enum PhoneNumber {
    /// One country's dialling: its calling code, the trunk prefix its national numbers start with (dropped in E.164),
    /// the prefix for calling abroad from it, and how many digits its numbers have after the trunk prefix.
    struct Country: Sendable {
        let callingCode: String
        let trunk: String?
        let international: [String]
        let digits: ClosedRange<Int>
    }

    /// The countries whose national numbers Keepwarm can read; any number written with `+` or an international prefix
    /// works whatever the practice's country. (Italy and Spain have no trunk prefix: Italy's leading 0 stays.)
    static let countries: [String: Country] = [
        "GB": Country(callingCode: "44", trunk: "0", international: ["00"], digits: 9...10),
        "IE": Country(callingCode: "353", trunk: "0", international: ["00"], digits: 7...9),
        "US": Country(callingCode: "1", trunk: "1", international: ["011"], digits: 10...10),
        "CA": Country(callingCode: "1", trunk: "1", international: ["011"], digits: 10...10),
        "AU": Country(callingCode: "61", trunk: "0", international: ["0011"], digits: 9...9),
        "NZ": Country(callingCode: "64", trunk: "0", international: ["00"], digits: 8...10),
        "DE": Country(callingCode: "49", trunk: "0", international: ["00"], digits: 6...13),
        "FR": Country(callingCode: "33", trunk: "0", international: ["00"], digits: 9...9),
        "NL": Country(callingCode: "31", trunk: "0", international: ["00"], digits: 9...9),
        "BE": Country(callingCode: "32", trunk: "0", international: ["00"], digits: 8...9),
        "ES": Country(callingCode: "34", trunk: nil, international: ["00"], digits: 9...9),
        "IT": Country(callingCode: "39", trunk: nil, international: ["00"], digits: 6...11),
        "PT": Country(callingCode: "351", trunk: nil, international: ["00"], digits: 9...9),
        "CH": Country(callingCode: "41", trunk: "0", international: ["00"], digits: 9...9),
        "AT": Country(callingCode: "43", trunk: "0", international: ["00"], digits: 4...13),
        "DK": Country(callingCode: "45", trunk: nil, international: ["00"], digits: 8...8),
        "NO": Country(callingCode: "47", trunk: nil, international: ["00"], digits: 8...8),
        "SE": Country(callingCode: "46", trunk: "0", international: ["00"], digits: 7...9),
        "FI": Country(callingCode: "358", trunk: "0", international: ["00", "990", "994", "999"], digits: 5...12),
        "ZA": Country(callingCode: "27", trunk: "0", international: ["00"], digits: 9...9),
    ]

    /// The ISO 3166 codes `e164(_:country:)` knows, sorted.
    public static var knownCountries: [String] { countries.keys.sorted() }

    /// `text` in E.164, `+` and at most 15 digits: `07700 900123`, `+44 7700 900123`, `+44 (0)7700 900123` and
    /// `0044 7700 900123` are all `+447700900123` for a practice in GB (`country` is its ISO 3166 code, any case).
    /// Spaces, dashes, dots, slashes and brackets are ignored; letters, an extension, a `+` other than first, too few
    /// or too many digits and a country Keepwarm does not know are refused with one line saying what to do.
    public static func e164(_ text: String, country: String) throws(PhoneNumberError) -> String {
        let shown = DisplayText.visible(text.trimmingWhitespace)
        func refuse(_ why: String) -> PhoneNumberError { PhoneNumberError(description: why) }
        let code = country.trimmingWhitespace.uppercased()
        var digits = ""
        var plus = false
        for ch in text.trimmingWhitespace {
            if ch.isASCII, ch.isNumber { digits.append(ch) }
            else if ch == "+" && digits.isEmpty && !plus { plus = true }
            else if ch == " " || ch == "-" || ch == "." || ch == "/" || ch == "(" || ch == ")" || ch == "\u{A0}" { continue }
            else if ch.isLetter {
                throw refuse("the phone number \"\(shown)\" has a letter in it (\(DisplayText.visible(String(ch)))); a number for text messages is digits only, e.g. 07700 900123 — correct it on the client's record")
            } else {
                throw refuse("the phone number \"\(shown)\" has \(SMSText.name(ch)) in it; write only digits, spaces and a + at the start, e.g. +44 7700 900123")
            }
        }
        if digits.isEmpty { throw refuse("there is no phone number to text; add the client's mobile number to their record") }

        var international: String?
        var home: Country?
        if plus {
            international = digits
        } else {
            guard let c = countries[code] else {
                let name = code.isEmpty ? "not set" : "\(DisplayText.visible(code)), which Keepwarm has no dialling rules for"
                throw refuse("the practice's country is \(name), so \"\(shown)\" cannot be read as a national number; write it with + and the country code, e.g. +44 7700 900123, or set the practice's country to one of \(knownCountries.joined(separator: ", "))")
            }
            home = c
            // The longest prefix first: Australia's 0011 before a plain 00.
            for p in (c.international + ["00"]).sorted(by: { $0.count > $1.count }) where digits.hasPrefix(p) && digits.count > p.count {
                international = String(digits.dropFirst(p.count))
                break
            }
        }
        let e164: String
        if let rest = international {
            if rest.hasPrefix("0") {
                throw refuse("the phone number \"\(shown)\" has 0 where its country code should be; write it as +44 7700 900123 (+, the country code, the number without its first 0) or the national way, 07700 900123")
            }
            // A known country's numbers are checked; others only for E.164's bounds.
            if let (c, national) = split(rest) {
                var n = national
                // "+44 (0)7700 900123": the trunk 0 some people keep in brackets is not dialled from abroad.
                if c.trunk == "0", n.hasPrefix("0") { n.removeFirst() }
                try check(n, in: c, shown: shown)
                e164 = c.callingCode + n
            } else {
                e164 = rest
            }
        } else {
            let c = home!
            var n = digits
            // The trunk prefix is dropped: always a 0 where it is 0 (no number there starts with 0 otherwise), and
            // North America's 1 when there is one digit more than a number has (no area code starts with 1).
            if let t = c.trunk, n.hasPrefix(t), t == "0" || n.count == c.digits.upperBound + t.count { n.removeFirst(t.count) }
            try check(n, in: c, shown: shown)
            e164 = c.callingCode + n
        }
        if e164.count > 15 {
            throw refuse("the phone number \"\(shown)\" has more digits than any phone number can (15 with the country code); check it with the client")
        }
        if e164.count < 7 {
            throw refuse("the phone number \"\(shown)\" has too few digits to be a whole number with its country code; check it with the client")
        }
        return "+" + e164
    }

    /// The country whose calling code `digits` (after + or an international prefix) starts with, and the rest; nil
    /// for a calling code not in the table. `+1` is read as the United States (Canada shares its numbering).
    private static func split(_ digits: String) -> (Country, String)? {
        for c in countries.values.sorted(by: { $0.callingCode.count > $1.callingCode.count }) where digits.hasPrefix(c.callingCode) {
            return (c.callingCode == "1" ? countries["US"]! : c, String(digits.dropFirst(c.callingCode.count)))
        }
        return nil
    }

    private static func check(_ national: String, in c: Country, shown: String) throws(PhoneNumberError) {
        let count = national.count
        if count < c.digits.lowerBound {
            throw PhoneNumberError(description: "the phone number \"\(shown)\" has too few digits for a +\(c.callingCode) number (\(count) after the country code; it needs \(words(c.digits))); check it with the client")
        }
        if count > c.digits.upperBound {
            throw PhoneNumberError(description: "the phone number \"\(shown)\" has too many digits for a +\(c.callingCode) number (\(count) after the country code; it has \(words(c.digits))); check it with the client")
        }
    }

    private static func words(_ r: ClosedRange<Int>) -> String {
        r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound) to \(r.upperBound)"
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
