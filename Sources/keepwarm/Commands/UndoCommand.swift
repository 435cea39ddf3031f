import ArgumentParser
import KeepwarmCore

/// `keepwarm undo`.
struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Undo your last action (within 5 minutes) by appending a compensating event.",
        discussion: "The log stays append-only: the undo is an event of its own. Run it again to go back another step (up to 10); `keepwarm redo` puts back what you undid.\nExample:\n  keepwarm undo --as sam")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let desk = Desk(global)
            var before: String?
            try desk.record(seeing: { _, p in
                before = p.lastAction[desk.user]?.summary(in: p)
                return .undo(by: desk.user)
            })
            try Stdout.answer("undone: \(before ?? "your last action")")
        }
    }
}
