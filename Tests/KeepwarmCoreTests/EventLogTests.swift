import Foundation
import Testing
@testable import KeepwarmCore

@Suite struct EventLogTests {
    @Test func newLogIsPrivate() throws {
        let dir = TempDir()
        let path = dir.path + "/a/b/events.log"
        try EventLog.create(path: path, settings: SettingsChange(name: "P"), by: "t", at: Instant(ms: 0))
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let dirAttrs = try FileManager.default.attributesOfItem(atPath: dir.path + "/a/b")
        #expect((dirAttrs[.posixPermissions] as? Int) == 0o700)
        #expect(throws: LogError.alreadyExists(path: path)) {
            try EventLog.create(path: path, settings: SettingsChange(), by: "t", at: Instant(ms: 0))
        }
    }

    @Test func hostileNamesSurviveTheFileAndAnInjectionStaysOneEvent() throws {
        let f = try Fixture()
        var ids: [ClientID] = []
        for s in LogFormatTests.hostile { ids.append(try f.client("x" + s)) }
        let reopened = try EventLog.open(path: f.path)
        #expect(reopened.damage.isEmpty)
        #expect(reopened.practice.clients.map(\.name) == LogFormatTests.hostile.map { ("x" + $0).trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(reopened.practice.referrals.isEmpty, "the injected referral.thanked must not become an event")
        let lines = f.bytes().split(separator: 0x0A)
        #expect(lines.count == 1 + 2 + LogFormatTests.hostile.count)  // header, settings, practitioner, clients
        #expect(reopened.practice.eventCount == 2 + LogFormatTests.hostile.count)
    }

    /// A crash can cut the last line anywhere; every such file must open, set the fragment aside and carry on.
    @Test func tornTailAtEveryByteOffset() throws {
        let f = try Fixture()
        let c = try f.client("Ada Lovelace")
        try f.session(c, "2026-01-06 10:00")
        let full = f.bytes()
        let lastStart = full.dropLast().lastIndex(of: 0x0A)! + 1
        let prefix = Array(full[..<lastStart])
        let lastLine = Array(full[lastStart...])
        let complete = try EventLog.open(path: f.path).practice.eventCount
        // Cut anywhere before its last "}": the line without only its newline is complete, not torn
        // (LogEdgesTests.aLastLineWithoutItsNewlineIsAnEventAndTheNextWriteEndsIt).
        for k in 1..<(lastLine.count - 1) {
            let dir = TempDir()
            let path = dir.file("events.log")
            let fragment = Array(lastLine[0..<k])
            try writeFile(path, contents: Data(prefix + fragment))
            let log = try EventLog.open(path: path)
            #expect(log.damage.isEmpty)
            #expect(log.practice.eventCount == complete - 1)
            #expect(log.pendingTailBytes == k)
            let now = f.t("2026-01-07 10:00")
            try log.append(by: "t", at: now) { p in try Command.addCallback(name: "Mo", phone: "07700 900777", reason: nil, by: now).event(in: p, now: now) }
            #expect(log.warnings.contains { $0.contains("the last line was incomplete (\(k) bytes") })
            let after = Array(FileManager.default.contents(atPath: path)!)
            #expect(Array(after[0..<prefix.count]) == prefix, "everything before the torn line is untouched")
            #expect(after.last == 0x0A)
            let reopened = try EventLog.open(path: path)
            #expect(reopened.damage.isEmpty)
            #expect(reopened.practice.eventCount == complete)
            #expect(reopened.practice.callbacks.count == 1)
            let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("events.log.torn-") }
            #expect(aside.count == 1)
            let kept = Array(FileManager.default.contents(atPath: dir.file(aside[0]))!)
            #expect(kept == fragment, "the fragment is kept byte for byte")
            let mode = try FileManager.default.attributesOfItem(atPath: dir.file(aside[0]))[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test func handDamagedMiddleLineMakesTheLogReadOnly() throws {
        let f = try Fixture()
        let a = try f.client("Ada Lovelace")
        _ = try f.client("Grace Hopper")
        try f.session(a, "2026-01-06 10:00")
        try f.run("2026-01-06 12:00", .addCallback(name: "Mo", phone: "07700 900777", reason: nil, by: f.t("2026-01-06 17:00")))
        // Line 7 is the appointment.attended line; a hand edit changes who recorded it.
        var lines = String(decoding: f.bytes(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[6].contains("appointment.attended"))
        lines[6] = lines[6].replacingOccurrences(of: "\"by\":\"test\"", with: "\"by\":\"anna\"")
        let bytes = Array(lines.joined(separator: "\n").utf8)
        try writeFile(f.path, contents: Data(bytes))
        let crcColumn = lines[6].count - 9

        let log = try EventLog.open(path: f.path)
        #expect(log.damage.map(\.description) == ["\(f.path):7:\(crcColumn): checksum mismatch: the line was changed after it was written"])
        #expect(log.practice.appointments[0].status == .booked, "the damaged line is not applied")
        #expect(log.practice.callbacks.count == 1, "lines after the damage still count")
        let now = f.t("2026-01-07 10:00")
        do {
            try log.append(by: "t", at: now) { p in try Command.addPractitioner(name: "Ben").event(in: p, now: now) }
            Issue.record("a damaged log must refuse appends")
        } catch let e as LogError {
            #expect(e.description.hasPrefix("\(f.path):7:\(crcColumn): checksum mismatch"))
            #expect(e.description.contains("keepwarm check"))
        }
        #expect(f.bytes() == bytes, "nothing was appended")
    }

    @Test func aDeletedQuoteIsFoundByItsChecksum() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        var text = String(decoding: f.bytes(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"name\":\"Ada", with: "\"name\":Ada")
        try writeFile(f.path, contents: Data(text.utf8))
        let log = try EventLog.open(path: f.path)
        #expect(log.damage.count == 1)
        #expect(log.damage.first?.line == 4)
        #expect(log.damage.first?.reason.hasPrefix("checksum mismatch") == true)
    }

    @Test func unknownTypesAreSkippedWithOneWarning() throws {
        let f = try Fixture()
        var lines: [UInt8] = []
        for seq in [3, 4] {
            var b = LineBuilder()
            b.int("seq", seq)
            b.string("at", "2026-01-05T10:00:00.000Z")
            b.string("by", "newer")
            b.string("type", "invoice.paid")
            lines += b.finishedLine()
        }
        let h = FileHandle(forWritingAtPath: f.path)!
        h.seekToEndOfFile()
        h.write(Data(lines))
        h.closeFile()
        let log = try EventLog.open(path: f.path)
        #expect(log.damage.isEmpty)
        #expect(log.warnings.count == 1)
        #expect(log.warnings[0].contains("invoice.paid ×2"))
        #expect(log.practice.lastSeq == 4)
        // Appends continue after the skipped seqs.
        let now = f.t("2026-01-05 11:00")
        let e = try log.append(by: "t", at: now) { p in try Command.addPractitioner(name: "Ben").event(in: p, now: now) }
        #expect(e.seq == 5)
    }

    @Test func appendCatchesUpWithAnotherWriterFirst() throws {
        let f = try Fixture()
        let other = try EventLog.open(path: f.path)
        _ = try f.client("Ada Lovelace")  // written through the first handle
        let now = f.t("2026-01-05 10:00")
        let e = try other.append(by: "t", at: now) { p in
            try Command.addClient(ClientDraft(name: "Grace Hopper", referredBy: "Ada Lovelace")).event(in: p, now: now)
        }
        guard case .clientAdded(let c) = e.body else { Issue.record("expected client.added"); return }
        #expect(c.id == ClientID(2), "ids are assigned from the fresh state")
        #expect(c.referredBy == ClientID(1))
        #expect(e.seq == 4)
        #expect(try f.log.refresh() == 1)
        #expect(f.p.clients.count == 2)
    }

    @Test func twoHandlesCannotDoubleBookOneSlot() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        _ = try f.client("Grace Hopper")
        let second = try EventLog.open(path: f.path)
        let start = f.t("2026-01-06 10:00")
        try f.run("2026-01-05 10:00", .book(client: "c1", practitioner: nil, start: start, minutes: 60, force: false))
        let now = f.t("2026-01-05 10:00")
        #expect(throws: CommandError.self) {
            try second.append(by: "t", at: now) { p in
                try Command.book(client: "c2", practitioner: nil, start: start.adding(minutes: 30), minutes: 60, force: false).event(in: p, now: now)
            }
        }
        #expect(try EventLog.open(path: f.path).practice.appointments.count == 1)
    }

    @Test func crlfAndByteOrderMarkAreToleratedWithWarnings() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let text = String(decoding: f.bytes(), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        try writeFile(f.path, contents: Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
        let log = try EventLog.open(path: f.path)
        #expect(log.damage.isEmpty)
        #expect(log.practice.clients.count == 1)
        #expect(log.warnings.count == 2)
    }

    @Test func emptyFileIsDamage() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        try writeFile(path, contents: Data())
        let log = try EventLog.open(path: path)
        #expect(log.damage.first?.description.hasPrefix("\(path):1:1: the log is empty") == true)
    }

    @Test func anInterruptedInitIsDamageNotATornTail() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        try writeFile(path, contents: Data(EventCodec.headerLine().prefix(20)))
        let log = try EventLog.open(path: path)
        #expect(log.damage.first?.reason.hasPrefix("the log has no complete header line") == true)
        #expect(throws: LogError.self) {
            try log.append(by: "t", at: Instant(ms: 0)) { p in try Command.addPractitioner(name: "Ben").event(in: p, now: Instant(ms: 0)) }
        }
        #expect(FileManager.default.contents(atPath: path)?.count == 20)
    }

    @Test func aNewerFormatIsRefusedWithAnUpgradeHint() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        var b = LineBuilder()
        b.string("format", "keepwarm-events")
        b.int("version", 2)
        try writeFile(path, contents: Data(b.finishedLine()))
        #expect(throws: LogError.newerFormat(path: path, version: 2)) { try EventLog.open(path: path) }
    }

    @Test func missingLogSaysHowToCreateOne() {
        #expect(throws: LogError.missing(path: "/nonexistent/events.log")) { try EventLog.open(path: "/nonexistent/events.log") }
        #expect(LogError.missing(path: "/x").description.contains("keepwarm init"))
    }
}

