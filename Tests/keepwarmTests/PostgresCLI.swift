import Foundation

/// A practice in a new database of the test cluster (`PostgresCluster`, shared with KeepwarmPostgresTests), with the
/// built `keepwarm` run against it as a desk would, and psql to look at or change the rows behind its back.
final class PostgresCLI {
    let cluster: PostgresCluster
    let url: String
    /// A temporary folder for the files around it (logs, backups, config.toml), removed at the end.
    let files = CLI()

    init(cluster: PostgresCluster? = nil) throws {
        self.cluster = try cluster ?? PostgresCluster.shared()
        url = try self.cluster.newDatabase()
        try FileManager.default.createDirectory(atPath: files.dir + "/conf/keepwarm", withIntermediateDirectories: true)
    }

    /// The database's name, as the URL gives it.
    var database: String { String(url.split(separator: "/").last!.split(separator: "?").first!) }

    /// Runs `keepwarm ARGS` as user "sam" with HOME and XDG_CONFIG_HOME in the temporary folder and no KEEPWARM_LOG
    /// or KEEPWARM_STORE unless `env` sets them: the store comes from the arguments (`--store`) or from `env`.
    @discardableResult
    func run(_ args: [String], env extra: [String: String] = [:]) throws -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        for k in ["KEEPWARM_LOG", "KEEPWARM_STORE", "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE"] { env[k] = nil }
        env["KEEPWARM_USER"] = "sam"
        env["HOME"] = files.dir
        env["XDG_CONFIG_HOME"] = files.dir + "/conf"
        for (k, v) in extra { env[k] = v }
        p.environment = env
        p.currentDirectoryURL = URL(fileURLWithPath: files.dir)
        return try CLI.finish(p)
    }

    /// Runs a command on this database (`--store URL` added) that must succeed; its output, trimmed.
    @discardableResult
    func ok(_ args: String...) throws -> String {
        let r = try run(args + ["--store", url])
        guard r.status == 0 else { throw Failure("keepwarm \(args.joined(separator: " ")) failed (\(r.status)): \(r.err)") }
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts the practice on 23 Nov 2026 with Anna, and Ada booked at 10:00 as a1.
    func adaBookedAtTen() throws {
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"] + at)
        try ok(["book", "c1", "--at", "2026-11-23 10:00"] + at)
    }

    @discardableResult
    func ok(_ args: [String]) throws -> String {
        let r = try run(args + ["--store", url])
        guard r.status == 0 else { throw Failure("keepwarm \(args.joined(separator: " ")) failed (\(r.status)): \(r.err)") }
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs SQL with psql as the cluster's superuser on this database; the rows, unaligned, one a line.
    @discardableResult
    func sql(_ query: String, user: String = "kw") throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "\(cluster.bin)/psql")
        p.arguments = ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", user, "-d", database, "-c", query]
        var env = ProcessInfo.processInfo.environment
        env["PGPASSWORD"] = nil
        p.environment = env
        let r = try CLI.finish(p)
        guard r.status == 0 else { throw Failure("psql \(query): \(r.err)") }
        return r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every row's line, header first, as `backup` would write them.
    func rows() throws -> String { try sql("SELECT line FROM keepwarm_events ORDER BY seq") }

    func contents(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }
}
