import Foundation

/// A child process started with posix_spawn and a clean signal state, its output in files.
///
/// Not Foundation's Process: its child inherits the calling thread's signal mask, and test threads block most
/// signals. A child with SIGXFSZ blocked never feels the default action of a file-size limit, so it could not show
/// that keepwarm ignores SIGXFSZ on purpose.
struct Spawned {
    let pid: pid_t

    /// Starts `argv` (argv[0] a path) with the test's environment plus `env`, stdin from /dev/null.
    init(_ argv: [String], env: [String: String] = [:], stdout: String, stderr: String) throws {
        var vars = ProcessInfo.processInfo.environment
        for (k, v) in env { vars[k] = v }
        try self.init(argv, environment: vars, stdout: stdout, stderr: stderr)
    }

    /// The same with standard output on a descriptor the test holds (the write end of a pipe whose reader is gone).
    init(_ argv: [String], env: [String: String] = [:], stdoutDescriptor: Int32, stderr: String) throws {
        var vars = ProcessInfo.processInfo.environment
        for (k, v) in env { vars[k] = v }
        try self.init(argv, environment: vars, stdout: "", stderr: stderr, stdoutDescriptor: stdoutDescriptor)
    }

    /// The same with exactly `environment`, for a child that must not see some of the test's variables.
    init(_ argv: [String], environment vars: [String: String], stdout: String, stderr: String, stdoutDescriptor: Int32? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let fd = stdoutDescriptor {
            posix_spawn_file_actions_adddup2(&actions, fd, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Nor any of the test runner's own descriptors: a writer holding another test's pipe would delay its end.
        for fd in ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap({ Int32($0) }) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = vars.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid = pid_t()
        let rc = posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else { throw Failure("could not run \(argv[0]): \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    /// How a finished child ended.
    enum End: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// waitpid failed (the child was reaped elsewhere): how it ended is unknown.
        case unknown(errno: Int32)
    }

    /// Waits for the child to end; call once.
    func wait() -> End { reap(0) ?? .unknown(errno: ECHILD) }

    /// The child's end if it has already ended (and it is then reaped), else nil.
    func poll() -> End? { reap(WNOHANG) }

    private func reap(_ options: Int32) -> End? {
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, options)
            if r == pid { break }
            if r == 0 { return nil }
            if errno != EINTR { return .unknown(errno: errno) }
        }
        return status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
    }

    /// Finds a program on $PATH, or throws saying what to install.
    static func which(_ name: String, package: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/bin", "/usr/sbin"] {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure("\(name) is not installed and this test needs it: install \(package) (apt-get install \(package)) and run the tests again")
    }
}
