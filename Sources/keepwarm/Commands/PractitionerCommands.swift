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
            commandName: "add",
            abstract: "Add a practitioner; prints the new id.",
            discussion: "Example:\n  keepwarm practitioner add --name \"Anna Okafor\"")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Their name, as the desk says it.") var name: String
        @Option(help: "The site they work at (id or exact name), when the practice has sites.") var site: String?

        func run() throws {
            try guarded {
                let desk = Desk(global)
                // The site is checked first, so a wrong one adds nobody.
                if let site { _ = try desk.openLog().practice.resolveSite(site) }
                let (e, log) = try desk.record(seeing: { _, _ in .addPractitioner(name: name) })
                guard case .practitionerAdded(let id, _) = e.body else { return }
                if let site { try PractitionerSite.record(id, site, in: log, desk) }
                try Stdout.answer(id.description)
            }
        }
    }

    /// `keepwarm practitioner list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
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
