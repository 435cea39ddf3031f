import KeepwarmTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import KeepwarmCore

/// The checked snapshot (Sources/KeepwarmCore/Snapshot): whatever happens to it or to the log, opening with it gives
/// exactly what a full replay gives, and a snapshot that does not fit is never used.
@Suite struct SnapshotTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    /// Opens as the commands do, with the size limits off so small test logs get snapshots.
    func kept(_ path: String, rewrite: Int = EventLog.snapshotRewriteBytes) throws -> EventLog {
        try EventLog.open(path: path, usingSnapshot: true, minimumBytes: 0, rewriteBytes: rewrite)
    }

    /// Every stored field of the practice (undo steps, indexes, recent changes included), as text in a fixed order.
    func everything(_ p: Practice) -> String { PracticeDigest.stable(p) }

    /// The answer with the snapshot is the full replay's answer, field for field.
    func expectSame(_ a: EventLog, _ full: EventLog, _ why: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectSame(a, full, everything(full.practice), why, sourceLocation: sourceLocation)
    }

    /// The same, with the full replay's fields worked out once (`everything` is slow in a debug build).
    func expectSame(_ a: EventLog, _ full: EventLog, _ fullText: String, _ why: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(PracticeDigest.of(a.practice) == PracticeDigest.of(full.practice), "\(why)", sourceLocation: sourceLocation)
        #expect(everything(a.practice) == fullText, "\(why)", sourceLocation: sourceLocation)
        #expect(a.damage == full.damage, "\(why)", sourceLocation: sourceLocation)
        #expect(a.warnings == full.warnings, "\(why)", sourceLocation: sourceLocation)
        #expect(a.bytesRead == full.bytesRead, "\(why)", sourceLocation: sourceLocation)
        #expect(a.pendingTailBytes == full.pendingTailBytes, "\(why)", sourceLocation: sourceLocation)
    }

    func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path)!) }

    func put(_ path: String, _ b: [UInt8]) throws {
        // In place, keeping the inode (and the snapshot's mode), as an editor or `cp` over the file would.
        let fd = open(path, O_WRONLY | O_TRUNC | O_CREAT, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        try Files.writeAll(fd, b, path: path)
    }

    /// A demo log cut after `lines` lines, a snapshot of it, then the rest appended: the state every test starts from.
    func prepared(seed: UInt64 = 5, events: Int = 3000, cutAt: Double = 0.6) throws -> (TempDir, String, [UInt8]) {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: seed, events: events, end: Self.end).write(to: path)
        let all = bytes(path)
        let newlines = all.indices.filter { all[$0] == 0x0A }
        let cut = newlines[Int(Double(newlines.count) * cutAt)] + 1
        try put(path, Array(all[..<cut]))
        let first = try kept(path)
        #expect(first.snapshotNote?.contains("written") == true, "\(first.snapshotNote ?? "nil")")
        try put(path, all)
        return (dir, path, bytes(SnapshotFile.path(for: path)))
    }

    /// A 3,000-event demo log with no snapshot, its full replay, and that replay's fields as text.
    func demoReadInFull(seed: UInt64) throws -> (TempDir, String, EventLog, String) {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: seed, events: 3000, end: Self.end).write(to: path)
        let full = try EventLog.open(path: path)
        return (dir, path, full, everything(full.practice))
    }

    @Test func aSnapshotIsWrittenPrivateAndUsedForTheTail() throws {
        let (dir, path, _) = try prepared()
        _ = dir
        var st = stat()
        #expect(stat(SnapshotFile.path(for: path), &st) == 0)
        #expect(st.st_mode & 0o7777 == 0o600)
        let log = try kept(path)
        #expect(log.snapshotNote?.hasPrefix("snapshot used") == true, "\(log.snapshotNote ?? "nil")")
        expectSame(log, try EventLog.open(path: path), "tail after a snapshot")
        // Undo offers the same, and an append after opening from a snapshot writes the next seq.
        let e = try log.append(by: "sam", at: Self.end) { p in .callbackAdded(p.nextCallbackID, name: "Zoë", phone: "07700 900123", reason: nil, promisedBy: Self.end) }
        #expect(e.seq == (try EventLog.open(path: path)).practice.lastSeq)
    }

    /// The arrays read from a snapshot keep room for new records: a new client after the snapshot lands in the array
    /// read instead of a new one with every client copied into it (Docs/performance.md, "The snapshot, round six").
    /// (That `open` moves the practice out of what it read, rather than sharing it while the tail applies, is held by
    /// its types: what it keeps of the snapshot is an offset and a checksum.)
    @Test func aNewClientAfterTheSnapshotGoesIntoTheArrayItRead() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: 7, events: 3000, end: Self.end).write(to: path)
        #expect(try kept(path).snapshotNote?.contains("written") == true)
        let log = try kept(path)
        #expect(log.snapshotNote?.hasPrefix("snapshot used") == true, "\(log.snapshotNote ?? "nil")")
        let n = log.practice.clients.count, m = log.practice.appointments.count
        #expect(log.practice.clients.capacity == SnapshotParts.withRoom(n))
        #expect(log.practice.appointments.capacity == SnapshotParts.withRoom(m))
        let before = log.practice.clients.withUnsafeBufferPointer { $0.baseAddress }
        try log.append(by: "sam", at: Self.end) { p in .clientAdded(NewClient(id: p.nextClientID, name: "Zoë Quinn", consentRecorded: false)) }
        #expect(log.practice.clients.count == n + 1)
        #expect(log.practice.clients.withUnsafeBufferPointer { $0.baseAddress } == before, "the new client copied the array")
        // Opened again: the snapshot, then its one-line tail, applied to the very array the snapshot was read into.
        let again = try kept(path)
        #expect(again.snapshotNote?.hasPrefix("snapshot used") == true)
        #expect(again.practice.clients.count == n + 1)
        #expect(again.practice.clients.capacity == SnapshotParts.withRoom(n), "the tail's new client moved the array")
        expectSame(again, try EventLog.open(path: path), "a one-client tail")
    }

    /// Sites came in beside the snapshot (issue 17): sites, practitioners' and appointments' sites and the undo steps
    /// of site events are in it, so a practice with sites opens from its snapshot as from a full replay.
    @Test func aPracticeWithSitesReadsTheSameFromItsSnapshot() throws {
        let f = try Fixture()
        try f.run("2026-01-05 09:00", .addSite(name: "Riverside", address: "1 Quay St"))
        try f.run("2026-01-05 09:00", .addSite(name: "Hilltop", address: nil))
        try f.run("2026-01-05 09:00", .setPractitionerSite(practitioner: "p1", site: "s2"))
        let ada = try f.client("Ada")
        try f.run("2026-01-05 09:30", .book(client: ada.description, practitioner: nil, start: f.t("2026-01-06 10:00"), minutes: 60, force: false))
        try f.run("2026-01-05 09:31", .move("a1", to: f.t("2026-01-06 11:00"), force: false))
        try f.run("2026-01-05 09:40", .editSite("s1", name: "Riverside Rooms", address: nil))
        _ = try kept(f.path)
        // Undo steps for the edit and the site's addition are in the snapshot; the tail undoes one of them.
        try f.run("2026-01-05 09:41", .undo(by: "test"))
        let opened = try kept(f.path)
        #expect(opened.snapshotNote?.contains("used") == true, "\(opened.snapshotNote ?? "nil")")
        let full = try EventLog.open(path: f.path, usingSnapshot: false, minimumBytes: 0, rewriteBytes: EventLog.snapshotRewriteBytes)
        #expect(full.practice.sites.map(\.name) == ["Riverside", "Hilltop"])
        #expect(full.practice.appointments[0].site == SiteID(2) && full.practice.appointments[0].revisions == 1)
        expectSame(opened, full, "sites")
    }

    @Test func aSnapshotOfAGroupSharedLogIs0660() throws {
        let (dir, path, _) = try prepared(events: 800)
        _ = dir
        chmod(path, 0o660)
        unlink(SnapshotFile.path(for: path))
        _ = try kept(path)
        var st = stat()
        #expect(stat(SnapshotFile.path(for: path), &st) == 0)
        #expect(st.st_mode & 0o7777 == 0o660)
        #expect(try kept(path).snapshotNote?.hasPrefix("snapshot used") == true)
    }

    /// Every way the file can be damaged: cut short at every byte of its header and through its payload, a bit
    /// flipped anywhere, another version or build with a header checksum that still fits.
    @Test func aDamagedSnapshotIsNeverUsed() throws {
        let (dir, path, good) = try prepared(events: 800)
        _ = dir
        let full = try EventLog.open(path: path), fullText = everything(full.practice)
        let snap = SnapshotFile.path(for: path)
        // Where the header's own checksum is: everything before it is what it sums.
        let headerEnd = try SnapshotFile.Header(good).end - 4
        var cuts = Array(0...(headerEnd + 8))
        cuts += stride(from: headerEnd + 8, to: good.count, by: max(1, (good.count - headerEnd) / 30)).map { $0 }
        cuts.append(good.count - 1)
        for n in cuts {
            try put(snap, Array(good[..<n]))
            let log = try kept(path)
            #expect(log.snapshotNote?.hasPrefix("snapshot not used") == true, "cut at \(n): \(log.snapshotNote ?? "nil")")
            expectSame(log, full, fullText, "cut at \(n)")
        }
        var flips = Array(0..<(headerEnd + 4))
        flips += stride(from: headerEnd + 4, to: good.count, by: max(1, (good.count - headerEnd) / 60)).map { $0 }
        for (k, at) in flips.enumerated() {
            var bad = good
            bad[at] ^= UInt8(1 << (k % 8))
            try put(snap, bad)
            let log = try kept(path)
            #expect(log.snapshotNote?.hasPrefix("snapshot not used") == true, "bit flipped at \(at): \(log.snapshotNote ?? "nil")")
            expectSame(log, full, fullText, "bit flipped at \(at)")
        }
        // Bytes after its end.
        try put(snap, good + [0])
        #expect(try kept(path).snapshotNote?.hasPrefix("snapshot not used") == true)
        // Another format version and another build, with the header's checksum made to fit: still not used.
        for (at, value) in [(8, UInt8(truncatingIfNeeded: SnapshotFile.formatVersion + 1)), (13, UInt8(ascii: "w"))] {
            var other = good
            other[at] = value
            let sum = CRC32C.checksum(Array(other[..<headerEnd]))
            for k in 0..<4 { other[headerEnd + k] = UInt8(truncatingIfNeeded: sum >> (8 * UInt32(k))) }
            try put(snap, other)
            let log = try kept(path)
            #expect(log.snapshotNote?.contains("another") == true, "\(log.snapshotNote ?? "nil")")
            expectSame(log, full, fullText, "byte \(at) changed")
        }
        // The same snapshot again is used (so the checks above were what refused it).
        try put(snap, good)
        #expect(try kept(path).snapshotNote?.hasPrefix("snapshot used") == true)
    }

    /// A snapshot forged with every checksum right (whoever can write the log can write one) but an id that points
    /// at no record is ignored, never used to index: the console looks clients up by the recent changes' ids and by
    /// the autopilot's, and a bad one would stop the program instead of costing a replay.
    @Test func aForgedSnapshotWithABrokenLinkIsNotUsed() throws {
        let (dir, path, full, fullText) = try demoReadInFull(seed: 6)
        defer { withExtendedLifetime(dir) {} }  // the folder lives as long as the test
        let nowhere = ClientID(full.practice.clients.count + 1)
        let forgeries: [(String, (inout Practice) -> Void)] = [
            ("a recent change's client", { p in
                var parts = p.recentChanges.snapshotParts
                parts.seqs.append(p.lastSeq)
                parts.clients.append(nowhere)
                p.recentChanges = RecentChanges(snapshotParts: (parts.seqs, parts.clients, parts.next, parts.forgottenUpTo))
            }),
            ("a reviewed client", { p in p.reviewedClients.append(nowhere) }),
            ("a name's client", { p in p.clientsByName["nobody"] = [nowhere] }),
            ("a client's appointment", { p in p.clients[0].appointments.append(AppointmentID(p.appointments.count + 1)) }),
            // The clients are read in parts on two threads, each checking its own: forgeries in a later part too.
            ("the last client's referral", { p in p.clients[p.clients.count - 1].referralsMade.append(ReferralID(p.referrals.count + 1)) }),
            ("a client's referrer", { p in p.clients[p.clients.count / 2 + 1].referredBy = nowhere }),
            ("two clients out of order", { p in p.clients.swapAt(p.clients.count - 1, p.clients.count - 2) }),
        ]
        for (what, forge) in forgeries {
            var p = full.practice
            forge(&p)
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            let prefix = try #require(PrefixChecksum.update(PrefixChecksum.start, fd, from: 0, to: full.offset))
            let note = SnapshotFile.write(.init(practice: p, offset: full.offset, lines: full.lineNumber, prefix: prefix), for: path, logFD: fd).note
            #expect(note.hasPrefix("written"), "\(what): \(note)")
            let opened = try kept(path)
            #expect(opened.snapshotNote?.contains("not used: an id points at no record") == true, "\(what): \(opened.snapshotNote ?? "nil")")
            expectSame(opened, full, fullText, what)
        }
    }

    /// Something other than a plain file where the snapshot goes: a named pipe is looked at without waiting for a
    /// writer (opening it blocked the command for ever), and a folder is said to be in the way when the snapshot
    /// cannot be put there, not that the log was replaced. Either way the answer is the full replay's.
    @Test func aPipeOrAFolderInTheSnapshotsPlaceIsNotWaitedForNorMisreported() throws {
        let (dir, path, full, fullText) = try demoReadInFull(seed: 10)
        defer { withExtendedLifetime(dir) {} }
        let snap = SnapshotFile.path(for: path)
        #expect(mkfifo(snap, 0o600) == 0)
        let piped = try kept(path)
        #expect(piped.snapshotNote?.contains("not used: not a plain file") == true, "\(piped.snapshotNote ?? "nil")")
        expectSame(piped, full, fullText, "a pipe")
        #expect(unlink(snap) == 0 && mkdir(snap, 0o700) == 0)
        let folder = try kept(path)
        #expect(folder.snapshotNote?.contains("cannot be replaced") == true, "\(folder.snapshotNote ?? "nil")")
        #expect(folder.snapshotNote?.contains("replaced meanwhile") == false, "\(folder.snapshotNote ?? "nil")")
        expectSame(folder, full, fullText, "a folder")
    }

    /// The sections of `p` as `SnapshotParts` reads them, from memory: the appointments and clients cut into runs of
    /// the sizes given, section `garbled` (if any) cut short with its checksum made to fit, so its reading is what
    /// fails, and section `foreign` (if any) summed with another file's seed.
    func parts(_ p: Practice, appointmentsPer: Int, clientsPer: Int, garbled: Int? = nil, foreign: Int? = nil) -> SnapshotParts {
        var w = SnapshotWriter()
        w.practiceApartFromRecords(p)
        let appointments = SnapshotSections.parts(p.appointments, appointmentsPer) { $0.appointment($1) }
        let clients = SnapshotSections.clientParts(p.clients, clientsPer)
        var bytes = [w.bytes] + appointments.map(\.bytes) + clients.map(\.bytes)
        let kinds = [(SnapshotParts.Section.Kind.rest, 0, 0)]
            + appointments.indices.map { (.appointments, appointments[$0].count, $0 * appointmentsPer) }
            + clients.indices.map { (.clients, clients[$0].count, $0 * clientsPer) }
        if let garbled { bytes[garbled].removeLast(bytes[garbled].count / 2) }
        let seed: UInt64 = 42
        var at = 0
        let sections = bytes.indices.map { k -> SnapshotParts.Section in
            let sum = bytes[k].withUnsafeBytes { CRC32C.checksum($0, seed: k == foreign ? seed + 1 : seed) }
            defer { at += bytes[k].count }
            return .init(kind: kinds[k].0, at: at, length: bytes[k].count, checksum: sum, count: kinds[k].1, first: kinds[k].2)
        }
        let file = bytes.flatMap { $0 }
        return SnapshotParts(sections: sections, seed: seed) { at, into in
            file.withUnsafeBytes { into.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[at..<(at + into.count)])) }
            return true
        }
    }

    /// The appointments and clients are read in parts by two threads into two arrays (`SnapshotParts`): in order
    /// whoever read which part, and a part that does not read, or was summed for another file, leaves nothing
    /// half-made, whichever part it is.
    @Test func partsReadInOrderOrNotAtAll() throws {
        let (dir, _, full, fullText) = try demoReadInFull(seed: 9)
        defer { withExtendedLifetime(dir) {} }
        let p = full.practice
        let (ap, cp) = ((p.appointments.count + 3) / 4, (p.clients.count + 4) / 5)
        #expect(everything(try parts(p, appointmentsPer: ap, clientsPer: cp).read()) == fullText)
        // One run each, and runs of one record each.
        #expect(everything(try parts(p, appointmentsPer: p.appointments.count, clientsPer: p.clients.count).read()) == fullText)
        #expect(everything(try parts(p, appointmentsPer: 1, clientsPer: 1).read()) == fullText)
        let sections = parts(p, appointmentsPer: ap, clientsPer: cp).sections.count
        #expect(sections == 1 + 4 + 5)
        for bad in 0..<sections {
            #expect(throws: SnapshotReader.Unreadable.self, "part \(bad) cut short") {
                try parts(p, appointmentsPer: ap, clientsPer: cp, garbled: bad).read()
            }
            #expect(throws: SnapshotReader.Unreadable.self, "part \(bad) of another file") {
                try parts(p, appointmentsPer: ap, clientsPer: cp, foreign: bad).read()
            }
        }
    }

    /// The console opens leaving a due snapshot for `finishOpening` (it draws first): nothing is written until then,
    /// what is written then is used and answers as a full replay, and a log replaced meanwhile (an erasure or restore
    /// renames a new file in) gets none.
    @Test func aDeferredSnapshotIsWrittenByFinishOpeningAndNeverForAReplacedLog() throws {
        let (dir, path, full, fullText) = try demoReadInFull(seed: 8)
        let snap = SnapshotFile.path(for: path)
        let log = try EventLog.open(path: path, usingSnapshot: true, minimumBytes: 0, deferringWrite: true)
        #expect(log.snapshotNote?.contains("to be written once the console is drawn") == true, "\(log.snapshotNote ?? "nil")")
        #expect(!FileManager.default.fileExists(atPath: snap))
        log.finishOpening()
        log.finishOpening()
        let again = try kept(path)
        #expect(again.snapshotNote?.hasPrefix("snapshot used") == true, "\(again.snapshotNote ?? "nil")")
        expectSame(again, full, fullText, "a deferred snapshot")
        SnapshotFile.remove(for: path)
        let second = try EventLog.open(path: path, usingSnapshot: true, minimumBytes: 0, deferringWrite: true)
        let replacement = dir.file("replacement.log")
        try FileManager.default.copyItem(atPath: path, toPath: replacement)
        #expect(rename(replacement, path) == 0)
        second.finishOpening()
        #expect(!FileManager.default.fileExists(atPath: snap), "a snapshot of the file that was replaced")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func aSnapshotOfAnotherAccountOrModeOrALinkIsNotUsed() throws {
        let (dir, path, good) = try prepared(events: 800)
        let full = try EventLog.open(path: path)
        let snap = SnapshotFile.path(for: path)
        chmod(snap, 0o644)
        var log = try kept(path)
        #expect(log.snapshotNote?.contains("its mode is 644") == true, "\(log.snapshotNote ?? "nil")")
        expectSame(log, full, "mode 644")
        if geteuid() == 0 {
            try put(snap, good)
            chmod(snap, 0o600)
            chown(snap, 4242, 4242)
            log = try kept(path)
            #expect(log.snapshotNote?.contains("another account") == true, "\(log.snapshotNote ?? "nil")")
            expectSame(log, full, "another owner")
        }
        unlink(snap)
        let elsewhere = dir.file("elsewhere")
        try put(elsewhere, good)
        chmod(elsewhere, 0o600)
        symlink(elsewhere, snap)
        log = try kept(path)
        #expect(log.snapshotNote?.contains("not used") == true, "\(log.snapshotNote ?? "nil")")
        expectSame(log, full, "a link")
    }

    /// The log changed under the snapshot: edited by hand in the covered part (checksums made to fit), shortened,
    /// replaced by another file (a rewrite), appended to (the snapshot is used and the tail read).
    @Test func aLogChangedUnderItsSnapshotIsReadInFull() throws {
        let (dir, path, good) = try prepared(events: 1500)
        let snap = SnapshotFile.path(for: path)
        let original = bytes(path)
        // A hand edit of a name early in the log, its line's checksum recomputed: the line still reads.
        var text = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let k = text.firstIndex { $0.contains("\"type\":\"client.added\"") }!
        let body = text[k].replacingOccurrences(of: "\"name\":\"", with: "\"name\":\"Edited ")
        let cut = body.range(of: ",\"crc\":\"")!.lowerBound
        let checked = String(body[..<cut])
        text[k] = checked + ",\"crc\":\"" + String(decoding: CRC32C.hex(CRC32C.checksum(Array(checked.utf8))), as: UTF8.self) + "\"}"
        try put(path, Array(text.joined(separator: "\n").utf8))
        try put(snap, good)
        var log = try kept(path)
        #expect(log.snapshotNote?.contains("changed since it was written") == true, "\(log.snapshotNote ?? "nil")")
        var full = try EventLog.open(path: path)
        #expect(full.damage.isEmpty)
        expectSame(log, full, "hand edit")
        #expect(log.practice.clients.contains { $0.name.hasPrefix("Edited ") })
        // Shortened below what the snapshot covers.
        try put(path, Array(original[..<(original.count / 3)]))
        try put(snap, good)
        log = try kept(path)
        #expect(log.snapshotNote?.contains("not used") == true, "\(log.snapshotNote ?? "nil")")
        full = try EventLog.open(path: path)
        expectSame(log, full, "shortened")
        // Rewritten: the same bytes in a new file renamed over the log.
        let copy = dir.file("copy")
        try put(copy, original)
        rename(copy, path)
        try put(snap, good)
        log = try kept(path)
        #expect(log.snapshotNote?.contains("another log file") == true, "\(log.snapshotNote ?? "nil")")
        expectSame(log, try EventLog.open(path: path), "rewritten")
    }

    @Test func eraseRemovesTheSnapshotAndRestoreMakesItNotFit() throws {
        let (dir, path, _) = try prepared(events: 1500)
        let snap = SnapshotFile.path(for: path)
        let backup = dir.file("backup.log")
        _ = try Backup.make(of: try EventLog.open(path: path), to: backup, at: Self.end)
        let log = try kept(path)
        let client = log.practice.clients.first { !$0.withdrawn && $0.erasedAt == nil }!
        let outcome = try log.erase(client.id, by: "sam", at: Self.end, letters: [], maildirs: [])
        #expect(access(snap, F_OK) != 0)
        #expect(outcome.filesRemoved.contains(snap))
        let after = try kept(path)
        expectSame(after, try EventLog.open(path: path), "after erase")
        #expect(!bytes(snap).isEmpty)
        if !String(decoding: bytes(path), as: UTF8.self).contains(client.name) {
            #expect(!String(decoding: bytes(snap), as: UTF8.self).contains(client.name))
        }
        _ = try Backup.restore(backup, to: path, at: Self.end)
        let restored = try kept(path)
        #expect(restored.snapshotNote?.contains("written") == true, "\(restored.snapshotNote ?? "nil")")
        expectSame(restored, try EventLog.open(path: path), "after restore")
    }

    /// Random prefixes of demo practices: a snapshot at each, the rest appended in a few pieces, each open after a
    /// piece using (or rewriting) the snapshot; every open's answer is the full replay's.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func randomPrefixesGiveTheFullReplaysAnswer(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: seed, events: 1500 + Int(rng.next() % 3000), end: Self.end).write(to: path)
        let all = bytes(path)
        let newlines = all.indices.filter { all[$0] == 0x0A }
        var cuts = (0..<3).map { _ in newlines[Int(rng.next() % UInt64(newlines.count))] + 1 }.sorted()
        cuts.append(all.count)
        let rewrite = rng.next() % 2 == 0 ? 0 : 1 << 30
        for cut in cuts {
            try put(path, Array(all[..<cut]))
            let log = try kept(path, rewrite: rewrite)
            expectSame(log, try EventLog.open(path: path), "seed \(seed), cut at \(cut)")
        }
    }
}
