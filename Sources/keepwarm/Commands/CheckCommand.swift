import ArgumentParser
import KeepwarmCore

/// `keepwarm check`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the whole log and list every problem as path:line:column; exits non-zero if any line is damaged.",
        discussion: "Example:\n  keepwarm check --log ~/.local/share/keepwarm/events.log")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let log = try EventLog.open(path: desk.path)
            for issue in log.damage { Stdout.line(DisplayText.visible(issue.description)) }
            for w in log.warnings { Stdout.line(DisplayText.visible("warning: \(w)")) }
            if log.pendingTailBytes > 0 {
                let when = log.damage.isEmpty ? "the next write sets them aside" : "once the damage is repaired, the next write sets them aside"
                Stdout.line("note: \(desk.path): the last \(log.pendingTailBytes) bytes are an incomplete line (a write in progress, or a crash); \(when) in \(desk.path).torn-<time>")
            }
            let p = log.practice
            let clients = p.clients.count { !$0.withdrawn }, appointments = p.appointments.count { !$0.withdrawn }
            Stdout.line("\(p.eventCount) events, \(clients) clients, \(appointments) appointments; \(log.damage.isEmpty ? "no damage" : "\(log.damage.count) damaged line\(log.damage.count == 1 ? "" : "s")")")
            if !log.damage.isEmpty { throw ExitCode(1) }
        }
    }
}
