import Foundation
import KeepwarmCore

/// The "sent" folder of a Maildir (`ROOT/sent/{tmp,new,cur}`), where each sent message is kept as its own file.
public struct SentMaildir: Sendable {
    public let root: String
    /// The log's sharing: a staff group's members can all read and add sent copies (setgid 2770 folders, 0660 files).
    public let sharing: FileSharing

    public init(root: String, sharing: FileSharing = .privateToAccount) {
        self.root = root
        self.sharing = sharing
    }

    public var folder: String { root + "/sent" }

    /// Writes the message into `tmp`, flushes it, then renames it into `cur` marked seen (`:2,S`), as the Maildir
    /// convention asks, so a mail reader never sees half a file. Folders are 0700 and the file 0600 (2770 and 0660 for a
    /// staff group, like the log): it is a client's message. Returns the file's path.
    public func keep(_ bytes: [UInt8], seconds: Int64, unique: String) throws -> String {
        // Folders made here are taken away again if the copy cannot be kept (a full disk).
        var made: [String] = []
        for dir in [root, folder, folder + "/tmp", folder + "/new", folder + "/cur"] {
            do throws(LogError) { made += try sharing.makeFolder(dir) } catch {
                FileSharing.removeFolders(made)
                throw MailPipeError(description: "cannot make the Maildir folder \(dir): \(error.systemReason)")
            }
        }
        let hostName = ProcessInfo.processInfo.hostName.replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
        let name = "\(seconds).\(unique).\(hostName.isEmpty ? "localhost" : hostName)"
        let tmp = folder + "/tmp/" + name
        let fd: Int32
        do throws(LogError) { fd = try sharing.createFile(tmp) } catch {
            FileSharing.removeFolders(made)
            throw MailPipeError(description: "cannot write \(tmp): \(error.systemReason)")
        }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(tmp)
                FileSharing.removeFolders(made)
                throw MailPipeError(description: "cannot write \(tmp): \(reason)")
            }
            done += n
        }
        let synced = fsync(fd) == 0
        close(fd)
        let final = folder + "/cur/" + name + ":2,S"
        guard synced, rename(tmp, final) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            FileSharing.removeFolders(made)
            throw MailPipeError(description: "cannot keep the sent copy in \(folder): \(reason)")
        }
        return final
    }
}
