import TOMLKit

/// One person's settings from config.toml (Docs/messages.md, "Configuration"); every key is optional.
public struct UserConfig: Equatable, Sendable {
    /// Colours in the console: on or off. Unset means on unless $NO_COLOR is set.
    public var colours: Bool?
    /// The `--as` name after --as and $KEEPWARM_USER.
    public var displayName: String?
    /// The command `send` pipes a message to, e.g. `msmtp -t`.
    public var mailCommand: String?
    /// How many seconds `send` lets the mail command run before it is stopped (1 to 3600; unset means 60).
    public var sendTimeout: Int?
    /// The command a text message is piped to, with the number and attempt key in its environment (Docs/messages.md).
    public var smsCommand: String?
    /// How many seconds the SMS command may run before it is stopped (1 to 3600; unset means 60).
    public var smsTimeout: Int?
    public var templatesDirectory: String?
    public var lettersDirectory: String?
    /// The log when neither --log nor $KEEPWARM_LOG is given.
    public var log: String?
    /// Where the practice's events are kept, a log file's path or a `postgresql://` URL; beats `log`.
    public var store: String?
    /// Offered to clients in messages as {{booking_link}} and {{booking_phone}}.
    public var bookingLink: String?
    public var bookingPhone: String?
    /// The From address of sent email, e.g. `Riverside Therapy <desk@riverside.example>`.
    public var from: String?
    /// The Maildir whose "sent" folder keeps a copy of each sent email; unset means `Maildir` beside the log.
    public var maildir: String?

    public init() {}

    /// Every key config.toml may hold, in the order `keepwarm config` shows them.
    public static let keys = ["colours", "display_name", "mail_command", "send_timeout", "sms_command", "sms_timeout", "templates_dir", "letters_dir", "log", "store", "booking_link", "booking_phone", "from", "maildir"]

    /// Reads config.toml's text; `path` only names the file in errors.
    public init(parsing text: String, path: String) throws(FileError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw FileError(path: path, line: e.source.begin.line, column: e.source.begin.column, reason: e.description)
        } catch {
            throw FileError(path: path, line: 1, column: 1, reason: "\(error)")
        }
        func fail(_ key: String, _ reason: String) -> FileError {
            let (l, c) = text.position(ofKey: key)
            return FileError(path: path, line: l, column: c, reason: reason)
        }
        func string(_ key: String) throws(FileError) -> String? {
            guard let v = table[key] else { return nil }
            guard let s = v.string else { throw fail(key, "\(key) must be text in quotes, e.g. \(key) = \"…\"") }
            return s
        }
        for key in table.keys where !Self.keys.contains(key) {
            throw fail(key, "unknown setting \(key); the settings are \(Self.keys.joined(separator: ", ")) (see Docs/messages.md)")
        }
        if let v = table["colours"] {
            switch (v.bool, v.string) {
            case (let b?, _): colours = b
            case (_, "on"?): colours = true
            case (_, "off"?): colours = false
            default: throw fail("colours", "colours must be \"on\" or \"off\" (or true or false)")
            }
        }
        displayName = try string("display_name")
        mailCommand = try string("mail_command")
        if let v = table["send_timeout"] {
            guard let n = v.int, (1...3600).contains(n) else {
                throw fail("send_timeout", "send_timeout must be a whole number of seconds from 1 to 3600, without quotes, e.g. send_timeout = 60")
            }
            sendTimeout = n
        }
        smsCommand = try string("sms_command")
        if let v = table["sms_timeout"] {
            guard let n = v.int, (1...3600).contains(n) else {
                throw fail("sms_timeout", "sms_timeout must be a whole number of seconds from 1 to 3600, without quotes, e.g. sms_timeout = 60")
            }
            smsTimeout = n
        }
        templatesDirectory = try string("templates_dir")
        lettersDirectory = try string("letters_dir")
        log = try string("log")
        store = try string("store")
        bookingLink = try string("booking_link")
        bookingPhone = try string("booking_phone")
        from = try string("from")
        maildir = try string("maildir")
    }
}
