import Foundation
import Testing
@testable import KeepwarmCore

/// Reliability promise 9: consistent backups that are checked, and a restore that loses nothing.
@Suite struct BackupTests {
    @Test func backUpDamageTheLogRestoreAndTheStateIsEqual() throws {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace")
        try f.session(ada, "2026-01-06 10:00")
        try f.run("2026-01-06 11:05", .touch(client: ada.description, kind: .postSession, via: .text, note: "hi"))
        let backups = f.dir.file("backups")
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        let made = try Backup.make(of: f.log, to: backups, at: f.t("2026-01-06 12:00"))
        #expect(made.path == backups + "/events-20260106T120000Z.log")
        #expect(made.events == f.p.eventCount)
        #expect(FileManager.default.contents(atPath: made.path) == Data(f.bytes()))
        #expect(throws: LogError.alreadyExists(path: made.path)) { try Backup.make(of: f.log, to: made.path, at: f.t("2026-01-06 12:00")) }

        // A hand edit in the middle of the log.
        var damaged = f.bytes()
        let at = damaged.count / 2
        damaged[at] = damaged[at] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try writeFile(f.path, contents: Data(damaged))
        #expect(try !EventLog.open(path: f.path).damage.isEmpty)

        let restored = try Backup.restore(made.path, to: f.path, at: f.t("2026-01-06 12:30"))
        let reread = try EventLog.open(path: f.path)
        #expect(reread.damage.isEmpty)
        #expect(reread.practice.clients == f.p.clients)
        #expect(reread.practice.appointments == f.p.appointments)
        #expect(reread.practice.lastSeq == f.p.lastSeq)
        #expect(FileManager.default.contents(atPath: restored.setAside!) == Data(damaged), "the replaced log is kept as it was")
        #expect(restored.events == made.events)
    }

    /// Two restores in the same second: the second keeps the log it replaces under a free name (`-1`), as torn lines
    /// are kept, instead of refusing because the first one's copy has the name.
    @Test func twoRestoresInOneSecondKeepBothReplacedLogs() throws {
        let f = try Fixture()
        let made = try Backup.make(of: f.log, to: f.dir.file("copy.log"), at: f.t("2026-01-06 12:00"))
        _ = try f.client("Ada Lovelace")
        let first = f.bytes()
        let once = try Backup.restore(made.path, to: f.path, at: f.t("2026-01-06 12:30"))
        _ = try f.client("Grace Hopper")
        let second = f.bytes()
        let twice = try Backup.restore(made.path, to: f.path, at: f.t("2026-01-06 12:30"))
        #expect(once.setAside == f.path + ".before-restore-20260106T123000Z")
        #expect(twice.setAside == f.path + ".before-restore-20260106T123000Z-1")
        #expect(FileManager.default.contents(atPath: once.setAside!) == Data(first))
        #expect(FileManager.default.contents(atPath: twice.setAside!) == Data(second))
        #expect(FileManager.default.contents(atPath: f.path) == FileManager.default.contents(atPath: made.path))
    }

    @Test func aDamagedBackupIsNotRestored() throws {
        let f = try Fixture()
        let copy = f.dir.file("copy.log")
        _ = try Backup.make(of: f.log, to: copy, at: f.t("2026-01-06 12:00"))
        var bytes = Array(FileManager.default.contents(atPath: copy)!)
        bytes[bytes.count - 5] = UInt8(ascii: "#")
        try writeFile(copy, contents: Data(bytes))
        let before = f.bytes()
        #expect(throws: CommandError.self) { try Backup.restore(copy, to: f.path, at: f.t("2026-01-06 12:30")) }
        #expect(f.bytes() == before)
    }

    @Test func aBackupIsTakenUnderTheLockAndEndsAtALineBoundary() throws {
        let f = try Fixture()
        // A writer in the middle of a line: the backup leaves the half line out (it is set aside under the lock).
        let h = FileHandle(forWritingAtPath: f.path)!
        h.seekToEndOfFile()
        h.write(Data("{\"seq\":9,\"at\":".utf8))
        h.closeFile()
        let made = try Backup.make(of: f.log, to: f.dir.file("copy.log"), at: f.t("2026-01-06 12:00"))
        let copy = try EventLog.open(path: made.path)
        #expect(copy.pendingTailBytes == 0 && copy.damage.isEmpty)
        #expect(FileManager.default.contents(atPath: made.path)!.last == 0x0A)
    }
}
