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
            let lines = try log.logLines()
            let json = ClientExport.json(id, in: p, logLines: lines, at: try desk.now(p.calendar))
            try ExportFiles.emit(json + [0x0A], to: out, log, "everything held about \(id)")
        }
    }
}

/// `keepwarm erase`: the right to erasure, after a warning about record keeping.
struct Erase: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
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
            let outcome = try log.erase(id, by: desk.user, at: try desk.now(log.practice.calendar),
                                            letters: [desk.lettersDirectory], maildirs: desk.config.maildir.value.map { [$0] } ?? [])
            Stdout.line("erased the personal details of \(id): \(outcome.linesRewritten) lines rewritten, a client.erased event added")
            for f in outcome.sideFilesCleaned { Stdout.line(DisplayText.visible("also removed them from \(f) (it still reads as before)")) }
            for f in outcome.filesRemoved { Stdout.line(DisplayText.visible("removed \(f) (a letter, sent email, torn line or temporary copy about them)")) }
            for l in outcome.damagedLinesScrubbed.prefix(10) {
                Stdout.line(DisplayText.visible("note: \(l) was already damaged; their details were replaced inside it, and it is no more damaged than before"))
            }
            if !outcome.stillMentionedOnLines.isEmpty {
                let lines = outcome.stillMentionedOnLines.prefix(10).map(String.init).joined(separator: ", ")
                Stdout.line("note: lines \(lines) (notes about other clients or audits) still mention one of the erased details; they were left as written")
            }
            for l in outcome.stillMentionedInCopies.prefix(10) {
                Stdout.line(DisplayText.visible("note: \(l) (a note about another client or an audit) still mentions one of the erased details; it was left as written"))
            }
            for f in outcome.filesNotCleaned {
                Stderr.line(DisplayText.visible("warning: \(f); it was left as it was, so clean or delete it by hand"))
            }
            for f in outcome.otherPracticesLogs {
                Stdout.line(DisplayText.visible("note: \(f) is another practice's log (its first event is not this log's) and mentions one of the erased details; it was left alone"))
            }
            for f in outcome.notKeepwarmsFiles {
                Stdout.line(DisplayText.visible("note: \(f) mentions them but was not written by Keepwarm; it was left alone"))
            }
            Stdout.line("backups kept outside the practice folder (a USB disk, another computer) still hold the details: replace or delete them too")
        }
    }
}
