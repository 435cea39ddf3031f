import Foundation
import Testing

/// The commands on a practice kept in PostgreSQL (Docs/postgres.md, Docs/cli.md), the real binary against a throwaway
/// cluster: where the store is named, moving in and back out as plain text, check, erase, and one clear line with
/// nothing written for a bad URL, a server that is down and a wrong password.
@Suite struct PostgresCLITests {
    static let at = ["--now", "2026-11-23T09:00:00Z"]

    @Test func theStoreIsNamedByFlagEnvironmentOrConfig() throws {
        let pg = try PostgresCLI()
        try pg.ok(["init", "--name", "Riverside Therapy Rooms"] + Self.at)
        #expect(try pg.ok(["client", "add", "--name", "Ada Lovelace"] + Self.at) == "c1")
        var r = try pg.run(["client", "add", "--name", "Grace Hopper"] + Self.at, env: ["KEEPWARM_STORE": pg.url])
        #expect(r.status == 0 && r.out == "c2\n", "\(r.err)")
        try Data("store = \"\(pg.url)\"\n".utf8).write(to: URL(fileURLWithPath: pg.files.dir + "/conf/keepwarm/config.toml"))
        r = try pg.run(["client", "add", "--name", "Mo Farah"] + Self.at)
        #expect(r.status == 0 && r.out == "c3\n", "\(r.err)")
        // --store beats KEEPWARM_LOG, and KEEPWARM_STORE beats KEEPWARM_LOG: no log file was made anywhere.
        r = try pg.run(["client", "add", "--name", "Zoë Brontë", "--store", pg.url] + Self.at, env: ["KEEPWARM_LOG": pg.files.log])
        #expect(r.status == 0 && r.out == "c4\n", "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: pg.files.log))
        #expect(!FileManager.default.fileExists(atPath: pg.files.dir + "/.local/share/keepwarm/events.log"))
        #expect(try pg.sql("SELECT count(*) FROM keepwarm_events") == "6", "the header, the settings and four clients")
        let clients = try pg.ok("client", "list")
        for name in ["Ada Lovelace", "Grace Hopper", "Mo Farah", "Zoë Brontë"] { #expect(clients.contains(name), "\(clients)") }
    }

    @Test func aDemoLogMovesInAndBackOutByteForByte() throws {
        let pg = try PostgresCLI()
        let demo = pg.files.dir + "/demo.log"
        var r = try pg.run(["demo", "--out", demo, "--events", "500", "--seed", "7", "--now", "2026-11-23T09:30:00Z"])
        #expect(r.status == 0, "\(r.err)")
        r = try pg.run(["migrate", "--log", demo, "--to", pg.url])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("copied ") && r.out.contains("checked by replaying both"), "\(r.out)")
        // Out again as a new log file: the very same bytes.
        let back = pg.files.dir + "/back.log"
        r = try pg.run(["migrate", "--store", pg.url, "--to", back])
        #expect(r.status == 0, "\(r.err)")
        #expect(pg.contents(back) == pg.contents(demo))
        // A backup from the database is a plain log that check accepts, also the same bytes.
        let backup = pg.files.dir + "/backup.log"
        r = try pg.run(["backup", backup, "--store", pg.url])
        #expect(r.status == 0, "\(r.err)")
        #expect(pg.contents(backup) == pg.contents(demo))
        r = try pg.run(["check", "--log", backup])
        #expect(r.status == 0 && r.out.contains("no damage"), "\(r.out)\(r.err)")
        // A second migrate into the same database is refused, with nothing written.
        let before = try pg.rows()
        r = try pg.run(["migrate", "--log", demo, "--to", pg.url])
        #expect(r.status == 1 && r.out.isEmpty)
        #expect(r.err.contains("already holds a practice") && r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(try pg.rows() == before)
    }

    @Test func checkGivesTheSummaryAndNamesARowEditedBySQL() throws {
        let pg = try PostgresCLI()
        try pg.adaBookedAtTen()
        var r = try pg.run(["check", "--store", pg.url])
        #expect(r.status == 0 && r.out == "4 events, 1 clients, 1 appointments; no damage\n", "\(r.out)\(r.err)")
        // A hand edit in the database: the line's checksum no longer matches.
        try pg.sql("UPDATE keepwarm_events SET line = replace(line, 'Ada Lovelace', 'Ida Lovelace') WHERE seq = 3")
        r = try pg.run(["check", "--store", pg.url])
        #expect(r.status == 1, "\(r.out)\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(pg.url.components(separatedBy: "?")[0]):4:137: checksum mismatch: the line was changed after it was written (the row with seq 3 in keepwarm_events)", "\(r.out)")
        // The booking after it names a client the damaged row no longer adds: damage, as in a file log.
        #expect(lines.last == "2 events, 0 clients, 0 appointments; 2 damaged lines", "\(r.out)")
    }

