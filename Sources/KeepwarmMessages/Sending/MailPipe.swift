import Foundation

/// How a mail command ended.
public struct MailPipeResult: Equatable, Sendable {
    /// The exit status, or nil when the command was killed by a signal.
    public let status: Int32?
    /// The first non-empty line the command wrote to standard error, if any.
    public let firstErrorLine: String?
    /// Why Keepwarm stopped the command before it ended by itself, or nil when it ended by itself.
    public var stopped: MailPipeStop? = nil

    public var succeeded: Bool { stopped == nil && status == 0 }
}

/// Why a mail command was stopped: it was still running when its time was up, or keepwarm itself was asked to stop
/// (Ctrl-C, SIGTERM, SIGHUP) while it ran. Either way it may already have handed the message to the mail server.
public enum MailPipeStop: Equatable, Sendable {
    case timedOut(seconds: Int)
    case signal(Int32)
}

/// Why a mail command could not even be started.
public struct MailPipeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
}

/// Runs a `sendmail -t` style command with the message on its standard input: argv is run directly with
/// posix_spawnp (no shell, so nothing from a client's record is ever interpreted), and the call waits for it to end,
/// at most `timeout` seconds. The command runs in a session (so a process group) of its own, and the whole group is
/// killed when the time is up or keepwarm is asked to stop, so no mail command outlives the keepwarm that started it
/// and delivers a message nobody recorded.
public enum MailPipe {
    /// POSIX_SPAWN_SETSID, which glibc declares only for _GNU_SOURCE, so Swift does not see the name.
    static let spawnNewSession: Int32 = 0x80
    /// The signals that ask keepwarm to stop; while the command runs they are taken here, so it can be stopped first.
    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    public static func run(_ argv: [String], input: [UInt8], environment: [String: String],
                           timeout: Int = 60) throws(MailPipeError) -> MailPipeResult {
        try spawn(argv, input: input, environment: environment, timeout: timeout, naming: "mail command", keepingOutput: false).result
    }