/// `cp backup.log events.log` (or an editor saving a hand fix) overwrites the log in place: the same file, other bytes.
/// A desk that had read the old bytes must read the file again before it shows or writes anything, or it writes an
/// event whose seq and ids belong to a log that is gone (QA: seq 9 on a 5-line log, then every desk read-only).
@Suite struct OverwrittenInPlaceTests {
    /// Writes `bytes` over the file at `path` without replacing it (O_TRUNC on the same inode), as `cp` does.
    static func overwrite(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_TRUNC)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress, bytes.count) } == bytes.count)
    }

    @Test func aShorterOlderCopyIsReadAgainBeforeTheNextWrite() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let older = RepairTests.read(f.path)
        _ = try f.client("Bea Smith")
        _ = try f.client("Cy Twombly")
        let generation = f.log.generation
        try Self.overwrite(f.path, older)

        #expect(try f.log.refresh() >= 1)
        #expect(f.log.generation > generation, "views rebuild rather than patch")
        #expect(f.p.clients.map(\.name) == ["Ada Lovelace"])
        _ = try f.client("Dee Rees")
        let fresh = try EventLog.open(path: f.path)
        #expect(fresh.damage.isEmpty, "\(fresh.damage)")
        #expect(fresh.practice.clients.map(\.name) == ["Ada Lovelace", "Dee Rees"])
        #expect(fresh.practice.lastSeq == f.p.lastSeq)
    }

    @Test func aLongerOtherLogIsReadAgainToo() throws {
        let other = try Fixture()
        for name in ["Eve Arnold", "Fay Godwin", "Gee Vaucher", "Hal Fischer"] { _ = try other.client(name) }
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let generation = f.log.generation
        try Self.overwrite(f.path, RepairTests.read(other.path))

        _ = try f.client("Dee Rees")
        #expect(f.log.generation > generation)
        let fresh = try EventLog.open(path: f.path)
        #expect(fresh.damage.isEmpty, "\(fresh.damage)")
        #expect(fresh.practice.clients.map(\.name) == ["Eve Arnold", "Fay Godwin", "Gee Vaucher", "Hal Fischer", "Dee Rees"])
    }

    /// A log that only grows is never read again from the start: appends by another desk are caught up with.
    @Test func appendsByAnotherDeskAreNotMistakenForAnOverwrite() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let reader = try EventLog.open(path: f.path)
        let generation = reader.generation
        for name in ["Bea Smith", "Cy Twombly"] {
            _ = try f.client(name)
            #expect(try reader.refresh() == 1)
        }
        #expect(reader.generation == generation)
        #expect(reader.practice.clients.count == 3)
    }
}
