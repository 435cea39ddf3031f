import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files Keepwarm keeps beside a log, cleaned of one erased client's details, under the writers' lock
/// (Docs/reliability.md, "Right to erasure"):
///
/// - copies of the log (`.before-restore-…`, `.repaired`, `.bak`, backups in the practice folder: any file whose first
///   line is a Keepwarm header) have each line about the client decoded, scrubbed and sealed again with
///   `EventCodec.line`, exactly as the log's own rewrite does, and a `client.erased` line added; the copy must read
///   back with the same events plus that one, or it is left as it was and named;
/// - lines that were already damaged (and `.rejected`, and a copy's incomplete last line) have the details replaced
///   inside them: they stay damaged, never worse, and each is named as `path:line`;
/// - a torn fragment (`.torn-…`) of one of the client's own lines is removed; in any other, the details are replaced,
///   including a name or number cut off at its end (3 letters, or 5 digits, are enough to count);
/// - letters (`letters/`, `YYYY-MM-DD-cN-kind.txt`) and sent emails (`Maildir/sent`) to or about the client are removed;
/// - temporary copies an interrupted erasure left (`.<log>….erasing-<pid>`) are removed;
/// - another practice's log in the folder (its first event is not this log's) is that practice's record: named if it
///   mentions them, and left alone; copies in folders below the practice folder are cleaned however deep;
/// - any other file in the log's folder that mentions them is not Keepwarm's: it is named, and left alone.
struct KeptFiles {
    let log: String
    let details: Erasure.Details
    let at: Instant
    let by: String
    let mentions: Mentions
    let folder: String
    let base: String

    init(log: String, details: Erasure.Details, at: Instant, by: String) {
        (self.log, self.details, self.at, self.by) = (log, details, at, by)
        mentions = details.mentions
        let f = (log as NSString).deletingLastPathComponent
        folder = f.isEmpty ? "." : f
        base = (log as NSString).lastPathComponent
        practiceStamp = Self.firstEventStamp(log)
    }

    /// The log's first event, as written (the practice's name, zone, time and author): every copy of this practice's
    /// log, a backup, a repair, a log kept aside by a restore, starts with that same event, which erasure never
    /// changes; another practice's log does not, even one started in the same minute by the same person.
    let practiceStamp: [UInt8]?

    /// Files larger than this are not read to look for mentions (a video, an archive): they are not Keepwarm's.
    static let largestLooked = 256 << 20

    func clean(letters: [String], maildirs: [String], into o: inout Erasure.Outcome) {
        let letterDirs = Set(([folder + "/letters"] + letters).map { ($0 as NSString).standardizingPath })
        let mailDirs = Set(([folder + "/Maildir"] + maildirs).map { ($0 as NSString).standardizingPath })
        for name in Self.entries(folder) {
            let path = folder + "/" + name
            if name == base || name.hasPrefix(".") && name.contains(".erasing-") { continue }
            let whole = (path as NSString).standardizingPath
            if letterDirs.contains(whole) || mailDirs.contains(whole) { continue }
            if Self.isDirectory(path) {
                // Backups inside the practice folder, however deep (`keepwarm backup` writes wherever it is told):
                // the copies of the log there are Keepwarm's too.
                cleanCopies(in: path, depth: 1, skipping: letterDirs.union(mailDirs), into: &o)
                continue
            }
            guard Self.isRegular(path) else { continue }
            if name.hasPrefix(base + ".torn-") {
                torn(path, into: &o)
            } else if Self.isLogCopy(path) {
                rewrite(path, copy: true, into: &o)
            } else if name.hasPrefix(base + ".") {
                rewrite(path, copy: false, into: &o)
            } else if let bytes = Self.contents(path), mentions.any(in: bytes) {
                o.notKeepwarmsFiles.append(path)
            }
        }
        // Only the sent folder of a Maildir is Keepwarm's; the rest may be someone's own mail.
        for dir in letterDirs.sorted() { removeMessages(in: dir, letters: true, into: &o) }
        for dir in mailDirs.sorted() { removeMessages(in: dir + "/sent", letters: false, into: &o) }
    }

    /// Folders this deep below the practice folder are looked in for copies of the log (a symbolic link is never
    /// followed, so this bounds only a very deep tree).
    static let deepestFolder = 8

    /// Cleans every copy of the log in `dir` and the folders below it (not letters or mail, nor symbolic links).
    func cleanCopies(in dir: String, depth: Int, skipping: Set<String>, into o: inout Erasure.Outcome) {
        guard depth <= Self.deepestFolder, !skipping.contains((dir as NSString).standardizingPath) else { return }
        for inner in Self.entries(dir) {
            let path = dir + "/" + inner
            if Self.isDirectory(path) {
                cleanCopies(in: path, depth: depth + 1, skipping: skipping, into: &o)
            } else if Self.isRegular(path) && Self.isLogCopy(path) {
                rewrite(path, copy: true, into: &o)
            }
        }
    }

