import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm repair`.
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Write a fixed copy of a damaged log beside it (<log>.repaired), keeping the damaged lines in <log>.rejected; the log itself is never changed.",
        discussion: "On a PostgreSQL store (--store postgresql://…) it says whether any row is damaged; a database has no torn tails to fix, so a damaged one is restored from a backup.\n\nExample:\n  keepwarm repair --log ~/.local/share/keepwarm/events.log")
    @OptionGroup var global: GlobalOptions

    /// Rejected lines listed one by one before the rest are only counted; the .rejected file has them all.
    static let listed = 20

    func run() throws {
        try guarded {
            let desk = Desk(global)
            // A database has no torn tails; its damaged rows are mended by a restore (DatabaseRestoreRepair).
            if case .postgresql = StoreAddress(desk.path) { return try DatabaseRestoreRepair.repair(desk) }
            let r: RepairReport
            // Waiting for another desk ends as it does for every writer: one line, status 75 (see `guarded`).
            do { r = try Repair.run(path: desk.path, wait: desk.lockWait()) } catch RepairError.gaveUpWaiting(let e) { throw e }
            for line in RepairCommand.summary(r) { Stdout.line(DisplayText.visible(line)) }
        }
    }

    static func summary(_ r: RepairReport) -> [String] {
        guard let repaired = r.repairedPath else {
            return ["\(r.path) has no damage, so there is nothing to repair (\(r.events) events, \(r.clients) clients, \(r.appointments) appointments)."]
        }
        let total = r.keptLines + r.rejected.count
        var out = ["Read \(total) line\(total == 1 ? "" : "s") from \(r.path): kept \(r.keptLines), rejected \(r.rejected.count)."]
        for x in r.rejected.prefix(listed) { out.append("  \(Repair.describe(x))") }
        if r.rejected.count > listed { out.append("  … and \(r.rejected.count - listed) more") }
        for x in r.renumbered.prefix(listed) {
            out.append("  line \(x.line): its seq \(x.seq) jumped ahead of the lines around it, so it was kept as seq \(x.keptAs) with a new checksum")
        }
        if r.renumbered.count > listed { out.append("  … and \(r.renumbered.count - listed) more kept with a new seq") }
        let dependent = r.rejected.filter { $0.cause != nil }.count
        if dependent > 0 {
            out.append("\(dependent) line\(dependent == 1 ? " was" : "s were") rejected only because of an earlier rejected line; if \(dependent == 1 ? "it matters" : "they matter"), restore a backup or fix that line by hand instead.")
        }
        if r.freshHeader { out.append("The header line was damaged or missing, so the copy starts with a new one.") }
        if r.removedCRLF { out.append("Windows (CRLF) line ends were changed to plain line ends.") }
        if r.removedBOM { out.append("The UTF-8 byte-order mark at the start was removed.") }
        out.append("Wrote \(repaired) (read back with no damage: \(r.events) events, \(r.clients) clients, \(r.appointments) appointments).")
        if let rejected = r.rejectedPath {
            out.append("Wrote \(rejected): each rejected line exactly as it was, after a line saying where it was and why.")
        }
        let link = r.realPath == r.path ? "" : " (\(r.path) is a link to \(r.realPath), so move the copy over that file and the link keeps working)"
        out.append("\(r.path) itself is unchanged. Next: run `keepwarm check --log \(shellQuoted(repaired))`; if it is right, close Keepwarm everywhere and replace the log with it: mv \(shellQuoted(repaired)) \(shellQuoted(r.realPath))\(link)")
        return out
    }

    /// Paths are shown so they can be pasted into a shell as they are.
    static func shellQuoted(_ s: String) -> String {
        let plain = s.allSatisfy { $0.isLetter || $0.isNumber || "/._-+,:@%".contains($0) }
        return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