    @Test func eraseOnADatabaseRewritesItsRows() throws {
        let pg = try PostgresCLI()
        try pg.adaBookedAtTen()
        let r = try pg.run(["erase", "c1", "--yes", "--store", pg.url] + Self.at)
        #expect(r.status == 0, "\(r.err)")
        let rows = try pg.rows()
        #expect(!rows.contains("Lovelace") && !rows.contains("900123"), "\(rows)")
        #expect(rows.contains("client.erased"))
        #expect(try pg.ok("check").hasSuffix("no damage"))
    }

    /// `--wait` gives up on a database as on a log file: the same line and exit status 75 (Docs/cli.md), nothing
    /// written. Another session holds the practice's lock (the key is PostgresSchema.lockKey, 0x6B77 and 1).
    @Test func aWriterThatGivesUpWaitingExits75AsOnALogFile() throws {
        let pg = try PostgresCLI()
        try pg.ok(["init", "--name", "Riverside Therapy Rooms"] + Self.at)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "\(pg.cluster.bin)/psql")
        holder.arguments = ["-X", "-At", "-h", "127.0.0.1", "-p", "\(pg.cluster.port)", "-U", "kw", "-d", pg.database,
                            "-c", "SELECT pg_advisory_lock(27511, 1)", "-c", "SELECT pg_sleep(6)"]
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        var held = false
        for _ in 0..<100 where !held {
            held = try pg.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") != "0"
            if !held { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(held)
        let before = try pg.rows()
        let r = try pg.run(["client", "add", "--name", "Ada Lovelace", "--wait", "1", "--store", pg.url] + Self.at)
        #expect(r.status == 75, "\(r.err)")
        #expect(r.err.hasSuffix("; gave up after 1 s, so nothing was written. Try again in a moment\n") && r.out.isEmpty, "\(r.err)")
        #expect(try pg.rows() == before)
    }

    @Test func aBadURLADownServerAndAWrongPasswordSayOneLineAndWriteNothing() throws {
        let pg = try PostgresCLI()
        try pg.adaBookedAtTen()
        let before = try pg.rows()
        func refused(_ store: String, _ expected: String) throws {
            let r = try pg.run(["client", "add", "--name", "Nina Simone", "--store", store] + Self.at)
            #expect(r.status == 1 && r.out.isEmpty, "\(store): \(r.status) \(r.out)")
            #expect(r.err.split(separator: "\n").count == 1 && r.err.contains(expected), "\(store): \(r.err)")
            #expect(!r.err.contains("hunter2"), "the password is never shown")
        }
        try refused("postgresql://kw@127.0.0.1:notaport/\(pg.database)", "port")
        try refused("postgresql://kw@127.0.0.1:\(PostgresCluster.freePort())/\(pg.database)?sslmode=disable", "could not reach the database")
        // A role with a password, and the server asking for it (scram) from this role only.
        try pg.sql("CREATE ROLE pwdesk LOGIN PASSWORD 'right-one'; GRANT ALL ON keepwarm_events, keepwarm_practice TO pwdesk")
        let hba = "\(pg.cluster.folder)/data/pg_hba.conf"
        let rules = (try? String(contentsOfFile: hba, encoding: .utf8)) ?? ""
        if !rules.hasPrefix("host all pwdesk") {
            try ("host all pwdesk 127.0.0.1/32 scram-sha-256\n" + rules).write(toFile: hba, atomically: false, encoding: .utf8)
            try pg.cluster.run(["\(pg.cluster.bin)/pg_ctl", "-D", "\(pg.cluster.folder)/data", "reload"])
            usleep(300_000)
        }
        try refused("postgresql://pwdesk:hunter2@127.0.0.1:\(pg.cluster.port)/\(pg.database)?sslmode=disable", "refused user pwdesk")
        #expect(try pg.rows() == before)
        let r = try pg.run(["client", "add", "--name", "Nina Simone", "--store", "postgresql://pwdesk:right-one@127.0.0.1:\(pg.cluster.port)/\(pg.database)?sslmode=disable"] + Self.at)
        #expect(r.status == 0 && r.out == "c2\n", "the right password gets in: \(r.err)")
    }
}
