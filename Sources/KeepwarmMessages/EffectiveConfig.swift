import Foundation
import KeepwarmCore

/// Where a setting's value came from, as `keepwarm config` shows it.
public enum SettingSource: Equatable, Sendable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case configFile(String)
    case defaultValue

    public var description: String {
        switch self {
        case .flag(let f): "flag \(f)"
        case .environment(let e): "environment $\(e)"
        case .configFile(let p): "config.toml \(p)"
        case .defaultValue: "default"
        }
    }
}

/// A resolved value and where it came from; `nil` when nothing set it and there is no default.
public struct Resolved: Equatable, Sendable {
    public let value: String?
    public let source: SettingSource
}

/// The per-user settings after flags, the environment and config.toml have each had their say (Docs/messages.md,
/// "Precedence"). Built from the environment it is given, never from the process's own.
public struct EffectiveConfig: Sendable {
    public let configPath: String
    /// Whether config.toml exists; a missing file is fine and means every default.
    public let configFound: Bool
    public let file: UserConfig
    public let log: Resolved
    public let user: Resolved
    public let colours: Resolved
    public let displayName: Resolved
    public let mailCommand: Resolved
    /// Seconds the mail command may run before `send` stops it (config.toml `send_timeout`, default 60).
    public let sendTimeout: Resolved
    /// The command each text message is piped to (config.toml `sms_command`).
    public let smsCommand: Resolved
    /// Seconds the SMS command may run before it is stopped (config.toml `sms_timeout`, default 60).
    public let smsTimeout: Resolved
    public let templatesDirectory: Resolved
    public let lettersDirectory: Resolved
    public let bookingLink: Resolved
    public let bookingPhone: Resolved
    /// The From of sent email (config.toml `from`).
    public let from: Resolved
    /// The Maildir for sent copies: `maildir` in config.toml, else `Maildir` in the log's folder.
    public let maildir: Resolved

    /// `$XDG_CONFIG_HOME/keepwarm/config.toml`, else `~/.config/keepwarm/config.toml`.
    public static func configDirectory(_ env: [String: String]) -> String {
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/keepwarm" }
        return home(env) + "/.config/keepwarm"
    }

    static func home(_ env: [String: String]) -> String { env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() }

