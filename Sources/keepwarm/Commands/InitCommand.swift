import ArgumentParser
import KeepwarmCore

/// `keepwarm init`: creates a new, empty log.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new event log (never overwrites one).",
        discussion: "Example:\n  keepwarm init --name \"Riverside Therapy Rooms\" --timezone Europe/London")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The practice's name.") var name = "My practice"
    @Option(help: "The practice's time zone, used for days and times.") var timezone = "Europe/London"

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let change = SettingsChange(name: name, timeZone: timezone)
            let check = try Command.changeSettings(change).event(in: Practice(), now: Instant(ms: 0))
            guard case .settingsChanged(let s) = check else { return }
            let at = try desk.now(PracticeCalendar(identifier: timezone)!)
            try EventLog.create(path: desk.path, settings: s, by: desk.user, at: at)
            Stdout.line(desk.path)
        }
    }
}
