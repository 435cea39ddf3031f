import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Consistent copies of the log and putting one back. A backup is taken under the writers' lock, so it ends at a
/// line boundary no writer is halfway through, and is read back before it is called good.
public enum Backup {
    /// What a backup or a restore did.
    public struct Outcome: Equatable, Sendable {
        public let path: String
        public let events: Int
        /// For a restore: where the log that was replaced was kept.
        public var setAside: String?
    }

    /// Copies the practice's events to `destination` (a file, or a folder to hold `<log name>-<time>.log`) as a
    /// plain-text log, and checks the copy reads back the same. From any store: a database's backup is a log file
    /// that `keepwarm check` accepts and `migrate` can start from.
    public static func make(of log: any EventStore, to destination: String, at: Instant) throws -> Outcome {
        var target = destination
        var isFolder: ObjCBool = false
        let file = log as? EventLog
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder), isFolder.boolValue {
            let base = file.map { (($0.path as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "keepwarm"

            target = (destination as NSString).appendingPathComponent("\(base)-\(stamp(at)).log")
        }
        if access(target, F_OK) == 0 { throw LogError.alreadyExists(path: target) }
        // The copy is written under a temporary name in DEST's folder and only takes DEST's name once it is complete
        // and read back, so a full disk or a failed check leaves nothing at DEST, not even a folder it made.
        let sharing = log.fileSharing
        let made = try sharing.makeParentFolders(of: target)
        let folder = Files.folder(of: target)
        let temp = (folder as NSString).appendingPathComponent(".\((target as NSString).lastPathComponent).partial-\(getpid())")
        unlink(temp)
        do {
            if let file {
                try file.underLock(writing: false) { fd in
                    let bytes = try Files.readPrefix(fd, count: file.bytesRead, path: file.path)
                    try sharing.writeNewFile(temp, bytes)
                }
            } else {
                // A database's rows are whole events in seq order: what was read is a consistent prefix.
                try log.refresh()
                try sharing.writeNewFile(temp, try log.logLines())
            }
            let copy = try EventLog.open(path: temp)
            guard copy.damage.isEmpty, copy.practice.eventCount == log.practice.eventCount, copy.practice.lastSeq == log.practice.lastSeq else {
                throw CommandError("the backup at \(target) did not read back the same as the log (\(copy.damage.first?.description ?? "\(copy.practice.eventCount) events")); nothing was kept there; keep the log as it is and try another place for the backup")
            }
            try publish(temp, as: target)
        } catch {
            unlink(temp)
            FileSharing.removeFolders(made)
            // The temporary name means nothing to the person who asked for DEST.
            if case LogError.io(temp, let action, let e) = error { throw LogError.io(path: target, action: action, errno: e) }
            throw error
        }
        Files.syncDirectory(of: target)
        return Outcome(path: target, events: log.practice.eventCount)
    }

    /// Gives a finished copy its name without ever replacing a file that took that name meanwhile: a hard link
    /// refuses an existing name; where links are not supported (a FAT-formatted USB disk) a rename after a last look.
    static func publish(_ temp: String, as target: String) throws(LogError) {
        if link(temp, target) == 0 {
            unlink(temp)
            return
        }
        let e = errno
        if e == EEXIST || access(target, F_OK) == 0 { throw .alreadyExists(path: target) }
        guard rename(temp, target) == 0 else { throw .io(path: target, action: "name the finished backup", errno: errno) }
    }

    /// A backup fit to restore, read and checked, with its bytes: refused whole when any line is damaged or the last
    /// one is unfinished, whichever store it goes back into.
    public static func finished(_ backup: String) throws -> (EventLog, [UInt8]) {
        let source = try EventLog.open(path: backup)
        if let first = source.damage.first {
            throw CommandError("the backup is damaged (\(first)); nothing was restored. Check it with `keepwarm check --log \(backup)` or pick another backup")
        }
        if source.pendingTailBytes > 0 {
            throw CommandError("the backup ends with an incomplete line, so it is not a finished backup; nothing was restored. Pick another backup")
        }
        return (source, [UInt8](try Data(contentsOf: URL(fileURLWithPath: backup)).prefix(source.bytesRead)))
    }

    /// Puts a backup back as the log. The backup must read back cleanly first; the log it replaces (if any) is kept
    /// beside it as `<log>.before-restore-<time>`, so a restore never loses anything either. While another desk
    /// writes, it waits for the lock as every writer does (`wait`: says who, may give up having written nothing).
    public static func restore(_ backup: String, to logPath: String, at: Instant, wait: LockWait? = nil) throws -> Outcome {
        let (source, bytes) = try finished(backup)
        var setAside: String?
        if access(logPath, F_OK) == 0 {
            let sharing = FileSharing.of(log: logPath)
            try EventLog.withLock(path: logPath, wait: wait) { fd in
                let all = try Files.readPrefix(fd, count: Files.size(fd, path: logPath), path: logPath)
                // Beside the real file, where erase looks for side files, when the log's path is a link. A name
                // already taken (a restore earlier in the same second) gets `-1`, `-2`, as torn lines do.
                let base = "\(Files.followingLink(logPath)).before-restore-\(stamp(at))"
                var aside = base
                for k in 1... {
                    do throws(LogError) {
                        try sharing.writeNewFile(aside, all)
                        break
                    } catch .alreadyExists {
                        aside = "\(base)-\(k)"
                    }
                }
                Files.giveToLogOwner(aside, log: logPath)
                setAside = aside
                do {
                    try Files.replace(logPath, with: bytes, purpose: "restoring")
                    // The old log's snapshot no longer fits it (and would only be ignored): it goes with it.
                    SnapshotFile.remove(for: logPath)
                } catch {
                    // Nothing was replaced, so the copy kept aside is only a duplicate of the log.
                    unlink(aside)
                    setAside = nil
                    throw error
                }
            }
        } else {
            let real = Files.followingLink(logPath)
            let sharing = FileSharing.of(log: backup)
            let made = try sharing.makeParentFolders(of: real)
            do throws(LogError) { try sharing.writeNewFile(real, bytes) } catch {
                FileSharing.removeFolders(made)
                throw error
            }
        }
        return Outcome(path: logPath, events: source.practice.eventCount, setAside: setAside)
    }

    /// `20261123T103000Z`: sorts by time and is safe in a file name everywhere.
    static func stamp(_ at: Instant) -> String {
        at.iso.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".000", with: "")
            .components(separatedBy: ".").first ?? "backup"
    }
}
