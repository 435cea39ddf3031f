import ArgumentParser
import Foundation
import KeepwarmCore
import KeepwarmMessages

/// `--log`, `--now`, `--as`, `--wait` and `--allow-network-fs`: accepted before or after any command.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The event log. Default: $KEEPWARM_LOG, else log in config.toml, else $XDG_DATA_HOME/keepwarm/events.log, else ~/.local/share/keepwarm/events.log.", valueName: "path"))
    var log: String?

    @Option(help: ArgumentHelp("Where the practice's events are kept: a log file's path, or a PostgreSQL URL (postgresql://user@host/db). Default: $KEEPWARM_STORE, else store in config.toml, else as --log.", valueName: "store"))
    var store: String?

    @Option(help: ArgumentHelp("Pretend the clock reads this: 2026-11-23T09:00:00Z, or 2026-11-23 09:00 in the practice's time zone.", valueName: "when"))
    var now: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Who is acting. Default: $KEEPWARM_USER, else display_name in config.toml, else $USER.", valueName: "name"))
    var actor: String?

    @Option(help: ArgumentHelp("When another desk is writing, give up after this many seconds (nothing is written). Default: wait as long as it takes, saying who is writing after 2 seconds.", valueName: "seconds"))
    var wait: Double?

    @Flag(name: .customLong("allow-network-fs"), help: "Write to a log on a network share or a cloud-synced folder (only safe if one computer ever writes it).")
    var allowNetworkFS = false

    func validate() throws {
        if let w = wait, !(w >= 0 && w <= 86_400) { throw ValidationError("--wait must be a number of seconds from 0 to 86400") }
    }
}

/// What every command needs to reach the log: where it is, who is acting and what time it is.
struct Desk {
    let path: String
    let user: String
    let nowText: String?
    let allowNetworkFS: Bool
    /// `--wait`: how long a write waits for another desk before giving up; nil waits as long as it takes.
    let waitSeconds: Double?
    /// Set by the console, whose screen must not be written over: waits for the lock without saying so on stderr.
    var quietWaits = false
    /// The per-user settings (config.toml) with flags and the environment applied; Docs/messages.md has the order.
    let config: EffectiveConfig

    init(_ g: GlobalOptions, env: [String: String] = ProcessInfo.processInfo.environment) {
        do {
            config = try EffectiveConfig(logFlag: g.log, storeFlag: g.store, actorFlag: g.actor, env: env)
        } catch {
            // Every command builds its Desk before reading or writing anything, so stopping here writes nothing.
            Stderr.line(error.description)
            exit(1)
        }
        path = config.log.value!
        allowNetworkFS = g.allowNetworkFS
        waitSeconds = g.wait
        user = config.user.value!
        nowText = g.now
    }

    /// Opens the log for reading; damage is reported on stderr but the intact lines are still shown.
    func openLog() throws -> any EventStore {
        let log = try openForCommand()
        report(log)
        return log
    }

    /// Opens the store for a command that reads it once and ends: the store is kept for the process's life rather than
    /// released value by value on the way out (freeing a 1M-event practice took longer than `lapsed`'s rule). Only
    /// here: the console and the senders, which open the log again for each email, let theirs go.
    func openForCommand() throws -> any EventStore {
        let store = try open()
        _ = Unmanaged.passRetained(store as AnyObject)
        return store
    }

    /// Opens the log as it is, ready to write if the person allowed a shared folder; reports nothing. The console
    /// passes `drawingFirst` and calls `finishOpening` once its frame is up.
    func open(drawingFirst: Bool = false) throws -> any EventStore {
        let store = try Stores.open(StoreAddress(path), allowingSharedFolder: allowNetworkFS, drawingFirst: drawingFirst)
        store.lockWait = quietWaits ? nil : lockWait()
        return store
    }

    /// After 2 seconds behind another desk's lock, one line on stderr says who holds it; `--wait` sets when to give
    /// up. The holder is read from /proc/locks (Docs/cli.md, Waiting for another desk).
    func lockWait() -> LockWait {
        var told = false
        return LockWait(noticeAfter: 2, giveUpAfter: waitSeconds) { holder, _ in
            if !told {
                told = true
                let who = holder.map { " (\($0))" } ?? ""
                let until = waitSeconds.map { "waiting up to \(LockWaitError.seconds($0)) s" } ?? "still waiting (Ctrl-C stops without writing anything)"
                Stderr.line("waiting for another desk\(who) to finish writing the log; \(until)")
            }
            return true
        }
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

    func dates(_ log: any EventStore) throws -> DateInput {
        DateInput(calendar: log.practice.calendar, now: try now(log.practice.calendar))
    }

    /// Opens the log, builds the command from typed input, and appends its event durably.
    func record(_ build: (DateInput) throws -> Command) throws -> Event {
        try record(seeing: { d, _ in try build(d) }).event
    }

    /// The same, for a command that needs to look at the practice first (a note, a score): the log is read once and
    /// handed over, and comes back with the event applied. The command is still checked again under the lock.
    @discardableResult
    func record(seeing build: (DateInput, Practice) throws -> Command) throws -> (event: Event, log: any EventStore) {
        let log = try openForCommand()
        defer { report(log, damage: false) }
        let input = try dates(log)
        let command = try build(input, log.practice)
        return (try log.append(by: user, at: input.now) { p in try command.event(in: p, now: input.now) }, log)
    }

    func report(_ log: any EventStore, damage: Bool = true) {
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
    } catch let e as LockWaitError {
        Stderr.line(e.description)
        throw ExitCode(ExitStatus.lockWaitGaveUp)
    } catch let e as UnprintedAnswer {
        Stderr.line(e.message)
        throw ExitCode(ExitStatus.recordedButNotPrinted)
    } catch {
        Stderr.line(Stderr.message(for: error))
        throw ExitCode(1)
    }
}

extension ClientStatus: ExpressibleByArgument {}
extension CancelledBy: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
extension TouchpointKind: ExpressibleByArgument {}
extension CallOutcome: ExpressibleByArgument {}
extension ReviewContact: ExpressibleByArgument {}
extension LeftReason: ExpressibleByArgument {}
extension MilestoneKind: ExpressibleByArgument {}
