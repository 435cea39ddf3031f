import ArgumentParser
import KeepwarmCore

/// `keepwarm practitioner add|list`.
struct PractitionerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practitioner", abstract: "Add, list or edit practitioners, and set their working hours.",
        discussion: "Example:\n  keepwarm practitioner add --name \"Anna Okafor\"",
        subcommands: [Add.self, List.self, Edit.self, Hours.self])
    @OptionGroup var global: GlobalOptions

    /// `keepwarm practitioner add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a practitioner; prints the new id.",
            discussion: "Example:\n  keepwarm practitioner add --name \"Anna Okafor\"")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Their name, as the desk says it.") var name: String

        func run() throws {
            try guarded {
                let e = try Desk(global).record { _ in .addPractitioner(name: name) }
                if case .practitionerAdded(let id, _) = e.body { try Stdout.answer(id.description) }
            }
        }
    }

    /// `keepwarm practitioner list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List practitioners.", discussion: "Example:\n  keepwarm practitioner list --json")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            try guarded {
                let p = try Desk(global).openLog().practice
                if json {
                    Stdout.bytes(LineBuilder.array(p.practitioners.filter { !$0.withdrawn }.map { pr in
                        var b = LineBuilder()
                        b.string("id", pr.id.description)
                        b.string("name", pr.name)
                        return b.finishedObject()
                    }))
                } else {
                    Table(["ID", "NAME"], p.practitioners.filter { !$0.withdrawn }.map { [$0.id.description, $0.name] }).print()
                }
            }
        }
    }
}
