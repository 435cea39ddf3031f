import Foundation
@testable import KeepwarmCore

/// A practice for the autopilot's run tests, and a mail command that delivers into a folder per Message-ID.
struct AutopilotPractice {
    let cli: CLI
    let env: [String: String]
    /// The run's clock: 10:00 on Monday 23 November 2026 (London, so UTC), inside the default window.
    static let now = "2026-11-23T10:00:00Z"
    static let start = ["--now", "2026-11-23T08:00:00Z"]

    var sink: String { cli.dir + "/sink" }
    var configFile: String { cli.dir + "/config/keepwarm/config.toml" }

    init() throws {
        cli = CLI()
        env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": ""]
        try cli.output(["init", "--name", "Riverside Therapy Rooms"] + Self.start, env: env)
        try cli.output(["practitioner", "add", "--name", "Anna Okafor"] + Self.start, env: env)
        try FileManager.default.createDirectory(atPath: sink, withIntermediateDirectories: true)
    }

    /// Runs keepwarm with this practice's config.
    @discardableResult
    func run(_ args: [String], extra: [String: String] = [:]) throws -> CLI.Result {
        try cli.run(args, env: env.merging(extra) { $1 })
    }

    @discardableResult
    func ok(_ args: [String]) throws -> String { try cli.output(args, env: env).trimmingCharacters(in: .whitespacesAndNewlines) }

    /// `n` clients (c\(first)…, each with an email) each booked for tomorrow from 09:00 (five minutes each, side by side), written in
    /// one batch through the core (500 through the CLI would take a minute).
    func addBookedClients(_ n: Int) throws {
        let at = Instant(ms: 1_795_420_800_000) // 2026-11-23T08:00:00Z
        let log = try EventLog.open(path: cli.log)
        try log.appendBatch(by: "test", at: at, kind: .imported) { p0 in
            var p = p0
            var out: [EventBody] = []
            func add(_ b: EventBody) throws {
                try p.apply(Event(seq: p.lastSeq + 1, at: at, by: "test", body: b))
                out.append(b)
            }
            let tomorrowNine = p.calendar.instant(day: p.calendar.day(of: at) + 1, minute: 9 * 60)
            for i in 0..<n {
                var d = ClientDraft(name: "Client \(i)", email: "client\(i)@example.org")
                d.evenIfDuplicate = true
                try add(try Command.addClient(d).event(in: p, now: at))
                let c = ClientID(p.clients.count)
                try add(.appointmentBooked(p.nextAppointmentID, client: c, practitioner: PractitionerID(1),
                                           start: tomorrowNine.adding(minutes: i % 100 * 5), minutes: 5))
            }
            return out
        }
    }

    /// A cap high enough for every message of the day.
    func allowCap(_ cap: Int) throws {
        try ok(["autopilot", "window", "09:00-18:00", "--cap", String(cap)] + Self.start)
    }

    /// config.toml with `mail` as mail_command.
    func configure(mail: String, extra: String = "") throws {
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        let text = "mail_command = \"\(mail)\"\nfrom = \"Riverside <desk@riverside.example>\"\nmaildir = \"\(cli.dir)/Maildir\"\n" + extra
        try text.write(toFile: configFile, atomically: true, encoding: .utf8)
    }

    /// A mail command that keeps each message in `sink/<Message-ID>/<pid>` (moved into place whole, so a message is
    /// either received or not), after sleeping `sleep` seconds; then runs `hooks/<attempt key>` if there is one.
    func folderMailCommand(sleep: String = "0.005") throws -> String {
        let path = cli.dir + "/deliver.sh"
        let script = """
            #!/bin/sh
            t=$(mktemp -p "\(sink)" .in.XXXXXX)
            cat > "$t"
            id=$(sed -n 's/^Message-ID: <\\(.*\\)>$/\\1/p' "$t" | head -n1)
            # Cut off before its headers (keepwarm killed while writing it), it has no recipient: refused, as msmtp does.
            if [ -z "$id" ]; then rm -f "$t"; echo "no Message-ID" >&2; exit 65; fi
            sleep \(sleep)
            mkdir -p "\(sink)/$id"
            mv "$t" "\(sink)/$id/$$"
            if [ -f "\(cli.dir)/hooks/$KEEPWARM_ATTEMPT" ]; then sh "\(cli.dir)/hooks/$KEEPWARM_ATTEMPT"; fi
            exit 0

            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// Runs keepwarm commands (each a list of arguments) from inside the mail command, right after the message with
    /// `key` went: another desk writing while the run is under way.
    func hook(after key: String, _ commands: [[String]]) throws {
        try FileManager.default.createDirectory(atPath: cli.dir + "/hooks", withIntermediateDirectories: true)
        let envs = "KEEPWARM_LOG='\(cli.log)' KEEPWARM_USER=sam XDG_CONFIG_HOME='\(cli.dir)/config'"
        let text = commands.map { args in
            "\(envs) '\(CLI.binary)' " + args.map { "'\($0)'" }.joined(separator: " ") + " >>'\(cli.dir)/hooks.out' 2>&1\n"
        }.joined()
        try text.write(toFile: cli.dir + "/hooks/" + key, atomically: true, encoding: .utf8)
    }

    /// What the folder sink received: Message-ID → how many copies.
    func received() -> [String: Int] {
        var out: [String: Int] = [:]
        for id in ((try? FileManager.default.contentsOfDirectory(atPath: sink)) ?? []) where !id.hasPrefix(".") {
            out[id] = ((try? FileManager.default.contentsOfDirectory(atPath: sink + "/" + id)) ?? []).count
        }
        return out
    }

    /// The one message received with this Message-ID.
    func message(_ id: String) -> String {
        let dir = sink + "/" + id
        guard let f = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.first else { return "" }
        return (try? String(contentsOfFile: dir + "/" + f, encoding: .utf8)) ?? ""
    }

    /// The Message-ID (without brackets) an attempt's key is sent with: the key, its `@` written `+` (Docs/autopilot.md).
    static func messageID(_ key: String) -> String { key.replacingOccurrences(of: "@", with: "+") + "@riverside.example" }

    /// The practice as the log has it now.
    func practice() throws -> Practice { try EventLog.open(path: cli.log).practice }

    /// `autopilot run --json` at the test's clock, decoded.
    func runJSON(_ extra: [String] = []) throws -> (status: Int32, object: [String: Any]) {
        let r = try run(["autopilot", "run", "--json", "--now", Self.now] + extra)
        let o = (try? JSONSerialization.jsonObject(with: Data(r.out.utf8))) as? [String: Any] ?? [:]
        return (r.status, o)
    }

    static func keys(_ o: [String: Any], outcome: String) -> [String] {
        ((o["messages"] as? [[String: Any]]) ?? []).filter { $0["outcome"] as? String == outcome }.compactMap { $0["key"] as? String }
    }
}
