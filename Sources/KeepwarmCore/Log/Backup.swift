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

    /// Copies the log to `destination` (a file, or a folder to hold `<log name>-<time>.log`) and checks the copy.
    public static func make(of log: EventLog, to destination: String, at: Instant) throws -> Outcome {
        var target = destination
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder), isFolder.boolValue {
            let base = ((log.path as NSString).lastPathComponent as NSString).deletingPathExtension
            target = (destination as NSString).appendingPathComponent("\(base)-\(stamp(at)).log")
        }
        let sharing = FileSharing.of(log: log.path)
        try log.underLock(writing: false) { fd in
            let bytes = try Files.readPrefix(fd, count: log.bytesRead, path: log.path)
            try sharing.makeParentFolders(of: target)
            try sharing.writeNewFile(target, bytes)
        }
        let copy = try EventLog.open(path: target)
        guard copy.damage.isEmpty, copy.practice.eventCount == log.practice.eventCount, copy.practice.lastSeq == log.practice.lastSeq else {
            throw CommandError("the backup at \(target) did not read back the same as the log (\(copy.damage.first?.description ?? "\(copy.practice.eventCount) events")); keep the log as it is and try another place for the backup")
        }
        return Outcome(path: target, events: copy.practice.eventCount)
    }

    /// Puts a backup back as the log. The backup must read back cleanly first; the log it replaces (if any) is kept
    /// beside it as `<log>.before-restore-<time>`, so a restore never loses anything either.
    public static func restore(_ backup: String, to logPath: String, at: Instant) throws -> Outcome {
        let source = try EventLog.open(path: backup)
        if let first = source.damage.first {
            throw CommandError("the backup is damaged (\(first)); nothing was restored. Check it with `keepwarm check --log \(backup)` or pick another backup")
        }
        if source.pendingTailBytes > 0 {
            throw CommandError("the backup ends with an incomplete line, so it is not a finished backup; nothing was restored. Pick another backup")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup)).prefix(source.bytesRead)
        let folder = (logPath as NSString).deletingLastPathComponent
        let temp = (folder.isEmpty ? "" : folder + "/") + ".\((logPath as NSString).lastPathComponent).restoring-\(getpid())"
        unlink(temp)
        var setAside: String?
        if access(logPath, F_OK) == 0 {
            let sharing = FileSharing.of(log: logPath)
            try EventLog.withLock(path: logPath) { fd in
                let all = try Files.readPrefix(fd, count: Files.size(fd, path: logPath), path: logPath)
                let aside = "\(logPath).before-restore-\(stamp(at))"
                try sharing.writeNewFile(aside, all)
                setAside = aside
                try sharing.writeNewFile(temp, [UInt8](bytes))
                guard rename(temp, logPath) == 0 else {
                    unlink(temp)
                    throw LogError.io(path: logPath, action: "replace it with the backup", errno: errno)
                }
                Files.syncDirectory(of: logPath)
            }
        } else {
            let sharing = FileSharing.of(log: backup)
            try sharing.makeParentFolders(of: logPath)
            try sharing.writeNewFile(logPath, [UInt8](bytes))
        }
        return Outcome(path: logPath, events: source.practice.eventCount, setAside: setAside)
    }

    /// `20261123T103000Z`: sorts by time and is safe in a file name everywhere.
    static func stamp(_ at: Instant) -> String {
        at.iso.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ".000", with: "")
            .components(separatedBy: ".").first ?? "backup"
    }
}
