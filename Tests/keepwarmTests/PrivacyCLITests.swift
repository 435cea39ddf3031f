import Foundation
import Testing
@testable import KeepwarmCore

/// Reliability promises 7–9 as a person meets them on the command line: one-line errors, nothing written on refusal.
@Suite struct PrivacyCLITests {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        stat(path, &st)
        return st.st_mode & 0o7777
    }

    @Test func initForAStaffGroupAndAnUnknownGroup() throws {
        let cli = CLI()
        let group = String(cString: getgrgid(getgid())!.pointee.gr_name)
        let shared = cli.dir + "/clinic/events.log"
        try cli.ok("init", "--log", shared, "--group", group, "--now", "2026-01-05T09:00:00Z")
        #expect(mode(shared) == 0o660)
        #expect(mode(cli.dir + "/clinic") == 0o2770)
        try cli.ok("--log", shared, "client", "add", "--name", "Ada Lovelace", "--now", "2026-01-05T09:10:00Z")

        let r = try cli.run(["init", "--log", cli.dir + "/other/events.log", "--group", "no-such-group-kw"])
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("keepwarm: there is no group called no-such-group-kw") && r.err.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/other"), "nothing was created")

        // An existing folder not shared with the group is not changed behind the person's back.
        let r2 = try cli.run(["init", "--log", cli.dir + "/events2.log", "--group", group])
        #expect(r2.status == 1 && r2.err.contains("chmod 2770"))
    }

    @Test func aLogOthersCanReadIsRefusedWithTheChmodThatFixesIt() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-01-05T09:00:00Z")
        chmod(cli.log, 0o644)
        let before = cli.bytes()
        let r = try cli.run(["client", "add", "--name", "Ada Lovelace", "--now", "2026-01-05T09:10:00Z"])
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: \(cli.log) can be read by other accounts on this computer (mode 644), and it holds client records; nothing was written. Run `chmod 600 \(cli.log)` and try again\n")
        #expect(cli.bytes() == before)
        chmod(cli.log, 0o600)
        try cli.ok("client", "add", "--name", "Ada Lovelace", "--now", "2026-01-05T09:10:00Z")
    }

    @Test func exportAndEraseAClient() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-01-05T09:00:00Z")
        try cli.ok("practitioner", "add", "--name", "Anna Okafor", "--now", "2026-01-05T09:01:00Z")
        try cli.ok("client", "add", "--name", "Bob Stone", "--phone", "07700 900111", "--now", "2026-01-05T09:05:00Z")
        try cli.ok("client", "add", "--name", "Ada Lovelace", "--phone", "07700 900555", "--email", "ada@example.org",
                   "--referred-by", "Bob Stone", "--now", "2026-01-05T09:10:00Z")
        try cli.ok("book", "Ada Lovelace", "--at", "2026-01-06 10:00", "--now", "2026-01-05T09:11:00Z")
        try cli.ok("touch", "Ada Lovelace", "--kind", "post-session", "--note", "Ada's shoulder", "--now", "2026-01-06T12:00:00Z")

        let out = cli.dir + "/ada.json"
        try cli.ok("export-client", "Ada Lovelace", "--out", out, "--now", "2026-01-07T09:00:00Z")
        #expect(mode(out) == 0o600)
        let doc = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: out)!) as! [String: Any]
        #expect((doc["client"] as! [String: Any])["phone"] as? String == "07700 900555")
        #expect((doc["events"] as! [Any]).count == 3)
        let again = try cli.run(["export-client", "Ada Lovelace", "--out", out])
        #expect(again.status == 1 && again.err == "keepwarm: \(out) already exists; nothing was written. Choose another --out file, or move that one away first\n")
        try FileManager.default.removeItem(atPath: out)

        let bobBefore = String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n").filter { $0.contains("Bob Stone") }
        let refused = try cli.run(["erase", "Ada Lovelace", "--now", "2026-01-07T09:00:00Z"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("UK professional bodies expect client records to be kept for years"))
        #expect(refused.err.contains("nothing was erased; to erase Ada Lovelace (c2) for good, run the same command with --yes"))
        #expect(String(decoding: cli.bytes(), as: UTF8.self).contains("Ada Lovelace"))

        let done = try cli.ok("erase", "c2", "--yes", "--now", "2026-01-07T09:00:00Z")
        #expect(done.contains("erased the personal details of c2"))
        for file in try FileManager.default.contentsOfDirectory(atPath: cli.dir) {
            let text = String(decoding: FileManager.default.contents(atPath: cli.dir + "/" + file) ?? Data(), as: UTF8.self)
            for secret in ["Ada Lovelace", "07700 900555", "ada@example.org", "shoulder"] { #expect(!text.contains(secret), "\(file): \(secret)") }
        }
        let bobAfter = String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n").filter { $0.contains("Bob Stone") }
        #expect(bobAfter == bobBefore, "other clients' lines are byte for byte the same")
        #expect(try cli.ok("check").contains("no damage"))
        let undo = try cli.run(["undo", "--now", "2026-01-07T09:01:00Z"])
        #expect(undo.status == 1 && undo.err.contains("cannot be undone"))
    }

    @Test func backupAndRestoreOnTheCommandLine() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-01-05T09:00:00Z")
        try cli.ok("client", "add", "--name", "Ada Lovelace", "--now", "2026-01-05T09:10:00Z")
        let backups = cli.dir + "/backups"
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        let said = try cli.ok("backup", backups, "--now", "2026-01-05T18:00:00Z")
        let copy = backups + "/events-20260105T180000Z.log"
        #expect(said == "backed up 2 events to \(copy) (read back and checked)")
        #expect(mode(copy) == 0o600)
        try cli.ok("client", "add", "--name", "Bob Stone", "--now", "2026-01-06T09:10:00Z")
        let restored = try cli.ok("restore", copy, "--now", "2026-01-06T10:00:00Z")
        #expect(restored.contains("restored 2 events"))
        #expect(restored.contains("kept as \(cli.log).before-restore-20260106T100000Z"))
        #expect(try cli.ok("client", "list").contains("Ada Lovelace"))
        #expect(try !cli.ok("client", "list").contains("Bob Stone"))
        let missing = try cli.run(["restore", cli.dir + "/nope.log"])
        #expect(missing.status == 1 && missing.err.contains("there is no backup at"))
    }

    @Test func aSyncedFolderNeedsConsent() throws {
        let cli = CLI()
        let log = cli.dir + "/OneDrive/keepwarm/events.log"
        let r = try cli.run(["init", "--log", log, "--now", "2026-01-05T09:00:00Z"])
        #expect(r.status == 1 && r.err.contains("is on a OneDrive folder") && r.err.contains("--allow-network-fs"))
        #expect(!FileManager.default.fileExists(atPath: log))
        try cli.ok("init", "--log", log, "--allow-network-fs", "--now", "2026-01-05T09:00:00Z")
        let add = try cli.run(["--log", log, "client", "add", "--name", "Ada", "--now", "2026-01-05T09:10:00Z"])
        #expect(add.status == 1 && add.err.contains("nothing was written"))
        try cli.ok("--log", log, "--allow-network-fs", "client", "add", "--name", "Ada", "--now", "2026-01-05T09:10:00Z")
        #expect(try cli.ok("--log", log, "client", "list").contains("Ada"), "reading needs no consent")
    }
}
