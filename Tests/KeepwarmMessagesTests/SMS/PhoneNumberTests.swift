import Testing
@testable import KeepwarmMessages

/// Numbers as a receptionist types them, to E.164 with the practice's country.
@Suite struct PhoneNumberTests {
    func e164(_ s: String, _ country: String) throws -> String { try PhoneNumber.e164(s, country: country) }

    @Test func britishNumbersTypedEveryUsualWay() throws {
        for typed in ["07700 900123", "07700900123", "+44 7700 900123", "+44 (0)7700 900123", "0044 7700 900123",
                      "+44-7700-900-123", "7700 900123", " 07700 900 123 ", "07700\u{A0}900123"] {
            #expect(try e164(typed, "GB") == "+447700900123", "\(typed)")
        }
        #expect(try e164("(020) 7946-0018", "GB") == "+442079460018")
        #expect(try e164("001 212 555 0100", "GB") == "+12125550100")
        #expect(try e164("07700 900123", " gb ") == "+447700900123")
    }

    @Test func everyCountryInTheTable() throws {
        let cases: [(String, String, String)] = [
            ("IE", "087 123 4567", "+353871234567"),
            ("US", "(212) 555-0100", "+12125550100"),
            ("US", "1-212-555-0100", "+12125550100"),
            ("US", "011 44 7700 900123", "+447700900123"),
            ("CA", "416.555.0100", "+14165550100"),
            ("AU", "0412 345 678", "+61412345678"),
            ("AU", "0011 44 7700 900123", "+447700900123"),
            ("NZ", "021 123 4567", "+64211234567"),
            ("DE", "0151 23456789", "+4915123456789"),
            ("FR", "06 12 34 56 78", "+33612345678"),
            ("NL", "06-12345678", "+31612345678"),
            ("BE", "0470 12 34 56", "+32470123456"),
            ("ES", "612 34 56 78", "+34612345678"),
            ("IT", "06 1234 5678", "+390612345678"),  // Italy keeps its leading 0
            ("IT", "312 345 6789", "+393123456789"),
            ("PT", "912 345 678", "+351912345678"),
            ("CH", "078 123 45 67", "+41781234567"),
            ("AT", "0664 1234567", "+436641234567"),
            ("DK", "20 12 34 56", "+4520123456"),
            ("NO", "412 34 567", "+4741234567"),
            ("SE", "070-123 45 67", "+46701234567"),
            ("FI", "040 123 4567", "+358401234567"),
            ("ZA", "082 123 4567", "+27821234567"),
            ("ZA", "+44 7700 900123", "+447700900123"),
        ]
        for (country, typed, want) in cases {
            #expect(try e164(typed, country) == want, "\(country) \(typed)")
        }
        #expect(Set(PhoneNumber.knownCountries).isSuperset(of: ["GB", "IE", "US", "CA", "AU", "NZ", "DE", "FR", "NL", "ES", "IT", "ZA"]))
    }

    @Test func aNumberWithAPlusWorksInAnUnknownCountryButANationalOneIsRefused() throws {
        #expect(try e164("+44 7700 900123", "XX") == "+447700900123")
        #expect(try e164("+290 1234", "") == "+2901234")
        #expect(throws: PhoneNumberError(description: "the practice's country is XX, which Keepwarm has no dialling rules for, so \"07700 900123\" cannot be read as a national number; write it with + and the country code, e.g. +44 7700 900123, or set the practice's country to one of \(PhoneNumber.knownCountries.joined(separator: ", "))")) {
            try e164("07700 900123", "XX")
        }
        #expect(throws: PhoneNumberError.self) { try e164("07700 900123", "") }
    }

    @Test func hostileAndMistypedNumbersAreRefusedWithOneLineThatSaysWhatToDo() {
        func why(_ s: String, _ c: String = "GB") -> String {
            do { return "accepted " + (try PhoneNumber.e164(s, country: c)) } catch { return error.description }
        }
        #expect(why("07700 9OO123") == "the phone number \"07700 9OO123\" has a letter in it (O); a number for text messages is digits only, e.g. 07700 900123 — correct it on the client's record")
        #expect(why("+44 7700 900123 ext 2").hasPrefix("the phone number \"+44 7700 900123 ext 2\" has a letter in it (e)"))
        #expect(why("$(rm -rf /)") == "the phone number \"$(rm -rf /)\" has \"$\" in it; write only digits, spaces and a + at the start, e.g. +44 7700 900123")
        #expect(why("07700;rm 900123").hasPrefix("the phone number \"07700;rm 900123\" has \";\" in it"))
        #expect(why("07700\u{1B}[31m900123") == "the phone number \"07700␛[31m900123\" has U+001B in it; write only digits, spaces and a + at the start, e.g. +44 7700 900123")
        #expect(why("++44 7700 900123").hasPrefix("the phone number \"++44 7700 900123\" has \"+\" in it"))
        #expect(why("07700 +900123").hasPrefix("the phone number \"07700 +900123\" has \"+\" in it"))
        #expect(why("٠٧٧٠٠ ٩٠٠١٢٣").hasPrefix("the phone number \"٠٧٧٠٠ ٩٠٠١٢٣\" has \"٠\" in it"))
        #expect(why("") == "there is no phone number to text; add the client's mobile number to their record")
        #expect(why(" - ") == "there is no phone number to text; add the client's mobile number to their record")
        #expect(why("0770 090") == "the phone number \"0770 090\" has too few digits for a +44 number (6 after the country code; it needs 9 to 10); check it with the client")
        #expect(why("07700 900123 4") == "the phone number \"07700 900123 4\" has too many digits for a +44 number (11 after the country code; it has 9 to 10); check it with the client")
        #expect(why("(212) 555-010", "US").hasPrefix("the phone number \"(212) 555-010\" has too few digits for a +1 number (9"))
        #expect(why("+999 1234 5678 9012 34") == "the phone number \"+999 1234 5678 9012 34\" has more digits than any phone number can (15 with the country code); check it with the client")
        #expect(why("+999 12") == "the phone number \"+999 12\" has too few digits to be a whole number with its country code; check it with the client")
        #expect(why("+07700 900123") == "the phone number \"+07700 900123\" has 0 where its country code should be; write it as +44 7700 900123 (+, the country code, the number without its first 0) or the national way, 07700 900123")
    }
}