    // MARK: copies of the log and other side files

    /// Rewrites each line that holds the client's details; `copy` adds the tombstone and checks the result reads back.
    func rewrite(_ path: String, copy: Bool, into o: inout Erasure.Outcome) {
        guard let bytes = Self.contents(path) else { return }
        // Another practice's log kept in the same folder is that practice's record: someone there who shares a
        // name or a phone number with the erased client is not theirs to erase. Named, and left alone.
        if copy, let ours = practiceStamp, let theirs = Self.firstEventStamp(path), theirs != ours {
            if mentions.any(in: bytes) { o.otherPracticesLogs.append(path) }
            return
        }
        var rule = details
        // A copy whose client of that id is someone else (a copy of this practice's log that went another way after
        // a restore) is cleaned by mentions and callbacks only, never by the id.
        let theirs = Erasure.Details(of: details.client, lines: bytes, rule: details.rule)
        let sameClient = theirs.keys.isEmpty || !theirs.keys.isDisjoint(with: details.keys)
        if !sameClient {
            rule.client = ClientID(0)
            rule.referrals = []
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 200)
        var changed = false, damaged = false, lastSeq = 0, added = false, erasedAlready = false
        var scratch = DecodeScratch()
        var number = 0, start = 0
        while start < bytes.count {
            let nl = bytes.withUnsafeBufferPointer { Erasure.newline(in: $0, from: start) }
            let end = nl ?? bytes.count
            number += 1
            var line = Array(bytes[start..<end])
            start = end + 1
            var prefix: [UInt8] = [], suffix: [UInt8] = []
            if number == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { prefix = [0xEF, 0xBB, 0xBF]; line.removeFirst(3) }
            if line.last == 0x0D { suffix = [0x0D]; line.removeLast() }
            let decoded = nl == nil ? nil : line.withUnsafeBufferPointer { try? EventCodec.decode($0, scratch: &scratch) }
            var newLine = line
            switch decoded {
            case .event(let e)?:
                lastSeq = max(lastSeq, e.seq)
                if case .clientAdded(let n) = e.body, n.id == details.client { added = true }
                if case .clientErased(let id) = e.body, id == details.client { erasedAlready = true }
                if let body = Erasure.scrubbed(e.body, rule) {
                    newLine = Array(EventCodec.line(for: Event(seq: e.seq, at: e.at, by: e.by, body: body)).dropLast())
                }
                if newLine == line && mentions.any(in: line) { o.stillMentionedInCopies.append("\(path):\(number)") }
            case .unknown(_, let seq, _, _)?:
                lastSeq = max(lastSeq, seq)
                if mentions.any(in: line) { o.stillMentionedInCopies.append("\(path):\(number)") }
            case .header?:
                break
            case nil:
                // Damaged already (or an incomplete last line): the details go, the line stays as unreadable as it was.
                if nl != nil { damaged = true }
                newLine = mentions.scrubbed(line) ?? line
                if nl == nil { newLine = cutOff(newLine) }
                if newLine != line { o.damagedLinesScrubbed.append("\(path):\(number)") }
            }
            if newLine != line { changed = true }
            if nl == nil && copy && sameClient && added && !erasedAlready && !damaged && lastSeq > 0 {
                // The tombstone goes before an incomplete last line, which stays last.
                out += EventCodec.line(for: Event(seq: lastSeq + 1, at: at, by: by, body: .clientErased(details.client)))
                erasedAlready = true
                changed = true
            }
            out += prefix + newLine + suffix
            if nl != nil { out.append(0x0A) }
        }
        if copy && sameClient && added && !erasedAlready && !damaged && lastSeq > 0 {
            out += EventCodec.line(for: Event(seq: lastSeq + 1, at: at, by: by, body: .clientErased(details.client)))
            changed = true
        }
        guard changed else { return }
        do {
            try replaceSideFile(path, with: out, check: copy && !damaged)
            o.sideFilesCleaned.append(path)
        } catch {
            // The log is erased already; one copy that cannot be rewritten must not stop the others being cleaned.
            o.filesNotCleaned.append("\(path): \(error)")
        }
    }

    /// A name or number cut off at the end of an incomplete line, replaced.
    func cutOff(_ line: [UInt8]) -> [UInt8] {
        let n = mentions.cutOffAtEnd(line)
        return n == 0 ? line : Array(line.dropLast(n)) + Array(Erasure.placeholder.utf8)
    }

