import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm migrate --to STORE`: copies the practice, every event exactly as written, into a new, empty store and
/// checks the copy by replaying both.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the practice into a new, empty store (a PostgreSQL database or a log file), then check the copy.",
        discussion: """
            Every event is copied exactly as written (the same line, the same checksum). The copy is then replayed and
            compared with the original: the same number of events, the same last seq and the same state digest.
            Nothing is written to a store that already holds events. Stop every desk first, or run it again afterwards:
            what another desk records during the copy stays only in the original.

            Examples:
              keepwarm migrate --log events.log --to postgresql://owner@db.example/riverside
              keepwarm migrate --store postgresql://owner@db.example/riverside --to events-from-db.log
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The new store: a PostgreSQL URL or a new log file's path.", valueName: "store")) var to: String

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let source = try desk.openLog()
            if let first = source.damage.first {
                throw CommandError("\(first): the practice has damage, so it was not copied; run `keepwarm check`, then `keepwarm repair`")
            }
            let target = StoreAddress(to)
            guard target != StoreAddress(desk.path) else { throw InputError("--to names the store being copied; name a new one") }
            let lines = try source.logLines()
            let copy = try Stores.create(target, holding: lines, sharing: source.fileSharing)
            let report = MigrationCheck(source: source.practice, copy: copy.practice, copyDamage: copy.damage)
            guard report.matches else {
                throw CommandError("the copy at \(copy.location) does not replay the same as the original (\(report.difference)); keep using the original and remove the copy")
            }
            Stdout.line("copied \(source.practice.eventCount) events to \(copy.location); checked by replaying both: \(report.summary)")
        }
    }
}

/// What `migrate` compares after a copy: the count, the last seq and the state digest of both replays.
struct MigrationCheck {
    let source: Practice
    let copy: Practice
    let copyDamage: [LogIssue]
    let sourceDigest: String
    let copyDigest: String

    init(source: Practice, copy: Practice, copyDamage: [LogIssue]) {
        self.source = source
        self.copy = copy
        self.copyDamage = copyDamage
        sourceDigest = PracticeDigest.of(source)
        copyDigest = PracticeDigest.of(copy)
    }

    var matches: Bool {
        copyDamage.isEmpty && source.eventCount == copy.eventCount && source.lastSeq == copy.lastSeq && sourceDigest == copyDigest
    }

    var difference: String {
        if let d = copyDamage.first { return "\(d)" }
        if source.eventCount != copy.eventCount { return "\(source.eventCount) events, the copy \(copy.eventCount)" }
        if source.lastSeq != copy.lastSeq { return "last seq \(source.lastSeq), the copy \(copy.lastSeq)" }
        return "state digest \(sourceDigest), the copy \(copyDigest)"
    }

    var summary: String { "\(copy.eventCount) events, last seq \(copy.lastSeq), state digest \(copyDigest)" }
}
