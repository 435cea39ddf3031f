import Foundation
import Testing

/// `restore` and `repair` on a practice kept in PostgreSQL (Docs/cli.md, restore and repair): a plain-text backup goes
/// into an empty database or in place of its practice (which is kept as a plain log first), in one transaction, by the
/// owner's role only; repair says a database has nothing to mend, or names its damaged rows and says to restore.
@Suite struct PostgresRestoreCLITests {
    static let at = ["--now", "2026-11-23T09:00:00Z"]

    /// A file practice with Ada booked, backed up: the backup's path.
    static func backup(_ pg: PostgresCLI) throws -> String {
        let cli = pg.files
        let log = ["--log", cli.log]
        for args in [["init", "--name", "Riverside Therapy Rooms"], ["practitioner", "add", "--name", "Anna Okafor"],
                     ["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"], ["book", "c1", "--at", "2026-11-23 10:00"]] {
            let r = try pg.run(args + log + Self.at)
            guard r.status == 0 else { throw Failure("\(args): \(r.err)") }
        }
        let path = cli.dir + "/backup.log"
        let r = try pg.run(["backup", path] + log)
        guard r.status == 0 else { throw Failure("backup: \(r.err)") }
        return path
    }

    @Test func aBackupGoesIntoAnEmptyDatabaseAndInPlaceOfAPractice() throws {
        let pg = try PostgresCLI()
        let backup = try Self.backup(pg)
        var r = try pg.run(["restore", backup, "--store", pg.url] + Self.at)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("restored 4 events from \(backup) to postgresql://kw@127.0.0.1:\(pg.cluster.port)/\(pg.database)"), "\(r.out)")
        #expect(r.out.split(separator: "\n").count == 1, "an empty database had nothing to keep: \(r.out)")
        #expect(try pg.rows() + "\n" == String(decoding: pg.contents(backup), as: UTF8.self))
        // A desk adds a client; the practice is then restored from the backup again, and what it replaced is kept.
        #expect(try pg.ok(["client", "add", "--name", "Grace Hopper"] + Self.at) == "c2")
        r = try pg.run(["restore", backup, "--store", pg.url] + Self.at)
        #expect(r.status == 0, "\(r.err)")
        let kept = pg.files.dir + "/\(pg.database)-before-restore-20261123T090000Z.log"
        #expect(r.out.contains("the practice it replaced (5 events) was kept as \(kept)"), "\(r.out)")
        #expect(try pg.rows() + "\n" == String(decoding: pg.contents(backup), as: UTF8.self))
        #expect(String(decoding: pg.contents(kept), as: UTF8.self).contains("Grace Hopper"))
        r = try pg.run(["check", "--log", kept])
        #expect(r.status == 0 && r.out.hasPrefix("5 events, 2 clients"), "\(r.out)\(r.err)")
        // Every desk reads the restored practice from the start: Grace is gone, and the next append follows the backup.
        #expect(try !pg.ok("client", "list").contains("Grace Hopper"))
        #expect(try pg.ok(["client", "add", "--name", "Mo Farah"] + Self.at) == "c2")
        #expect(try pg.ok("check").hasSuffix("no damage"))
    }

    @Test func aDesksRoleMayNotRestoreAndNothingChanges() throws {
        let pg = try PostgresCLI()
        let backup = try Self.backup(pg)
        try pg.adaBookedAtTen()
        try pg.ok(["client", "add", "--name", "Grace Hopper"] + Self.at)
        // The GRANTs Docs/postgres.md gives a desk: read and append, never change or remove a line.
        try pg.sql("""
            DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reception') THEN CREATE ROLE reception LOGIN; END IF; END $$;
            GRANT SELECT ON keepwarm_practice TO reception; GRANT SELECT, INSERT ON keepwarm_events TO reception
            """)
        let before = try pg.rows()
        let desk = "postgresql://reception@127.0.0.1:\(pg.cluster.port)/\(pg.database)?sslmode=disable"
        let r = try pg.run(["restore", backup, "--store", desk] + Self.at)
        #expect(r.status == 1 && r.out.isEmpty, "\(r.out)")
        #expect(r.err.split(separator: "\n").count == 1 && r.err.contains("only the practice owner's role may restore"), "\(r.err)")
        #expect(try pg.rows() == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: pg.files.dir).filter { $0.contains("before-restore") }
        #expect(left.isEmpty, "no copy kept of a practice that was not replaced: \(left)")
        // The desk can still append.
        #expect(try pg.run(["client", "add", "--name", "Mo Farah", "--store", desk] + Self.at).out == "c3\n")
    }

    @Test func aDamagedBackupIsNotRestored() throws {
        let pg = try PostgresCLI()
        let backup = try Self.backup(pg)
        var text = String(decoding: pg.contents(backup), as: UTF8.self)
        text = text.replacingOccurrences(of: "Ada Lovelace", with: "Ida Lovelace")
        try text.write(toFile: backup, atomically: true, encoding: .utf8)
        let r = try pg.run(["restore", backup, "--store", pg.url] + Self.at)
        #expect(r.status == 1 && r.err.contains("the backup is damaged") && r.err.contains("nothing was restored"), "\(r.err)")
        #expect(try pg.sql("SELECT to_regclass('keepwarm_events') IS NULL") == "t", "nothing was made in the database")
    }

    @Test func repairOnADatabaseSaysThereIsNothingToMendOrNamesTheDamagedRows() throws {
        let pg = try PostgresCLI()
        try pg.adaBookedAtTen()
        var r = try pg.run(["repair", "--store", pg.url])
        #expect(r.status == 0 && r.out.split(separator: "\n").count == 1, "\(r.out)\(r.err)")
        #expect(r.out.contains("no torn tails") && r.out.contains("nothing to repair (4 events)"), "\(r.out)")
        try pg.sql("UPDATE keepwarm_events SET line = replace(line, 'Ada Lovelace', 'Ida Lovelace') WHERE seq = 3")
        let before = try pg.rows()
        r = try pg.run(["repair", "--store", pg.url])
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect(r.out.contains("(the row with seq 3 in keepwarm_events)") && r.out.contains("checksum"), "\(r.out)")
        #expect(r.out.contains("2 damaged rows") && r.out.contains("keepwarm restore BACKUP --store"), "\(r.out)")
        #expect(try pg.rows() == before, "repair changes nothing in a database")
    }
}
