import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm export-client`: everything held about one client, as JSON (a subject access request).
struct ExportClient: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-client",
        abstract: "Everything the log holds about one client, as JSON (for a subject access request).",
        discussion: "Example:\n  keepwarm export-client c12 --out ada-lovelace.json")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Option(help: ArgumentHelp("Write to this new file (mode 0600) instead of standard output.", valueName: "file")) var out: String?

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let log = try desk.openLog()
            let p = log.practice
            let id = try p.resolveClient(client)
            let lines = try [UInt8](Data(contentsOf: URL(fileURLWithPath: log.path)).prefix(log.bytesRead))
            let json = ClientExport.json(id, in: p, logLines: lines, at: try desk.now(p.calendar))
            try ExportFiles.emit(json + [0x0A], to: out, log, "everything held about \(id)")
        }
    }
}

/// `keepwarm erase`: the right to erasure, after a warning about record keeping.
struct Erase: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase one client's personal details from the log, at their request (needs --yes).",
        discussion: """
            The log is rewritten without the client's name, phone, email and the notes about them, and ends with a
            client.erased event. Their visits stay, anonymously, so the practice's figures still add up.

            Example:
              keepwarm erase c12 --yes
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Flag(help: "Really erase: this cannot be undone.") var yes = false

    static let warning = "UK professional bodies expect client records to be kept for years after the last session (often 7, longer for children); erase only when the client asked and the practice has decided it may"

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let log = try desk.open()
            let id = try log.practice.resolveClient(client)
            let name = log.practice.clients[id.index].name
            Stderr.line("warning: \(Erase.warning)")
            guard yes else {
                throw CommandError("nothing was erased; to erase \(name) (\(id)) for good, run the same command with --yes")
            }
            let outcome = try Erasure.erase(id, in: log, by: desk.user, at: try desk.now(log.practice.calendar))
            Stdout.line("erased the personal details of \(id): \(outcome.linesRewritten) lines rewritten, a client.erased event added")
            for f in outcome.sideFilesCleaned { Stdout.line("also removed them from \(f)") }
            if !outcome.stillMentionedOnLines.isEmpty {
                let lines = outcome.stillMentionedOnLines.prefix(10).map(String.init).joined(separator: ", ")
                Stdout.line("note: lines \(lines) (notes about other clients or audits) still mention one of the erased details; they were left as written")
            }
            Stdout.line("backups made before now still hold the details: replace or delete them too")
        }
    }
}
