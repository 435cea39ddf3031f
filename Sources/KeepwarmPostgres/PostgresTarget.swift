import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a practice's database is and how to log in to it, read as libpq reads it: the connection URL first, then the
/// `PG*` environment variables, then the defaults; a password missing from both comes from `~/.pgpass`.
public struct PostgresTarget: Sendable, Equatable {
    /// A host name or address, or a folder holding the server's Unix socket (it starts with "/").
    public var host: String
    public var port: Int
    public var user: String
    /// Never shown: `location` leaves it out.
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// The certificates that sign the server's (`sslrootcert`), for verify-ca and verify-full.
    public var sslRootCert: String?
    /// Things worth telling a person once (a ~/.pgpass that is ignored because others may read it).
    public var warnings: [String] = []

    /// The database named to a person: the URL without its password.
    public var location: String {
        let h = host.hasPrefix("/") ? "" : (host.contains(":") ? "[\(host)]" : host)
        let socket = host.hasPrefix("/") ? "?host=\(host)" : ""
        return "postgresql://\(Self.escaped(user))@\(h):\(port)/\(Self.escaped(database))\(socket)"
    }

    /// "host:port", or the socket's folder: where a connection is tried, for error messages.
    public var endpoint: String { host.hasPrefix("/") ? "\(host)/.s.PGSQL.\(port)" : "\(host):\(port)" }

    /// How much TLS a connection asks for, spelled as libpq's `sslmode`.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Reads `url` (`postgresql://user:password@host:port/database?sslmode=…`, or `postgres://…`), filling what it
    /// leaves out from `environment` (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, PGSSLROOTCERT,
    /// PGPASSFILE) and then from `~/.pgpass`.
    public static func parse(url: String, environment: [String: String]) throws(PostgresStoreError) -> PostgresTarget {
        var given = try URLParts(url)
        func pick(_ key: String, _ env: String) -> String? {
            if let v = given.values[key], !v.isEmpty { return v }
            if let v = environment[env], !v.isEmpty { return v }
            return nil
        }
        let portText = pick("port", "PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw .badURL(url: given.shown, reason: "the port \"\(portText)\" is not a number from 1 to 65535")
        }
        let modeText = pick("sslmode", "PGSSLMODE") ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw .badURL(url: given.shown, reason: "sslmode=\(modeText) is not one of "
                          + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let user = pick("user", "PGUSER") ?? Self.loginName(environment)
        let host = pick("host", "PGHOST") ?? Self.defaultHost(port: port)
        var target = PostgresTarget(host: host, port: port, user: user, password: pick("password", "PGPASSWORD"),
                                    database: pick("dbname", "PGDATABASE") ?? user, sslMode: mode,
                                    sslRootCert: pick("sslrootcert", "PGSSLROOTCERT"))
        given.values["password"] = nil
        if target.password == nil {
            let home = environment["HOME"] ?? NSHomeDirectory()
            let file = environment["PGPASSFILE"] ?? home + "/.pgpass"
            let found = PgPass.password(in: file, for: target)
            target.password = found.password
            target.warnings += found.warnings
        }
        return target
    }

    /// The name a person logs in with here, libpq's default user.
    static func loginName(_ environment: [String: String]) -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? environment["LOGNAME"] ?? "postgres"
    }

    /// Debian's libpq talks to a local server through its socket folder when no host is named; where there is no such
    /// socket, "localhost".
    static func defaultHost(port: Int) -> String {
        let dir = "/var/run/postgresql"
        return FileManager.default.fileExists(atPath: "\(dir)/.s.PGSQL.\(port)") ? dir : "localhost"
    }

    static func escaped(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? s
    }
}

/// The parts a connection URL names, percent-decoded, keyed as libpq's parameters are (host, port, user, …).
struct URLParts {
    var values: [String: String] = [:]
    /// The URL with any password blanked, for error messages.
    let shown: String

    static let parameters: Set<String> = ["host", "port", "user", "password", "dbname", "sslmode", "sslrootcert",
                                          "connect_timeout", "application_name"]

    init(_ url: String) throws(PostgresStoreError) {
        var rest = Substring(url)
        var shownURL = url
        guard let scheme = ["postgresql://", "postgres://"].first(where: { rest.hasPrefix($0) }) else {
            throw .badURL(url: url, reason: "a database is named postgresql://user@host:port/database")
        }
        rest = rest.dropFirst(scheme.count)
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") { path = rest[rest.index(after: slash)...]; rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                values["user"] = try Self.decoded(userInfo[..<colon], url)
                values["password"] = try Self.decoded(userInfo[userInfo.index(after: colon)...], url)
                shownURL = url.replacingOccurrences(of: scheme + userInfo + "@", with: scheme + userInfo[..<colon] + ":…@")
            } else {
                values["user"] = try Self.decoded(userInfo, url)
            }
        }
        shown = shownURL
        if rest.contains(",") {
            throw .badURL(url: shown, reason: "Keepwarm connects to one host; name one, not several")
        }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .badURL(url: shown, reason: "an IPv6 address needs its closing ]") }
            values["host"] = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            if rest.hasPrefix(":") { values["port"] = String(rest.dropFirst()) }
        } else if let colon = rest.lastIndex(of: ":") {
            values["host"] = try Self.decoded(rest[..<colon], url)
            values["port"] = String(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            values["host"] = try Self.decoded(rest, url)
        }
        if !path.isEmpty { values["dbname"] = try Self.decoded(path, url) }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(kv[0])
            guard Self.parameters.contains(key) else {
                throw .badURL(url: shown, reason: "\"\(key)\" is not a connection setting Keepwarm knows (use one of "
                              + Self.parameters.sorted().joined(separator: ", ") + ")")
            }
            values[key] = kv.count > 1 ? try Self.decoded(kv[1], url) : ""
        }
    }

    static func decoded(_ s: Substring, _ url: String) throws(PostgresStoreError) -> String {
        guard let d = String(s).removingPercentEncoding else {
            throw .badURL(url: url, reason: "\"\(s)\" has a % that is not followed by two hex digits")
        }
        return d
    }
}
