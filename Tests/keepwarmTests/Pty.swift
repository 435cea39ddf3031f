import Foundation

/// The built binary run with its standard output and standard error each on a terminal of its own (a pseudo-terminal),
/// as a person at the desk runs it: what the program writes there is what a terminal would act on.
struct PtyRun {
    let status: Spawned.End
    /// The bytes the terminal received (the line discipline turns `\n` into `\r\n`).
    let out: [UInt8]
    let err: [UInt8]

    /// Runs `argv` with `env` added to the test's environment. Python's `os.openpty` makes the terminals (Swift cannot
    /// import the C calls for them); the program itself is started with the test's environment and signals default.
    init(_ argv: [String], env: [String: String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-pty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let python = try Spawned.which("python3", package: "python3")
        let child = try Spawned([python, "-c", PtyRun.script, dir + "/out", dir + "/err"] + argv, env: env,
                                stdout: dir + "/status", stderr: dir + "/python-errors")
        _ = child.wait()
        let status = (try? String(contentsOfFile: dir + "/status", encoding: .utf8)) ?? ""
        guard let code = Int32(status.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure("the terminal runner failed: \(status) \((try? String(contentsOfFile: dir + "/python-errors", encoding: .utf8)) ?? "")")
        }
        self.status = code < 0 ? .signalled(-code) : .exited(code)
        out = Array(FileManager.default.contents(atPath: dir + "/out") ?? Data())
        err = Array(FileManager.default.contents(atPath: dir + "/err") ?? Data())
    }

    /// Runs argv[3:] with stdout and stderr each on a new pseudo-terminal, saves what each terminal received in
    /// argv[1] and argv[2], and prints the exit status (negative: the signal).
    static let script = """
        import os, select, subprocess, sys
        masters, slaves = zip(*(os.openpty() for _ in range(2)))
        child = subprocess.Popen(sys.argv[3:], stdin=subprocess.DEVNULL, stdout=slaves[0], stderr=slaves[1])
        for s in slaves: os.close(s)
        got = {m: b"" for m in masters}
        open_ = set(masters)
        while open_:
            ready, _, _ = select.select(list(open_), [], [], 0.05)
            for m in ready:
                try:
                    data = os.read(m, 65536)
                except OSError:
                    data = b""
                if data: got[m] += data
                else: open_.discard(m)
        for path, m in zip(sys.argv[1:3], masters): open(path, "wb").write(got[m])
        print(child.wait())
        """
}
