import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// No channel may carry marketing to the client.
private func noMarketing(_ c: Client) -> Bool {
    !c.newsletter && ConsentChannel.allCases.allSatisfy { !Consent.allows(c, $0, for: .marketing) }
}

/// QA's D3, D8 and D5 (issue 15): opt-out columns under their common names, Square's "Unsubscribed" in the
/// newsletter column and a re-imported marketing "no" never leave a client contactable by the channel they refused.
@Suite struct ClientImportOptOutTests {

    /// D3: each common opt-out header withdraws its channel; "No" and empty say nothing; a marketing opt-out is no
    /// marketing by any channel; Deceased is a status.
    @Test func commonOptOutHeadersWithdrawTheirChannel() throws {
        let f = try Fixture()
        let plan = try importClients(f, """
            Name,Mobile,Email,Do Not Email,Do Not Text,Do Not Call,SMS Opt Out,Text Opt Out,Marketing Opt Out,Deceased,Do Not Mail,Opted Out Of Marketing,Email Opt-In,Contact Consent
            A One,07700 900001,a1@example.com,Yes,,,,,,,,,,
            B Two,07700 900002,b2@example.com,,Yes,,,,,,,,,
            C Three,07700 900003,c3@example.com,,,Yes,,,,,,,,
            D Four,07700 900004,d4@example.com,,,,Yes,,,,,,,
            E Five,07700 900005,e5@example.com,,,,,Yes,,,,,,
            F Six,07700 900006,f6@example.com,,,,,,Yes,,,,,yes
            G Seven,07700 900007,g7@example.com,,,,,,,Yes,,,,
            H Eight,07700 900008,h8@example.com,,,,,,,,Yes,,,
            I Nine,07700 900009,i9@example.com,,,,,,,,,Yes,yes,
            J Ten,07700 900010,j10@example.com,,,,,,,,,,No,
            K Eleven,07700 900011,k11@example.com,No,No,No,No,No,No,No,No,No,,

            """)
        #expect(plan.rejected.isEmpty && plan.imported == 11)
        #expect(consent(try client(f, "A One")) == ["withdrawn", "unknown", "unknown", "unknown"])
        #expect(!(try client(f, "A One")).newsletter)
        #expect(consent(try client(f, "B Two")) == ["unknown", "withdrawn", "unknown", "unknown"])
        #expect(consent(try client(f, "C Three")) == ["unknown", "unknown", "unknown", "withdrawn"])
        #expect(consent(try client(f, "D Four")) == ["unknown", "withdrawn", "unknown", "unknown"])
        #expect(consent(try client(f, "E Five")) == ["unknown", "withdrawn", "unknown", "unknown"])
        #expect(consent(try client(f, "H Eight")) == ["unknown", "unknown", "withdrawn", "unknown"])
        #expect(consent(try client(f, "J Ten")) == ["withdrawn", "unknown", "unknown", "unknown"])
        for name in ["A One", "B Two", "C Three", "D Four", "E Five", "H Eight", "J Ten"] {
            let c = try client(f, name)
            let withdrawn = ConsentChannel.allCases.filter { Consent.state(c, $0).isWithdrawn }
            #expect(withdrawn.count == 1 && withdrawn.allSatisfy { !Consent.allows(c, $0, for: .service) }, "\(name)")
            #expect(withdrawn.allSatisfy { c.consent[$0]?.how == .imported }, "\(name)")
        }
        // A marketing opt-out beside a contact yes (or an email yes) gives no channel for marketing; service may go.
        let fSix = try client(f, "F Six"), iNine = try client(f, "I Nine")
        #expect(noMarketing(fSix) && noMarketing(iNine))
        #expect(Consent.allows(fSix, .email, for: .service) && Consent.allows(iNine, .email, for: .service))
        let g = try client(f, "G Seven")
        #expect(g.status == .deceased && g.statusReason == "deceased in optouts.csv")
        #expect(!Contactable.mayPrompt(.client(g.id), in: f.p))
        // "No" in every opt-out column says nothing: never a yes.
        #expect(consent(try client(f, "K Eleven")) == ["unknown", "unknown", "unknown", "unknown"])
        #expect((try client(f, "K Eleven")).status == .active)
        let note = try #require(plan.notes.first { $0.hasPrefix("consent from the file: ") })
        for part in ["1 deceased", "2 unsubscribed from email", "3 withdrew text consent", "1 withdrew post consent",
                     "1 withdrew phone consent", "2 no marketing"] {
            #expect(note.contains(part), "\(part) in \(note)")
        }
    }

