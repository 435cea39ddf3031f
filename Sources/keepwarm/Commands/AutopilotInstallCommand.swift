import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm autopilot install`: prints a systemd user service and timer, and a crontab line, that run
/// `keepwarm autopilot run` every 5 minutes for this log and this config. It writes nothing: the person chooses one.
struct AutopilotInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Print a systemd user timer and a crontab line that run the autopilot every 5 minutes (writes nothing).",
        discussion: """
            The keepwarm program, the log and your config folder are written in as
            absolute paths, so the timer runs this practice's autopilot whatever folder it
            starts in. Use one of the two, not both (both are safe, only wasteful: two
            runs never send a message twice).
            Example:
              keepwarm autopilot install
              keepwarm --log /srv/practice/events.log autopilot install
            """)
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let desk = Desk(global)
            // The log must be there and readable now, rather than the timer failing quietly every 5 minutes.
            _ = try desk.openLog()
            let env = ProcessInfo.processInfo.environment
            let setup = try AutopilotSchedule(
                program: AutopilotSchedule.program(CommandLine.arguments[0], path: env["PATH"] ?? ""),
                log: AutopilotSchedule.absolute(desk.path),
                configHome: AutopilotSchedule.absolute((desk.config.configPath as NSString).deletingLastPathComponent.dropLastComponent),
                unitFolder: AutopilotSchedule.absolute(
                    (env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                        ?? ((env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.config")) + "/systemd/user"))
            var lines = setup.lines()
            if !desk.config.configFound {
                lines.append("# Note: there is no \(desk.config.configPath) yet; set mail_command (and sms_command) there before anything can go (Docs/messages.md).")
            }
            Stdout.lines(lines)
        }
    }
}

/// The two ways to run the autopilot every 5 minutes, with every path absolute and quoted for where it goes.
struct AutopilotSchedule {
    let program: String
    let log: String
    /// `XDG_CONFIG_HOME` for the run: the folder holding `keepwarm/config.toml`.
    let configHome: String
    let unitFolder: String

    static let name = "keepwarm-autopilot"

    init(program: String, log: String, configHome: String, unitFolder: String) throws(CommandError) {
        for (what, path) in [("the keepwarm program", program), ("the log", log), ("the config folder", configHome)] {
            // A line break cannot be written in a unit file or a crontab line at all.
            if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw CommandError("the path of \(what) (\(path)) has a control character such as a line break, which a timer cannot name; move it to a plain path")
            }
        }
        (self.program, self.log, self.configHome, self.unitFolder) = (program, log, configHome, unitFolder)
    }

    /// The keepwarm program as the person ran it, made absolute: a link such as /usr/local/bin/keepwarm stays the
    /// link (so an upgrade behind it is picked up); a bare name is looked up in PATH; else the running file itself.
    static func program(_ argv0: String, path: String) -> String {
        if argv0.contains("/") { return absolute(argv0) }
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = absolute(String(dir) + "/" + argv0)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? absolute(argv0)
    }

    /// A path made absolute from the current folder, with `.` and `..` taken out.
    /// Links are kept as they are (Foundation's `standardizingPath` would resolve them).
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The output where runs' lines go under cron (systemd keeps them in the journal).
    var cronOutput: String { ((log as NSString).deletingLastPathComponent) + "/autopilot-output.txt" }

    func lines() -> [String] {
        let exec = [program, "autopilot", "run", "--log", log].map(Self.systemdWord).joined(separator: " ")
        var out = [
            "# Keepwarm autopilot: run `keepwarm autopilot run` every 5 minutes. Nothing was written: copy what you use.",
            "# Either a systemd user timer (1 and 2) or cron (3), not both.",
            "#",
            "# 1. Save as \(unitFolder)/\(Self.name).service",
            "[Unit]",
            "Description=Keepwarm autopilot: send the messages due now",
            "",
            "[Service]",
            "Type=oneshot",
            "Environment=" + Self.systemdWord("XDG_CONFIG_HOME=\(configHome)"),
            "ExecStart=" + exec,
            "",
            "# 2. Save as \(unitFolder)/\(Self.name).timer",
            "[Unit]",
            "Description=Run the Keepwarm autopilot every 5 minutes",
            "",
            "[Timer]",
            "OnCalendar=*:0/5",
            "Persistent=true",
            "Unit=\(Self.name).service",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
            "# Then: systemctl --user daemon-reload && systemctl --user enable --now \(Self.name).timer (and loginctl enable-linger \"$USER\" to run while nobody is logged in); its lines are in journalctl --user -u \(Self.name)",
            "#",
            "# 3. Or with cron: add this line with crontab -e",
        ]
        let cron = "XDG_CONFIG_HOME=" + Self.shellWord(configHome) + " " + [program, "autopilot", "run", "--log", log].map(Self.shellWord).joined(separator: " ")
            + " >>" + Self.shellWord(cronOutput) + " 2>&1"
        out.append("*/5 * * * * " + Self.cronEscaped(cron))
        return out
    }

    /// One word of a unit file's command line or setting: quoted when it holds anything but plain path characters,
    /// with `%` (a specifier) and `$` (a variable) doubled so systemd passes them as they are.
    static func systemdWord(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "/._-+,:@=".unicodeScalars.contains($0) }
        var w = plain ? s : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        w = w.replacingOccurrences(of: "%", with: "%%").replacingOccurrences(of: "$", with: "$$")
        return w
    }

    /// One word for the shell: single-quoted unless plain.
    static func shellWord(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "/._-+,:@=".unicodeScalars.contains($0) }
        return plain ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// cron reads an unescaped `%` as a line break.
    static func cronEscaped(_ s: String) -> String { s.replacingOccurrences(of: "%", with: "\\%") }
}

extension String {
    /// The path without its last component (`/home/a/.config/keepwarm` → `/home/a/.config`).
    fileprivate var dropLastComponent: String { (self as NSString).deletingLastPathComponent }
}
