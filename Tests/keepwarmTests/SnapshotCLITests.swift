import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import KeepwarmCore

/// The snapshot as a script meets it: the real binary writes one after a full read, the next command uses it, and
/// the answers are the same as with `KEEPWARM_SNAPSHOT=off`, before and after a `client add` and an `erase`.
@Suite struct SnapshotCLITests {
    @Test func commandsAnswerTheSameWithTheSnapshotAndEraseRemovesIt() throws {
        let cli = CLI()
        let now = ["--now", "2026-11-23T10:30:00Z"]
        try cli.ok(["demo", "--out", cli.log, "--events", "8000", "--seed", "3"] + now)
        let snap = SnapshotFile.path(for: cli.log)
        let debug = ["KEEPWARM_DEBUG": "1"]
        let first = try cli.run(["lapsed", "--json"] + now, env: debug)
        #expect(first.status == 0)
        #expect(first.err.contains("snapshot written"), "\(first.err)")
        var st = stat()
        #expect(stat(snap, &st) == 0)
        #expect(st.st_mode & 0o7777 == 0o600)
        let second = try cli.run(["lapsed", "--json"] + now, env: debug)
        #expect(second.err.contains("snapshot used"), "\(second.err)")
        #expect(second.out == first.out)
        let added = try cli.run(["client", "add", "--name", "Zoë Snapshot"] + now, env: debug)
        #expect(added.status == 0, "\(added.err)")
        #expect(added.err.contains("snapshot used"), "\(added.err)")
        for args in [["lapsed", "--json"], ["client", "list"], ["overview"]] {
            let with = try cli.run(args + now, env: debug)
            let without = try cli.run(args + now, env: ["KEEPWARM_SNAPSHOT": "off", "KEEPWARM_DEBUG": "1"])
            #expect(without.err.contains("snapshot not used: KEEPWARM_SNAPSHOT=off"), "\(without.err)")
            #expect(with.err.contains("snapshot used"), "\(with.err)")
            #expect(with.out == without.out, "\(args)")
            #expect(with.status == without.status)
        }
        // A small log is read whole and keeps none; the debug line says so rather than nothing.
        let small = CLI()
        try small.ok(["demo", "--out", small.log, "--events", "200", "--seed", "3"] + now)
        let tiny = try small.run(["lapsed", "--json"] + now, env: debug)
        #expect(tiny.err.contains("no snapshot kept: the log is under 1048576 bytes"), "\(tiny.err)")
        #expect(stat(SnapshotFile.path(for: small.log), &st) != 0)
        let erased = try cli.run(["erase", "Zoë Snapshot", "--yes"] + now)
        #expect(erased.status == 0, "\(erased.err)")
        #expect(stat(snap, &st) != 0, "erase removes the snapshot")
        let after = try cli.run(["client", "list"] + now, env: debug)
        #expect(after.err.contains("snapshot written"), "\(after.err)")
        #expect(!String(decoding: FileManager.default.contents(atPath: snap) ?? Data(), as: UTF8.self).contains("Snapshot"))
    }
}
