import KeepwarmTestSupport
import Foundation
import Testing
@testable import KeepwarmCore

/// A snapshot's touchpoints are kept as its bytes and each client's read when first asked for
/// (`UnreadTouchpoints`, `TouchpointList`): whoever asks, in whatever order, on however many threads, the answer is
/// the full replay's, a change reads them first, a new snapshot copies them unread, and bytes that would not read are
/// caught when the part is read, never later.
@Suite struct UnreadTouchpointsTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    /// A 3,000-event demo, opened once to write its snapshot; then opened from the snapshot, and in full.
    func openedBothWays(seed: UInt64) throws -> (TempDir, String, EventLog, EventLog) {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: seed, events: 3000, end: Self.end).write(to: path)
        let first = try EventLog.open(path: path, usingSnapshot: true, minimumBytes: 0)
        #expect(first.snapshotNote?.contains("written") == true, "\(first.snapshotNote ?? "nil")")
        let kept = try EventLog.open(path: path, usingSnapshot: true, minimumBytes: 0)
        #expect(kept.snapshotNote?.hasPrefix("snapshot used") == true, "\(kept.snapshotNote ?? "nil")")
        return (dir, path, kept, try EventLog.open(path: path))
    }

    func unread(_ c: Client) -> Bool {
        if case .unread = c.touchpointList { return true }
        return false
    }

    @Test func theyStayUnreadUntilAskedAndThenReadAsTheFullReplays() throws {
        let (dir, _, kept, full) = try openedBothWays(seed: 21)
        defer { withExtendedLifetime(dir) {} }
        let p = kept.practice, q = full.practice
        let with = p.clients.indices.filter { !q.clients[$0].touchpoints.isEmpty }
        #expect(with.count > 100, "the demo should give many clients touchpoints")
        // Every client who has any is unread after opening, and counted without reading.
        #expect(with.allSatisfy { unread(p.clients[$0]) })
        #expect(p.clients.indices.allSatisfy { p.clients[$0].touchpointList.count == q.clients[$0].touchpoints.count })
        #expect(SnapshotFile.touchpoints(p) == q.clients.reduce(0) { $0 + $1.touchpoints.count })
        // Asked from the last client back: each reads as the full replay's, and asking again gives the same.
        for k in p.clients.indices.reversed() { #expect(p.clients[k].touchpoints == q.clients[k].touchpoints, "client \(k + 1)") }
        for k in with { #expect(p.clients[k].touchpoints == q.clients[k].touchpoints) }
        #expect(p.clients == q.clients)
        #expect(Lapsed.rows(p, now: Self.end) == Lapsed.rows(q, now: Self.end))
    }

    /// Many threads asking for the same clients at once each get the full replay's touchpoints.
    @Test func manyThreadsAskingAtOnceGetTheSameAnswer() throws {
        let (dir, _, kept, full) = try openedBothWays(seed: 22)
        defer { withExtendedLifetime(dir) {} }
        let p = kept.practice, q = full.practice
        let wrong = Tally()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            // Each thread walks the clients from a different place, so they meet on the same parts and clients.
            let n = p.clients.count
            for step in 0..<n {
                let k = (step + t * n / 8) % n
                if p.clients[k].touchpoints != q.clients[k].touchpoints { wrong.add() }
            }
        }
        #expect(wrong.count == 0)
    }

    /// A new touchpoint for a client read from a snapshot goes after theirs, on this copy only, and the practice is
    /// the full replay's; a copy taken before keeps what it had.
    @Test func aChangeReadsThemFirstAndLeavesEarlierCopiesAlone() throws {
        let (dir, path, kept, _) = try openedBothWays(seed: 23)
        defer { withExtendedLifetime(dir) {} }
        let k = try #require(kept.practice.clients.indices.first { kept.practice.clients[$0].touchpointList.count >= 2 })
        let before = kept.practice.clients[k]
        let had = before.touchpointList.count
        let id = before.id
        try kept.append(by: "sam", at: Self.end) { _ in .touchpointSent(id, kind: .checkIn28, via: .phone, note: "Rang, left a message") }
        let after = kept.practice.clients[k]
        #expect(!unread(after))
        #expect(after.touchpoints.count == had + 1)
        #expect(after.touchpoints.last?.note == "Rang, left a message")
        #expect(Array(after.touchpoints.prefix(had)) == before.touchpoints)
        #expect(before.touchpointList.count == had && unread(before), "the copy taken before changed")
        #expect(kept.practice.clients == (try EventLog.open(path: path)).practice.clients)
    }

    /// A snapshot written from a practice read from one copies each client's unread touchpoints as they were: the
    /// same bytes a full replay's practice writes.
    @Test func aNewSnapshotCopiesThemUnreadAndTheSame() throws {
        let (dir, _, kept, full) = try openedBothWays(seed: 24)
        defer { withExtendedLifetime(dir) {} }
        let again = SnapshotSections.clientParts(kept.practice.clients, SnapshotSections.clientsPerPart)
        #expect(kept.practice.clients.contains { unread($0) }, "writing read them")
        let fresh = SnapshotSections.clientParts(full.practice.clients, SnapshotSections.clientsPerPart)
        #expect(again.map(\.bytes) == fresh.map(\.bytes))
    }

    /// A part whose touchpoints would not read (its checksum made to fit, as a forger would) is refused when it is
    /// read, so the log is replayed instead: a word out of its list, a count too many, a length too short or too long.
    @Test func bytesThatWouldNotReadAreRefusedWhenThePartIsRead() throws {
        let (dir, _, _, full) = try openedBothWays(seed: 25)
        defer { withExtendedLifetime(dir) {} }
        let clients = full.practice.clients
        let good = SnapshotSections.clientParts(clients, clients.count)[0].bytes
        // Where things are: the count, the touchpoints' length, each client's count and length, then the bytes.
        let layout: (index: [(count: Int, countAt: Int, length: Int, lengthAt: Int)], data: Int) = try good.withUnsafeBytes { b in
            var r = SnapshotReader(b)
            let n = try r.count()
            _ = try r.count()
            var index: [(Int, Int, Int, Int)] = []
            for _ in 0..<n {
                let ca = r.at, c = try r.count(), la = r.at, l = try r.count()
                index.append((c, ca, l, la))
            }
            return (index, r.at)
        }
        // A client with touchpoints whose count and length (and the next client's length) are each one byte.
        let ix = layout.index
        let k = try #require(ix.indices.dropLast().first { ix[$0].count > 0 && ix[$0].count < 60 && ix[$0].length < 60 && ix[$0 + 1].length < 60 })
        let first = layout.data + layout.index[..<k].reduce(0) { $0 + $1.length }
        func refused(_ bytes: [UInt8], _ what: String) {
            let buffer = UnsafeMutableBufferPointer<Client>.allocate(capacity: clients.count)
            defer { buffer.deallocate() }
            bytes.withUnsafeBytes { b in
                var r = SnapshotReader(b)
                #expect(throws: SnapshotReader.Unreadable.self, "\(what)") {
                    let n = try r.count()
                    _ = try SnapshotReader.clients(&r, n, into: buffer, from: 1)
                    buffer.baseAddress!.deinitialize(count: n)
                }
            }
        }
        // The untouched part reads (so what follows is refused for what was changed).
        good.withUnsafeBytes { b in
            let buffer = UnsafeMutableBufferPointer<Client>.allocate(capacity: clients.count)
            defer { buffer.deallocate() }
            var r = SnapshotReader(b)
            #expect(throws: Never.self) {
                let n = try r.count()
                _ = try SnapshotReader.clients(&r, n, into: buffer, from: 1)
                #expect(Array(buffer) == clients)
                buffer.baseAddress!.deinitialize(count: n)
            }
        }
        var word = good
        word[first] = 0x7E  // the first touchpoint's kind: the 63rd word, past the end of the list
        refused(word, "a word out of its list")
        var count = good
        count[layout.index[k].countAt] += 2  // one more touchpoint than its bytes hold (zig-zag: 2 is one more)
        refused(count, "a count too many")
        var short = good
        short[layout.index[k].lengthAt] -= 2  // a length one byte short: the client's last field is cut
        refused(short, "a length too short")
        var long = good
        long[layout.index[k].lengthAt] += 2  // one byte too long: the next client's first byte is taken as this one's
        refused(long, "a length too long")
        // A byte moved from this client's touchpoints to the next client's: the total still fits, each does not.
        var moved = good
        moved[layout.index[k].lengthAt] -= 2
        moved[layout.index[k + 1].lengthAt] += 2
        refused(moved, "a byte moved to the next client")
    }
}

/// A count several threads add to.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}
