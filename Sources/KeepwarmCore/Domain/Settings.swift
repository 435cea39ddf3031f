/// Practice-wide settings, kept as events so every copy of Keepwarm reading the log agrees on them.
public struct Settings: Equatable, Sendable {
    public var name = "My practice"
    public var timeZone = PracticeCalendar.defaultZone
    /// Days without a visit before an active client counts as lapsed: the end of the 3–6 week re-engagement window.
    public var lapseDays = 42
    public var rebookPromptDays = 2
    public var checkInDays = 28
    public var reactivationDays = 60
    public var followUpCallDays = 7
    public var thankYouHours = 48
    /// Days a thank-you may be overdue before it is too late to send: it leaves the thank-yous pane for the
    /// console's "missed thank-yous" list (the audit and the reports still count it as not thanked).
    public var staleThankYouDays = 14
    /// Where the practice is (ISO 3166 code, e.g. GB): phone numbers typed without a country code are read as this
    /// country's when the autopilot texts them. Until `keepwarm settings --country` sets it, the country of the time
    /// zone: a Dublin practice's 087 numbers must never be read as British ones.
    public var country: String { countrySet ?? Settings.country(ofTimeZone: timeZone) }
    /// The country as set in the log, if it ever was.
    public var countrySet: String?
    /// What the autopilot sends, how, and when (`autopilot.policy`, `autopilot.window`).
    public var autopilot = AutopilotSettings()

    public init() {}

    mutating func apply(_ c: SettingsChange) {
        if let v = c.name { name = v }
        if let v = c.timeZone { timeZone = v }
        if let v = c.lapseDays { lapseDays = v }
        if let v = c.rebookPromptDays { rebookPromptDays = v }
        if let v = c.checkInDays { checkInDays = v }
        if let v = c.reactivationDays { reactivationDays = v }
        if let v = c.followUpCallDays { followUpCallDays = v }
        if let v = c.thankYouHours { thankYouHours = v }
        if let v = c.staleThankYouDays { staleThankYouDays = v }
        if let v = c.country { countrySet = v }
    }

    /// The country a time zone belongs to (zones, or prefixes ending in `/`); a zone not in the table is taken as
    /// the UK's. `Ownership` reads its calling code from here too, so there is one table of zones.
    public static func country(ofTimeZone zone: String) -> String {
        countries[zone] ?? countries.first { $0.key.hasSuffix("/") && zone.hasPrefix($0.key) }?.value ?? "GB"
    }

    static let countries: [String: String] = [
        "Europe/London": "GB", "Europe/Belfast": "GB", "Europe/Guernsey": "GB", "Europe/Jersey": "GB", "Europe/Isle_of_Man": "GB",
        "Europe/Dublin": "IE", "Europe/Paris": "FR", "Europe/Berlin": "DE", "Europe/Madrid": "ES", "Europe/Rome": "IT",
        "Europe/Amsterdam": "NL", "Europe/Brussels": "BE", "Europe/Lisbon": "PT", "Europe/Zurich": "CH", "Europe/Vienna": "AT",
        "Europe/Stockholm": "SE", "Europe/Oslo": "NO", "Europe/Copenhagen": "DK", "Europe/Helsinki": "FI",
        "Australia/": "AU", "Pacific/Auckland": "NZ", "Asia/Kolkata": "IN", "Asia/Singapore": "SG", "Africa/Johannesburg": "ZA",
        "America/New_York": "US", "America/Chicago": "US", "America/Denver": "US", "America/Los_Angeles": "US",
        "America/Phoenix": "US", "America/Anchorage": "US", "Pacific/Honolulu": "US", "America/Toronto": "CA",
        "America/Vancouver": "CA", "America/Edmonton": "CA", "America/Winnipeg": "CA", "America/Halifax": "CA", "America/St_Johns": "CA",
    ]
}
