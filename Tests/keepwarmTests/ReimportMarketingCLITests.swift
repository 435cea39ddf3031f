import Foundation
import Testing

/// Importing a Cliniko file again after a client's "Accepts Email Marketing" went from Yes to No (QA D5): the
/// newsletter comes off, for a client never asked who may be contacted too, and no consent is invented on the way.
@Suite struct ReimportMarketingCLITests {
    /// Cliniko's patients export (its data export's headers), as QA's repro has it.
    private func cliniko(_ marketing: String) -> String {
        """
        Patient ID,First Name,Last Name,Email,Mobile,Accepts Email Marketing,Accepts SMS Marketing
        201,Ada,Lovelace,ada@example.com,07700 900123,\(marketing),\(marketing)

        """
    }

    @Test func aMarketingNoOnReimportTakesTheNewsletterOffWithoutInventingConsent() throws {
        let cli = CLI()
        let at = ["--now", "2026-11-23T09:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London"] + at)
        let file = cli.dir + "/patients.csv"
        try Data(cliniko("Yes").utf8).write(to: URL(fileURLWithPath: file))
        try cli.ok(["import", "clients", file, "--preset", "cliniko", "--commit"] + at)
        let before = try cli.output(["client", "show", "c1"] + at)
        #expect(before.contains("Contact     not asked; newsletter yes"), "never asked, as the card says: \(before)")
        #expect(before.contains("Consent     email not asked"), "\(before)")

        try Data(cliniko("No").utf8).write(to: URL(fileURLWithPath: file))
        try cli.ok(["import", "clients", file, "--preset", "cliniko", "--commit", "--now", "2026-11-24T09:00:00Z"])
        let after = try cli.output(["client", "show", "c1", "--now", "2026-11-24T09:00:00Z"])
        #expect(after.contains("Contact     not asked; newsletter no"), "\(after)")
        #expect(after.contains("Consent     email not asked"), "never asked stays never asked: \(after)")
        #expect(after.contains("sms   withdrawn 2026-11-24 (import)"), "\(after)")
    }
}
