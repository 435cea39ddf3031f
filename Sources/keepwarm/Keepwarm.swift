import ArgumentParser
import CKeepwarmProcess
import Foundation

/// `keepwarm`: the command line over the practice's event log.
@main
struct Keepwarm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keepwarm",
        abstract: "Keepwarm: close the gaps where a practice loses its clients.",
        discussion: """
            Every command reads and writes one plain-text event log (see --log).
            With no command, opens the front-desk console; `keepwarm overview` prints today's summary instead.

            Example:
              keepwarm init --name "Riverside Therapy Rooms"
              keepwarm client add --name "Ada Lovelace" --phone "07700 900123" --source Google
            """,
        version: "0.1.0",
        subcommands: [
            ConsoleCommand.self, Overview.self, Init.self, SettingsCommand.self, PractitionerCommand.self, ClientCommand.self,
            Book.self, Attend.self, NoShow.self, Cancel.self, Move.self, RebookCommand.self,
            Refer.self, Thank.self, Touch.self, Review.self, MilestoneCommand.self, FeedbackCommand.self,
            CallbackCommand.self, Undo.self, Redo.self, AuditCommand.self,
            DiaryQuery.self, FreeQuery.self, LapsedQuery.self, ThankYousQuery.self, FollowUpsQuery.self, CallbacksQuery.self,
            ReportCommand.self, ExportClient.self, ExportCommand.self, Erase.self, BackupCommand.self, RestoreCommand.self,
            Check.self, RepairCommand.self, MigrateCommand.self, Demo.self, ImportCommand.self,
            ConfigCommand.self, TemplatesCommand.self, PreviewCommand.self, SendCommand.self, LetterCommand.self,
            AutopilotCommand.self, ConsentCommand.self, OptOutCommand.self,
            SiteCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    @OptionGroup var global: GlobalOptions

    /// How far the heap grows at a time; enough that reading a 1M-event snapshot grows it a dozen times, not 2,500.
    static let heapStep = 32 << 20

    /// At a file-size limit the kernel would kill the process with SIGXFSZ, and the person would see no message;
    /// ignored, the write fails with EFBIG and is reported like a full disk. SIGPIPE likewise: a command that has
    /// recorded something must live to say so when its reader has gone (Docs/cli.md, Exit codes).
    ///
    /// The heap grows 32 MB at a time (`kw_grow_heap_in_steps`): reading a snapshot on two threads otherwise spent a
    /// tenth of its time waiting on the memory-map lock (Docs/performance.md, "The snapshot, round five").
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        _ = kw_grow_heap_in_steps(heapStep)
        mainShowingValuesSafely()
    }
}