    /// Reads config.toml (if there is one) and resolves every setting; a bad file throws `path:line:column: reason`.
    public init(logFlag: String?, storeFlag: String? = nil, actorFlag: String?, env: [String: String]) throws(FileError) {
        let dir = Self.configDirectory(env)
        configPath = dir + "/config.toml"
        var config = UserConfig()
        var found = false
        if let data = FileManager.default.contents(atPath: configPath) {
            found = true
            guard let text = String(data: data, encoding: .utf8) else {
                throw FileError(path: configPath, line: 1, column: 1, reason: "is not UTF-8 text; save it as UTF-8")
            }
            config = try UserConfig(parsing: text, path: configPath)
        } else if FileManager.default.fileExists(atPath: configPath) {
            throw FileError(path: configPath, line: 1, column: 1, reason: "cannot be read; check its permissions")
        }
        configFound = found
        file = config
        let fromFile = SettingSource.configFile(configPath)
        let home = Self.home(env)
        // A path in config.toml may start with ~/, and a relative one is taken from the config file's folder.
        func path(_ p: String?) -> String? {
            guard let p, !p.isEmpty else { return nil }
            if p == "~" { return home }
            if p.hasPrefix("~/") { return home + p.dropFirst() }
            return p.hasPrefix("/") ? p : dir + "/" + p
        }
        func set(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }

        // A store names a log file or a database (`postgresql://…`, kept as written); at each level of precedence it
        // beats the older name for a file, `log`.
        func store(_ s: String?) -> String? {
            guard let s = set(s) else { return nil }
            return StoreAddress.isDatabase(s) ? s : path(s)
        }
        if let s = set(storeFlag) {
            log = Resolved(value: s, source: .flag("--store"))
        } else if let l = set(logFlag) {
            log = Resolved(value: l, source: .flag("--log"))
        } else if let s = set(env["KEEPWARM_STORE"]) {
            log = Resolved(value: s, source: .environment("KEEPWARM_STORE"))
        } else if let l = set(env["KEEPWARM_LOG"]) {
            log = Resolved(value: l, source: .environment("KEEPWARM_LOG"))
        } else if let s = store(config.store) {
            log = Resolved(value: s, source: fromFile)
        } else if let l = path(config.log) {
            log = Resolved(value: l, source: fromFile)
        } else if let x = set(env["XDG_DATA_HOME"]) {
            log = Resolved(value: x + "/keepwarm/events.log", source: .environment("XDG_DATA_HOME"))
        } else {
            log = Resolved(value: home + "/.local/share/keepwarm/events.log", source: .defaultValue)
        }

        displayName = Resolved(value: set(config.displayName), source: set(config.displayName) == nil ? .defaultValue : fromFile)
        if let a = set(actorFlag) {
            user = Resolved(value: a, source: .flag("--as"))
        } else if let u = set(env["KEEPWARM_USER"]) {
            user = Resolved(value: u, source: .environment("KEEPWARM_USER"))
        } else if let d = set(config.displayName) {
            user = Resolved(value: d, source: fromFile)
        } else if let u = set(env["USER"]) {
            user = Resolved(value: u, source: .environment("USER"))
        } else {
            user = Resolved(value: "unknown", source: .defaultValue)
        }

        // NO_COLOR is a promise to the terminal that any program honours, so it beats the file.
        if let n = env["NO_COLOR"], !n.isEmpty {
            colours = Resolved(value: "off", source: .environment("NO_COLOR"))
        } else if let c = config.colours {
            colours = Resolved(value: c ? "on" : "off", source: fromFile)
        } else {
            colours = Resolved(value: "on", source: .defaultValue)
        }

        func fileOnly(_ v: String?) -> Resolved { Resolved(value: set(v), source: set(v) == nil ? .defaultValue : fromFile) }
        mailCommand = fileOnly(config.mailCommand)
        sendTimeout = config.sendTimeout.map { Resolved(value: "\($0)", source: fromFile) } ?? Resolved(value: "60", source: .defaultValue)
        smsCommand = fileOnly(config.smsCommand)
        smsTimeout = config.smsTimeout.map { Resolved(value: "\($0)", source: fromFile) } ?? Resolved(value: "60", source: .defaultValue)
        templatesDirectory = path(config.templatesDirectory).map { Resolved(value: $0, source: fromFile) }
            ?? Resolved(value: dir + "/templates", source: .defaultValue)
        lettersDirectory = Resolved(value: path(config.lettersDirectory), source: set(config.lettersDirectory) == nil ? .defaultValue : fromFile)
        bookingLink = fileOnly(config.bookingLink)
        bookingPhone = fileOnly(config.bookingPhone)
        from = fileOnly(config.from)
        let logFolder = (log.value! as NSString).deletingLastPathComponent
        maildir = path(config.maildir).map { Resolved(value: $0, source: fromFile) }
            ?? Resolved(value: (logFolder.isEmpty ? "." : logFolder) + "/Maildir", source: .defaultValue)
    }

    /// Seconds the mail command may run before `send` stops it.
    public var sendTimeoutSeconds: Int { sendTimeout.value.flatMap { Int($0) } ?? 60 }

    /// Seconds the SMS command may run before it is stopped.
    public var smsTimeoutSeconds: Int { smsTimeout.value.flatMap { Int($0) } ?? 60 }

    /// Whether the console should use colour.
    public var useColour: Bool { colours.value != "off" }

    /// The settings as `keepwarm config` lists them: key, value (empty when unset) and source.
    public var rows: [(key: String, value: Resolved)] {
        [("log", log), ("user", user), ("colours", colours), ("display_name", displayName), ("mail_command", mailCommand),
         ("send_timeout", sendTimeout),
         ("sms_command", smsCommand), ("sms_timeout", smsTimeout),
         ("templates_dir", templatesDirectory), ("letters_dir", lettersDirectory), ("booking_link", bookingLink),
         ("booking_phone", bookingPhone), ("from", from), ("maildir", maildir)]
    }
}
