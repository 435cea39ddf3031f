import ArgumentParser
import KeepwarmCore

/// `keepwarm undo`.
struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo your last action (within 5 minutes) by appending a compensating event.",
        discussion: "The log stays append-only: the undo is an event of its own. Run it again to go back another step (up to 10); `keepwarm redo` puts back what you undid.\nExample:\n  keepwarm undo --as sam")
    @OptionGroup var global: GlobalOptions

    func run() throws { try takeBack(global, redo: false) }
}

/// Undo and redo from the command line: record it against the fresh state under the lock, and say what it took back
/// (or put back) as the practice stood just before.
func takeBack(_ global: GlobalOptions, redo: Bool) throws {
    try guarded {
        let desk = Desk(global)
        var before: String?
        try desk.record(seeing: { _, p in
            before = (redo ? p.lastAction.redoable(by: desk.user) : p.lastAction[desk.user])?.summary(in: p)
            return redo ? .redo(by: desk.user) : .undo(by: desk.user)
        })
        try Stdout.answer(redo ? "redone: \(before ?? "what you undid")" : "undone: \(before ?? "your last action")")
    }
}
