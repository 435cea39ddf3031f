import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm autopilot install` through the real binary: a systemd user service and timer and a crontab line, every
/// path absolute and quoted for where it goes, and nothing written anywhere.
@Suite struct AutopilotInstallCLITests {
    /// Runs keepwarm in `cwd` with HOME and XDG_CONFIG_HOME in the test's folder.
    func install(_ cli: CLI, cwd: String, log: String, config: String) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["--log", log, "autopilot", "install"]
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KEEPWARM_LOG")
        env["HOME"] = cli.dir
        env["XDG_CONFIG_HOME"] = config
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Every file under a folder with its size, to see that nothing was written.
    func tree(_ dir: String) -> [String] {
        (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []).sorted().map { f in
            "\(f) \((try? FileManager.default.attributesOfItem(atPath: dir + "/" + f)[.size] as? Int) ?? -1)"
        }
    }

    @Test func printsAServiceATimerAndACrontabLineWithAbsolutePaths() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside", "--now", "2026-12-07T08:00:00Z"])
        let before = tree(cli.dir)
        // The log given relative to the folder it runs in comes out absolute.
        let r = try install(cli, cwd: cli.dir, log: "events.log", config: cli.dir + "/conf")
        #expect(r.status == 0, "\(r.err)")
        #expect(tree(cli.dir) == before, "install writes nothing")
        let lines = r.out.components(separatedBy: "\n")

        // The service: a oneshot whose ExecStart is the absolute program, `autopilot run` and the absolute log.
        let service = try #require(section(lines, "keepwarm-autopilot.service"))
        #expect(service.first == "[Unit]")
        #expect(service.contains("Type=oneshot"))
        #expect(service.contains("Environment=XDG_CONFIG_HOME=\(cli.dir)/conf"))
        let exec = try #require(service.first { $0.hasPrefix("ExecStart=") }).dropFirst("ExecStart=".count).split(separator: " ").map(String.init)
        #expect(exec.count == 5)
        #expect(exec[0].hasPrefix("/") && FileManager.default.isExecutableFile(atPath: exec[0]), "\(exec[0])")
        #expect(Array(exec[1...]) == ["autopilot", "run", "--log", cli.dir + "/events.log"])

        // The timer: every 5 minutes on the clock, catching up after a sleep, starting that service.
        let timer = try #require(section(lines, "keepwarm-autopilot.timer"))
        #expect(timer.contains("[Timer]"))
        #expect(timer.contains("OnCalendar=*:0/5"))
        #expect(timer.contains("Persistent=true"))
        #expect(timer.contains("Unit=keepwarm-autopilot.service"))
        #expect(timer.contains("WantedBy=timers.target"))
        #expect(lines.contains { $0.hasPrefix("# 1. Save as \(cli.dir)/conf/systemd/user/keepwarm-autopilot.service") })
        #expect(lines.contains { $0.contains("systemctl --user enable --now keepwarm-autopilot.timer") })

        // The crontab line: every 5 minutes, the same command, its output appended beside the log.
        let cron = try #require(lines.first { $0.hasPrefix("*/5 * * * * ") })
        #expect(cron == "*/5 * * * * XDG_CONFIG_HOME=\(cli.dir)/conf \(exec[0]) autopilot run --log \(cli.dir)/events.log >>\(cli.dir)/autopilot-output.txt 2>&1")
        #expect(r.out.hasSuffix("# Note: there is no \(cli.dir)/conf/keepwarm/config.toml yet; set mail_command (and sms_command) there before anything can go (Docs/messages.md).\n"))
    }

    /// A folder with a space, a quote, a `%` and a `$` in its name: the unit file quotes and doubles them as systemd
    /// reads them, and the crontab line runs as it is, cron's `%` escaped, through a real shell.
    @Test func awkwardPathsAreQuotedForSystemdAndForCron() throws {
        let cli = CLI()
        let dir = cli.dir + "/Practice 'A' 100% $HOME"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let log = dir + "/events.log"
        try cli.ok(["init", "--name", "Riverside", "--log", log, "--now", "2026-12-07T08:00:00Z"])
        let r = try install(cli, cwd: cli.dir, log: log, config: cli.dir + "/conf")
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.components(separatedBy: "\n")
        let exec = try #require(lines.first { $0.hasPrefix("ExecStart=") })
        #expect(exec.hasSuffix(" autopilot run --log \"\(cli.dir)/Practice 'A' 100%% $$HOME/events.log\""))
        let cron = try #require(lines.first { $0.hasPrefix("*/5 * * * * ") })
        #expect(cron.contains("--log '\(cli.dir)/Practice '\\''A'\\'' 100\\% $HOME/events.log'"))

        // cron hands the shell the line with `\%` read as `%`; the shell must then find the log. `run` is another
        // part's command, so `show` stands in for it: it reads the same log.
        let command = String(cron.dropFirst("*/5 * * * * ".count)).replacingOccurrences(of: "\\%", with: "%")
            .replacingOccurrences(of: " autopilot run ", with: " autopilot show ")
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = ["-c", command]
        try sh.run()
        sh.waitUntilExit()
        #expect(sh.terminationStatus == 0)
        let output = String(decoding: FileManager.default.contents(atPath: dir + "/autopilot-output.txt") ?? Data(), as: UTF8.self)
        #expect(output.hasPrefix("Autopilot   not running"), "\(output)")
    }

    /// Run through a link on PATH by its bare name, the unit names the link, so an upgrade behind it is picked up.
    @Test func theProgramIsNamedAsThePersonRanIt() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside", "--now", "2026-12-07T08:00:00Z"])
        let bin = cli.dir + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/keepwarm", withDestinationPath: CLI.binary)
        let sh = Process()
        sh.executableURL = URL(fileURLWithPath: "/bin/sh")
        sh.arguments = ["-c", "PATH='\(bin)':/usr/bin:/bin XDG_CONFIG_HOME='\(cli.dir)/conf' keepwarm --log '\(cli.log)' autopilot install"]
        let out = Pipe()
        sh.standardOutput = out
        try sh.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sh.waitUntilExit()
        #expect(sh.terminationStatus == 0)
        #expect(text.contains("\nExecStart=\(bin)/keepwarm autopilot run --log \(cli.log)\n"), "\(text)")
        #expect(text.contains("\n*/5 * * * * XDG_CONFIG_HOME=\(cli.dir)/conf \(bin)/keepwarm autopilot run --log \(cli.log) >>"))
    }

    @Test func noLogIsOneLineAndNothingPrinted() throws {
        let cli = CLI()
        let r = try install(cli, cwd: cli.dir, log: cli.dir + "/missing.log", config: cli.dir + "/conf")
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err.hasPrefix("keepwarm: no event log at \(cli.dir)/missing.log"))
        #expect(r.err.filter { $0 == "\n" }.count == 1)
    }

    /// The lines of the unit file that the `# … Save as …/NAME` comment introduces, up to the next comment.
    func section(_ lines: [String], _ name: String) -> [String]? {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("# ") && $0.hasSuffix("/" + name) }) else { return nil }
        return Array(lines[(start + 1)...].prefix { !$0.hasPrefix("#") })
    }
}
