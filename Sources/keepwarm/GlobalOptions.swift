import ArgumentParser
import Foundation
import KeepwarmCore
import KeepwarmMessages

/// `--log`, `--now` and `--as`: accepted before or after any command.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The event log. Default: $KEEPWARM_LOG, else log in config.toml, else $XDG_DATA_HOME/keepwarm/events.log, else ~/.local/share/keepwarm/events.log.", valueName: "path"))
    var log: String?

    @Option(help: ArgumentHelp("Pretend the clock reads this: 2026-11-23T09:00:00Z, or 2026-11-23 09:00 in the practice's time zone.", valueName: "when"))
    var now: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Who is acting. Default: $KEEPWARM_USER, else display_name in config.toml, else $USER.", valueName: "name"))
    var actor: String?

    @Flag(name: .customLong("allow-network-fs"), help: "Write to a log on a network share or a cloud-synced folder (only safe if one computer ever writes it).")
    var allowNetworkFS = false
}

/// What every command needs to reach the log: where it is, who is acting and what time it is.
struct Desk {
    let path: String
    let user: String
    let nowText: String?
    let allowNetworkFS: Bool
    /// The per-user settings (config.toml) with flags and the environment applied; Docs/messages.md has the order.
    let config: EffectiveConfig

    init(_ g: GlobalOptions, env: [String: String] = ProcessInfo.processInfo.environment) {
        do {
            config = try EffectiveConfig(logFlag: g.log, actorFlag: g.actor, env: env)
        } catch {
            // Every command builds its Desk before reading or writing anything, so stopping here writes nothing.
            Stderr.line(error.description)
            exit(1)
        }
        path = config.log.value!
        allowNetworkFS = g.allowNetworkFS
        user = config.user.value!
        nowText = g.now
    }

    /// Opens the log for reading; damage is reported on stderr but the intact lines are still shown.
    func openLog() throws -> EventLog {
        let log = try open()
        report(log)
        return log
    }

    /// Opens the log as it is, ready to write if the person allowed a shared folder; reports nothing.
    func open() throws -> EventLog {
        let log = try EventLog.open(path: path)
        log.allowsSharedFolder = allowNetworkFS
        return log
    }

    /// The clock: `--now` if given (a local form is read in the practice's time zone), else the system clock.
    func now(_ calendar: PracticeCalendar) throws -> Instant {
        guard let t = nowText else { return Instant(Date()) }
        if let zoned = DateInput.parseZonedISO(t) { return zoned }
        do {
            return try DateInput(calendar: calendar, now: Instant(Date())).instant(t)
        } catch {
            throw InputError("--now: \(error.message)")
        }
    }

    func dates(_ log: EventLog) throws -> DateInput {
        DateInput(calendar: log.practice.calendar, now: try now(log.practice.calendar))
    }

    /// Opens the log, builds the command from typed input, and appends its event durably.
    func record(_ build: (DateInput) throws -> Command) throws -> Event {
        try record(seeing: { d, _ in try build(d) }).event
    }

    /// The same, for a command that needs to look at the practice first (a note, a score): the log is read once and
    /// handed over, and comes back with the event applied. The command is still checked again under the lock.
    @discardableResult
    func record(seeing build: (DateInput, Practice) throws -> Command) throws -> (event: Event, log: EventLog) {
        let log = try open()
        defer { report(log, damage: false) }
        let input = try dates(log)
        let command = try build(input, log.practice)
        return (try log.append(by: user, at: input.now) { p in try command.event(in: p, now: input.now) }, log)
    }

    func report(_ log: EventLog, damage: Bool = true) {
        for w in log.warnings { Stderr.line("warning: \(w)") }
        if damage, let first = log.damage.first {
            let more = log.damage.count > 1 ? " (and \(log.damage.count - 1) more)" : ""
            Stderr.line("warning: \(first)\(more); the log is damaged, so it is read-only until it is repaired. Run `keepwarm check` to list every problem, then `keepwarm repair` for a clean copy")
        }
    }
}

/// Runs a command body, turning any failure into one line on stderr and a non-zero exit.
func guarded(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        Stderr.line(Stderr.message(for: error))
        throw ExitCode(1)
    }
}

/// Standard error, one line at a time.
enum Stderr {
    static func line(_ s: String) {
        Stdout.write(2, Array(("keepwarm: " + DisplayText.visible(s) + "\n").utf8))
    }

    static func message(for error: Error) -> String { userMessage(error) }
}

/// Standard output, for results.
enum Stdout {
    static func line(_ s: String) { print(s) }
    static func bytes(_ b: [UInt8]) {
        write(1, b + [0x0A])
    }

    /// Writes what it can and never stops the program: FileHandle raises (and crashes) when the other end is gone or
    /// the disk is full, which would turn a clear one-line error into a crash.
    static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            done += n
        }
    }
}

extension ClientStatus: ExpressibleByArgument {}
extension CancelledBy: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
extension TouchpointKind: ExpressibleByArgument {}
extension MilestoneKind: ExpressibleByArgument {}
