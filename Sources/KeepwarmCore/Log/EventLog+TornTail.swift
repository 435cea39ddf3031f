import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What only a file can hold at its end: a torn last line, a batch a crash cut short, a last line without its
/// newline; each is set aside or finished under the lock.
extension EventLog {
    /// Moves an incomplete last line (a crash mid-write), or an unfinished batch from its `batch.begun` line on, to
    /// `<log>.torn-<timestamp>` and truncates the log to the last line that counts. Only called under the lock, where
    /// no other writer can be mid-write.
    func setAsideTornTail(_ fd: Int32) throws(LogError) {
        var fragment = [UInt8](repeating: 0, count: pendingTailBytes)
        let n = fragment.withUnsafeMutableBytes { pread(fd, $0.baseAddress, pendingTailBytes, off_t(offset)) }
        guard n == pendingTailBytes else { throw .io(path: path, action: "read its incomplete last line", errno: errno) }
        let stamp = Instant(Date()).iso.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
        // Beside the real file, where erase looks for side files, even when the log's path is a link.
        let real = Files.followingLink(path)
        var aside = "\(real).torn-\(stamp)"
        var k = 1
        let sharing = FileSharing.of(log: path)
        var tfd: Int32 = -1
        while tfd < 0 {
            do {
                tfd = try sharing.createFile(aside)
            } catch .alreadyExists {
                aside = "\(real).torn-\(stamp)-\(k)"
                k += 1
            } catch {
                throw .io(path: aside, action: "create it to keep a torn line", errno: errno)
            }
        }
        do throws(LogError) {
            defer { close(tfd) }
            try Files.writeAll(tfd, fragment, path: aside)
            guard fsync(tfd) == 0 else { throw LogError.syncFailed(path: aside, errno: errno) }
            Files.giveToLogOwner(aside, log: path)
        } catch {
            // An empty or partial fragment on a full disk keeps nothing; the torn line stays in the log until there is room.
            unlink(aside)
            throw error
        }
        guard ftruncate(fd, off_t(offset)) == 0 else { throw .io(path: path, action: "cut off its torn last line", errno: errno) }
        guard fdatasync(fd) == 0 else { throw .syncFailed(path: path, errno: errno) }
        if let batch = unfinishedBatch {
            warnings.append("\(path):\(batch.line):1: \(batch.description), cut short by a crash, power cut or kill, was set aside in \(aside) (\(pendingTailBytes) bytes); none of it counts, and the log continues from there")
        } else {
            warnings.append("\(path):\(lineNumber + 1):1: the last line was incomplete (\(pendingTailBytes) bytes, from a crash or power cut); it was set aside in \(aside) and the log continues from there")
        }
        pendingTailBytes = 0
        unfinishedBatch = nil
    }

    // MARK: batches

    /// Whether the batch this `batch.begun` line opens is unfinished, so that it and everything after it wait (and
    /// the next writer sets them aside). Seqs are contiguous, so the batch is all there once the last complete line of
    /// this read has reached its last seq; only that one line is looked at, and only when a batch begins, so ordinary
    /// lines cost nothing. A file that ends on one of the batch's own lines (its time and writer) before its last is a
    /// write still under way or cut short. A file that goes on past an unfinished batch with someone else's lines can
    /// only be a hand edit or an older Keepwarm (which skips `batch.begun`): those lines are read as they are, with a
    /// warning, rather than hiding what others recorded.
    func holdsBack(_ begun: Event, events: Int, kind: BatchKind) -> Bool {
        let last = begun.seq + events
        let tail: (seq: Int, at: Instant, by: String)
        switch lastCompleteLine(after: offset) {
        case nil:
            tail = (begun.seq, begun.at, begun.by)
        case .success(.event(let e))?:
            tail = (e.seq, e.at, e.by)
        case .success(.unknown(_, let seq, let at, let by))?:
            tail = (seq, at, by)
        default:
            // A damaged or out-of-place last line says nothing about the batch; the lines are read, and it is damage.
            return false
        }
        if tail.seq >= last { return false }
        if tail.seq >= begun.seq && tail.at == begun.at && tail.by == begun.by {
            holding = true
            unfinishedBatch = UnfinishedBatch(line: lineNumber, kind: kind, events: events, written: tail.seq - begun.seq)
            return true
        }
        warnings.append("\(path):\(lineNumber):1: the batch begun here (\(events) events) was never finished, yet later lines follow it (from a hand edit, or an older Keepwarm); its lines are read as they are")
        return false
    }

    /// The last complete line after byte `from` (where a line starts) and before the end of this read, decoded; nil
    /// when there is none. Reads back from the end a little at a time, as far as the line is long. "Complete" must mean
    /// what it means to the rest of the read (ending in a newline, or sealed by its checksum without one, as
    /// `takeSealedTail` counts it), or a batch could be counted without its last line.
    func lastCompleteLine(after from: Int) -> Result<DecodedLine, LineDamage>? {
        var window = 16 << 10
        while true {
            let lo = max(from, readEnd - window)
            var buf = [UInt8](repeating: 0, count: readEnd - lo)
            let n = buf.withUnsafeMutableBytes { pread(readFD, $0.baseAddress, $0.count, off_t(lo)) }
            guard n == buf.count else { return .failure(LineDamage(column: 1, reason: "could not read ahead")) }
            let afterNewline = (buf.lastIndex(of: 0x0A) ?? -1) + 1
            if afterNewline > 0 || lo == from, afterNewline < buf.count {
                let sealed = buf.withUnsafeBufferPointer { EventCodec.isSealed(UnsafeBufferPointer(rebasing: $0[afterNewline...])) }
                if sealed {
                    var scratch = DecodeScratch()
                    return buf.withUnsafeBufferPointer { p in
                        LineOutcome.decode(UnsafeBufferPointer(rebasing: p[afterNewline...]), isFirst: false, scratch: &scratch).decoded
                    }
                }
            }
            guard let end = buf.lastIndex(of: 0x0A) else {
                if lo == from { return nil }
                window *= 4
                continue
            }
            let start: Int
            if let prev = buf[..<end].lastIndex(of: 0x0A) {
                start = prev + 1
            } else if lo == from {
                start = 0
            } else {
                window *= 4
                continue
            }
            var scratch = DecodeScratch()
            return buf.withUnsafeBufferPointer { p in
                LineOutcome.decode(UnsafeBufferPointer(rebasing: p[start..<end]), isFirst: false, scratch: &scratch).decoded
            }
        }
    }

    /// Adds the newline missing after a complete last line (written by another tool, or cut off just before its
    /// newline), so the next line starts on a line of its own. Only under the lock; the line itself is never touched.
    func endLastLine(_ fd: Int32) throws(LogError) {
        let newline: [UInt8] = [0x0A]
        let n = newline.withUnsafeBytes { write(fd, $0.baseAddress, 1) }
        guard n == 1 else { throw .io(path: path, action: "end its last line", errno: n < 0 ? errno : ENOSPC) }
        guard fdatasync(fd) == 0 else {
            poisoned = true
            throw .syncFailed(path: path, errno: errno)
        }
        offset += 1
        unterminated = false
    }
}
