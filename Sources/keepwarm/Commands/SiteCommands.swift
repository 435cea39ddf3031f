import ArgumentParser
import KeepwarmCore

/// `keepwarm site add|list|rename|edit`: the places a practice sees clients (Docs/sites.md).
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "Add, list, rename or re-address the practice's sites.",
        discussion: "Example:\n  keepwarm site add --name \"Riverside\" --address \"1 Quay St\"",
        subcommands: [Add.self, List.self, Rename.self, Edit.self])
    @OptionGroup var global: GlobalOptions

    /// `keepwarm site add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a site; prints the new id.", discussion: "Example:\n  keepwarm site add --name \"Hilltop\" --address \"2 Hill Rd\"")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Its name, as the desk says it.") var name: String
        @Option(help: "Where it is (optional).") var address: String?

        func run() throws {
            try guarded {
                let e = try Desk(global).record { _ in .addSite(name: name, address: address) }
                if case .siteAdded(let id, _, _) = e.body { try Stdout.answer(id.description) }
            }
        }
    }

    /// `keepwarm site list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List sites and who works at each.", discussion: "Example:\n  keepwarm site list --json")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            try guarded {
                let p = try Desk(global).openLog().practice
                func staff(_ s: Site) -> [Practitioner] { p.practitioners.filter { !$0.withdrawn && $0.site == s.id } }
                if json {
                    Stdout.bytes(LineBuilder.array(p.activeSites.map { s in
                        var b = LineBuilder()
                        b.string("id", s.id.description)
                        b.string("name", s.name)
                        b.string("address", s.address)
                        b.strings("practitioners", staff(s).map(\.id.description))
                        return b.finishedObject()
                    }))
                } else {
                    Table(["ID", "NAME", "ADDRESS", "PRACTITIONERS"], p.activeSites.map { s in
                        [s.id.description, s.name, s.address ?? "", staff(s).map { "\($0.name) (\($0.id))" }.joined(separator: ", ")]
                    }).print(empty: "No sites: the practice is one place. Add one with `keepwarm site add --name NAME`.")
                }
            }
        }
    }

    /// `keepwarm site rename`.
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rename",
            abstract: "Rename a site.", discussion: "Example:\n  keepwarm site rename s1 --name \"Riverside Rooms\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Site id or exact name.") var site: String
        @Option(help: "The new name.") var name: String

        func run() throws {
            try guarded {
                let e = try Desk(global).record { _ in .editSite(site, name: name, address: nil) }
                if case .siteEdited(let id, let n, _) = e.body { try Stdout.answer("\(id): \(n ?? name)") }
            }
        }
    }

    /// `keepwarm site edit`: the address (and the name).
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a site's address (an empty one clears it) or name.",
            discussion: "Example:\n  keepwarm site edit s2 --address \"2 Hill Rd, first floor\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Site id or exact name.") var site: String
        @Option(help: "The new name.") var name: String?
        @Option(help: "The new address; \"\" clears it.") var address: String?

        func validate() throws {
            if name == nil && address == nil { throw ValidationError("say what to change: --name or --address") }
        }

        func run() throws {
            try guarded {
                let e = try Desk(global).record { _ in .editSite(site, name: name, address: address) }
                if case .siteEdited(let id, _, _) = e.body { try Stdout.answer(id.description) }
            }
        }
    }
}

/// Reads `--site` for the read-only views: nil (the whole practice) when it is absent.
func siteFilter(_ text: String?, _ p: Practice) throws -> SiteID? {
    try text.map { (t) throws(CommandError) in try p.resolveSite(t) }
}
