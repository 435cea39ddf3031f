import ArgumentParser
import KeepwarmCore

/// `keepwarm autopilot`: what the practice lets go out by itself, when, and what the next run would send
/// (Docs/autopilot.md).
struct AutopilotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autopilot",
        abstract: "The messages that go out by themselves: their policies, the send window, the preview, holds and skips.",
        discussion: """
            Example:
              keepwarm autopilot show
              keepwarm autopilot set rebook-prompt --auto email,sms
              keepwarm autopilot window 09:00-18:00 --days mon-fri --cap 100
              keepwarm autopilot preview --day tomorrow
              keepwarm autopilot hold c12 --until +2w
              keepwarm autopilot install
            """,
        subcommands: [
            AutopilotShowCommand.self, AutopilotSetCommand.self, AutopilotWindowCommand.self, AutopilotPreviewCommand.self,
            AutopilotHoldCommand.self, AutopilotReleaseCommand.self, AutopilotSkipCommand.self, AutopilotInstallCommand.self,
        ] + AutopilotRunCommands.all)
    @OptionGroup var global: GlobalOptions
}

/// Reading the autopilot's words as typed, with one line saying what to type instead.
enum AutopilotInput {
    /// A step's name; a follow-up call is refused, since a call is always the desk's.
    static func step(_ text: String) throws(CommandError) -> AutopilotStep {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == TouchpointKind.followUpCall.rawValue {
            throw CommandError("follow-up-call is always the desk's: a call is made by a person, so the autopilot never takes it; nothing was written")
        }
        guard let s = AutopilotStep(rawValue: t) else {
            throw CommandError("'\(text)' is not a step of the sequence: use \(AutopilotStep.choices)")
        }
        return s
    }

    /// `email,sms`: the channels to try, in order.
    static func channels(_ text: String) throws(CommandError) -> [AutopilotChannel] {
        var out: [AutopilotChannel] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let t = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let c = AutopilotChannel(rawValue: t) else {
                throw CommandError("'\(part)' is not a channel: use \(AutopilotChannel.choices), in the order to try them (e.g. --auto email,sms)")
            }
            out.append(c)
        }
        return out
    }

    /// A local day typed as the console's `g` reads it (tomorrow, fri, +1w, 2026-12-07), naming the option on error.
    static func day(_ text: String, option: String, _ d: DateInput) throws(CommandError) -> Int {
        do {
            return try d.day(text)
        } catch {
            throw CommandError("\(option): \(error.message)")
        }
    }
}

/// `keepwarm autopilot show`.
struct AutopilotShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every step's policy, the send window, the country, and whether the autopilot is running.",
        discussion: "Example:\n  keepwarm autopilot show")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let p = try desk.openLog().practice
            let now = try desk.now(p.calendar)
            Stdout.lines(AutopilotShowCommand.lines(p, now: now))
        }
    }

    static func lines(_ p: Practice, now: Instant) -> [String] {
        let cal = p.calendar, a = p.autopilot, s = p.settings.autopilot
        var state: String
        if let last = a.lastRun {
            let summary = a.lastRunSummary.map { " (\($0.sent) sent, \($0.failed) failed, \($0.unresolved) unresolved, \($0.waiting) waiting)" } ?? ""
            let when = "last run \(cal.dateString(last)) \(cal.timeString(last))\(summary)"
            state = AutopilotPlan.isLive(p, now: now)
                ? "running: \(when)"
                : "not running: \(when), over \(AutopilotPlan.liveHours) hours ago, so its messages are back on the desk's lists"
        } else {
            state = "not running: no run recorded yet, so every message is on the desk's lists (set it up: keepwarm autopilot install)"
        }
        let letters = a.printQueue.count
        var out = [
            "Autopilot   " + state,
            "Window      " + s.window.summary,
            "Country     " + p.settings.country,
            "Unresolved  \(a.unresolved.count)" + (a.unresolved.isEmpty ? "" : " (see keepwarm autopilot unresolved)"),
            "To print    \(letters) letter\(letters == 1 ? "" : "s")",
            "",
        ]
        var rows = AutopilotStep.allCases.map { step in [step.rawValue, step.purpose.rawValue, s.policy(step).text] }
        rows.append([TouchpointKind.followUpCall.rawValue, "desk task", "desk (a call is always made by a person)"])
        out += Table(["STEP", "PURPOSE", "POLICY"], rows).lines()
        return out
    }
}

