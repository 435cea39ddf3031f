import Foundation
import Testing
@testable import KeepwarmPostgres

/// The connection URL, the PG* variables and ~/.pgpass, read as libpq reads them; the password never shown.
@Suite struct PostgresTargetTests {
    @Test func theURLNamesEverythingAndHidesThePassword() throws {
        let t = try PostgresTarget.parse(url: "postgresql://sam:s3cr%40t@db.example:6543/clinic?sslmode=verify-full&sslrootcert=/etc/ca.pem",
                                         environment: ["PGHOST": "elsewhere", "PGPASSWORD": "other"])
        #expect(t.host == "db.example" && t.port == 6543 && t.user == "sam" && t.database == "clinic")
        #expect(t.password == "s3cr@t" && t.sslMode == .verifyFull && t.sslRootCert == "/etc/ca.pem")
        #expect(t.location == "postgresql://sam@db.example:6543/clinic")
    }

    @Test func whatTheURLLeavesOutComesFromTheEnvironment() throws {
        let env = ["PGHOST": "10.0.0.5", "PGPORT": "5433", "PGUSER": "desk", "PGPASSWORD": "pw", "PGDATABASE": "practice",
                   "PGSSLMODE": "require", "HOME": "/nonexistent"]
        let t = try PostgresTarget.parse(url: "postgresql://", environment: env)
        #expect(t.host == "10.0.0.5" && t.port == 5433 && t.user == "desk" && t.password == "pw" && t.database == "practice")
        #expect(t.sslMode == .require)
        let defaults = try PostgresTarget.parse(url: "postgresql://h/", environment: ["PGUSER": "desk", "HOME": "/nonexistent"])
        #expect(defaults.port == 5432 && defaults.database == "desk" && defaults.sslMode == .prefer && defaults.password == nil)
    }

    @Test func aURLThatDoesNotReadIsRefusedSayingWhy() {
        let mode = #expect(throws: PostgresStoreError.self) { try PostgresTarget.parse(url: "postgresql://h/db?sslmode=on", environment: [:]) }
        #expect(mode?.description == "postgresql://h/db?sslmode=on: sslmode=on is not one of disable, allow, prefer, require, verify-ca, verify-full")
        let key = #expect(throws: PostgresStoreError.self) { try PostgresTarget.parse(url: "postgresql://u:pw@h/db?colour=red", environment: [:]) }
        #expect(key?.description.hasPrefix("postgresql://u:…@h/db?colour=red: \"colour\" is not a connection setting") == true)
        let scheme = #expect(throws: PostgresStoreError.self) { try PostgresTarget.parse(url: "mysql://h/db", environment: [:]) }
        #expect(scheme?.description == "mysql://h/db: a database is named postgresql://user@host:port/database")
        let port = #expect(throws: PostgresStoreError.self) { try PostgresTarget.parse(url: "postgresql://h:99999/db", environment: [:]) }
        #expect(port?.description == "postgresql://h:99999/db: the port \"99999\" is not a number from 1 to 65535")
    }

    @Test func pgpassGivesThePasswordOnlyWhenPrivate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-pgpass-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/.pgpass"
        try "# comment\nother:5432:*:sam:no\ndb.example:*:clinic:sam:pa\\:ss\\\\word\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let t = try PostgresTarget.parse(url: "postgresql://sam@db.example/clinic", environment: ["HOME": dir])
        #expect(t.password == "pa:ss\\word" && t.warnings.isEmpty)
        let stranger = try PostgresTarget.parse(url: "postgresql://kim@db.example/clinic", environment: ["HOME": dir])
        #expect(stranger.password == nil)
        chmod(file, 0o644)
        let open = try PostgresTarget.parse(url: "postgresql://sam@db.example/clinic", environment: ["PGPASSFILE": file])
        #expect(open.password == nil)
        #expect(open.warnings == ["\(file) is ignored: others may read it; make it private with: chmod 600 \(file)"])
    }
}
