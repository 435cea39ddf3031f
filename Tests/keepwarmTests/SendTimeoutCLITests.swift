import Foundation
import Testing

/// `keepwarm send` against an SMTP server that accepts the connection and never answers (issue 12, section 8): the
/// mail command (real msmtp) is stopped with its whole process group when `send_timeout` runs out, or when keepwarm
/// gets SIGTERM or Ctrl-C; nothing is recorded, and the one line says the message may or may not have gone.
@Suite struct SendTimeoutCLITests {
    let send = SendCLITests()
    static let command = ["send", "c1", "--kind", "rebook-prompt", "--now", "2026-11-06T09:00:00Z"]

    /// A listening socket on 127.0.0.1 that nobody ever accepts from: the kernel completes the TCP handshake, so
    /// msmtp connects and then waits for a greeting that never comes.
    final class SilentServer {
        let fd: Int32
        let port: Int

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(fd, 8) == 0 else { throw Failure("cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))") }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(fd) }
    }

    /// The mail command: a shell that notes its pid (msmtp's, after exec, and the process group's number) and that of
    /// a `sleep` it leaves in the same group, then becomes msmtp pointed at the silent server.
    func configureHangingMsmtp(_ cli: CLI, timeout: Int) throws -> (pids: String, server: SilentServer) {
        let server = try SilentServer()
        let rc = cli.dir + "/mail settings/msmtprc"
        try SmtpSink.msmtprc(at: rc, port: server.port, from: "desk@riverside.example")
        let msmtp = try Spawned.which("msmtp", package: "msmtp")
        let pids = cli.dir + "/mail.pids"
        let script = "sleep 300 & echo $$ $! > \\\"\(pids)\\\"; exec \(msmtp) -C \\\"\(rc)\\\" -t"
        try send.configure(cli, mail: "/bin/sh -c '\(script)'")
        let config = cli.dir + "/config/keepwarm/config.toml"
        try (String(contentsOfFile: config, encoding: .utf8) + "send_timeout = \(timeout)\n").write(toFile: config, atomically: true, encoding: .utf8)
        return (pids, server)
    }

    /// Whether a process is still running (a zombie waiting for a parent that never reaps counts as gone).
    static func running(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// Every process still running in process group `group`.
    static func members(of group: pid_t) -> [pid_t] {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
        return pids.filter { getpgid($0) == group && running($0) }
    }

    /// The pids the mail command noted: the shell that became msmtp (and leads the group), and the `sleep`.
    static func notedPids(_ path: String) -> [pid_t] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
    }

    /// Waits up to `seconds` for keepwarm to end; a keepwarm that hangs is killed and the test fails.
    static func end(_ p: Spawned, within seconds: Int) -> Spawned.End? {
        for _ in 0..<(seconds * 20) {
            if let end = p.poll() { return end }
            usleep(50_000)
        }
        kill(p.pid, SIGKILL)
        _ = p.wait()
        return nil
    }

    static func expectNothingLeftRunning(_ pids: [pid_t]) {
        #expect(pids.count == 2, "the mail command ran and noted its pids")
        for pid in pids { #expect(!running(pid), "process \(pid) is still running") }
        if let group = pids.first { #expect(members(of: group).isEmpty, "process group \(group) still has \(members(of: group))") }
    }

    @Test func aMailServerThatNeverAnswersIsGivenUpAfterTheTimeout() throws {
        let (cli, env) = try send.practice()
        let (pids, server) = try configureHangingMsmtp(cli, timeout: 2)
        defer { withExtendedLifetime(server) {} }
        let before = cli.bytes()
        var vars = env
        vars["KEEPWARM_LOG"] = cli.log
        vars["KEEPWARM_USER"] = "sam"
        let p = try Spawned([CLI.binary] + Self.command, env: vars, stdout: cli.dir + "/out", stderr: cli.dir + "/err")
        let end = Self.end(p, within: 30)
        #expect(end == .exited(1), "keepwarm send did not give up: \(String(describing: end))")
        let err = String(decoding: FileManager.default.contents(atPath: cli.dir + "/err") ?? Data(), as: UTF8.self)
        #expect(err == "keepwarm: the mail command did not finish within 2 s and was stopped; nothing was recorded; the email to zoe@example.org may or may not have been sent: check the practice's sent mail (or ask the client) before sending again\n")
        #expect(FileManager.default.contents(atPath: cli.dir + "/out")?.isEmpty ?? true)
        #expect(cli.bytes() == before, "no event was written")
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/Maildir/sent/cur"), "no sent copy")
        Self.expectNothingLeftRunning(Self.notedPids(pids))
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stoppingKeepwarmWhileTheMailCommandHangsStopsItToo(signal: Int32) throws {
        let (cli, env) = try send.practice()
        let (pids, server) = try configureHangingMsmtp(cli, timeout: 600)
        defer { withExtendedLifetime(server) {} }
        let before = cli.bytes()
        var vars = env
        vars["KEEPWARM_LOG"] = cli.log
        vars["KEEPWARM_USER"] = "sam"
        let p = try Spawned([CLI.binary] + Self.command, env: vars, stdout: cli.dir + "/out", stderr: cli.dir + "/err")
        // Once the mail command has started (it noted its pids), it is waiting on the silent server.
        for _ in 0..<400 where Self.notedPids(pids).count < 2 { usleep(25_000) }
        try #require(Self.notedPids(pids).count == 2, "the mail command never started")
        usleep(200_000)
        kill(p.pid, signal)
        let end = Self.end(p, within: 20)
        #expect(end == .signalled(signal), "keepwarm ends by the signal it was sent: \(String(describing: end))")
        let err = String(decoding: FileManager.default.contents(atPath: cli.dir + "/err") ?? Data(), as: UTF8.self)
        let name = signal == SIGINT ? "Ctrl-C" : "SIGTERM"
        #expect(err == "keepwarm: asked to stop (\(name)) while the mail command was running, so it was stopped too; nothing was recorded; the email to zoe@example.org may or may not have been sent: check the practice's sent mail (or ask the client) before sending again\n")
        #expect(cli.bytes() == before, "no event was written")
        Self.expectNothingLeftRunning(Self.notedPids(pids))
    }

    /// The console's `s` in the preview: the time runs out, the status line says so and nothing is recorded; then a
    /// second try is stopped by SIGTERM, which stops the mail command's group and closes the console as usual.
    @Test func theConsoleSaysTheSameAndClosesOnSIGTERMWithoutLeavingTheMailCommandRunning() throws {
        let (cli, env) = try send.practice()
        let (pids, server) = try configureHangingMsmtp(cli, timeout: 2)
        defer { withExtendedLifetime(server) {} }
        let before = cli.bytes()
        var vars = env
        vars["KEEPWARM_LOG"] = cli.log
        vars["KEEPWARM_USER"] = "sam"
        let t = try Tmux(width: 250, height: 30, command: [CLI.binary, "--now", "2026-11-02 09:00"], env: vars)
        defer { t.kill() }
        try t.waitFor("Zoë Brontë")
        try t.send("3", "m")
        try t.waitFor("s send by email")
        try t.send("s")
        try t.waitFor("Not recorded: the mail command did not finish within 2 s and was stopped; nothing was recorded", timeout: 20)
        Self.expectNothingLeftRunning(Self.notedPids(pids))
        #expect(cli.bytes() == before)

        try FileManager.default.removeItem(atPath: pids)
        try t.send("m")
        try t.waitFor("s send by email")
        try t.send("s")
        for _ in 0..<400 where Self.notedPids(pids).count < 2 { usleep(25_000) }
        try #require(Self.notedPids(pids).count == 2, "the mail command never started")
        try t.signal(SIGTERM)
        _ = try t.waitForExit(timeout: 10)
        Self.expectNothingLeftRunning(Self.notedPids(pids))
        #expect(cli.bytes() == before, "nothing was recorded")
    }

    @Test func sendTimeoutMustBeAWholeNumberOfSeconds() throws {
        let (cli, env) = try send.practice()
        try send.configure(cli, mail: "cat")
        let config = cli.dir + "/config/keepwarm/config.toml"
        let base = try String(contentsOfFile: config, encoding: .utf8)
        for bad in ["\"60\"", "0", "1.5", "99999"] {
            try (base + "send_timeout = \(bad)\n").write(toFile: config, atomically: true, encoding: .utf8)
            let r = try cli.run(Self.command, env: env)
            #expect(r.status == 1, "\(bad)")
            #expect(r.err.contains("config.toml:4:1: send_timeout must be a whole number of seconds from 1 to 3600"), "\(bad): \(r.err)")
        }
        try (base + "send_timeout = 5\n").write(toFile: config, atomically: true, encoding: .utf8)
        let shown = try cli.output(["config"], env: env)
        #expect(shown.contains("send_timeout") && shown.contains("5"))
        try cli.output(Self.command, env: env)
    }
}
