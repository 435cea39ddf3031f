import Foundation
import Testing
@testable import KeepwarmCore

/// The files erasure cleans beside the log: one that cannot be rewritten is named and left as it was, and the rest
/// are still cleaned.
@Suite struct ErasureKeptFilesTests {
    @Test func aCopyThatCannotBeRewrittenIsNamedAndTheOthersAreStillCleaned() throws {
        let f = try Fixture()
        let ada = try f.run("2026-01-05 09:10", .addClient(ClientDraft(name: "Ada Lovelace", phone: "07700 900555")))
        guard case .clientAdded(let c) = ada.body else { Issue.record("no client"); return }
        let log = f.bytes()
        for copy in ["events.log.bak", "events.log.repaired"] { try Data(log).write(to: URL(fileURLWithPath: f.dir.file(copy))) }
        // Something in the way of the temporary file the .bak would be rewritten through.
        let blocker = f.dir.file(".events.log.bak.erasing-\(getpid())")
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        let outcome = try Erasure.erase(c.id, in: f.log, by: "owner", at: f.t("2026-01-06 09:00"))
        #expect(outcome.filesNotCleaned.count == 1 && outcome.filesNotCleaned[0].hasPrefix(f.dir.file("events.log.bak") + ": "))
        #expect(f.bytes() != log && !String(decoding: f.bytes(), as: UTF8.self).contains("Ada Lovelace"), "the log is erased")
        #expect(FileManager.default.contents(atPath: f.dir.file("events.log.bak")) == Data(log), "left exactly as it was")
        #expect(outcome.sideFilesCleaned == [f.dir.file("events.log.repaired")])
        #expect(try EventLog.open(path: f.dir.file("events.log.repaired")).practice.clients[c.id.index].erasedAt != nil)
    }

    /// Another practice's log kept in the same folder is that practice's record: erasing a client here must not touch
    /// it, even where someone there shares the client's phone number; it is named instead. A copy of this practice's
    /// log beside it is still cleaned.
    @Test func anotherPracticesLogInTheFolderIsNamedAndLeftAlone() throws {
        let f = try Fixture()
        let added = try f.run("2026-01-05 09:10", .addClient(ClientDraft(name: "Totally Different", phone: "01632 960513")))
        guard case .clientAdded(let c) = added.body else { Issue.record("no client"); return }
        try Data(f.bytes()).write(to: URL(fileURLWithPath: f.dir.file("events.log.bak")))
        // A backup two folders down, where `keepwarm backup` was told to write it.
        let deep = f.dir.file("backups/2026")
        try FileManager.default.createDirectory(atPath: deep, withIntermediateDirectories: true)
        try Data(f.bytes()).write(to: URL(fileURLWithPath: deep + "/events-2026-01-05.log"))
        // Another practice, started in the same minute by the same person in the same folder: its c1 is someone
        // else, and a caller there left the same number.
        let other = f.dir.file("other.log")
        let theirs = try EventLog.create(path: other, settings: SettingsChange(name: "Other Practice"), by: "test", at: f.t("2026-01-05 09:00"))
        for command in [Command.addClient(ClientDraft(name: "Ruby Hill", phone: "07700 900001")),
                        .addCallback(name: "Ruby Hill", phone: "01632 960513", reason: "wants Tuesdays", by: f.t("2026-01-06 17:00"))] {
            let now = f.t("2026-01-05 10:00")
            try theirs.append(by: "them", at: now) { p in try command.event(in: p, now: now) }
        }
        let before = FileManager.default.contents(atPath: other)
        let outcome = try Erasure.erase(c.id, in: f.log, by: "owner", at: f.t("2026-01-06 09:00"))
        #expect(FileManager.default.contents(atPath: other) == before, "the other practice's log is byte for byte as it was")
        #expect(outcome.otherPracticesLogs == [other])
        #expect(!outcome.sideFilesCleaned.contains(other))
        #expect(Set(outcome.sideFilesCleaned) == [f.dir.file("events.log.bak"), deep + "/events-2026-01-05.log"],
                "this practice's own copies are still cleaned, however deep")
        for copy in [f.dir.file("events.log.bak"), deep + "/events-2026-01-05.log"] {
            #expect(!String(decoding: FileManager.default.contents(atPath: copy)!, as: UTF8.self).contains("960513"), "\(copy)")
        }
    }
}
