import ArgumentParser

/// TEMPORARY (branch `run` only): the `autopilot` group until the cli helper's AutopilotCommand is merged; the lead
/// deletes this file and adds `AutopilotRunCommands.all` to that group's subcommands.
struct AutopilotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autopilot", abstract: "The autopilot: send the sequence and reminders by itself, never twice.",
        subcommands: AutopilotRunCommands.all)
}