    /// D3: the other spellings, and `--map Died=deceased`.
    @Test func otherSpellingsAndMappedDeceasedAreRead() throws {
        let f = try Fixture()
        try importClients(f, """
            Name,Mobile,Do Not SMS,Do Not Phone,Do Not Post,Email Opt Out,Died
            P One,07700 900101,Opted Out,yes,TRUE,yes,
            P Two,07700 900102,,,,,2026-01-02

            """, map: "Died=deceased")
        #expect(consent(try client(f, "P One")) == ["withdrawn", "withdrawn", "withdrawn", "withdrawn"])
        #expect((try client(f, "P Two")).status == .deceased)
    }

    /// D8: Square's current "Email Subscription Status": Unsubscribed withdraws email (the autopilot plans none),
    /// Subscribed is the newsletter, Unknown says nothing.
    @Test func squareUnsubscribedWithdrawsEmail() throws {
        let f = try Fixture()
        try importClients(f, """
            First Name,Last Name,Email Address,Phone Number,Last Visit,Transaction Count,Email Subscription Status
            Sq,Unsub,unsub@example.com,,2026-11-20,3,Unsubscribed
            Sq,Sub,sub@example.com,,2026-11-20,3,Subscribed
            Sq,Unknown,unknown@example.com,,2026-11-20,3,Unknown

            """, preset: .square)
        let unsub = try client(f, "Sq Unsub"), sub = try client(f, "Sq Sub"), unknown = try client(f, "Sq Unknown")
        #expect(consent(unsub) == ["withdrawn", "unknown", "unknown", "unknown"] && !unsub.newsletter)
        #expect(!Consent.allows(unsub, .email, for: .service))
        #expect(sub.newsletter && consent(sub) == ["unknown", "unknown", "unknown", "unknown"])
        #expect(!unknown.newsletter && consent(unknown) == ["unknown", "unknown", "unknown", "unknown"])
    }

    /// D5: a later export where "Accepts Email Marketing" went Yes → No: the skipped row takes the newsletter off
    /// the client already in the log, and gives nothing.
    @Test func aReimportedMarketingNoTakesTheNewsletterOff() throws {
        let f = try Fixture()
        let map = "Contact Consent=contact"
        func file(_ marketing: String) -> String {
            """
            Patient ID,First Name,Last Name,Email,Mobile,Contact Consent,Accepts Email Marketing,Accepts SMS Marketing
            201,Ada,Lovelace,ada@example.com,07700 900123,yes,\(marketing),\(marketing)

            """
        }
        try importClients(f, file("Yes"), preset: .cliniko, map: map)
        #expect((try client(f, "Ada Lovelace")).newsletter)
        let plan = try importClients(f, file("No"), preset: .cliniko, map: map)
        #expect(plan.imported == 0)
        let ada = try client(f, "Ada Lovelace")
        #expect(!ada.newsletter)
        #expect(consent(ada) == ["given", "withdrawn", "given", "given"])
        #expect(!Consent.allows(ada, .sms, for: .marketing))
        // Saying yes again on a skipped row gives nothing back.
        try importClients(f, file("Yes"), preset: .cliniko, map: map)
        #expect(!(try client(f, "Ada Lovelace")).newsletter)
        #expect(try importClients(f, file("No"), preset: .cliniko, map: map).events.isEmpty)
    }

    /// D5 as QA ran it (Cliniko has no contact column): the newsletter edit would mark consent asked and so turn the
    /// channels never asked into "given"; it is left out, and no channel is given.
    @Test func aReimportedMarketingNoNeverInventsConsent() throws {
        let f = try Fixture()
        func file(_ marketing: String) -> String {
            """
            Patient ID,First Name,Last Name,Email,Mobile,Accepts Email Marketing,Accepts SMS Marketing
            201,Ada,Lovelace,ada@example.com,07700 900123,\(marketing),\(marketing)

            """
        }
        try importClients(f, file("Yes"), preset: .cliniko)
        try importClients(f, file("No"), preset: .cliniko)
        let ada = try client(f, "Ada Lovelace")
        #expect(consent(ada) == ["unknown", "withdrawn", "unknown", "unknown"])
        #expect(ConsentChannel.allCases.allSatisfy { !Consent.allows(ada, $0, for: .marketing) })
    }
}
