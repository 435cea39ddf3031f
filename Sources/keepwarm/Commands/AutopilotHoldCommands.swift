import ArgumentParser
import KeepwarmCore

/// `keepwarm autopilot hold CLIENT [--until DATE]`: nothing automatic goes to the client until then.
struct AutopilotHoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Hold a client's automatic messages until a date, or until released; the desk's lists show them meanwhile.",
        discussion: """
            Example:
              keepwarm autopilot hold c12 --until +2w
              keepwarm autopilot hold "Ada Lovelace"
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Option(help: ArgumentHelp("The first day messages may go again: tomorrow, fri, +1w or 2026-12-07. Without it, until released.", valueName: "date"))
    var until: String?

    func run() throws {
        try guarded {
            let (e, log) = try Desk(global).record { d, _ in
                .holdAutopilot(client: client, untilDay: try until.map { (t) throws(CommandError) in try AutopilotInput.day(t, option: "--until", d) })
            }
            guard case .autopilotHeld(let id, let day) = e.body else { return }
            let name = log.practice.clients[id.index].name
            if let day {
                try Stdout.answer("\(id): \(name) held until \(Civil.string(ofDay: day)); nothing automatic goes to them before then")
            } else {
                try Stdout.answer("\(id): \(name) held until released (keepwarm autopilot release \(id)); nothing automatic goes to them")
            }
        }
    }
}

/// `keepwarm autopilot release CLIENT`.
struct AutopilotReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Release a client's hold: their automatic messages go again.",
        discussion: "Example:\n  keepwarm autopilot release c12")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String

    func run() throws {
        try guarded {
            let (e, log) = try Desk(global).record { _, _ in .releaseAutopilot(client: client) }
            guard case .autopilotReleased(let id) = e.body else { return }
            try Stdout.answer("\(id): \(log.practice.clients[id.index].name) released; their automatic messages go again")
        }
    }
}

/// `keepwarm autopilot skip CLIENT KEY`: one due message will not go, and leaves the desk's lists too.
struct AutopilotSkipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skip",
        abstract: "Stop one due message from going (its key is shown by keepwarm autopilot preview); the desk's lists leave it out too.",
        discussion: "Example:\n  keepwarm autopilot skip c12 c12.rebook-prompt.2026-12-07")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Argument(help: ArgumentHelp("The message's key, as keepwarm autopilot preview shows it.", valueName: "key")) var key: String

    func run() throws {
        try guarded {
            let key = self.key.trimmingCharacters(in: .whitespaces)
            let (e, log) = try Desk(global).record { _, _ in .skipMessage(client: client, key: key) }
            guard case .autopilotSkipped(let id, let k) = e.body else { return }
            try Stdout.answer("\(id): \(log.practice.clients[id.index].name)'s \(k) skipped; it will not go, by the autopilot or from the desk's lists")
        }
    }
}
