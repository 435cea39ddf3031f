/// Practice-wide settings, kept as events so every copy of Keepwarm reading the log agrees on them.
public struct Settings: Equatable, Sendable {
    public var name = "My practice"
    public var timeZone = "Europe/London"
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
    /// country's when the autopilot texts them.
    public var country = "GB"
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
        if let v = c.country { country = v }
    }
}
