import Foundation
import KeepwarmCore

/// A letter for printing: a plain text file in the letters folder, named by date, client and kind, readable only by
/// those who may read the log (it carries a client's name), and never written over.
public struct LetterFile: Sendable {
    public let directory: String
    /// The log's sharing: 0600 files in a 0700 folder, or 0660 in a setgid 2770 folder for a staff group.
    public let sharing: FileSharing

    public init(directory: String, sharing: FileSharing = .privateToAccount) {
        self.directory = directory
        self.sharing = sharing
    }

    /// `2026-11-23-c12-reactivation-letter.txt`.
    public static func name(day: Int, client: ClientID, kind: String) -> String {
        let (y, m, d) = Civil.date(fromDays: day)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))-\(client)-\(kind).txt"
    }

    /// The printable page: the practice and the date at the top, the client's name, then the message's body.
    public static func text(practice: String, date: String, to name: String, body: String) -> String {
        var t = "\(practice)\n\(date)\n\n\(name)\n\n\(body)"
        if !t.hasSuffix("\n") { t += "\n" }
        return t
    }

    /// Writes a new file shared like the log (the folder is made, shared like the log, if missing) and returns its
    /// path; an existing one is refused.
    public func write(_ text: String, named name: String) throws(CommandError) -> String {
        // Folders made here are taken away again if the letter cannot be written (a full disk).
        let made: [String]
        do throws(LogError) { made = try sharing.makeFolder(directory) } catch {
            throw CommandError("cannot make the letters folder \(directory): \(error.systemReason); set letters_dir in config.toml to a folder you can write")
        }
        let path = directory + "/" + name
        let fd: Int32
        do throws(LogError) { fd = try sharing.createFile(path) } catch {
            if case .alreadyExists = error { throw CommandError("\(path) is already written; print that one, or delete it to write it again") }
            FileSharing.removeFolders(made)
            throw CommandError("cannot write \(path): \(error.systemReason)")
        }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(path)
                FileSharing.removeFolders(made)
                throw CommandError("cannot write \(path): \(reason); nothing was kept")
            }
            done += n
        }
        close(fd)
        return path
    }
}
