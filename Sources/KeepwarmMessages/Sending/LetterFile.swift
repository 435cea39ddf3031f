import Foundation
import KeepwarmCore

/// A letter for printing: a plain text file in the letters folder, named by date, client and kind, readable only by
/// its owner (it carries a client's name), and never written over.
public struct LetterFile: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

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

    /// Writes a new 0600 file (the folder is made 0700 if missing) and returns its path; an existing one is refused.
    public func write(_ text: String, named name: String) throws(CommandError) -> String {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw CommandError("cannot make the letters folder \(directory): \(String(cString: strerror(errno))); set letters_dir in config.toml to a folder you can write")
        }
        let path = directory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw CommandError("\(path) is already written; print that one, or delete it to write it again") }
            throw CommandError("cannot write \(path): \(String(cString: strerror(errno)))")
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
                throw CommandError("cannot write \(path): \(reason); nothing was kept")
            }
            done += n
        }
        close(fd)
        return path
    }
}
