import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The console as a person starts it: `keepwarm` spawned on a pseudo-terminal, timed from the spawn until its
/// opening frame ("Opening the practice") and until its first full frame (a pane title) reach the terminal (issue 18:
/// something on screen at once, the panes when the read ends).
enum SpawnedConsole {
    struct Times {
        var opening: Double
        var full: Double
        /// The console's peak resident memory a second after its first full frame (VmHWM), in MB.
        var peakMB: Double?
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `snapshot: false` opens as with no snapshot (KEEPWARM_SNAPSHOT=off: the whole log replayed, none written).
    static func time(_ keepwarm: String, log: String, now: String, snapshot: Bool = true, width: UInt16 = 80,
                     height: UInt16 = 24) throws -> Times {
        // posix_openpt and grantpt are not in Swift's Glibc module; this is what they do on Linux: open the
        // multiplexer, unlock the new terminal (TIOCSPTLCK) and ask its number (TIOCGPTN).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, UInt(0x4004_5431), &unlock) == 0, ioctl(master, UInt(0x8004_5430), &number) == 0 else {
            throw Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slave = "/dev/pts/\(number)"
        defer { close(master) }
        var size = winsize(ws_row: height, ws_col: width, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // A session of its own whose terminal is the pseudo-terminal, as a shell gives a program.
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, 0x80)  // POSIX_SPAWN_SETSID, which the Glibc module does not name
        let args: [String] = [keepwarm, "--log", log, "--now", now]
        let argv = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        env["KEEPWARM_USER"] = "bench"
        if !snapshot { env["KEEPWARM_SNAPSHOT"] = "off" }
        let environment = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for e in environment { free(e) } }
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        guard posix_spawn(&pid, keepwarm, &actions, &attr, argv, environment) == 0 else {
            throw Failure(description: "could not start \(keepwarm)")
        }
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        var seen: [UInt8] = []
        var opening: Double?
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while elapsed() < 60 {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 100) > 0 else { continue }
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { break }
            seen += buffer[0..<n]
            let text = String(decoding: seen, as: UTF8.self)
            if opening == nil, text.contains("Opening") { opening = elapsed() }
            // The diary pane's title: the panes are filled.
            if text.contains("diary") {
                let full = elapsed()
                // The work a console does just after its first frame (the audit's evidence, the reports) counts too.
                usleep(1_000_000)
                let peak = peakKilobytes(pid).map { $0 / 1024 }
                _ = "q".withCString { write(master, $0, 1) }
                return Times(opening: opening ?? full, full: full, peakMB: peak)
            }
        }
        throw Failure(description: "the console showed no diary within 60 s; it printed: \(String(decoding: seen.suffix(300), as: UTF8.self))")
    }

    /// A running process's peak resident memory so far, from /proc.
    static func peakKilobytes(_ pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Double(line.split(separator: " ").dropFirst().first ?? "")
        }
        return nil
    }
}
