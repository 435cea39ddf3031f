import ArgumentParser
import KeepwarmCore
import KeepwarmMessages

/// `keepwarm settings`: shows or changes the practice-wide settings, which live in the log so every copy agrees.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show the practice settings, or change them (recorded in the log for every copy of Keepwarm).",
        discussion: """
            Example:
              keepwarm settings
              keepwarm settings --lapse-days 49 --check-in-days 21
              keepwarm settings --country IE
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The practice's name.") var name: String?
    @Option(help: "The practice's time zone, e.g. Europe/London.") var timezone: String?
    @Option(help: "Days without a visit before a client counts as lapsed (default 42).") var lapseDays: Int?
    @Option(help: "Days after a session before the rebooking prompt (default 2).") var rebookPromptDays: Int?
    @Option(help: "Days after a session before the check-in (default 28).") var checkInDays: Int?
    @Option(help: "Days after a session before the reactivation letter (default 60).") var reactivationDays: Int?
    @Option(help: "Days after the letter before the follow-up call (default 7).") var followUpCallDays: Int?
    @Option(help: "Hours to thank a referrer in (default 48).") var thankYouHours: Int?
    @Option(help: "Days a thank-you may be overdue before the console lists it as missed (default 14).") var staleThankYouDays: Int?
    @Option(help: "The practice's country, two letters (ISO 3166, e.g. GB): phone numbers without a country code are read as its own when texting.") var country: String?
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        try guarded {
            // The countries whose national numbers can be texted: any other would leave every SMS unreadable.
            if let country, !PhoneNumber.knownCountries.contains(country.trimmingCharacters(in: .whitespaces).uppercased()) {
                throw CommandError("'\(country)' is not a country Keepwarm reads phone numbers for: give its two letters (ISO 3166), one of \(PhoneNumber.knownCountries.joined(separator: ", "))")
            }
            let desk = Desk(global)
            let change = SettingsChange(name: name, timeZone: timezone, lapseDays: lapseDays, rebookPromptDays: rebookPromptDays,
                                        checkInDays: checkInDays, reactivationDays: reactivationDays,
                                        followUpCallDays: followUpCallDays, thankYouHours: thankYouHours,
                                        staleThankYouDays: staleThankYouDays, country: country)
            // The log read to record a change already shows it; only a plain look needs a read of its own.
            let log = change != SettingsChange() ? try desk.record(seeing: { _, _ in .changeSettings(change) }).log : try desk.openLog()
            let s = log.practice.settings
            let rows: [(String, String, Int?)] = [
                ("name", s.name, nil), ("timezone", s.timeZone, nil), ("lapseDays", "", s.lapseDays),
                ("rebookPromptDays", "", s.rebookPromptDays), ("checkInDays", "", s.checkInDays),
                ("reactivationDays", "", s.reactivationDays), ("followUpCallDays", "", s.followUpCallDays),
                ("thankYouHours", "", s.thankYouHours), ("staleThankYouDays", "", s.staleThankYouDays),
                ("country", s.country, nil),
            ]
            let shown: [UInt8]
            if json {
                var b = LineBuilder()
                for (k, text, n) in rows {
                    if let n { b.int(k, n) } else { b.string(k, text) }
                }
                shown = Stdout.forTerminal(b.finishedObject() + [0x0A])
            } else {
                shown = Array(Table(["SETTING", "VALUE"], rows.map { [$0.0, $0.2.map(String.init) ?? $0.1] }).lines().map { $0 + "\n" }.joined().utf8)
            }
            // A change is already in the log: if the settings cannot be shown, the person is told it was made.
            if change != SettingsChange() { try Stdout.answer(shown, saying: "the new settings") } else { Stdout.document(shown) }
        }
    }
}
