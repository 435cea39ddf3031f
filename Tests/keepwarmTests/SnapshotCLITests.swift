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

    /// An 8,000-event demo log (over 1 MB, so it gets a snapshot), the time it was made at, where its snapshot goes,
    /// and `prlimit`, which stands in for a full disk.
    func demoAndPrlimit() throws -> (CLI, [String], String, String) {
        let cli = CLI()
        let now = ["--now", "2026-11-23T10:30:00Z"]
        try cli.ok(["demo", "--out", cli.log, "--events", "8000", "--seed", "3"] + now)
        return (cli, now, SnapshotFile.path(for: cli.log), try Spawned.which("prlimit", package: "util-linux"))
    }

    /// No room for the snapshot (a full disk, stood in for by the file-size limit): the command still answers, exactly
    /// as with room, and says in one line why every command will be slow and what to do; nothing is left behind. With
    /// room again the snapshot is written and nothing more is said.
    @Test func noRoomForTheSnapshotIsSaidInOneLineAndTheAnswerIsTheSame() throws {
        let (cli, now, snap, prlimit) = try demoAndPrlimit()
        let env = ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let out = cli.dir + "/out", err = cli.dir + "/err"
        let lapsed = [CLI.binary, "lapsed", "--json"] + now
        let full = try cli.run(["lapsed", "--json"] + now, env: ["KEEPWARM_SNAPSHOT": "off"])
        #expect(full.status == 0 && full.err.isEmpty, "\(full.err)")
        // The limit applies to every file the command writes, its redirected output too: room for that, not the snapshot.
        let limit = 200_000
        try #require(full.out.utf8.count < limit / 2)
        let fsize = "--fsize=\(limit):unlimited"

        for _ in 0..<2 {
            let status = try Spawned([prlimit, fsize, "--"] + lapsed, env: env, stdout: out, stderr: err).wait()
            #expect(status == .exited(0))
            let same = WriteFailureTests.text(out) == full.out
            #expect(same, "the answer is the full read's")
            #expect(WriteFailureTests.text(err) == "keepwarm: warning: no room on the disk for the log's snapshot (\(snap)), "
                    + "so every command reads the whole log and is slower: free some space\n")
            let left = try FileManager.default.contentsOfDirectory(atPath: cli.dir).filter { $0.contains(".snapshot") }
            #expect(left.isEmpty, "no snapshot or half-written temporary file: \(left)")
        }

        let roomy = try cli.run(["lapsed", "--json"] + now)
        let roomySame = roomy.out == full.out
        #expect(roomy.status == 0 && roomySame)
        #expect(roomy.err.isEmpty, "\(roomy.err)")
        let written = try FileManager.default.attributesOfItem(atPath: snap)[.size] as? Int ?? 0
        #expect(written > limit, "the snapshot (\(written) bytes) did not fit under the limit, as the test needs")
        // A snapshot already there and nothing more to read: nothing is due, so a full disk goes unmentioned.
        #expect(try Spawned([prlimit, fsize, "--"] + lapsed, env: env, stdout: out, stderr: err).wait() == .exited(0))
        #expect(WriteFailureTests.text(err).isEmpty)
        let usedSame = WriteFailureTests.text(out) == full.out
        #expect(usedSame)
    }

    /// The console writes its snapshot after it draws; with no room for it, the receptionist sees why every opening
    /// will be slow on the status line, and the same line is said on standard error once the console has closed.
    @Test func noRoomForTheConsolesSnapshotShowsOnItsStatusLine() throws {
        let (cli, _, snap, prlimit) = try demoAndPrlimit()
        let err = cli.dir + "/console-err"
        let script = "exec \"$0\" --fsize=200000:unlimited -- \"$1\" --now '2026-11-23 11:00' 2>\"$2\""
        let t = try Tmux(width: 100, height: 24, command: ["bash", "-c", script, prlimit, CLI.binary, err],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        let screen = try t.waitFor("No room on the disk for the log's snapshot", timeout: 15)
        #expect(screen.contains("Today's diary"), "the console is up and working: \(screen)")
        #expect(!FileManager.default.fileExists(atPath: snap))
        try t.send("q")
        #expect(try t.waitForExit(timeout: 10) == 0)
        #expect(WriteFailureTests.text(err).contains("keepwarm: warning: no room on the disk for the log's snapshot (\(snap)), "
                + "so every command reads the whole log and is slower: free some space\n"), "\(WriteFailureTests.text(err))")
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.dir).filter { $0.contains(".snapshot") }
        #expect(left.isEmpty, "no snapshot or half-written temporary file: \(left)")

        // With room, the console writes it and says nothing.
        let roomy = try Tmux(width: 100, height: 24, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                             env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        _ = try roomy.waitFor("Today's diary", timeout: 15)
        try roomy.send("q")
        #expect(try roomy.waitForExit(timeout: 10) == 0)
        #expect(FileManager.default.fileExists(atPath: snap))
    }

    /// The warning names the log's path, which may hold anything: an escape or a right-to-left mark in it is shown,
    /// never sent to the terminal.
    @Test func theNoRoomWarningShowsAHostilePathSafely() throws {
        let (cli, now, _, prlimit) = try demoAndPrlimit()
        let folder = cli.dir + "/ev\u{1B}[31mil\u{202E}"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let log = folder + "/events.log"
        try FileManager.default.copyItem(atPath: cli.log, toPath: log)
        let out = cli.dir + "/out", err = cli.dir + "/err"
        let status = try Spawned([prlimit, "--fsize=200000:unlimited", "--", CLI.binary, "lapsed", "--json"] + now,
                                 env: ["KEEPWARM_LOG": log, "KEEPWARM_USER": "sam"], stdout: out, stderr: err).wait()
        #expect(status == .exited(0))
        let said = WriteFailureTests.text(err)
        #expect(said.hasPrefix("keepwarm: warning: no room on the disk for the log's snapshot ("), "\(said)")
        #expect(said.contains("ev␛[31mil"), "the escape is shown: \(said)")
        #expect(!said.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "raw control characters reached the terminal")
    }
}
