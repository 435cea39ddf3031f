import Foundation
import Testing
@testable import KeepwarmCore

/// The console's import screen (`I`) through the real binary in tmux, on a real CSV file: the dry run shows what
/// `keepwarm import` would, nothing is written until `c` and `y`, and then `keepwarm client list` has the clients.
@Suite(.serialized) struct ImportConsoleTmuxTests {
    /// Ada Lovelace (07700 900123) is already a client; the file repeats her, adds two, and has a row that cannot be
    /// read, with an ANSI escape and a right-to-left override in it. Its name has a space in it.
    func practice() throws -> (CLI, String) {
        let cli = CLI()
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"] + at)
        let file = cli.dir + "/pat ients.csv"
        try """
            first_name,last_name,mobile,email,DOB
            Grace,Hopper,07700 900456,grace@example.org,1906-12-09
            Ada,Lovelace,07700 900123,,
            Eve\u{1B}[31m,\u{202E}Evil,call me,,
            Kim,Lee,,kim@example.org,

            """.write(toFile: file, atomically: true, encoding: .utf8)
        return (cli, file)
    }

    func console(_ cli: CLI) throws -> Tmux {
        try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                 env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
    }

    func logBytes(_ cli: CLI) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cli.log)) }

    @Test func iShowsTheDryRunAndCAndYWriteItAsTheCLIWould() throws {
        let (cli, file) = try practice()
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Getting started")
        let before = try logBytes(cli)

        try t.send("I")
        try t.waitFor("Import a file")
        // A path pasted from a file manager, quoted: text for the field, never keys.
        try t.paste("'\(file)'", via: cli.dir)
        try t.send("Tab", "Tab", "cliniko", "Enter")
        let dry = try t.waitFor("dry run, nothing written (c imports it)")
        #expect(dry.contains("would add: 2 clients (c2–c3)"))
        #expect(dry.contains("1 duplicate, skipped:"))
        #expect(dry.contains("1 rejected"))
        #expect(dry.contains("'call me' doesn't look like a phone"))
        #expect(dry.contains("first_name → first"))
        #expect(dry.contains("c commit (asks y/n)"))
        // The hostile cell shows as visible stand-ins; no escape reached the terminal.
        #expect(!dry.contains("\u{1B}") && !dry.contains("\u{202E}"))
        #expect(try logBytes(cli) == before, "a dry run writes nothing")

        try t.send("c")
        try t.waitFor("Import 2 clients from")
        try t.sendKey("Enter")
        #expect(try logBytes(cli) == before, "Enter is not yes to an import")
        try t.send("y")
        try t.waitFor("✓ Imported in one batch: 2 clients (c2–c3)")
        let done = try t.waitFor("added: 2 clients (c2–c3)")
        #expect(done.contains("imported in one batch"))
        // Written: the bar offers only leaving, no commit and no "writes nothing" (QA D11).
        #expect(done.contains("Esc/q leave (the import is written)"), "\(done)")
        #expect(!done.contains("c commit") && !done.contains("writes nothing"), "\(done)")

        let list = try cli.ok(["client", "list"])
        #expect(list.contains("Grace Hopper") && list.contains("Kim Lee"), "\(list)")
        #expect(!list.contains("Evil"))
        #expect(list.components(separatedBy: "Ada Lovelace").count == 2, "Ada is not added twice")

        // Importing the same file again from the console adds nobody.
        try t.sendKey("Escape")
        try t.send("I")
        try t.waitFor("Import a file")
        try t.paste(file, via: cli.dir)
        try t.send("Tab", "Tab", "cliniko", "Enter")
        try t.waitFor("2 rows already imported, skipped")
        try t.send("c")
        try t.waitFor("Nothing to import from")
    }

    @Test func aMissingFileIsOneLineAndEscLeavesWritingNothing() throws {
        let (cli, file) = try practice()
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Getting started")
        let before = try logBytes(cli)
        try t.send("I")
        try t.waitFor("Import a file")
        try t.send(cli.dir + "/nope.csv", "Enter")
        try t.waitFor("no file")
        #expect(try t.capture().contains("Import a file"), "the prompt stays to correct the path")
        try t.send("C-u")
        try t.send(file, "Tab", "Tab", "cliniko", "Enter")
        try t.waitFor("would add: 2 clients")
        try t.sendKey("Escape")
        try t.waitFor("Import left: nothing written")
        #expect(try logBytes(cli) == before)
    }

    /// Another desk imports the same file between the dry run and the commit: the commit plans again under the lock,
    /// writes nothing twice, and says the counts changed.
    @Test func anotherDeskWritingBetweenTheDryRunAndTheCommitIsSeen() throws {
        let (cli, file) = try practice()
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Getting started")
        try t.send("I")
        try t.waitFor("Import a file")
        try t.send(file, "Tab", "Tab", "cliniko", "Enter")
        try t.waitFor("would add: 2 clients")
        try cli.ok(["import", "clients", file, "--preset", "cliniko", "--commit", "--now", "2026-11-23T10:00:00Z"])
        try t.send("c")
        try t.waitFor("Import 2 clients from")
        try t.send("y")
        try t.waitFor("Nothing written: since the dry run another desk wrote; nothing left to import")
        let list = try cli.ok(["client", "list"])
        #expect(list.components(separatedBy: "Grace Hopper").count == 2, "Grace is in the log once: \(list)")
    }

    /// A full disk when the import is written (a file-size limit just past the log's end): one line, the log's bytes
    /// unchanged, the dry run still on screen; once there is room (`prlimit --pid`) `c` and `y` write it.
    @Test func aFullDiskWritesNothingAndTheSameKeysWorkOnceThereIsRoom() throws {
        let (cli, file) = try practice()
        let before = try logBytes(cli)
        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        let t = try Tmux(width: 80, height: 24, command: [prlimit, "--fsize=\(before.count + 100):unlimited", "--", CLI.binary, "--now", "2026-11-23 11:00"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        try t.waitFor("Getting started")
        try t.send("I")
        try t.waitFor("Import a file")
        try t.send(file, "Tab", "Tab", "cliniko", "Enter")
        try t.waitFor("would add: 2 clients")
        try t.send("c")
        try t.waitFor("Import 2 clients from")
        try t.send("y")
        try t.waitFor("⚠ Nothing was imported: the disk is full")
        #expect(try t.capture().contains("would add: 2 clients"), "the dry run stays on screen")
        #expect(try logBytes(cli) == before, "no partial batch left behind")
        let raise = try Spawned([prlimit, "--pid", try t.display("#{pane_pid}"), "--fsize=unlimited:unlimited"],
                                stdout: cli.dir + "/out", stderr: cli.dir + "/err").wait()
        #expect(raise == .exited(0))
        try t.send("c")
        try t.waitFor("Import 2 clients from")
        try t.send("y")
        try t.waitFor("✓ Imported in one batch: 2 clients (c2–c3)")
        #expect(try EventLog.open(path: cli.log).damage.isEmpty)
        let list = try cli.ok(["client", "list"])
        #expect(list.contains("Grace Hopper") && list.contains("Kim Lee"), "\(list)")
    }
}
