import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm migrate --to`: a practice copied event for event into a new store, checked by replaying both
/// (Docs/cli.md, migrate; Docs/postgres.md for a database). The PostgreSQL direction is in KeepwarmPostgresTests.
@Suite struct MigrateCLITests {
    @Test func aPracticeIsCopiedToANewLogFileByteForByteAndChecked() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "3000", "--now", "2026-11-23T09:00:00Z"])
        let copy = cli.dir + "/moved/events.log"
        let said = try cli.ok(["migrate", "--to", copy])
        let p = try EventLog.open(path: cli.log).practice
        #expect(said.hasPrefix("copied \(p.eventCount) events to \(copy); checked by replaying both: \(p.eventCount) events, last seq \(p.lastSeq), state digest \(PracticeDigest.of(p))"), "\(said)")
        #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: cli.log))
        #expect(try cli.ok(["check", "--log", copy]).contains("no damage"))
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aStoreThatExistsOrIsTheSourceIsRefusedAndNothingIsWritten() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "500", "--now", "2026-11-23T09:00:00Z"])
        let other = cli.dir + "/other.log"
        _ = FileManager.default.createFile(atPath: other, contents: Data("mine\n".utf8))
        let exists = try cli.run(["migrate", "--to", other])
        #expect(exists.status == 1 && exists.err.contains("already exists; Keepwarm never overwrites a log"), "\(exists.err)")
        #expect(FileManager.default.contents(atPath: other) == Data("mine\n".utf8))
        let same = try cli.run(["migrate", "--to", cli.log])
        #expect(same.status != 0 && same.err.contains("--to names the store being copied"), "\(same.err)")
    }

    @Test func aDamagedPracticeIsNotCopied() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "500", "--now", "2026-11-23T09:00:00Z"])
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: cli.log))
        h.seekToEndOfFile()
        h.write(Data("{\"seq\":9999,\"not\":\"an event\"}\n".utf8))
        try h.close()
        let r = try cli.run(["migrate", "--to", cli.dir + "/copy.log"])
        #expect(r.status == 1 && r.err.contains("the practice has damage, so it was not copied"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/copy.log"))
    }

    /// The digest is the same for the same history replayed twice (dictionaries and sets in any order), and changes
    /// with one event more.
    @Test func theStateDigestFollowsThePracticeNotItsOrderInMemory() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "2000", "--now", "2026-11-23T09:00:00Z"])
        let a = try EventLog.open(path: cli.log).practice, b = try EventLog.open(path: cli.log).practice
        #expect(PracticeDigest.of(a) == PracticeDigest.of(b))
        try cli.ok(["client", "add", "--name", "Mo Farah", "--now", "2026-11-23T09:00:00Z"])
        #expect(PracticeDigest.of(try EventLog.open(path: cli.log).practice) != PracticeDigest.of(a))
    }
}
