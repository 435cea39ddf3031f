import Foundation

/// Why the PostgreSQL store could not do what it was asked: one line each, saying what to do next.
public enum PostgresStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The connection URL does not read.
    case badURL(url: String, reason: String)
    /// No connection could be made (refused, no such host, timed out).
    case unreachable(endpoint: String, reason: String)
    /// The server would not let this user in (wrong password, no pg_hba.conf entry).
    case refusedLogin(user: String, database: String, reason: String)
    /// The database named does not exist.
    case noDatabase(database: String, endpoint: String)
    /// TLS was asked for (sslmode) and could not be had.
    case tls(endpoint: String, reason: String)
    /// The database holds no Keepwarm practice yet.
    case noPractice(location: String)
    /// `init` or `migrate` into a database that already holds a practice.
    case notEmpty(location: String, lines: Int)
    /// Its tables were made by a newer Keepwarm.
    case newerSchema(location: String, version: Int)
    /// The server does not keep text as UTF-8, so a line could come back changed.
    case notUTF8(location: String, encoding: String)
    /// An append that was not recorded: nothing of it is in the database.
    case notRecorded(location: String, reason: String)
    /// The connection was lost while the database was committing an append: it is all there or not at all.
    case unconfirmed(location: String, reason: String)
    /// The connection was lost, or the server stopped, while reading.
    case lostConnection(location: String, reason: String)
    /// The server refused a statement (permissions, a full disk, …).
    case server(location: String, reason: String)
    /// A row that is not where the order says it must be (rows deleted or changed by hand).
    case gap(location: String, expected: Int, found: Int)
    /// A log handed to `migrate` that does not read cleanly.
    case badLog(location: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .badURL(let url, let reason):
            return "\(url): \(reason)"
        case .unreachable(let endpoint, let reason):
            return "could not reach the database at \(endpoint) (\(reason)): start PostgreSQL or check --store"
        case .refusedLogin(let user, let database, let reason):
            return "the database refused user \(user) for \(database) (\(reason)): check the password (in the URL, "
                + "PGPASSWORD or ~/.pgpass) and the server's pg_hba.conf"
        case .noDatabase(let database, let endpoint):
            return "there is no database \(database) at \(endpoint): create it (createdb \(database)) or check --store"
        case .tls(let endpoint, let reason):
            return "could not make a TLS connection to \(endpoint) (\(reason)): turn ssl on in the server, or lower "
                + "sslmode (prefer) in --store"
        case .noPractice(let location):
            return "\(location) holds no Keepwarm practice: start one with keepwarm init, or move a log there with keepwarm migrate"
        case .notEmpty(let location, let lines):
            return "\(location) already holds a practice (\(lines) lines), so nothing was written: open it, or name an empty database"
        case .newerSchema(let location, let version):
            return "\(location) was set up by a newer Keepwarm (schema version \(version)); upgrade Keepwarm to use it"
        case .notUTF8(let location, let encoding):
            return "\(location) keeps text as \(encoding), not UTF8: create the database with ENCODING 'UTF8'"
        case .notRecorded(let location, let reason):
            return "not recorded: \(location) could not be reached (\(reason)); nothing was written, try again when it is back"
        case .unconfirmed(let location, let reason):
            return "\(location) did not confirm the write (\(reason)): it was recorded whole or not at all; "
                + "refresh to see which before trying again"
        case .lostConnection(let location, let reason):
            return "lost the connection to \(location) (\(reason)); reconnecting…"
        case .server(let location, let reason):
            return "\(location): \(reason)"
        case .gap(let location, let expected, let found):
            return "\(location): line \(expected + 1) is missing (the next row holds seq \(found)); rows were removed "
                + "by hand: restore the database from its backup"
        case .badLog(let location, let line, let reason):
            return "line \(line) of the log for \(location): \(reason); nothing was written, run keepwarm check on the log"
        }
    }
}
