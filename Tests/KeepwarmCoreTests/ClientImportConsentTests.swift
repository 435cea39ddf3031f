import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

private let unknownEverywhere = ["unknown", "unknown", "unknown", "unknown"]

/// Files shaped like each system's client export (headers as the systems' help pages describe them; the exact
/// presets are in ImportPreset), imported with `--map`: every column that says a client must not be contacted is
/// honoured, and where a file says nothing consent stays unknown, never yes.
@Suite struct ClientImportConsentTests {

    /// Cliniko's patient export: an archive time for archived patients, "Accepts Email Marketing" true/false.
    @Test func clinikoArchivedPatientsAreNotContactableAndMarketingIsRead() throws {
        let f = try Fixture()
        let plan = try importClients(f, """
            Patient ID,First Name,Last Name,Email,Mobile,Archived At,Accepts Email Marketing
            501,Ada,Lovelace,ada@example.com,07700 900123,2025-03-01 10:00:00 UTC,true
            502,Grace,Hopper,grace@example.com,07700 900124,,false
            503,Joan,Clarke,joan@example.com,07700 900125,,

            """, file: "/tmp/exports/cliniko.csv",
            map: "Patient ID=id,First Name=first,Last Name=last,Archived At=archived,Accepts Email Marketing=newsletter,Mobile=phone")
        #expect(plan.rejected.isEmpty)
        let ada = try client(f, "Ada Lovelace"), grace = try client(f, "Grace Hopper"), joan = try client(f, "Joan Clarke")
        #expect(ada.status == .doNotContact && ada.statusReason == "archived in cliniko.csv")
        #expect(!Contactable.mayPrompt(.client(ada.id), in: f.p))
        #expect(grace.status == .active && !grace.newsletter && !grace.consentRecorded)
        // "Accepts Email Marketing = false" is no newsletter, not a withdrawal of email: reminders may still go.
        #expect(consent(grace) == unknownEverywhere)
        #expect(consent(joan) == unknownEverywhere && !joan.consentRecorded)
        #expect(plan.notes == ["consent from the file: 1 archived, 1 no marketing, 2 consent unknown (not asked: no marketing until they say yes; ask them at their next visit)"])
    }

    /// Mindbody's client export: a Status of Active or Inactive, and an opt-out of marketing emails.
    @Test func mindbodyInactiveClientsAndEmailOptOutsAreHonoured() throws {
        let f = try Fixture()
        let plan = try importClients(f, """
            Client ID,First Name,Last Name,Email,Mobile Phone,Status,Opt-out of marketing emails
            100001,Ruth,Ellis,ruth@example.com,07700 900200,Inactive,No
            100002,Tom,Reed,tom@example.com,07700 900201,Active,Yes
            100003,Ivy,Stone,ivy@example.com,07700 900202,Active,No

            """, file: "mindbody.csv", map: "Client ID=id,First Name=first,Last Name=last,Mobile Phone=phone,Status=status,Opt-out of marketing emails=unsubscribed")
        let ruth = try client(f, "Ruth Ellis"), tom = try client(f, "Tom Reed"), ivy = try client(f, "Ivy Stone")
        #expect(ruth.status == .doNotContact && ruth.statusReason == "inactive in mindbody.csv")
        #expect(tom.status == .active && !tom.newsletter)
        #expect(consent(tom) == ["withdrawn", "unknown", "unknown", "unknown"])
        #expect(!Consent.allows(tom, .email, for: .service) && Consent.allows(tom, .sms, for: .service))
        #expect(ivy.status == .active && consent(ivy) == unknownEverywhere)
        #expect(plan.notes == ["consent from the file: 1 inactive, 1 unsubscribed from email, 1 consent unknown (not asked: no marketing until they say yes; ask them at their next visit)"])
    }

    /// Square's customer export: "Email Subscription Status" of Subscribed or Unsubscribed (Square's help, "Manage
    /// Unsubscribed Customers"), read as an unsubscribed flag or as email consent, either way round.
    @Test func squareEmailSubscriptionStatusIsReadEitherWay() throws {
        let f = try Fixture()
        let text = """
            Reference ID,First Name,Last Name,Email Address,Phone Number,Email Subscription Status
            sq1,Ann,Lee,ann@example.com,07700 900300,Subscribed
            sq2,Bob,Marsh,bob@example.com,07700 900301,Unsubscribed
            sq3,Cy,North,cy@example.com,07700 900302,

            """
        try importClients(f, text, file: "square.csv", map: "Reference ID=id,First Name=first,Last Name=last,Email Address=email,Phone Number=phone,Email Subscription Status=unsubscribed")
        #expect(consent(try client(f, "Ann Lee")) == unknownEverywhere)
        #expect(consent(try client(f, "Bob Marsh")) == ["withdrawn", "unknown", "unknown", "unknown"])
        #expect(consent(try client(f, "Cy North")) == unknownEverywhere)

        let g = try Fixture()
        try importClients(g, text, file: "square.csv", map: "Reference ID=id,First Name=first,Last Name=last,Email Address=email,Phone Number=phone,Email Subscription Status=email-consent")
        #expect(consent(try client(g, "Ann Lee")) == ["given", "unknown", "unknown", "unknown"])
        #expect(consent(try client(g, "Bob Marsh")) == ["withdrawn", "unknown", "unknown", "unknown"])
        #expect(consent(try client(g, "Cy North")) == unknownEverywhere)
    }

