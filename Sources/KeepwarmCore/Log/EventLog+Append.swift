import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appending: under the lock, caught up, checked, written a stretch at a time, synced, then applied.
extension EventLog {
    // MARK: appending

    /// Appends several events as one write under one lock: all of them are written, or none. Two or more are opened by
    /// a `batch.begun` line, so that even a write a kill cuts short is never half read (see `holdsBack`); the events
    /// returned are the batch's own, without that line.
    @discardableResult
    public func appendBatch(by: String, at: Instant, kind: BatchKind,
                            _ make: (Practice) throws -> [EventBody]) throws -> [Event] {
        guard !poisoned else { throw LogError.needsReload(path: path) }
        try checkPlacement()
        let fd = try openLocked()
        defer { close(fd) }
        try refuseIfExposed(fd)
        try ingest(fd)
        if let first = damage.first { throw LogError.damaged(first, more: damage.count - 1) }
        if pendingTailBytes > 0 { try setAsideTornTail(fd) }
        if unterminated { try endLastLine(fd) }
        removeErasureLeftoversOnce()

        var staged = try StagedAppend(practice, by: by, at: at, kind: kind, bodies: try make(practice))
        guard !staged.events.isEmpty else { return [] }

        // Written a stretch at a time, not built whole first: an import of 200,000 clients would otherwise hold its
        // whole text (and, while the array grows, twice that) on top of the practice. Readers count none of a batch
        // until its last line is there, and a failure part-way takes back everything this call wrote.
        var written = 0
        var tail: [UInt8] = []
        let refused = try BatchLines(events: staged.events).write { bytes in
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n != bytes.count {
                let e = n < 0 ? errno : ENOSPC
                // Take back every line of this write so the log never keeps half an event or half a batch.
                if written > 0 || n > 0 { _ = ftruncate(fd, off_t(offset)) }
                throw LogError.io(path: path, action: "write the event", errno: e)
            }
            written += n
            tail = Array((tail + bytes).suffix(32))
        }
        if let refused {
            if written > 0 { _ = ftruncate(fd, off_t(offset)) }
            throw LogError.unreadable(LogIssue(path: path, line: lineNumber + 1 + refused.index, column: refused.damage.column, reason: refused.damage.reason))
        }
        guard fdatasync(fd) == 0 else {
            poisoned = true
            throw LogError.syncFailed(path: path, errno: errno)
        }
        do {
            try staged.settle(into: &practice)
        } catch {
            // Written but not applicable: a bug in a command's checks. Say so, and refuse further writes.
            poisoned = true
            damage.append(LogIssue(path: path, line: lineNumber + 1, column: 1, reason: error.reason))
            throw error
        }
        offset += written
        lineNumber += staged.events.count
        // What this desk wrote is read too: an overwrite must be noticed against it, not against older bytes.
        readMark = (offset, tail)
        return staged.takeOwnEvents()
    }
}