/// `keepwarm autopilot set STEP --auto email,sms | --desk | --off`.
struct AutopilotSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Say what happens to one step: sent by the autopilot (--auto CHANNELS), listed for the desk (--desk), or nobody (--off).",
        discussion: """
            Steps: \(AutopilotStep.choices). A follow-up call is always the desk's. --auto
            takes the channels to try in order; the first that reaches the client (an
            address, a number, the consent a marketing message needs) is used. letter
            writes it to the print queue.
            Example:
              keepwarm autopilot set check-in-28 --auto email,sms
              keepwarm autopilot set reactivation-letter --auto letter
              keepwarm autopilot set referral-ask --desk
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The step, e.g. rebook-prompt.", valueName: "step")) var step: String
    @Option(help: ArgumentHelp("Send it by itself, trying these channels in order: email, sms, letter.", valueName: "channels")) var auto: String?
    @Flag(help: "List it for a person at the desk (as before the autopilot).") var desk = false
    @Flag(help: "Nobody sends it.") var off = false

    func run() throws {
        try guarded {
            let chosen = [auto != nil, desk, off].filter { $0 }.count
            guard chosen == 1 else { throw CommandError("give one of --auto CHANNELS (e.g. --auto email,sms), --desk or --off") }
            let step = try AutopilotInput.step(self.step)
            let policy = if let auto { StepPolicy(.auto, channels: try AutopilotInput.channels(auto)) }
                         else { StepPolicy(desk ? .desk : .off) }
            let e = try Desk(global).record { _ in .autopilotPolicy(step, policy) }
            if case .autopilotPolicy(let s, let p) = e.body { try Stdout.answer("\(s.rawValue): \(p.text)") }
        }
    }
}

/// `keepwarm autopilot window 09:00-18:00 [--days mon-fri] [--cap N]`.
struct AutopilotWindowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window",
        abstract: "Set when the autopilot may send (practice time) and how many messages a day at most; without arguments, show it.",
        discussion: """
            What is not given keeps its current value. At most one message goes to a
            client a day.
            Example:
              keepwarm autopilot window 09:00-18:00 --days mon-fri
              keepwarm autopilot window --cap 50
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The hours, e.g. 09:00-18:00.", valueName: "hours")) var hours: String?
    @Option(help: ArgumentHelp("The days: mon-fri, mon,wed,fri or every-day.", valueName: "days")) var days: String?
    @Option(help: ArgumentHelp("The most messages a day, all clients together (1 to 10000).", valueName: "n")) var cap: String?

    func run() throws {
        try guarded {
            let desk = Desk(global)
            guard hours != nil || days != nil || cap != nil else {
                let p = try desk.openLog().practice
                Stdout.line("window: " + p.settings.autopilot.window.summary)
                return
            }
            // Read before the log is opened: a typo writes nothing.
            var from: (Int, Int)?
            if let hours {
                switch AutopilotWindow.parseHours(hours) {
                case .success(let h): from = h
                case .failure(let e): throw CommandError(e.message)
                }
            }
            var weekdays: Set<Int>?
            if let days {
                switch AutopilotWindow.parseDays(days) {
                case .success(let d): weekdays = d
                case .failure(let e): throw CommandError("--days: \(e.message)")
                }
            }
            var limit: Int?
            if let cap {
                guard let n = Int(cap.trimmingCharacters(in: .whitespaces)) else {
                    throw CommandError("--cap must be a whole number of messages a day, like 100, not '\(cap)'")
                }
                limit = n
            }
            // What is not given is kept as it stands under the lock, so a change another desk made a moment ago stays.
            let log = try desk.open()
            defer { desk.report(log, damage: false) }
            let now = try desk.now(log.practice.calendar)
            let e = try log.append(by: desk.user, at: now) { p in
                var w = p.settings.autopilot.window
                if let (f, t) = from { (w.from, w.to) = (f, t) }
                if let weekdays { w.days = weekdays }
                if let limit { w.cap = limit }
                return try Command.autopilotWindow(w).event(in: p, now: now)
            }
            if case .autopilotWindow(let w) = e.body { try Stdout.answer("window: " + w.summary) }
        }
    }
}
