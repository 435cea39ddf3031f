import Foundation

/// A throwaway PostgreSQL server for the bench's PostgreSQL figures: a new cluster in a temporary folder, on the
/// first free port of 55460–55469 on 127.0.0.1, run as the `postgres` user when the bench runs as root (PostgreSQL
/// refuses root). `stop()` stops it and removes the folder; the bench calls it on every way out (a thrown error,
/// exit, SIGINT or SIGTERM). It only runs programs, so the bench needs no test code and the core no postgres-nio.
final class BenchCluster: @unchecked Sendable {
    let folder: String
    let port: Int
    let bin: String
    private let runAs: [String]
    private let lock = NSLock()
    private var running = false

    /// The ports the bench may use, so it never meets another cluster on this machine.
    static let ports = 55460...55469

    /// Where the server's programs are, or nil when PostgreSQL is not installed (the bench then skips its section).
    static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") && FileManager.default.isExecutableFile(atPath: "\($0)/pg_ctl") }
    }

    /// Makes and starts the cluster. Durable as a practice's server would be (fsync on, synchronous commit), so an
    /// append's figure includes the commit's flush as the file log's includes fdatasync.
    init(bin: String) throws {
        self.bin = bin
        guard let port = Self.ports.first(where: Self.isFree) else {
            throw BenchError("no free port in \(Self.ports.lowerBound)–\(Self.ports.upperBound) on 127.0.0.1 for the bench's PostgreSQL")
        }
        self.port = port
        // /tmp, not a TMPDIR under /root, which the postgres user cannot reach.
        folder = (geteuid() == 0 ? "/tmp" : NSTemporaryDirectory()) + "/kw-bench-pg-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if geteuid() == 0 {
            guard let pw = getpwnam("postgres") else {
                try? FileManager.default.removeItem(atPath: folder)
                throw BenchError("there is no postgres user to run the server as: run bash scripts/install-tools test")
            }
            chown(folder, pw.pointee.pw_uid, pw.pointee.pw_gid)
            runAs = ["/usr/sbin/runuser", "-u", "postgres", "--"]
        } else {
            runAs = []
        }
        do {
            try pg(["\(bin)/initdb", "-D", "\(folder)/data", "-A", "trust", "-U", "kw", "-E", "UTF8", "--no-locale", "-N"])
            lock.lock(); running = true; lock.unlock()
            try pg(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-l", "\(folder)/server.log", "-w", "-o",
                    "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c max_connections=40", "start"])
        } catch {
            stop()
            throw error
        }
    }

    /// A new, empty database, and the URL that names it.
    func newDatabase(_ name: String) throws -> String {
        try pg(["\(bin)/createdb", "-h", "127.0.0.1", "-p", "\(port)", "-U", "kw", name])
        return "postgresql://kw@127.0.0.1:\(port)/\(name)?sslmode=disable"
    }

    /// Stops the server at once and removes its folder; safe to call more than once and from a signal's queue.
    func stop() {
        lock.lock()
        let was = running
        running = false
        lock.unlock()
        if was { _ = try? pg(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-m", "fast", "-w", "stop"]) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs a PostgreSQL program as the cluster's owner; throws with its output when it fails.
    @discardableResult
    private func pg(_ args: [String]) throws -> String {
        let out = "\(folder)/out-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(out) }
        let status = try spawnAndWait(runAs + args, output: out)
        guard status == 0 else {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            throw BenchError("\(args.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Whether nothing listens on `port` of 127.0.0.1 now.
    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        return bound == 0
    }
}

/// Runs a program with its standard output and error in `output`, waiting with waitpid (Foundation's Process can miss
/// the exit of `pg_ctl start`, whose server keeps running); returns the exit status, or -1 when killed.
func spawnAndWait(_ args: [String], output: String) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // Nothing else is inherited: a server started while a test reads another program's output would keep that pipe
    // open for its whole life, so the reading test never saw the end of it (a fresh clone's CI hung so).
    // glibc 2.34's posix_spawn_file_actions_addclosefrom_np, looked up because Swift's Glibc module does not declare it.
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    if let found = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") {
        _ = unsafeBitCast(found, to: CloseFrom.self)(&actions, 3)
    }
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    // The server must not inherit the bench's ignored SIGINT/SIGTERM, nor a blocked signal.
    var empty = sigset_t(), defaults = sigset_t()
    sigemptyset(&empty)
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGTERM)
    posix_spawnattr_setsigmask(&attr, &empty)
    posix_spawnattr_setsigdefault(&attr, &defaults)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = args.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, args[0], &actions, &attr, argv, environ)
    guard rc == 0 else { throw BenchError("could not start \(args[0]): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
}
