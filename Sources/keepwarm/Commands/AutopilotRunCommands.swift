import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm autopilot run`: send what is due now, each message at most once.
struct AutopilotRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Send the autopilot's messages due now, inside the send window; safe from cron and from two desks at once.",
        discussion: """
            Each message is checked again against the log just before it goes, and its attempt is written before the
            mail or SMS command runs, so no message goes twice. One line per message (sent, failed, unresolved,
            skipped and why) and a summary. Exit status 0 when nothing failed, 1 when a message failed or any message
            (of this run or an earlier one) is unresolved (see keepwarm autopilot unresolved), 130/143 when stopped
            by Ctrl-C or SIGTERM.
            Example:
              keepwarm autopilot run
              keepwarm autopilot run --dry-run
            """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Say what would go now, and send and write nothing.") var dryRun = false
    @Flag(help: "Print the run as JSON.") var json = false

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let run = AutopilotRun(desk: desk, dryRun: dryRun, report: { line in if !json { Stdout.line(line.text) } })
            let result = try run.run()
            var problem: String?
            if result.ended == nil {
                do { try run.finish(result) } catch { problem = "the run's summary could not be written (\(userMessage(error)))" }
            }
            let s = result.summary
            if json {
                var b = LineBuilder()
                b.bool("dryRun", dryRun)
                b.raw("messages", LineBuilder.array(result.lines.map(\.json)))
                b.int("sent", s.sent)
                b.int("failed", s.failed)
                b.int("unresolved", s.unresolved)
                b.int("skipped", result.lines.filter { if case .skipped = $0.outcome { true } else { false } }.count)
                b.int("waiting", s.waiting)
                b.int("needPerson", result.needPerson)
                b.stringOrNull("stopped", result.ended)
                Stdout.bytes(b.finishedObject())
            } else {
                Stdout.line(AutopilotRunCommand.summary(result, dryRun: dryRun))
            }
            if let ended = result.ended { Stderr.line(ended) }
            if let problem { Stderr.line("warning: \(problem)") }
            // Doubts from earlier runs too: cron mails a failing run's output, so nobody forgets them.
            let earlier = dryRun ? 0 : try AutopilotRunCommand.inDoubt(desk) - s.unresolved
            if s.unresolved > 0 && !json {
                Stderr.line("\(s.unresolved) message\(s.unresolved == 1 ? "" : "s") of this run may or may not have gone; see keepwarm autopilot unresolved")
            }
            if earlier > 0 && !json {
                Stderr.line("\(earlier) message\(earlier == 1 ? "" : "s") from earlier runs may or may not have gone; see keepwarm autopilot unresolved")
            }
            if result.ended != nil || s.failed > 0 || s.unresolved > 0 || earlier > 0 { throw ExitCode(1) }
        }
    }

    /// Attempts in the log now that are in doubt (unresolved, and no run can still be sending them).
    static func inDoubt(_ desk: Desk) throws -> Int {
        let p = try desk.openLog().practice
        let now = try desk.now(p.calendar)
        return p.autopilot.unresolved.count { id in
            p.autopilot.attempt(id)?.start.sendingUntil.map { now >= $0 } ?? true
        }
    }

    static func summary(_ r: AutopilotRun.Result, dryRun: Bool) -> String {
        let s = r.summary
        let later = "\(s.waiting) waiting for a later run, \(r.needPerson) for the desk (keepwarm autopilot preview)"
        if dryRun { return "autopilot (dry run): \(r.lines.count) would go now; \(later); nothing was sent or written" }
        let skipped = r.lines.filter { if case .skipped = $0.outcome { true } else { false } }.count
        if r.lines.isEmpty && r.ended == nil { return "autopilot: nothing to send now; \(later)" }
        var text = r.ended == nil ? "autopilot: " : "autopilot: stopped early (the reason is on standard error): "
        text += "\(s.sent) sent, \(s.failed) failed, \(s.unresolved) unresolved, \(skipped) skipped; \(later)"
        if s.unresolved > 0 { text += "; see keepwarm autopilot unresolved" }
        return text
    }
}

/// `keepwarm autopilot unresolved`: every attempt nobody knows the outcome of.
struct AutopilotUnresolvedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unresolved",
        abstract: "List the autopilot's messages that may or may not have gone, with the command that resolves each.",
        discussion: """
            An attempt is unresolved when the run stopped between writing it and writing its outcome (a crash, a
            timeout, Ctrl-C). No run sends it again by itself: check the sent mail, the SMS gateway or the printer,
            then record what happened with keepwarm autopilot resolve ATTEMPT --sent or --not-sent.
            Example:
              keepwarm autopilot unresolved
            """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the list as JSON.") var json = false

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let p = try desk.openLog().practice
            let rows = p.autopilot.unresolved.compactMap { p.autopilot.attempt($0) }
            if json {
                Stdout.bytes(LineBuilder.array(rows.map { a in
                    var b = LineBuilder()
                    b.string("attempt", a.id.description)
                    b.string("key", a.start.key)
                    b.string("client", a.start.client.description)
                    b.string("name", p.clients[a.start.client.index].name)
                    b.string("step", a.start.step.rawValue)
                    b.string("channel", a.start.channel.rawValue)
                    b.stringOrNull("to", a.start.to)
                    b.string("at", a.at.iso)
                    b.string("when", "\(p.calendar.dateString(a.at)) \(p.calendar.timeString(a.at))")
                    b.stringOrNull("sendingUntil", a.start.sendingUntil?.iso)
                    b.string("resolveSent", "keepwarm autopilot resolve \(a.id) --sent")
                    b.string("resolveNotSent", "keepwarm autopilot resolve \(a.id) --not-sent")
                    return b.finishedObject()
                }))
                return
            }
            guard !rows.isEmpty else {
                Stdout.line("No unresolved messages.")
                return
            }
            let now = try desk.now(p.calendar)
            for a in rows {
                let s = a.start
                let to = s.to.map { " to \($0)" } ?? ""
                if let until = s.sendingUntil, now < until {
                    Stdout.line("\(a.id)  \(p.calendar.dateString(a.at)) \(p.calendar.timeString(a.at))  \(s.step.rawValue) for \(DisplayText.visible(p.clients[s.client.index].name)) (\(s.client)) by \(s.channel.rawValue)\(to)")
                    Stdout.line("    being sent by a run right now (until \(p.calendar.timeString(until)) at the latest): not in doubt yet")
                    continue
                }
                Stdout.line("\(a.id)  \(p.calendar.dateString(a.at)) \(p.calendar.timeString(a.at))  \(s.step.rawValue) for \(DisplayText.visible(p.clients[s.client.index].name)) (\(s.client)) by \(s.channel.rawValue)\(to)")
                Stdout.line("    went: keepwarm autopilot resolve \(a.id) --sent    did not go: keepwarm autopilot resolve \(a.id) --not-sent")
            }
            Stdout.line("\(rows.count) unresolved: no run sends these again; check whether each went, then resolve it")
        }
    }
}

/// `keepwarm autopilot resolve ATTEMPT --sent | --not-sent`: a person says what became of an unresolved attempt.
struct AutopilotResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Record whether an unresolved autopilot message went (--sent) or not (--not-sent).",
        discussion: """
            --sent records it as sent, as if the run had (the touchpoint or the thank-you is recorded). --not-sent
            records that it did not go: it is listed for the desk, and no run sends it again.
            Example:
              keepwarm autopilot resolve m12 --sent
              keepwarm autopilot resolve m13 --not-sent
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The attempt, e.g. m12 (keepwarm autopilot unresolved lists them).", valueName: "attempt")) var attempt: String
    @Flag(help: "It went.") var sent = false
    @Flag(help: "It did not go.") var notSent = false

    func validate() throws {
        if sent == notSent { throw ValidationError("say what happened: --sent or --not-sent") }
    }

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let event = try desk.record { _ in .resolveMessage(attempt, sent: sent) }
            let id: String = switch event.body {
            case .messageSent(let i, _, _), .messageFailed(let i, _, _, _): i.description
            default: attempt
            }
            try Stdout.answer(sent ? "\(id): recorded as sent" : "\(id): recorded as not sent; it is on the desk's list")
        }
    }
}
