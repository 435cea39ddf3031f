import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL server for the tests: a new cluster in a temporary folder, on a free port of 127.0.0.1,
/// run as the `postgres` user when the tests run as root (PostgreSQL refuses to run as root), and stopped and removed
/// when the test process ends. Each test makes its own database in it.
final class PostgresCluster: @unchecked Sendable {
    let folder: String
    let port: Int
    let bin: String
    private let runAs: [String]

    /// The cluster every test shares, started on first use and removed when the test process ends; or why it
    /// could not start (each test then fails saying so).
    private static let started: Result<PostgresCluster, Failure> = {
        let r: Result<PostgresCluster, Failure>
        do {
            r = .success(try PostgresCluster())
        } catch {
            r = .failure((error as? Failure) ?? Failure(description: "\(error)"))
        }
        atexit { if case .success(let c) = PostgresCluster.started { c.remove() } }
        return r
    }()

    static func shared() throws -> PostgresCluster { try started.get() }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init() throws {
        guard let bin = Self.binaries() else {
            throw Failure(description: "PostgreSQL's server (initdb, pg_ctl) is not installed: run bash scripts/install-tools test")
        }
        self.bin = bin
        // /tmp, not TMPDIR, when root: the postgres user must be able to reach the folder (a TMPDIR under /root is closed to it).
        let base = geteuid() == 0 ? "/tmp" : FileManager.default.temporaryDirectory.path
        folder = "\(base)/kw-pg-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if geteuid() == 0 {
            guard let pw = getpwnam("postgres") else {
                throw Failure(description: "there is no postgres user to run the server as: run bash scripts/install-tools test")
            }
            chown(folder, pw.pointee.pw_uid, pw.pointee.pw_gid)
            runAs = ["/usr/sbin/runuser", "-u", "postgres", "--"]
        } else {
            runAs = []
        }
        port = Self.freePort()
        try run(["\(bin)/initdb", "-D", "\(folder)/data", "-A", "trust", "-U", "kw", "-E", "UTF8", "--no-locale", "-N"])
        // A self-signed certificate for 127.0.0.1, so the server offers TLS and sslmode can be tried for real.
        try run(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                 "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "\(folder)/data/server.key", "-out", certificate])
        try run(["/bin/chmod", "600", "\(folder)/data/server.key"])
        try start()
    }

    /// The server's certificate, which signs itself: the root a verify-ca or verify-full client trusts.
    var certificate: String { "\(folder)/data/server.crt" }

    /// Starts the server (again) on the same folder and port.
    func start() throws {
        try run(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-l", "\(folder)/server.log", "-w", "-o",
                 "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100 -c ssl=on", "start"])
    }

    /// Stops the server at once, closing every connection (as a restart or a crash of the server would).
    func stop() throws {
        try run(["\(bin)/pg_ctl", "-D", "\(folder)/data", "-m", "fast", "-w", "stop"])
    }

    /// Stops the server and removes its folder.
    func remove() {
        try? stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A new, empty database, and the URL that names it.
    func newDatabase(_ prefix: String = "kw") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try run(["\(bin)/createdb", "-h", "127.0.0.1", "-p", "\(port)", "-U", "kw", name])
        return url(name)
    }

    func url(_ database: String, options: String = "sslmode=disable") -> String {
        "postgresql://kw@127.0.0.1:\(port)/\(database)?\(options)"
    }

    /// Runs a PostgreSQL program as the cluster's owner; throws with its output when it fails.
    func run(_ args: [String]) throws {
        try Self.spawn(runAs + args, output: "\(folder)/out-\(UUID().uuidString.prefix(8))")
    }

    /// Runs a program and waits for it with waitpid: Foundation's Process missed the exit of `runuser … pg_ctl start`
    /// (the server it leaves behind keeps running) and waited for ever.
    static func spawn(_ args: [String], output: String) throws {
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
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, args[0], &actions, nil, &argv, environ)
        guard rc == 0 else { throw Failure(description: "could not start \(args[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0, code = (status >> 8) & 0xff
        if !exited || code != 0 {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            throw Failure(description: "\(args.joined(separator: " ")) failed (status \(status)): \(text)")
        }
    }

    /// Runs openssl as the tests' own user (a certificate that is not the server's).
    static func openssl(_ args: [String]) throws {
        try spawn(["/usr/bin/openssl"] + args, output: "/dev/null")
    }

    /// The newest installed server's programs (Debian keeps them in /usr/lib/postgresql/VERSION/bin).
    static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().reversed().map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }

    /// A port nothing listens on now: the kernel picks one for a socket bound to port 0.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
