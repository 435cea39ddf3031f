import ArgumentParser
import KeepwarmCore

/// `keepwarm redo`.
struct Redo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redo",
        abstract: "Put back what you last undid (within 5 minutes of the undo) by appending an event.",
        discussion: "Each redo puts back one undo, newest first; recording anything new ends what can be redone.\nExample:\n  keepwarm redo --as sam")
    @OptionGroup var global: GlobalOptions

    func run() throws { try takeBack(global, redo: true) }
}
