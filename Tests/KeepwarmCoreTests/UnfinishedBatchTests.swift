import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// A write of several events (an import) is opened by a `batch.begun` line and counts only once its last event is in
/// the file: wherever a crash cuts it, every reader sees all of it or none, and the next writer sets the rest aside.
@Suite struct UnfinishedBatchTests {
    static let rows = 40

    /// A log with one client, then an import of `rows` clients; the bytes before the batch and the whole file.
    static func logWithABatch() throws -> (f: Fixture, before: [UInt8], full: [UInt8], clientsBefore: Int) {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let before = f.bytes()
        let at = f.t("2026-01-06 09:00")
        try f.log.appendBatch(by: "test", at: at, kind: .imported) { p in
            (0..<rows).map { k in .clientAdded(NewClient(id: ClientID(p.clients.count + 1 + k), name: "Row \(k)", consentRecorded: false)) }
        }
        return (f, before, f.bytes(), 1)
    }

    /// Every cut from the start of the batch to the end of the file: the one-thread and the threaded read both see
    /// the client before it and none of the batch, until the last byte of its last line is there.
    @Test func aBatchIsSeenWholeOrNotAtAllWhereverTheFileEnds() throws {
        let (_, before, full, clientsBefore) = try Self.logWithABatch()
        let dir = TempDir()
        let path = dir.file("events.log")
        let lineEnds = Set(full.indices.filter { full[$0] == 0x0A }.map { $0 + 1 })
        // Every line end, and a few seeded places inside each line. A file that lacks only its final newline ends in
        // a sealed line, which is complete (Docs/event-log.md, The final newline): the batch is all there.
        var random = SplitMix64(seed: 7)
        var cuts = Set(lineEnds.filter { $0 >= before.count }).union([full.count - 1])
        for start in [before.count] + lineEnds.filter({ $0 > before.count && $0 < full.count }) {
            let length = full[start...].firstIndex(of: 0x0A)! - start
            for _ in 0..<3 { cuts.insert(start + 1 + Int(random.next() % UInt64(length))) }
        }
        for cut in cuts.sorted() {
            try writeFile(path, contents: Data(full[..<cut]))
            let reads = [try EventLog.open(path: path, pipelineThreshold: .max)]
                + (lineEnds.contains(cut) || cut == full.count - 1 ? [try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: 150)] : [])
            for log in reads {
                #expect(log.damage.isEmpty, "cut at \(cut)")
                if cut >= full.count - 1 {
                    #expect(log.practice.clients.count == clientsBefore + Self.rows)
                    #expect(log.pendingTailBytes == 0 && log.unfinishedBatch == nil)
                } else {
                    #expect(log.practice.clients.count == clientsBefore, "cut at \(cut): a partial batch was counted")
                    #expect(log.bytesRead == before.count, "cut at \(cut)")
                    #expect(log.pendingTailBytes == cut - before.count, "cut at \(cut)")
                    // A cut just before a newline leaves a sealed last line, which is complete.
                    let sealed = cut > before.count && full[cut] == 0x0A
                    let complete = full[before.count..<cut].count { $0 == 0x0A } + (sealed ? 1 : 0)
                    #expect(log.unfinishedBatch == (complete == 0 ? nil : UnfinishedBatch(line: 5, kind: .imported, events: Self.rows, written: complete - 1)), "cut at \(cut)")
                }
            }
        }
    }

    /// A console reads the log a little at a time while an import is being written: it never holds part of it.
    @Test func anIncrementalReaderAppliesABatchAtOnce() throws {
        let (_, before, full, clientsBefore) = try Self.logWithABatch()
        var random = SplitMix64(seed: 12)
        for _ in 0..<20 {
            let dir = TempDir()
            let path = dir.file("events.log")
            try writeFile(path, contents: Data(before))
            let reader = try EventLog.open(path: path)
            let fd = open(path, O_WRONLY | O_APPEND)
            defer { close(fd) }
            var at = before.count
            while at < full.count {
                let n = min(full.count - at, 1 + Int(random.next() % 700))
                _ = full[at..<(at + n)].withUnsafeBytes { write(fd, $0.baseAddress, n) }
                at += n
                try reader.refresh()
                let seen = reader.practice.clients.count
                #expect(seen == clientsBefore || seen == clientsBefore + Self.rows, "after \(at) of \(full.count) bytes: part of a batch")
                if at < full.count - 1 { #expect(seen == clientsBefore, "after \(at) of \(full.count) bytes") }
                // The last line is sealed by its checksum even before its newline arrives.
                if at >= full.count - 1 { #expect(seen == clientsBefore + Self.rows, "after \(at) of \(full.count) bytes") }
            }
            #expect(reader.pendingTailBytes == 0)
        }
    }

    /// The next writer, under the lock, moves the unfinished batch to a side file byte for byte, says so once, and
    /// writes its own event after the last line that counts; the log then reads clean.
    @Test func theNextWriterSetsAnUnfinishedBatchAsideAndCarriesOn() throws {
        let (f, before, full, clientsBefore) = try Self.logWithABatch()
        let lineEnds = full.indices.filter { $0 >= before.count && full[$0] == 0x0A }.map { $0 + 1 }
        for cut in [lineEnds[0], lineEnds[17], lineEnds[17] + 25, full.count - 2] {
            let dir = TempDir()
            let path = dir.file("events.log")
            try writeFile(path, contents: Data(full[..<cut]))
            let log = try EventLog.open(path: path)
            let now = f.t("2026-01-07 10:00")
            try log.append(by: "desk", at: now) { p in try Command.addCallback(name: "Mo", phone: "07700 900777", reason: nil, by: now).event(in: p, now: now) }
            let written = full[before.count..<cut].count { $0 == 0x0A } - 1
            #expect(log.warnings.contains { $0.contains("events.log:5:1: an unfinished import (\(written) of its \(Self.rows) events written), cut short by a crash, power cut or kill, was set aside in") }, "\(log.warnings)")
            let after = Array(FileManager.default.contents(atPath: path)!)
            #expect(Array(after[..<before.count]) == before)
            let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("events.log.torn-") }
            #expect(aside.count == 1)
            #expect(Array(FileManager.default.contents(atPath: dir.file(aside[0]))!) == Array(full[before.count..<cut]))
            let reopened = try EventLog.open(path: path)
            #expect(reopened.damage.isEmpty && reopened.pendingTailBytes == 0)
            #expect(reopened.practice.clients.count == clientsBefore)
            #expect(reopened.practice.callbacks.count == 1)
            #expect(reopened.practice.lastSeq == 4, "the seqs of the set-aside batch are used again, as nothing of it counts")
        }
    }

    /// Only a hand edit or an older Keepwarm (which skips `batch.begun`) writes after an unfinished batch: what it
    /// wrote is read, not hidden, with a warning, so nobody's event is set aside.
    @Test func anUnfinishedBatchFollowedByAnothersLinesIsReadWithAWarning() throws {
        let (f, before, full, clientsBefore) = try Self.logWithABatch()
        let lineEnds = full.indices.filter { $0 >= before.count && full[$0] == 0x0A }.map { $0 + 1 }
        let partial = Array(full[..<lineEnds[10]])  // the begun line and 10 of its events
        let other = Event(seq: 4 + 10 + 1, at: f.t("2026-01-08 09:00"), by: "old-desk",
                          body: .callbackAdded(CallbackID(1), name: "Mo", phone: "07700 900777", reason: nil, promisedBy: f.t("2026-01-09 09:00")))
        let dir = TempDir()
        let path = dir.file("events.log")
        try writeFile(path, contents: Data(partial + EventCodec.line(for: other)))
        for log in [try EventLog.open(path: path, pipelineThreshold: .max), try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: 150)] {
            #expect(log.damage.isEmpty)
            #expect(log.pendingTailBytes == 0 && log.unfinishedBatch == nil)
            #expect(log.practice.clients.count == clientsBefore + 10)
            #expect(log.practice.callbacks.count == 1)
            #expect(log.warnings.contains { $0.contains("events.log:5:1: the batch begun here (40 events) was never finished, yet later lines follow it") })
        }
    }

    /// `repair` leaves an unfinished batch out whole, keeping its lines in the rejected file, so the copy reads clean.
    @Test func repairLeavesOutAnUnfinishedBatchWhole() throws {
        let (_, before, full, clientsBefore) = try Self.logWithABatch()
        let lineEnds = full.indices.filter { $0 >= before.count && full[$0] == 0x0A }.map { $0 + 1 }
        let dir = TempDir()
        let path = dir.file("events.log")
        try writeFile(path, contents: Data(full[..<(lineEnds[5] + 30)]))
        let report = try Repair.run(path: path)
        #expect(report.rejected.map(\.line) == [5, 6, 7, 8, 9, 10, 11])
        #expect(report.rejected.dropLast().allSatisfy { $0.reason.hasPrefix("part of an unfinished import (5 of its 40 events written)") })
        let copy = try EventLog.open(path: report.repairedPath!)
        #expect(copy.damage.isEmpty && copy.pendingTailBytes == 0)
        #expect(copy.practice.clients.count == clientsBefore)
    }

    /// A write of one event is not bracketed: the log gains one line per event as before.
    @Test func aSingleEventIsNotBracketed() throws {
        let f = try Fixture()
        let lines = f.bytes().count { $0 == 0x0A }
        _ = try f.client("Ada Lovelace")
        #expect(f.bytes().count { $0 == 0x0A } == lines + 1)
    }
}
