import ArgumentParser
import Foundation
import KeepwarmCore
import KeepwarmMessages

/// `keepwarm config`: every setting in effect and where it came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in effect and where each came from (flag, environment, config.toml, log or default).",
        discussion: """
            Your own settings live in $XDG_CONFIG_HOME/keepwarm/config.toml (else ~/.config/keepwarm/config.toml);
            the practice's settings live in the log (change them with keepwarm settings). See Docs/messages.md.
            Example:
              keepwarm config
            """)
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let c = desk.config
            var rows = c.rows.map { [$0.key, $0.value.value ?? "(not set)", $0.value.source.description] }
            if FileManager.default.fileExists(atPath: desk.path) {
                let log = try desk.openLog()
                let s = log.practice.settings
                let from = "log \(desk.path)"
                rows += [
                    ["practice name", s.name, from], ["timezone", s.timeZone, from], ["lapseDays", "\(s.lapseDays)", from],
                    ["rebookPromptDays", "\(s.rebookPromptDays)", from], ["checkInDays", "\(s.checkInDays)", from],
                    ["reactivationDays", "\(s.reactivationDays)", from], ["followUpCallDays", "\(s.followUpCallDays)", from],
                    ["thankYouHours", "\(s.thankYouHours)", from], ["staleThankYouDays", "\(s.staleThankYouDays)", from],
                    ["country", s.country, from],
                ]
            } else {
                rows.append(["practice settings", "(no log yet: run keepwarm init)", "log \(desk.path)"])
            }
            var table = Table(["SETTING", "VALUE", "FROM"], rows)
            table.maxColumnWidth = 500
            table.print()
            if !c.configFound { Stdout.line("No config.toml at \(c.configPath): every per-user setting is its default.") }
        }
    }
}
