import ArgumentParser
import KeepwarmCore

/// `keepwarm check`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read the whole log and list every problem as path:line:column; exits non-zero if any line is damaged.",
        discussion: "Example:\n  keepwarm check --log ~/.local/share/keepwarm/events.log")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let desk = Desk(global)
            guard case .file = StoreAddress(desk.path) else { return try checkStore(desk) }
            let log = try EventLog.open(path: desk.path)
            // Re-reading the damaged lines costs nothing on a sound log and says where a hand edit broke a line.
            for issue in try DamageDetail.explain(log.damage, path: desk.path) { Stdout.line(DisplayText.visible(issue.description)) }
            for w in log.warnings { Stdout.line(DisplayText.visible("warning: \(w)")) }
            if log.pendingTailBytes > 0 {
                let when = log.damage.isEmpty ? "the next write sets them aside" : "once the damage is repaired, the next write sets them aside"
                if let batch = log.unfinishedBatch {
                    Stdout.line(DisplayText.visible("note: \(desk.path):\(batch.line):1: \(batch.description), a write in progress or one a crash cut short: none of it is counted yet; \(when.replacingOccurrences(of: "them", with: "it")) in \(desk.path).torn-<time>"))
                } else {
                    Stdout.line("note: \(desk.path): the last \(log.pendingTailBytes) bytes are an incomplete line (a write in progress, or a crash); \(when) in \(desk.path).torn-<time>")
                }
            }
            summary(log)
            guard log.damage.isEmpty else {
                // An empty or header-less file has nothing a copy could keep; its damage line already says to restore it.
                if log.bytesRead > 0 {
                    Stdout.line("Run `keepwarm repair` to write a copy without the damaged lines; the log itself is not changed.")
                }
                throw ExitCode(1)
            }
        }
    }

    /// A database holds whole lines only (no torn tail, no hand-edited file to re-read): its damage and warnings as
    /// its reader found them, and the same summary line.
    func checkStore(_ desk: Desk) throws {
        let store = try desk.open()
        for issue in store.damage { Stdout.line(DisplayText.visible(DatabaseRestoreRepair.describe(issue))) }
        for w in store.warnings { Stdout.line(DisplayText.visible("warning: \(w)")) }
        summary(store)
        if !store.damage.isEmpty { throw ExitCode(1) }
    }

    func summary(_ store: any EventStore) {
        let p = store.practice
        let clients = p.clients.count { !$0.withdrawn }, appointments = p.appointments.count { !$0.withdrawn }
        Stdout.line("\(p.eventCount) events, \(clients) clients, \(appointments) appointments; \(store.damage.isEmpty ? "no damage" : "\(store.damage.count) damaged line\(store.damage.count == 1 ? "" : "s")")")
    }
}