    /// SimplePractice's client list: a client status and per-channel reminder consent (Ok to email / Ok to text).
    @Test func simplePracticePerChannelConsentIsRecordedChannelByChannel() throws {
        let f = try Fixture()
        let plan = try importClients(f, """
            First Name,Last Name,Email,Phone,Status,OK to Email,OK to Text,OK to Call
            Dee,Ward,dee@example.com,07700 900400,Active,Opted In,Opted Out,
            Eli,Vance,eli@example.com,07700 900401,Discharged,TRUE,✓,Y
            Fay,Moss,fay@example.com,07700 900402,Deceased,,,

            """, file: "simplepractice.csv",
            map: "First Name=first,Last Name=last,Status=status,OK to Email=email-consent,OK to Text=sms-consent,OK to Call=phone-consent")
        let dee = try client(f, "Dee Ward"), eli = try client(f, "Eli Vance"), fay = try client(f, "Fay Moss")
        #expect(consent(dee) == ["given", "withdrawn", "unknown", "unknown"])
        #expect(dee.consent[.email]?.how == .imported)
        #expect(eli.status == .discharged && eli.statusReason == "discharged in simplepractice.csv")
        #expect(consent(eli) == ["given", "given", "unknown", "given"])
        #expect(fay.status == .deceased && fay.statusReason == "deceased in simplepractice.csv")
        #expect(plan.notes == ["consent from the file: 1 deceased, 1 discharged, 1 withdrew text consent, 2 gave email consent, 1 gave text consent, 1 gave phone consent"])
    }

    /// Jane's patient list: the name as "Last, First" in one column, an Archived flag and an email marketing answer.
    @Test func janeArchivedFlagAndLastFirstNames() throws {
        let f = try Fixture()
        try importClients(f, """
            Patient,Email,Mobile Phone,Archived,Email Marketing
            "Brontë, Zoë",zoe@example.com,07700 900500,No,Yes
            "Austen, Jane",jane@example.com,07700 900501,Archived,No

            """, file: "jane.csv", map: "Patient=name,Mobile Phone=phone,Archived=archived,Email Marketing=newsletter")
        let zoe = try client(f, "Zoë Brontë"), jane = try client(f, "Jane Austen")
        #expect(zoe.status == .active && zoe.newsletter)
        #expect(jane.status == .doNotContact && jane.statusReason == "archived in jane.csv" && !jane.newsletter)
    }

    /// Acuity's client list says nothing about consent: nobody comes in as having agreed to anything.
    @Test func acuityClientsWithNoConsentColumnsStayUnknown() throws {
        let f = try Fixture()
        let plan = try importClients(f, """
            First Name,Last Name,Phone,Email,Notes
            Gil,Hart,07700 900600,gil@example.com,prefers mornings
            Hal,Ince,07700 900601,hal@example.com,

            """, file: "acuity.csv", map: "First Name=first,Last Name=last,Notes=ignore")
        for name in ["Gil Hart", "Hal Ince"] {
            let c = try client(f, name)
            #expect(!c.consentRecorded && consent(c) == unknownEverywhere && !c.newsletter)
            #expect(!Consent.allows(c, .email, for: .marketing))
        }
        #expect(!f.bytes().contains(Array("consent.changed".utf8)))
        #expect(plan.notes == ["2 clients with no contact or newsletter answer in the file: consent counted as not asked (contact allowed, no newsletter); ask them at their next visit"])
    }

    /// Fresha's client export: "Accepts marketing notifications" and a blocked (do not contact) flag.
    @Test func freshaBlockedClientsAreDoNotContactOnEveryChannel() throws {
        let f = try Fixture()
        let plan = try importClients(f, """
            Client ID,First Name,Last Name,Mobile Number,Email,Accepts marketing notifications,Blocked
            f1,Ike,Jones,07700 900700,ike@example.com,Yes,No
            f2,Jo,King,07700 900701,jo@example.com,Yes,Yes

            """, file: "fresha.csv",
            map: "Client ID=id,First Name=first,Last Name=last,Mobile Number=phone,Accepts marketing notifications=newsletter,Blocked=do-not-contact")
        let ike = try client(f, "Ike Jones"), jo = try client(f, "Jo King")
        #expect(ike.newsletter && ike.status == .active)
        #expect(jo.status == .doNotContact && jo.statusReason == "do not contact in fresha.csv" && !jo.contact)
        #expect(consent(jo) == ["withdrawn", "withdrawn", "withdrawn", "withdrawn"])
        #expect(!Contactable.mayPrompt(.client(jo.id), in: f.p))
        #expect(plan.notes.first?.hasPrefix("consent from the file: 1 do not contact,") == true)
        // The status and the withdrawal follow Jo's own client.added in the batch.
        let kinds = plan.events.map(\.type)
        #expect(kinds == ["client.added", "client.added", "client.status", "consent.changed"])
    }

