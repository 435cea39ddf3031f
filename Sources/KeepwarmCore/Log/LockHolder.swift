import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process holding the writers' lock on a log, as the kernel reports it in `/proc/locks`: its id, the command it
/// runs and the account running it. Read only when a writer has to wait, so nothing is written to find it out (a side
/// file would cost every append a write, could outlive a killed holder, and would hold command lines with clients'
/// names in them).
public struct LockHolder: Equatable, Sendable, CustomStringConvertible {
    public let pid: Int32
    /// The program and its command words (`keepwarm client add`), never its arguments, which may name a client.
    public let command: String
    public let user: String?

    /// `keepwarm client add, pid 4242, run by sam`
    public var description: String { "\(command), pid \(pid)" + (user.map { ", run by \($0)" } ?? "") }

    /// Who holds an exclusive `flock` on the file open at `fd`; nil when the system does not say (not Linux, or the
    /// holder is in another PID namespace, where the kernel shows pid 0) or the lock was let go meanwhile.
    public static func of(fd: Int32) -> LockHolder? {
        var st = stat()
        guard fstat(fd, &st) == 0, let table = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for line in table.split(separator: "\n") {
            guard let pid = holder(in: line, inode: UInt64(st.st_ino)), pid > 0, pid != getpid() else { continue }
            return LockHolder(pid: pid, command: command(of: pid), user: owner(of: pid))
        }
        return nil
    }

    /// The pid in a `/proc/locks` line for a granted FLOCK on `inode` (`1: FLOCK  ADVISORY  WRITE 4242 08:02:1234 0 EOF`);
    /// waiting requests (`1: -> FLOCK …`) are skipped. Only the inode is compared: on an overlay file system the
    /// device the kernel names is the layer's, not the one `fstat` reports.
    static func holder(in line: Substring, inode: UInt64) -> Int32? {
        let f = line.split(separator: " ", omittingEmptySubsequences: true)
        guard f.count >= 6, f[1] == "FLOCK", f[3] == "WRITE", let pid = Int32(f[4]) else { return nil }
        let file = f[5].split(separator: ":")
        guard file.count == 3, UInt64(file[2]) == inode else { return nil }
        return pid
    }

    /// The program's name and the words after it that look like a command (`client`, `add`), at most two.
    static func command(of pid: Int32) -> String {
        guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !raw.isEmpty else { return "a process" }
        let argv = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        var words = [argv.first.map { ($0 as NSString).lastPathComponent } ?? "a process"]
        for arg in argv.dropFirst().prefix(2) {
            guard !arg.isEmpty, arg.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" }), !arg.hasPrefix("-") else { break }
            words.append(arg)
        }
        return DisplayText.visible(words.joined(separator: " "))
    }

    static func owner(of pid: Int32) -> String? {
        var st = stat()
        guard stat("/proc/\(pid)", &st) == 0, let pw = getpwuid(st.st_uid) else { return nil }
        return String(cString: pw.pointee.pw_name)
    }
}
