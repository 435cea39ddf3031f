import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the practice's database, used synchronously: each statement waits for its answer on the
/// calling thread (never an event loop's), since the store protocol is synchronous.
final class PostgresSession {
    let connection: PostgresConnection
    let target: PostgresTarget
    /// Set from the event loop when a NOTIFY arrives; read and cleared by the store.
    let news = NewsFlag()
    private let logger = Logger(label: "keepwarm.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The channel every append notifies, and every desk listens on.
    static let channel = "keepwarm"

    private init(connection: PostgresConnection, target: PostgresTarget) {
        self.connection = connection
        self.target = target
    }

    /// Connects, logs in, and listens for other desks' appends.
    static func connect(_ target: PostgresTarget) throws(PostgresStoreError) -> PostgresSession {
        let config: PostgresConnection.Configuration
        do {
            config = try Self.configuration(target)
        } catch let e as PostgresStoreError {
            throw e
        } catch {
            throw .tls(endpoint: target.endpoint, reason: "\(error)")
        }
        let connection: PostgresConnection
        do {
            let logger = Logger(label: "keepwarm.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config,
                                                        id: 1, logger: logger).wait()
        } catch {
            throw Self.connectError(error, target)
        }
        let session = PostgresSession(connection: connection, target: target)
        let flag = session.news
        // postgres-nio sends LISTEN itself when the first listener on a channel is added.
        connection.addListener(channel: channel) { _, _ in flag.raise() }
        return session
    }

    var isClosed: Bool { connection.isClosed }

    /// Runs one statement and returns its rows; throws the driver's error as it came.
    @discardableResult
    func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }

    /// Sends one statement without waiting for its answer (which is dropped): the connection's next statement runs
    /// after it.
    func send(_ query: PostgresQuery) {
        _ = connection.query(query, logger: logger)
    }

    func close() {
        _ = try? connection.close().wait()
    }

    static func configuration(_ t: PostgresTarget) throws -> PostgresConnection.Configuration {
        var config: PostgresConnection.Configuration
        if t.host.hasPrefix("/") {
            config = .init(unixSocketPath: "\(t.host)/.s.PGSQL.\(t.port)", username: t.user, password: t.password, database: t.database)
        } else {
            config = .init(host: t.host, port: t.port, username: t.user, password: t.password, database: t.database, tls: try tls(t))
        }
        config.options.connectTimeout = .seconds(5)
        config.options.additionalStartupParameters = [("application_name", "keepwarm")]
        return config
    }

    /// libpq's sslmode in postgres-nio's terms. prefer and require encrypt without checking who answers, as libpq
    /// does; verify-ca checks the certificate's signer, verify-full its name too. allow, which libpq tries without
    /// TLS first, connects without it.
    static func tls(_ t: PostgresTarget) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch t.sslMode {
        case .disable, .allow:
            return .disable
        case .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA, .verifyFull:
            tls.certificateVerification = t.sslMode == .verifyCA ? .noHostnameVerification : .fullVerification
            let home = NSHomeDirectory()
            let roots = t.sslRootCert ?? home + "/.postgresql/root.crt"
            if FileManager.default.fileExists(atPath: roots) {
                tls.trustRoots = .file(roots)
            } else if t.sslRootCert != nil {
                throw PostgresStoreError.tls(endpoint: t.endpoint, reason: "there is no certificate file \(roots)")
            }
        }
        let context = try NIOSSLContext(configuration: tls)
        return t.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    /// A failed connection in a person's words.
    static func connectError(_ error: any Error, _ t: PostgresTarget) -> PostgresStoreError {
        guard let p = error as? PSQLError else { return .unreachable(endpoint: t.endpoint, reason: reason(error)) }
        switch p.code {
        case .server:
            let state = p.serverInfo?[.sqlState] ?? ""
            let message = p.serverInfo?[.message] ?? "refused"
            if state == "3D000" { return .noDatabase(database: t.database, endpoint: t.endpoint) }
            if state.hasPrefix("28") { return .refusedLogin(user: t.user, database: t.database, reason: message) }
            return .unreachable(endpoint: t.endpoint, reason: message)
        case .sslUnsupported:
            return .tls(endpoint: t.endpoint, reason: "the server does not offer TLS, and sslmode=\(t.sslMode.rawValue) asks for it")
        case .authMechanismRequiresPassword:
            return .refusedLogin(user: t.user, database: t.database, reason: "it asks for a password and none was given")
        case .failedToAddSSLHandler:
            return .tls(endpoint: t.endpoint, reason: p.underlying.map(reason) ?? "TLS could not start")
        default:
            if let u = p.underlying, u is NIOSSLError || u is BoringSSLError {
                return .tls(endpoint: t.endpoint, reason: reason(u))
            }
            return .unreachable(endpoint: t.endpoint, reason: p.underlying.map(reason) ?? p.code.description)
        }
    }

    /// The driver's error as a short phrase: "connection refused", the server's message, "the server closed the connection".
    static func reason(_ error: any Error) -> String {
        if let p = error as? PSQLError {
            if let message = p.serverInfo?[.message] { return message }
            switch p.code {
            case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
            case .clientClosedConnection: return "the connection was closed"
            default: return p.underlying.map(reason) ?? p.code.description
            }
        }
        if let c = error as? NIOConnectionError {
            if let first = c.connectionErrors.first { return reason(first.error) }
            if let dns = c.dnsAError ?? c.dnsAAAAError { return "no such host (\(dns))" }
            return "no address for \(c.host)"
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if let c = error as? ChannelError, case .connectTimeout = c { return "no answer in 5 s" }
        return "\(error)"
    }

    /// Whether `error` says the connection is gone (as opposed to the server refusing a statement).
    static func isConnectionLoss(_ error: any Error) -> Bool {
        if let p = error as? PSQLError {
            return [.serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .connectionError].contains(p.code)
                || (p.code == .server && (p.serverInfo?[.sqlState] ?? "").hasPrefix("57P"))
        }
        return error is ChannelError || error is IOError || error is NIOConnectionError
    }
}

/// A flag raised from another thread (the connection's event loop) and taken by the store.
final class NewsFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() { lock.lock(); raised = true; lock.unlock() }

    /// Whether it was raised since the last take; lowers it.
    func take() -> Bool {
        lock.lock()
        defer { raised = false; lock.unlock() }
        return raised
    }
}
