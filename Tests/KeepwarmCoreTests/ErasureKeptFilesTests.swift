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
}
