import Foundation
import Testing
@testable import KeepwarmCore

/// Reliability promise 7: files only the practice can read, and a client's right to see and to erase their data.
@Suite struct PrivacyTests {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        stat(path, &st)
        return st.st_mode & 0o7777
    }

    @Test func everyFileIsOwnerOnlyInAnOwnerOnlyFolder() throws {
        let dir = TempDir()
        let path = dir.file("practice/data/events.log")
        let log = try EventLog.create(path: path, settings: SettingsChange(name: "P"), by: "t", at: Instant(ms: 1_000))
        #expect(mode(path) == 0o600)
        #expect(mode(dir.file("practice/data")) == 0o700)
        #expect(mode(dir.file("practice")) == 0o700)
        // A torn tail is set aside by the next append; the fragment is client data too.
        let h = FileHandle(forWritingAtPath: path)!
        h.seekToEndOfFile()
        h.write(Data("{\"seq\":3,\"at\":\"2026-01-01T00:00:00.000Z\",\"by\":\"t\",\"type\":\"client.added\",\"name\":\"Ada".utf8))
        h.closeFile()
        try log.append(by: "t", at: Instant(ms: 2_000)) { p in try Command.addPractitioner(name: "Anna").event(in: p, now: Instant(ms: 2_000)) }
        let torn = try FileManager.default.contentsOfDirectory(atPath: dir.file("practice/data")).filter { $0.contains(".torn-") }
        #expect(torn.count == 1)
        #expect(torn.allSatisfy { mode(dir.file("practice/data/\($0)")) == 0o600 })
        let backup = try Backup.make(of: log, to: dir.file("practice/backups/copy.log"), at: Instant(ms: 3_000))
        #expect(mode(backup.path) == 0o600)
        #expect(mode(dir.file("practice/backups")) == 0o700)
    }

    @Test func aStaffGroupSharesTheFilesAndTheFolder() throws {
        let dir = TempDir()
        let path = dir.file("shared/events.log")
        let group = FileSharing(group: getgid())
        let log = try EventLog.create(path: path, settings: SettingsChange(name: "P"), by: "t", at: Instant(ms: 1_000), sharing: group)
        #expect(mode(path) == 0o660)
        #expect(mode(dir.file("shared")) == 0o2770)
        var st = stat()
        stat(path, &st)
        #expect(st.st_gid == getgid())
        #expect(FileSharing.of(log: path) == group)
        // Files made later follow the log's sharing.
        let backup = try Backup.make(of: log, to: dir.file("shared/copy.log"), at: Instant(ms: 2_000))
        #expect(mode(backup.path) == 0o660)
        // A repair copy too, so the group can still write the log once the copy is moved into place.
        var bytes = Array(FileManager.default.contents(atPath: path)!)
        bytes += Array("garbage\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o660)
        _ = try Repair.run(path: path)
        #expect(mode(path + ".repaired") == 0o660)
        #expect(mode(path + ".rejected") == 0o660)
        #expect(throws: FileSafetyError.unknownGroup("no-such-group-kw")) { try FileSharing.group(named: "no-such-group-kw") }
    }

    @Test func aLogOthersCanReadIsNotWrittenUntilItsModeIsFixed() throws {
        let f = try Fixture()
        let before = f.bytes()
        for (m, fix) in [(mode_t(0o644), "chmod 600"), (0o604, "chmod 600"), (0o666, "chmod 660"), (0o662, "chmod 660")] {
            chmod(f.path, m)
            do {
                try f.run("2026-01-05 10:00", .addPractitioner(name: "Ben"))
                Issue.record("mode \(octal(m)) must be refused")
            } catch let e as FileSafetyError {
                #expect(e.description.contains("(mode \(octal(m)))"))
                #expect(e.description.contains("`\(fix) \(f.path)`"))
                #expect(!e.description.contains("\n"))
            }
            #expect(f.bytes() == before, "nothing is written")
        }
        chmod(f.path, 0o640)
        try f.run("2026-01-05 10:00", .addPractitioner(name: "Ben"))
        #expect(f.p.practitioners.count == 2)
    }

    /// A practice with Ada (to be erased) and Bob, with something of Ada's in every kind of event that can hold it.
    func practiceWithAda() throws -> (Fixture, ada: ClientID, bob: ClientID) {
        let f = try Fixture()
        let bob = try f.client("Bob Stone")
        try f.run("2026-01-05 09:10", .addCallback(name: "Ada Lovelace", phone: "07700 900555", reason: "wants a Tuesday", by: f.t("2026-01-05 12:00")))
        let ada = try f.client("Ada Lovelace", at: "2026-01-05 09:30", referredBy: "Bob Stone")
        try f.run("2026-01-05 09:40", .editClient(client: ada.description, ClientEdit(client: ada, name: "Ada King", phone: "07700 900555", email: "ada@example.org")))
        try f.session(ada, "2026-01-06 10:00")
        try f.session(bob, "2026-01-06 12:00")
        try f.run("2026-01-06 11:05", .touch(client: ada.description, kind: .postSession, via: .text, note: "Ada's shoulder is better"))
        try f.run("2026-01-06 13:05", .touch(client: bob.description, kind: .postSession, via: .text, note: "Bob's knee"))
        try f.run("2026-01-06 11:10", .feedback(client: ada.description, score: 5, comment: "Ada King loved it"))
        try f.run("2026-01-06 11:20", .thank("r1", via: .letter, note: "Thanks for sending us Ada"))
        try f.run("2026-01-06 11:30", .setStatus(client: ada.description, .discharged, reason: "Ada finished her course"))
        return (f, ada, bob)
    }

    @Test func erasureLeavesNoTraceOfTheClientAndEveryOtherLineAsItWas() throws {
        let (f, ada, bob) = try practiceWithAda()
        let other = try EventLog.open(path: f.path)
        // A crash left part of a line about Ada at the end; it becomes a torn fragment beside the log.
        let h = FileHandle(forWritingAtPath: f.path)!
        h.seekToEndOfFile()
        h.write(Data("{\"seq\":99,\"at\":\"2026-01-06T12:00:00.000Z\",\"by\":\"t\",\"type\":\"touchpoint.sent\",\"note\":\"call Ada King on 07700 900555".utf8))
        h.closeFile()
        let before = String(decoding: f.bytes(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let outcome = try Erasure.erase(ada, in: f.log, by: "owner", at: f.t("2026-01-07 09:00"))

        let after = String(decoding: f.bytes(), as: UTF8.self).split(separator: "\n").map(String.init)
        for file in try FileManager.default.contentsOfDirectory(atPath: f.dir.path) {
            let text = String(decoding: FileManager.default.contents(atPath: f.dir.file(file)) ?? Data(), as: UTF8.self)
            for secret in ["Ada Lovelace", "Ada King", "07700 900555", "ada@example.org", "shoulder", "loved it", "finished her course", "sending us Ada", "Tuesday"] {
                #expect(!text.contains(secret), "\(file) still holds \(secret)")
            }
        }
        #expect(outcome.sideFilesCleaned.count == 1, "the torn fragment")
        // Every line that was not about Ada is byte for byte the same, in the same order.
        let untouched = before.dropLast().filter { line in !["Ada", "07700 900555", "ada@"].contains { line.contains($0) } }
        #expect(after.filter { untouched.contains(Substring($0)) }.count == untouched.count)
        #expect(after.count == before.count - 1 + 1, "the torn tail was set aside, the tombstone added")
        #expect(after.last!.contains("\"type\":\"client.erased\"") && after.last!.contains("\"client\":\"\(ada)\""))

        let reread = try EventLog.open(path: f.path)
        #expect(reread.damage.isEmpty)
        let c = reread.practice.clients[ada.index]
        #expect(c.name == Erasure.placeholder && c.phone == nil && c.email == nil && c.statusReason == nil && c.erasedAt != nil)
        #expect(c.appointments.count == 1, "visits still count, anonymously")
        #expect(reread.practice.clients[bob.index].touchpoints.first?.note == "Bob's knee")
        #expect(reread.practice.callbacks[0].name == Erasure.placeholder)

        // A reader opened before the erasure starts again from the rewritten file.
        try other.refresh()
        #expect(other.generation == 1)
        #expect(other.practice.clients[ada.index].name == Erasure.placeholder)
        // …and a writer that opened the old file appends to the new one.
        try other.append(by: "t", at: f.t("2026-01-07 09:05")) { p in try Command.addPractitioner(name: "Cleo").event(in: p, now: f.t("2026-01-07 09:05")) }
        #expect(try EventLog.open(path: f.path).practice.practitioners.count == 2)

        #expect(throws: CommandError.self) { try Erasure.erase(ada, in: f.log, by: "owner", at: f.t("2026-01-07 09:10")) }
        #expect(throws: CommandError("your last action erased a client's details at their request; an erasure cannot be undone")) {
            try Command.undo(by: "owner").event(in: f.log.practice, now: f.t("2026-01-07 09:01"))
        }
    }

    @Test func theExportHoldsEverythingAboutTheClientAndOnlyIdsOfOthers() throws {
        let (f, ada, _) = try practiceWithAda()
        let bytes = Array(f.bytes())
        let json = ClientExport.json(ada, in: f.p, logLines: bytes, at: f.t("2026-01-07 09:00"))
        let doc = try JSONSerialization.jsonObject(with: Data(json)) as! [String: Any]
        let client = doc["client"] as! [String: Any]
        #expect(client["name"] as? String == "Ada King")
        #expect(client["email"] as? String == "ada@example.org")
        #expect((doc["appointments"] as! [Any]).count == 1)
        #expect((doc["touchpoints"] as! [[String: Any]]).map { $0["note"] as? String } == ["Ada's shoulder is better"])
        #expect((doc["feedback"] as! [[String: Any]]).first?["comment"] as? String == "Ada King loved it")
        #expect((doc["callbacks"] as! [Any]).count == 1)
        let referral = (doc["referrals"] as! [[String: Any]]).first!
        #expect(referral["role"] as? String == "referred" && referral["referrer"] as? String == "c1")
        // Every log line about Ada, as written: added (with its referral), edited, booked, attended, touchpoint,
        // feedback, the thank-you for her referral, status and the callback she made before she was a client.
        let events = doc["events"] as! [[String: Any]]
        #expect(events.count == 9)
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("Bob Stone") && !text.contains("Bob's knee"), "other clients appear only by id")
    }

    @Test func errorsAboutOneClientDoNotShowAnothersDetails() throws {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace")
        let bob = try f.client("Bob Stone")
        try f.run("2026-01-05 09:10", .book(client: ada.description, practitioner: nil, start: f.t("2026-01-06 10:00"), minutes: 60, force: false))
        do {
            try f.run("2026-01-05 09:20", .book(client: bob.description, practitioner: nil, start: f.t("2026-01-06 10:30"), minutes: 60, force: false))
            Issue.record("a double booking must be refused")
        } catch {
            let message = userMessage(error)
            #expect(message.contains("a1"), "the clash is named by appointment id")
            #expect(!message.contains("Ada") && !message.contains("Lovelace"))
        }
        // A damaged line about Ada is reported by place and reason, never by quoting what it held.
        var bytes = f.bytes()
        let text = String(decoding: bytes, as: UTF8.self)
        let at = text.utf8.distance(from: text.utf8.startIndex, to: text.range(of: "Lovelace")!.lowerBound.samePosition(in: text.utf8)!)
        bytes[at] = UInt8(ascii: "l")
        try writeFile(f.path, contents: Data(bytes))
        let damaged = try EventLog.open(path: f.path)
        #expect(!damaged.damage.isEmpty)
        for issue in damaged.damage { #expect(!issue.description.contains("ovelace"), "\(issue)") }
    }
}