    /// A torn fragment: removed when it is one of the client's own lines, else cleaned like any damaged line.
    func torn(_ path: String, into o: inout Erasure.Outcome) {
        guard let bytes = Self.contents(path) else { return }
        let id = details.client.description
        let own = ["\"client\":\"\(id)", "\"id\":\"\(id)"].contains { key in
            var i = 0
            let k = Array(key.utf8)
            while let r = bytes[i...].firstRange(of: k) {
                if r.upperBound == bytes.count || bytes[r.upperBound] == UInt8(ascii: "\"") { return true }
                i = r.upperBound
            }
            return false
        }
        if own {
            remove(path, into: &o)
            return
        }
        rewrite(path, copy: false, into: &o)
    }

    /// Writes the cleaned file to a temporary name beside it, with the same owner, group and mode, checks a copy of
    /// the log still reads back (with its tombstone), and renames it over the original: the one way a file beside the
    /// log is replaced (`Files.replace`), so a full disk leaves neither a half-written copy nor a changed original.
    func replaceSideFile(_ path: String, with bytes: [UInt8], check: Bool) throws {
        try Files.replace(path, with: bytes, purpose: "erasing") { temp in
            guard check else { return }
            let before = try EventLog.open(path: path), after = try EventLog.open(path: temp)
            guard before.damage.isEmpty == after.damage.isEmpty, after.practice.eventCount >= before.practice.eventCount else {
                throw CommandError("\(path) did not read back the same without the erased details (\(after.damage.first?.reason ?? "\(after.practice.eventCount) events")); it was left as it was, so remove it by hand")
            }
        }
    }

    // MARK: letters and sent emails

    /// Removes the letters and sent emails to or about the client; a message that merely exists is left alone.
    func removeMessages(in dir: String, letters: Bool, into o: inout Erasure.Outcome) {
        for name in Self.entries(dir) {
            let path = dir + "/" + name
            if Self.isDirectory(path) {
                removeMessages(in: path, letters: letters, into: &o)
                continue
            }
            guard Self.isRegular(path), let bytes = Self.contents(path) else { continue }
            let named = letters && name.contains("-\(details.client)-")
            // Quoted-printable bodies break long lines with "=" at a line's end; read them joined up.
            var joined: [UInt8] = []
            joined.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "="), i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 2; continue }
                if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { i += 3; continue }
                joined.append(bytes[i])
                i += 1
            }
            guard named || mentions.any(in: bytes) || mentions.any(in: joined) else { continue }
            remove(path, into: &o)
        }
    }

    /// Removes a file about the client, or names it when it cannot be removed.
    func remove(_ path: String, into o: inout Erasure.Outcome) {
        if unlink(path) == 0 {
            Files.syncDirectory(of: path)
            o.filesRemoved.append(path)
        } else {
            o.filesNotCleaned.append("\(path): \(String(cString: strerror(errno)))")
        }
    }

    // MARK: files

    static func entries(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    static func isRegular(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func contents(_ path: String) -> [UInt8]? {
        var st = stat()
        guard stat(path, &st) == 0, Int(st.st_size) <= largestLooked else { return nil }
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// The first event's line in a log file (its second line, without a CR), or nil when the file cannot be read
    /// or that line does not read as an event (a damaged copy of this log is then cleaned as one).
    static func firstEventStamp(_ path: String) -> [UInt8]? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        let head = [UInt8](h.readData(ofLength: 64 << 10))
        guard let first = head.firstIndex(of: 0x0A), let second = head[(first + 1)...].firstIndex(of: 0x0A) else { return nil }
        var line = Array(head[(first + 1)..<second])
        if line.last == 0x0D { line.removeLast() }
        var scratch = DecodeScratch()
        guard case .event? = line.withUnsafeBufferPointer({ try? EventCodec.decode($0, scratch: &scratch) }) else { return nil }
        return line
    }

    /// Whether the file starts with a Keepwarm log's header line.
    static func isLogCopy(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        var head = [UInt8](h.readData(ofLength: 256))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        guard let nl = head.firstIndex(of: 0x0A) else { return false }
        var line = Array(head[..<nl])
        if line.last == 0x0D { line.removeLast() }
        var scratch = DecodeScratch()
        if case .header? = line.withUnsafeBufferPointer({ try? EventCodec.decode($0, scratch: &scratch) }) { return true }
        return false
    }
}

extension Erasure {
    /// Removes the temporary copies an interrupted erasure left beside the log (`.<log>.erasing-<pid>`, and
    /// `.<log>.<side file>.erasing-<pid>`). Only called under the writers' lock, where no erasure is running.
    @discardableResult
    static func removeLeftoverTemps(of path: String) -> [String] {
        let f = (path as NSString).deletingLastPathComponent
        let dir = f.isEmpty ? "." : f
        let base = (path as NSString).lastPathComponent
        var removed: [String] = []
        for name in KeptFiles.entries(dir) where name.hasPrefix("." + base + ".") && name.contains(".erasing-") {
            let p = dir + "/" + name
            if KeptFiles.isRegular(p) && unlink(p) == 0 { removed.append(p) }
        }
        if !removed.isEmpty { Files.syncDirectory(of: path) }
        return removed
    }
}