    /// The pipe itself, shared with `SMSPipe`: `naming` is what errors call the command ("mail command"), and with
    /// `keepingOutput` its standard output is kept (at most 64 KiB) and returned, else it goes to /dev/null. `signal`
    /// is the signal that ended the command when it was not Keepwarm that stopped it.
    static func spawn(_ argv: [String], input: [UInt8], environment: [String: String], timeout: Int, naming what: String,
                      keepingOutput: Bool) throws(MailPipeError) -> (result: MailPipeResult, output: [UInt8], signal: Int32?) {
        guard let program = argv.first else { throw MailPipeError(description: "the \(what) is empty") }
        // A socket rather than a pipe: writing to a command that exits without reading gives EPIPE here instead of a
        // SIGPIPE that would kill keepwarm, and no process-wide signal setting has to change.
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw MailPipeError(description: "cannot make a pipe for the \(what): \(String(cString: strerror(errno)))")
        }
        defer { close(pair[0]) }
        // Standard error (and output, when kept) go to unnamed files, read after the command ends, so a chatty
        // command can never block on a full pipe while keepwarm is still writing its input.
        let errFD: Int32
        do throws(MailPipeError) {
            errFD = try unnamedFile(for: "the \(what)'s errors")
        } catch {
            close(pair[1])
            throw error
        }
        defer { close(errFD) }
        var outFD: Int32 = -1
        if keepingOutput {
            do throws(MailPipeError) {
                outFD = try unnamedFile(for: "the \(what)'s output")
            } catch {
                close(pair[1])
                throw error
            }
        }
        defer { if outFD >= 0 { close(outFD) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        if outFD >= 0 {
            posix_spawn_file_actions_adddup2(&actions, outFD, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, errFD, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default signal handling and nothing blocked, whatever this process has set, and in a
        // session of its own: with no controlling terminal it cannot prompt for a password over the console's screen,
        // Ctrl-C at the terminal never reaches it directly, and its process group (the session's, numbered by its pid)
        // holds it and anything it starts, so one kill stops them all. (POSIX_SPAWN_SETPGROUP cannot be added: a
        // session leader may not change its group, and the new session already gives it a group of its own.)
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | spawnNewSession))

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        // Stop signals (and the child's end) are held for this thread from before the child starts, so none can end
        // keepwarm while the command runs; they are taken one by one below.
        var waitSet = sigset_t(), previous = sigset_t()
        sigemptyset(&waitSet)
        for s in stopSignals + [SIGCHLD] { sigaddset(&waitSet, s) }
        pthread_sigmask(SIG_BLOCK, &waitSet, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }

        var pid = pid_t()
        let rc = posix_spawnp(&pid, program, &actions, &attributes, cArgs, cEnv)
        close(pair[1])
        guard rc == 0 else {
            throw MailPipeError(description: "cannot run the \(what) \(program): \(String(cString: strerror(rc)))")
        }

        let deadline = monotonicSeconds() + Double(max(1, timeout))
        var done = 0, writing = true
        var status: Int32 = 0
        var stopped: MailPipeStop?
        while true {
            if writing {
                // Never blocks: a command that stops reading must not hold keepwarm past its time.
                let n = input.withUnsafeBytes { send(pair[0], $0.baseAddress! + done, input.count - done, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
                if n > 0 { done += n }
                // The command stopped reading (EPIPE and the like); how it exits says whether that was a failure.
                let blocked = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                if done == input.count || (n <= 0 && !blocked) {
                    shutdown(pair[0], Int32(SHUT_WR))
                    writing = false
                }
            }
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR {
                stop(pid)
                throw MailPipeError(description: "lost track of the \(what): \(String(cString: strerror(errno)))")
            }
            let left = deadline - monotonicSeconds()
            if left <= 0 {
                stopped = .timedOut(seconds: max(1, timeout))
                break
            }
            // Sleeps until a signal comes (the child's end, or a stop) or a short while passes.
            let slice = min(left, writing ? 0.02 : 0.25)
            var ts = timespec(tv_sec: Int(slice), tv_nsec: Int((slice - Double(Int(slice))) * 1e9))
            let got = sigtimedwait(&waitSet, nil, &ts)
            if stopSignals.contains(got) {
                stopped = .signal(got)
                break
            }
        }
        if let stopped {
            stop(pid)
            return (MailPipeResult(status: nil, firstErrorLine: firstLine(errFD), stopped: stopped), contents(outFD), nil)
        }
        let exit: Int32? = status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
        // A command that quit before reading everything did not send what we gave it, even if it says 0.
        let complete = done == input.count
        return (MailPipeResult(status: complete ? exit : (exit == 0 ? 1 : exit),
                               firstErrorLine: firstLine(errFD) ?? (complete || exit != 0 ? nil : "it stopped reading the message before the end")),
                contents(outFD), status & 0x7F == 0 ? nil : status & 0x7F)
    }

    /// A temporary file with no name (made and unlinked at once), closed on exec; `purpose` names it in the error.
    private static func unnamedFile(for purpose: String) throws(MailPipeError) -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/keepwarm-mail-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else {
            throw MailPipeError(description: "cannot make a temporary file for \(purpose): \(String(cString: strerror(errno)))")
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        return fd
    }

    /// Kills the command's whole process group (it leads it) and waits for the command, so nothing is left running.
    private static func stop(_ pid: pid_t) {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    private static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func firstLine(_ fd: Int32) -> String? {
        String(decoding: contents(fd), as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    /// The first 64 KiB of what the command wrote to `fd` (nothing when `fd` is -1, output not kept).
    private static func contents(_ fd: Int32) -> [UInt8] {
        guard fd >= 0 else { return [] }
        lseek(fd, 0, SEEK_SET)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65_536 {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 4096) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }
}
