import Foundation
import Testing
@testable import KeepwarmCore

/// The log's file, whatever it is (issue 12, section 4): a link to the log or a linked folder, a log owned by another
/// account, a full disk, a staff group. Every command that replaces the log goes through `Files.replace`.
@Suite struct LogFileCLITests {
    static let now = ["--now", "2026-01-05T09:00:00Z"]

    func lstatMode(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode : 0
    }

    func isLink(_ path: String) -> Bool { lstatMode(path) & S_IFMT == S_IFLNK }

    func text(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }

    func names(_ dir: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    /// A practice whose log is `real/events.log`, with Ada (c1) and Grace (c2), and a torn last line left by a crash.
    func practice(_ cli: CLI, log: String) throws {
        try cli.ok(["init", "--log", log, "--name", "Riverside"] + Self.now)
        try cli.ok(["client", "add", "--log", log, "--name", "Ada Lovelace", "--phone", "07700 900123"] + Self.now)
        try cli.ok(["client", "add", "--log", log, "--name", "Grace Hopper"] + Self.now)
    }

    /// Through a link to the log (`desk/events.log -> ../real/events.log`): erase, restore and repair change the real
    /// file, the link stays a link, and every copy they keep sits beside the real file, where erase looks for them.
    @Test func eraseRestoreAndRepairThroughALinkToTheLog() throws {
        let cli = CLI()
        let real = cli.dir + "/real", desk = cli.dir + "/desk"
        try FileManager.default.createDirectory(atPath: desk, withIntermediateDirectories: true)
        try practice(cli, log: real + "/events.log")
        let link = desk + "/events.log"
        #expect(symlink("../real/events.log", link) == 0)
        let backup = cli.dir + "/backup.log"
        try cli.ok(["backup", "--log", link, backup] + Self.now)

        // A crash left half a line; the next write through the link sets it aside beside the real log.
        let fd = open(real + "/events.log", O_WRONLY | O_APPEND)
        _ = write(fd, "{\"seq\":9,\"Ada Lovelace", 22)
        close(fd)
        try cli.ok(["client", "add", "--log", link, "--name", "Bob Stone"] + Self.now)
        #expect(names(real).contains { $0.hasPrefix("events.log.torn-") })

        let erased = try cli.run(["erase", "c1", "--yes", "--log", link] + Self.now)
        #expect(erased.status == 0, "\(erased.err)")
        #expect(isLink(link), "the link is still a link")
        #expect(!text(real + "/events.log").contains("Ada Lovelace"), "the real log no longer holds her name")
        for n in names(real) { #expect(!text(real + "/" + n).contains("Ada Lovelace"), "\(n)") }
        #expect(try cli.ok(["client", "list", "--log", real + "/events.log"]).contains("Bob Stone"))
        #expect(names(desk) == ["events.log"], "nothing was put beside the link")

        let restored = try cli.run(["restore", backup, "--log", link] + Self.now)
        #expect(restored.status == 0, "\(restored.err)")
        #expect(isLink(link))
        #expect(text(real + "/events.log") == text(backup))
        #expect(restored.out.contains("kept as \(real)/events.log.before-restore-"))
        #expect(names(desk) == ["events.log"])

        // A complete line that is not an event: repair's copy goes beside the real file and the advice moves it there.
        let g = open(real + "/events.log", O_WRONLY | O_APPEND)
        _ = write(g, "garbage\n", 8)
        close(g)
        let repaired = try cli.run(["repair", "--log", link])
        #expect(repaired.status == 0, "\(repaired.err)")
        #expect(FileManager.default.fileExists(atPath: real + "/events.log.repaired"))
        #expect(repaired.out.contains("mv \(real)/events.log.repaired \(real)/events.log"))
        #expect(names(desk) == ["events.log"])
        #expect(isLink(link))
        #expect(!names(real).contains { $0.hasPrefix(".") }, "no temporary copy was left: \(names(real))")
    }

    /// Through a linked folder (`desk -> real`): the same commands work on the real log, and the link stays.
    @Test func eraseAndRestoreThroughALinkedFolder() throws {
        let cli = CLI()
        let real = cli.dir + "/real", desk = cli.dir + "/desk"
        try practice(cli, log: real + "/events.log")
        #expect(symlink("real", desk) == 0)
        let log = desk + "/events.log"
        let backup = cli.dir + "/backup.log"
        try cli.ok(["backup", "--log", log, backup] + Self.now)
        let erased = try cli.run(["erase", "c1", "--yes", "--log", log] + Self.now)
        #expect(erased.status == 0, "\(erased.err)")
        #expect(isLink(desk) && !isLink(real + "/events.log"))
        #expect(!text(real + "/events.log").contains("Ada Lovelace"))
        let restored = try cli.run(["restore", backup, "--log", log] + Self.now)
        #expect(restored.status == 0, "\(restored.err)")
        #expect(isLink(desk))
        #expect(text(real + "/events.log") == text(backup))
        #expect(!names(real).contains { $0.hasPrefix(".") }, "no temporary copy was left: \(names(real))")
    }

    /// A log in a folder with a one-letter name (`--log b/events.log`), and a backup named `b`: Foundation's
    /// `deletingLastPathComponent` crashed (SIGILL) on a one-character path while `init` walked up the folders.
    @Test func aOneLetterFolderOrFileName() throws {
        let cli = CLI()
        let log = cli.dir + "/b/events.log"
        let r = try run(["init", "--log", "b/events.log"] + Self.now, in: cli.dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: log))
        let b = try run(["backup", "--log", "b/events.log", "c"] + Self.now, in: cli.dir)
        #expect(b.status == 0, "\(b.err)")
        #expect(FileManager.default.fileExists(atPath: cli.dir + "/c"))
        let erase = try run(["client", "add", "--log", "b/events.log", "--name", "Ada Lovelace"] + Self.now, in: cli.dir)
        #expect(erase.status == 0, "\(erase.err)")
        #expect(try run(["erase", "c1", "--yes", "--log", "b/events.log"] + Self.now, in: cli.dir).status == 0)
    }

    /// `erase` and `restore` run by root (say, by an administrator) give the log back to its owner and group with
    /// its mode. Run as another account, the account cannot give files away, so only the mode is checked.
    @Test func eraseAndRestoreKeepTheLogsOwnerGroupAndMode() throws {
        let cli = CLI()
        try practice(cli, log: cli.log)
        let backup = cli.dir + "/backup.log"
        try cli.ok(["backup", backup] + Self.now)
        var owner = (uid: getuid(), gid: getgid())
        if geteuid() == 0, let nobody = getpwnam("nobody") {
            owner = (nobody.pointee.pw_uid, nobody.pointee.pw_gid)
            #expect(chown(cli.log, owner.uid, owner.gid) == 0)
        }
        chmod(cli.log, 0o640)
        func expectKept(_ step: String) {
            var st = stat()
            stat(cli.log, &st)
            #expect(st.st_uid == owner.uid, "\(step): owner")
            #expect(st.st_gid == owner.gid, "\(step): group")
            #expect(st.st_mode & 0o7777 == 0o640, "\(step): mode \(String(st.st_mode & 0o7777, radix: 8))")
        }
        let erased = try cli.run(["erase", "c1", "--yes"] + Self.now)
        #expect(erased.status == 0, "\(erased.err)")
        expectKept("erase")
        if geteuid() == 0 {
            // A group-shared log (0660) run the same way.
            chmod(cli.log, 0o660)
            let restored = try cli.run(["restore", backup] + Self.now)
            #expect(restored.status == 0, "\(restored.err)")
            var st = stat()
            stat(cli.log, &st)
            #expect(st.st_uid == owner.uid && st.st_gid == owner.gid && st.st_mode & 0o7777 == 0o660, "restore")
            // The copy it kept aside is the owner's too, so the practice's account can read it (and erase can clean it).
            let aside = names(cli.dir).filter { $0.hasPrefix("events.log.before-restore-") }
            #expect(aside.count == 1)
            for a in aside {
                stat(cli.dir + "/" + a, &st)
                #expect(st.st_uid == owner.uid && st.st_gid == owner.gid, "\(a)")
            }
        } else {
            let restored = try cli.run(["restore", backup] + Self.now)
            #expect(restored.status == 0, "\(restored.err)")
            expectKept("restore")
        }
    }

    /// Runs keepwarm in `dir`, for paths relative to it; exit status and standard error.
    func run(_ args: [String], in dir: String) throws -> (status: Int32, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["KEEPWARM_USER"] = "sam"
        env["KEEPWARM_LOG"] = nil
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }

    /// Runs keepwarm with a file-size limit of `limit` bytes (a full disk, as WriteFailureTests do it).
    func full(_ cli: CLI, _ limit: Int, _ args: [String]) throws -> Spawned.End {
        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        return try Spawned([prlimit, "--fsize=\(limit):unlimited", "--", CLI.binary] + args,
                           env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam", "XDG_CONFIG_HOME": cli.dir + "/config"], stdout: cli.dir + "/out", stderr: cli.dir + "/err").wait()
    }

    /// A full disk leaves nothing behind: no half backup (nor the folder made for it), no empty export, no empty torn
    /// fragment, no truncated `.before-restore` copy, no folders from a failed `init` or letter; and the log is as it was.
    @Test func aFullDiskLeavesNothingBehind() throws {
        let cli = CLI()
        try practice(cli, log: cli.log)
        let before = cli.bytes()
        let dest = cli.dir + "/usb"
        try FileManager.default.createDirectory(atPath: dest, withIntermediateDirectories: true)

        #expect(try full(cli, before.count / 2, ["backup", dest + "/new folder/events.log"]) == .exited(1))
        #expect(names(dest).isEmpty, "nothing at DEST: \(names(dest))")
        #expect(try full(cli, before.count / 2, ["backup", dest]) == .exited(1))
        #expect(names(dest).isEmpty, "nothing at DEST: \(names(dest))")

        #expect(try full(cli, 0, ["export-client", "c1", "--out", cli.dir + "/ada.json"]) == .exited(1))
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/ada.json"))
        #expect(try full(cli, 0, ["letter", "c1", "--kind", "reactivation-letter"] + Self.now) == .exited(1))
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/letters"), "no empty letters folder")

        let backup = cli.dir + "/backup.log"
        try cli.ok(["backup", backup] + Self.now)
        try cli.ok(["client", "add", "--name", "Bob Stone"] + Self.now)
        let grown = cli.bytes()
        #expect(try full(cli, grown.count / 2, ["restore", backup] + Self.now) == .exited(1))
        #expect(cli.bytes() == grown, "the log is as it was")

        let fd = open(cli.log, O_WRONLY | O_APPEND)
        _ = write(fd, "{\"seq\":9", 8)
        close(fd)
        #expect(try full(cli, 0, ["client", "add", "--name", "Cy Twombly"] + Self.now) == .exited(1))

        #expect(try full(cli, 40, ["init", "--log", cli.dir + "/new/practice/events.log"]) == .exited(1))
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/new"), "no empty folders from init")

        let left = names(cli.dir).filter { $0 != "out" && $0 != "err" }
        #expect(left == ["backup.log", "events.log", "usb"], "\(left)")
        // Once there is room, the torn line is set aside as usual and the next write works.
        try cli.ok(["client", "add", "--name", "Cy Twombly"] + Self.now)
        #expect(names(cli.dir).contains { $0.hasPrefix("events.log.torn-") })
    }

    /// In a practice set up for a staff group, letters and the Maildir's sent copies are shared like the log:
    /// setgid 2770 folders and 0660 files of the group, so every member can read and add to them.
    @Test func lettersAndSentCopiesOfAStaffGroupAreSharedLikeTheLog() throws {
        let cli = CLI()
        let group = getgid()
        let groupName = String(cString: getgrgid(group)!.pointee.gr_name)
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": ""]
        let log = cli.dir + "/clinic/events.log"
        for args in [["init", "--group", groupName, "--name", "Riverside"], ["practitioner", "add", "--name", "Anna Okafor"],
                     ["client", "add", "--name", "Zoë Brontë", "--email", "zoe@example.org"]] {
            try cli.output(args + ["--log", log] + Self.now, env: env)
        }
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try "mail_command = \"cat\"\nfrom = \"desk@riverside.example\"\n".write(toFile: cli.dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
        try cli.output(["letter", "c1", "--kind", "reactivation-letter", "--log", log] + Self.now, env: env)
        try cli.output(["send", "c1", "--kind", "rebook-prompt", "--log", log] + Self.now, env: env)

        func expectShared(_ path: String, _ mode: mode_t) {
            var st = stat()
            #expect(stat(path, &st) == 0, "\(path)")
            #expect(st.st_mode & 0o7777 == mode, "\(path): \(String(st.st_mode & 0o7777, radix: 8))")
            #expect(st.st_gid == group, "\(path)")
        }
        let clinic = cli.dir + "/clinic"
        expectShared(clinic + "/letters", 0o2770)
        let letters = names(clinic + "/letters")
        #expect(letters.count == 1)
        for l in letters { expectShared(clinic + "/letters/" + l, 0o660) }
        for folder in ["Maildir", "Maildir/sent", "Maildir/sent/tmp", "Maildir/sent/new", "Maildir/sent/cur"] {
            expectShared(clinic + "/" + folder, 0o2770)
        }
        let sent = names(clinic + "/Maildir/sent/cur")
        #expect(sent.count == 1)
        for s in sent { expectShared(clinic + "/Maildir/sent/cur/" + s, 0o660) }
    }
}
