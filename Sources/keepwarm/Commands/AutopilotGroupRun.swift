import ArgumentParser

/// The autopilot's sending commands, for the `autopilot` group to list among its subcommands.
enum AutopilotRunCommands {
    static let all: [ParsableCommand.Type] = [AutopilotRunCommand.self, AutopilotUnresolvedCommand.self, AutopilotResolveCommand.self]
}
