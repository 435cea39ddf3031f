import Foundation
import Testing

/// Issue 12, section 2: `keepwarm erase` with every kind of file Keepwarm keeps beside the log, through the real
/// binary: the copies stay readable and restorable, nothing Keepwarm wrote still names the client, and nobody is
/// prompted to contact them afterwards.
@Suite struct ErasureCLITests {
    /// Ada's details as a `grep -ri` would look for them, in lower case (phones in each common written form).
    static let secrets = ["ada lovelace", "ada@example.org", "07700 900555", "07700900555", "+44 7700 900555", "447700900555", "ada lov"]

    /// Every file under `dir` whose text, lower-cased, holds one of the secrets.
    func mentions(under dir: String) -> [String] {
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: dir)!
        while let rel = e.nextObject() as? String {
            let path = dir + "/" + rel
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self).lowercased()
            if Self.secrets.contains(where: text.contains) { out.append(rel) }
        }
        return out.sorted()
    }

    func lines(_ path: String) -> [String] {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func append(_ path: String, _ text: String) {
        let h = FileHandle(forWritingAtPath: path)!
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        h.closeFile()
    }

    /// Whether a line of a copy is about Ada, so it may change: her own records, or one naming her.
    func aboutAda(_ line: String) -> Bool {
        let l = line.lowercased()
        return Self.secrets.contains(where: l.contains) || l.contains("\"client\":\"c2\"") || l.contains("\"id\":\"c2\"")
            || l.contains("900555")
    }

    @Test func eraseReSealsEveryKeptCopyAndLeavesNothingKeepwarmWrote() throws {
        let cli = CLI()
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": ""]
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try "mail_command = \"cat\"\nfrom = \"Anna <desk@riverside.example>\"\n"
            .write(toFile: cli.dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
        func run(_ args: String...) throws { try cli.output(args, env: env) }
        try run("init", "--now", "2026-01-05T09:00:00Z")
        try run("practitioner", "add", "--name", "Anna Okafor", "--now", "2026-01-05T09:01:00Z")
        try run("client", "add", "--name", "Bob Stone", "--phone", "07700 900111", "--now", "2026-01-05T09:05:00Z")
        try run("client", "add", "--name", "Ada Lovelace", "--phone", "07700 900555", "--email", "ada@example.org",
                "--referred-by", "Bob Stone", "--now", "2026-01-05T09:10:00Z")
        try run("callback", "add", "--name", "ADA LOVELACE", "--phone", "+44 7700 900555", "--reason", "move Tuesday",
                "--by", "2026-01-05 17:00", "--now", "2026-01-05T09:12:00Z")
        try run("book", "c2", "--at", "2026-01-06 10:00", "--now", "2026-01-05T09:15:00Z")
        try run("attend", "a1", "--now", "2026-01-06T11:00:00Z")
        // A backup inside the practice folder, then more history, then a restore: the later log is kept aside.
        try FileManager.default.createDirectory(atPath: cli.dir + "/backups", withIntermediateDirectories: true)
        try run("backup", cli.dir + "/backups", "--now", "2026-01-06T12:00:00Z")
        try run("touch", "c2", "--kind", "post-session", "--note", "Ada's shoulder", "--now", "2026-01-06T13:00:00Z")
        try run("restore", cli.dir + "/backups/events-20260106T120000Z.log", "--now", "2026-01-06T14:00:00Z")
        try run("touch", "c2", "--kind", "post-session", "--note", "Ada Lovelace's shoulder", "--now", "2026-01-06T15:00:00Z")
        try run("client", "add", "--name", "Cleo Park", "--referred-by", "c2", "--now", "2026-01-06T15:10:00Z")
        try run("touch", "c1", "--kind", "post-session", "--note", "Bob's knee", "--now", "2026-01-06T15:20:00Z")
        // A letter and a sent email to Ada.
        try run("letter", "c2", "--kind", "reactivation-letter", "--now", "2026-01-07T09:00:00Z")
        try run("send", "c2", "--kind", "rebook-prompt", "--now", "2026-01-07T09:05:00Z")
        // A hand copy, and a repair of a damaged line that named Ada in capitals (kept in .rejected).
        try FileManager.default.copyItem(atPath: cli.log, toPath: cli.log + ".bak")
        let sound = FileManager.default.contents(atPath: cli.log)!
        append(cli.log, "garbage typed by hand: call ADA LOVELACE on 07700 900555\n")
        _ = try cli.run(["repair"], env: env)
        try sound.write(to: URL(fileURLWithPath: cli.log))
        // A copy with a damaged line in the middle that mentions her, and a torn fragment of each kind.
        var damaged = lines(cli.log)
        damaged.insert("{\"seq\":4,\"note\":\"Ada Lovelace rang\",\"crc\":\"00000000\"}", at: 3)
        try damaged.joined(separator: "\n").write(toFile: cli.log + ".old", atomically: true, encoding: .utf8)
        append(cli.log, "{\"seq\":99,\"at\":\"2026-01-07T10:00:00.000Z\",\"by\":\"t\",\"type\":\"client.edited\",\"client\":\"c2\",\"name\":\"Ada King")
        try run("touch", "c1", "--kind", "check-in-28", "--now", "2026-01-07T10:01:00Z")
        append(cli.log, "{\"seq\":99,\"at\":\"2026-01-07T10:02:00.000Z\",\"by\":\"t\",\"type\":\"touchpoint.sent\",\"client\":\"c1\",\"note\":\"ask Bob about Ada Lov")
        try run("touch", "c1", "--kind", "referral-ask", "--now", "2026-01-07T10:03:00Z")
        // What an erasure killed part-way leaves, and a file Keepwarm never wrote.
        try sound.write(to: URL(fileURLWithPath: cli.dir + "/.events.log.erasing-424242"))
        try "Ada Lovelace rang about her invoice\n".write(toFile: cli.dir + "/desk-notes.txt", atomically: true, encoding: .utf8)

        let all = try FileManager.default.contentsOfDirectory(atPath: cli.dir)
        let copies = [cli.log + ".bak", cli.log + ".repaired", cli.dir + "/backups/events-20260106T120000Z.log"]
            + all.filter { $0.hasPrefix("events.log.before-restore-") }.map { cli.dir + "/" + $0 }
        #expect(copies.count == 4)
        #expect(all.filter { $0.hasPrefix("events.log.torn-") }.count == 2)
        let before = Dictionary(uniqueKeysWithValues: (copies + [cli.log + ".old"]).map { ($0, lines($0)) })
        #expect(mentions(under: cli.dir).count >= 10, "every kind of file names Ada before")

        let out = try cli.output(["erase", "c2", "--yes", "--now", "2026-01-07T11:00:00Z"], env: env)
        #expect(out.contains("removed \(cli.dir)/.events.log.erasing-424242"))
        #expect(out.contains("note: \(cli.dir)/desk-notes.txt mentions them but was not written by Keepwarm; it was left alone"))

        // grep -ri finds nothing Keepwarm wrote.
        #expect(mentions(under: cli.dir) == ["desk-notes.txt"])
        #expect((try FileManager.default.contentsOfDirectory(atPath: cli.dir + "/letters")).isEmpty)
        #expect((try FileManager.default.contentsOfDirectory(atPath: cli.dir + "/Maildir/sent/cur")).isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.dir)
        #expect(left.filter { $0.hasPrefix("events.log.torn-") }.count == 1, "Ada's own torn line is removed, the other cleaned")
        #expect(!left.contains { $0.contains(".erasing-") })

        // Every copy still checks and restores, with Ada erased in it; every line not about her is byte for byte the same.
        for copy in copies {
            let checked = try cli.run(["check", "--log", copy], env: env)
            #expect(checked.status == 0 && checked.out.contains("no damage"), "\(copy): \(checked.out)")
            let after = lines(copy), was = before[copy]!
            #expect(after.count == was.count + 1, "\(copy): one client.erased line added")
            #expect(after[after.count - 2].contains("\"type\":\"client.erased\",\"client\":\"c2\""), "\(copy)")
            for (i, line) in was.enumerated() where !aboutAda(line) && !line.isEmpty {
                #expect(after[i] == line, "\(copy):\(i + 1) changed")
            }
            let scratch = cli.dir + "/scratch-\(UUID().uuidString)/events.log"
            let restored = try cli.run(["restore", copy, "--log", scratch, "--now", "2026-01-07T12:00:00Z"], env: env)
            #expect(restored.status == 0, "\(copy): \(restored.err)")
            #expect(try cli.output(["client", "list", "--log", scratch], env: env).contains("(erased)"))
            try FileManager.default.removeItem(atPath: (scratch as NSString).deletingLastPathComponent)
        }
        // The damaged copy is no more damaged than it was: same damage, details gone.
        let old = lines(cli.log + ".old")
        #expect(old[3] == "{\"seq\":4,\"note\":\"(erased) rang\",\"crc\":\"00000000\"}")
        #expect(out.contains("note: \(cli.log).old:4 was already damaged"))
        #expect(try cli.run(["check", "--log", cli.log + ".old"], env: env).out.contains("1 damaged line"))
        #expect(try cli.output(["check"], env: env).contains("no damage"))
        #expect(try cli.output(["client", "list"], env: env).contains("Bob Stone"))
    }

    @Test func nobodyIsPromptedOrContactedAboutAnErasedClient() throws {
        let cli = CLI()
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": ""]
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try "mail_command = \"cat\"\nfrom = \"Anna <desk@riverside.example>\"\n"
            .write(toFile: cli.dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
        let at = ["--now", "2026-03-01T09:00:00Z"]
        for args in [["init"], ["practitioner", "add", "--name", "Anna Okafor"],
                     ["client", "add", "--name", "Bob Stone", "--email", "bob@example.org"],
                     ["client", "add", "--name", "Ada Lovelace", "--email", "ada@example.org", "--referred-by", "c1"],
                     ["client", "add", "--name", "Cleo Park", "--email", "cleo@example.org", "--referred-by", "c2"],
                     ["callback", "add", "--name", "Ada Lovelace", "--phone", "07700 900555", "--by", "2026-03-01 12:00"],
                     ["book", "c1", "--at", "2026-03-02 10:00"]] {
            try cli.output(args + at, env: env)
        }
        #expect(try cli.output(["thankyous"] + at, env: env).contains("r2"))
        try cli.output(["erase", "c2", "--yes"] + at, env: env)
        let now = ["--now", "2026-03-01T10:00:00Z"]
        #expect(try cli.json("thankyous", "--now", "2026-03-01T10:00:00Z").isEmpty)
        #expect(try cli.json("callbacks", "--now", "2026-03-01T10:00:00Z").isEmpty)
        #expect(!(try cli.output(["diary", "--date", "2026-03-02"] + now, env: env)).contains("thank-you-owed"))

        let log = cli.bytes()
        for (args, reason) in [
            (["thank", "r1"], "c2's details were erased at their request; nobody may be thanked for referral r1, so nothing was written"),
            (["thank", "r2"], "c2's details were erased at their request; nobody may be thanked for referral r2, so nothing was written"),
            (["preview", "--referral", "r1"], "c2's details were erased at their request; nobody may be thanked for referral r1, so nothing was written"),
            (["send", "--referral", "r2"], "c2's details were erased at their request; nobody may be thanked for referral r2, so nothing was written"),
            (["letter", "--referral", "r1"], "c2's details were erased at their request; nobody may be thanked for referral r1, so nothing was written"),
            (["preview", "c2", "--kind", "rebook-prompt"], "c2's details were erased at their request; c2 may not be contacted, so nothing was written"),
            (["letter", "c2", "--kind", "reactivation-letter"], "c2's details were erased at their request; c2 may not be contacted, so nothing was written"),
            (["send", "c2", "--kind", "rebook-prompt"], "c2's details were erased at their request; c2 may not be contacted, so nothing was written"),
        ] {
            let r = try cli.run(args + now, env: env)
            #expect(r.status == 1 && r.out.isEmpty && r.err == "keepwarm: \(reason)\n", "\(args): \(r.err)")
        }
        #expect(cli.bytes() == log, "nothing was written")
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/letters"))
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/Maildir"))
    }

    @Test func theNextWriteRemovesWhatAnInterruptedErasureLeft() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-01-05T09:00:00Z")
        try cli.ok("client", "add", "--name", "Ada Lovelace", "--now", "2026-01-05T09:10:00Z")
        let leftovers = [cli.dir + "/.events.log.erasing-31337", cli.dir + "/.events.log.bak.erasing-31337"]
        for l in leftovers { try cli.bytes().write(to: URL(fileURLWithPath: l)) }
        try cli.ok("client", "list")
        #expect(leftovers.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "reading leaves them")
        try cli.ok("client", "add", "--name", "Bob Stone", "--now", "2026-01-05T09:20:00Z")
        #expect(leftovers.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
    }
}