    /// A no anywhere in a row wins over a yes (an opt-out is never undone by another column), and a word that is
    /// neither yes nor no rejects the row naming its column, without holding up the rest.
    @Test func aNoWinsAndAWordThatIsNeitherRejectsTheRowNamingTheColumn() throws {
        let f = try Fixture()
        let plan = try importClients(f, """
            name,Email Consent,Unsubscribed,SMS
            Kit Lowe,Yes,Unsubscribed,Subscribed
            Lou Mays,maybe,,
            Max Nye,,sometimes,

            """, file: "mixed.csv", map: "Email Consent=email-consent,Unsubscribed=unsubscribed,SMS=sms-consent")
        #expect(plan.rejected == [
            SkippedRow(row: 3, reason: "Email Consent is 'maybe'; use yes or no"),
            SkippedRow(row: 4, reason: "Unsubscribed is 'sometimes'; use yes or no (or a date)"),
        ])
        #expect(consent(try client(f, "Kit Lowe")) == ["withdrawn", "given", "unknown", "unknown"])
    }

    /// Keepwarm's own words: contact consent = no stays no (the existing field), and a status with its reason comes
    /// back as it was, without a made-up reason.
    @Test func keepwarmsOwnStatusAndContactColumnsComeBackAsTheyWere() throws {
        let f = try Fixture()
        try importClients(f, """
            id,name,status,status reason,contact consent,newsletter,consent recorded,email consent
            c1,Ned Oak,do-not-contact,Asked not to be contacted,no,no,yes,unknown
            c2,Ola Park,moved-away,,yes,no,yes,given
            c3,Pat Quinn,active,,yes,no,no,unknown
            c4,Rae Sole,active,,no,no,no,withdrawn

            """, file: "clients.csv", map: "contact consent=contact")
        let ned = try client(f, "Ned Oak"), ola = try client(f, "Ola Park"), pat = try client(f, "Pat Quinn"), rae = try client(f, "Rae Sole")
        #expect(ned.status == .doNotContact && ned.statusReason == "Asked not to be contacted" && !ned.contact && ned.consentRecorded)
        #expect(ola.status == .movedAway && ola.statusReason == nil && ola.consent.isEmpty)
        #expect(!pat.consentRecorded && pat.contact && consent(pat) == unknownEverywhere)
        #expect(!rae.consentRecorded && !rae.contact && consent(rae) == ["withdrawn", "unknown", "unknown", "unknown"])
        #expect(!Contactable.mayPrompt(.client(rae.id), in: f.p))
    }

    /// The formula guard's apostrophe (`'+44 …`) is taken off again, so a phone exported by Keepwarm imports.
    @Test func theExportsFormulaGuardIsTakenOffOnImport() throws {
        let f = try Fixture()
        try importClients(f, "name,phone,source\nSam Tate,'+44 7700 900123,'=Instagram\n", file: "c.csv", map: "")
        let sam = try client(f, "Sam Tate")
        #expect(sam.phone == "+44 7700 900123" && sam.source == "=Instagram")
    }

    /// A client archived or unsubscribed in the other system since the last import: their row is skipped (already
    /// imported, or a duplicate), but what it withdraws is recorded on the client in the log; only withdrawals, and
    /// only once.
    @Test func aSkippedRowStillWithdrawsFromTheClientAlreadyInTheLog() throws {
        let f = try Fixture()
        let map = "Patient ID=id,First Name=first,Last Name=last,Archived At=archived,Unsubscribed=unsubscribed,Mobile=phone"
        let before = """
            Patient ID,First Name,Last Name,Mobile,Archived At,Unsubscribed
            1,Ada,Lovelace,07700 900123,,
            2,Grace,Hopper,07700 900124,,
            3,Joan,Clarke,07700 900125,,

            """
        try importClients(f, before, file: "cliniko.csv", map: map)
        let after = """
            Patient ID,First Name,Last Name,Mobile,Archived At,Unsubscribed
            1,Ada,Lovelace,07700 900123,2026-10-01T09:00:00Z,
            2,Grace,Hopper,07700 900124,,yes
            3,Joan,Clarke,07700 900125,,

            """
        let plan = try importClients(f, after, file: "cliniko.csv", map: map)
        #expect(plan.imported == 0)
        #expect(plan.alreadyImported.count + plan.duplicates.count == 3)
        #expect(plan.notes.contains("2 clients already in the log, skipped, but the file now says not to contact them (archived, do not contact or unsubscribed): recorded on their records"))
        let ada = try client(f, "Ada Lovelace"), grace = try client(f, "Grace Hopper"), joan = try client(f, "Joan Clarke")
        #expect(ada.status == .doNotContact && ada.statusReason == "archived in cliniko.csv")
        #expect(consent(grace) == ["withdrawn", "unknown", "unknown", "unknown"] && grace.status == .active)
        #expect(joan.status == .active && consent(joan) == unknownEverywhere)
        // The same file again records nothing more.
        let again = try importClients(f, after, file: "cliniko.csv", map: map)
        #expect(again.events.isEmpty)
    }
}
