import Foundation

/// A real SMTP server on 127.0.0.1 (Python's aiosmtpd, Tests/Mail/smtp_sink.py) that writes every message it
/// receives into a folder, and an msmtprc pointing at it, so `keepwarm send` goes through real msmtp and SMTP.
final class SmtpSink {
    static let mailScripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Mail").path

    let inbox: String
    let port: Int
    let python: String
    private let process: Spawned

    /// Starts the server with its files in `dir`; waits until it is listening.
    init(dir: String) throws {
        python = try Self.pythonWithAiosmtpd(dir)
        inbox = dir + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let portFile = dir + "/smtp.port"
        process = try Spawned([python, Self.mailScripts + "/smtp_sink.py", inbox, portFile], stdout: dir + "/smtp.out", stderr: dir + "/smtp.err")
        var found: Int?
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let p = Int(text) { found = p; break }
            if process.poll() != nil { break }
            usleep(50_000)
        }
        guard let found else {
            kill(process.pid, SIGKILL)
            _ = process.wait()
            throw Failure("the SMTP sink did not start: \((try? String(contentsOfFile: dir + "/smtp.err", encoding: .utf8)) ?? "")")
        }
        port = found
    }

    deinit {
        kill(process.pid, SIGTERM)
        _ = process.wait()
    }

    /// Writes an msmtprc (0600, as msmtp insists) sending to `port` with no authentication or TLS.
    static func msmtprc(at path: String, port: Int, from: String) throws {
        let text = "defaults\nauth off\ntls off\nlogfile -\n\naccount default\nhost 127.0.0.1\nport \(port)\nfrom \(from)\n"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure("cannot write \(path)")
        }
    }

    /// The messages received so far, oldest first, as raw bytes.
    func received() -> [Data] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).filter { $0.hasSuffix(".eml") }
        return names.sorted { Int($0.dropLast(4))! < Int($1.dropLast(4))! }.compactMap { FileManager.default.contents(atPath: inbox + "/" + $0) }
    }

    /// Message number `n` read by Python's email package: To, Subject, charset, transfer encoding, then the body.
    func read(_ n: Int, dir: String) throws -> (to: String, subject: String, charset: String, encoding: String, body: String) {
        let out = dir + "/read.out", err = dir + "/read.err"
        let p = try Spawned([python, Self.mailScripts + "/read_mail.py", inbox + "/\(n).eml"], stdout: out, stderr: err)
        guard p.wait() == .exited(0) else { throw Failure("read_mail.py failed: \((try? String(contentsOfFile: err, encoding: .utf8)) ?? "")") }
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        return (lines[0], lines[1], lines[2], lines[3], lines.count > 4 ? lines[4] : "")
    }

    /// The first python3 on the PATH, or Debian's, that can import aiosmtpd (pyenv's often cannot).
    static func pythonWithAiosmtpd(_ dir: String) throws -> String {
        var candidates: [String] = []
        if let p = try? Spawned.which("python3", package: "python3") { candidates.append(p) }
        candidates.append("/usr/bin/python3")
        for c in candidates where FileManager.default.isExecutableFile(atPath: c) {
            let probe = try Spawned([c, "-c", "import aiosmtpd"], stdout: dir + "/probe.out", stderr: dir + "/probe.err")
            if probe.wait() == .exited(0) { return c }
        }
        throw Failure("Python's aiosmtpd is needed for the send tests: apt-get install python3-aiosmtpd (or pip install aiosmtpd); `make test` does this (scripts/install-tools)")
    }
}
