import ArgumentParser
import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmCurses

/// `keepwarm` with no command: the ncurses front desk.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the front-desk console (the default when no command is given).",
        discussion: """
            Four panes: today's diary, lapsed clients, thank-yous owed and the journey audit. Press ? inside for every key.
            With --now the clock starts at that instant and then runs forward.
            Example:
              keepwarm --log demo/events.log
            """)
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try ConsoleCommand.open(global, walkthrough: false)
    }

    /// Opens the console; `walkthrough` starts it in the audit walkthrough (`keepwarm audit walk`).
    static func open(_ global: GlobalOptions, walkthrough: Bool) throws {
        try guarded {
            var desk = Desk(global)
            // The console says it is waiting on its status line (ConsoleApp), never on stderr under the screen.
            desk.quietWaits = true
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CommandError("the console needs a terminal; for a printed summary use `keepwarm overview`")
            }
            let terminal = CursesTerminal(useColor: desk.config.useColour)
            try terminal.start()
            defer { terminal.stop() }
            // The frame is on screen before the log is read (issue 18): a large log shows how far it has got, not a
            // blank terminal. A refusal (a damaged log, no server) is said once the screen is gone, as before.
            let opening = ContinuousClock.now
            let reader = desk
            let onDatabase = StoreAddress.isDatabase(desk.path)
            let what = onDatabase ? "the practice's database" : desk.path
            let bytes = onDatabase ? nil : (try? FileManager.default.attributesOfItem(atPath: desk.path))?[.size] as? Int
            guard let log = try ConsoleOpening.run(on: terminal, what: what, bytes: bytes,
                                                   seconds: { Self.seconds(ContinuousClock.now - opening) },
                                                   { try reader.open(drawingFirst: true) }) else { return }
            let start = try desk.now(log.practice.calendar)
            let began = ContinuousClock.now
            // With --now the clock starts there and runs forward, so demos and tests are reproducible.
            let clock = {
                let elapsed = ContinuousClock.now - began
                return Instant(ms: start.ms + elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            }
            let app = ConsoleApp(log: log, terminal: terminal, user: desk.user, clock: clock, previewer: desk.previewer(),
                                 sender: desk.mailSender(environment: ProcessInfo.processInfo.environment),
                                 importer: desk.consoleImporter())
            if walkthrough { app.openWalkthrough() }
            // A snapshot the opening left is written beside the console's first frame, the frame's own work first;
            // no room for it shows on the status line, and the console waits for it on the way out.
            let finishing = log.finishOpeningInBackground()
            app.hear(finishing)
            app.run()
            terminal.stop()
            let noRoom = finishing.wait()
            // Said once the screen is gone, as every query says it: warnings, and the damage that kept it read-only.
            desk.report(log)
            if let noRoom { Stores.warn(noRoom) }
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
