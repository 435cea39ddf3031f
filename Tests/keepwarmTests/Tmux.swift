import Foundation

/// A program running in a detached tmux session on a private tmux server, for end-to-end tests of the full-screen
/// console: type keys into it, read its screen back as text, resize it, record its raw output.
///
/// Every instance starts its own server (`tmux -L kw-test-<pid>-<id> -f /dev/null`), so tests can run in parallel,
/// never see the user's ~/.tmux.conf and never touch the user's tmux sessions. The server is killed by `kill()` or
/// when the instance goes away.
///
/// The program sees a fixed terminal: `TERM=xterm-256color`, `LANG`/`LC_ALL=C.UTF-8`, exactly `width`×`height` cells
/// (no status line), and none of the variables that would change how it draws (`NO_COLOR`, `ESCDELAY`, `COLUMNS`,
/// `LINES`, `TMUX`) unless the test passes them in `env`. When it exits the pane stays, so its last screen and exit
/// status can still be read.
///
///     let t = try Tmux(command: [CLI.binary, "console"], env: ["KEEPWARM_LOG": log])
///     try t.waitFor("Diary")
///     try t.send("c", "Ada", "Enter")        // key names are pressed, anything else is typed
///     try t.sendLiteral("Enter")             // typed as five letters
///     let screen = try t.waitFor("Ada Lovelace")
final class Tmux {
    /// The session (and target) name, "kw-<uuid>".
    let session: String
    /// The private server's socket name, for running tmux by hand while debugging a test.
    let socket: String
    private(set) var width: Int
    private(set) var height: Int
    private let executable: URL
    /// Where each tmux command's output lands (files, not pipes: see `run`).
    private let scratch: String
    private var killed = false

    /// What a test is told when tmux is missing: the end-to-end tests must fail, never skip, on a machine without it.
    static let missingMessage = "tmux is not installed, and the end-to-end console tests need it: install it (apt-get install tmux, brew install tmux) and run the tests again"

    /// Pause after a lone Escape so the program (curses waits 25 ms for the rest of an escape sequence) reads it as
    /// the Escape key and not as the start of Alt-<next key> or of an unknown sequence.
    static let escapePause: TimeInterval = 0.1

    /// Variables from the test's own environment that would change what the program draws or how it reads keys.
    private static let scrubbed = ["TMUX", "TMUX_PANE", "NO_COLOR", "ESCDELAY", "COLUMNS", "LINES", "TERM", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE"]

    /// Starts `command` (argv, run without a shell) in a new `width`×`height` session with `env` added to its
    /// environment. With `pipeTo`, every byte the program writes to the terminal is appended to that file from the
    /// very first one (the pipe is attached before the program starts).
    init(width: Int = 80, height: Int = 24, command: [String], env: [String: String] = [:], pipeTo: String? = nil) throws {
        guard !command.isEmpty else { throw TmuxError("Tmux needs a command to run") }
        guard let tmux = Tmux.findExecutable("tmux") else { throw TmuxError(Tmux.missingMessage) }
        executable = tmux
        let id = UUID().uuidString.lowercased()
        session = "kw-\(id)"
        socket = "kw-test-\(ProcessInfo.processInfo.processIdentifier)-\(id.prefix(8))"
        self.width = width
        self.height = height
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kw-tmux-\(id)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)

        // `env` rather than `new-session -e`: tmux overwrites TERM from default-terminal whatever -e says, and the
        // wrapper works the same on every tmux version. env execs the program, so the pane's process is the program.
        var vars = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        for (k, v) in env { vars[k] = v }
        let program = ["env"] + vars.keys.sorted().map { "\($0)=\(vars[$0]!)" } + command

        // One invocation, so the options are in place before the first byte is drawn. An empty remain-on-exit-format
        // keeps tmux from scrolling the final screen up to make room for its "Pane is dead" line.
        var args = [
            "set-option", "-g", "default-terminal", "xterm-256color", ";",
            "set-option", "-g", "status", "off", ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            "set-option", "-gq", "remain-on-exit-format", "", ";",
        ]
        if let path = pipeTo {
            // Start on a silent placeholder, attach the pipe, then swap in the program: nothing it writes is missed.
            args += ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "--", "sleep", "86400", ";"]
            args += ["pipe-pane", "-o", "-t", session, Tmux.pipeCommand(path), ";"]
            args += ["respawn-pane", "-k", "-t", session, "--"] + program
        } else {
            args += ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "--"] + program
        }
        try run(args)
    }

    deinit { kill() }

    // MARK: Keys

    /// Presses keys: each argument that is a tmux key name ("Enter", "Escape", "Tab", "BTab", "BSpace", "Up", "PPage",
    /// "Home", "DC", "F5", "C-u", "M-x", …) is pressed as that key; any other argument is typed as literal text.
    /// Use `sendLiteral` to type text that looks like a key name.
    func send(_ keys: String...) throws {
        for key in keys {
            if Tmux.isKeyName(key) { try sendKey(key) } else { try sendLiteral(key) }
        }
    }

    /// Presses keys by tmux name, in order. A lone Escape is followed by `escapePause`, as a person's would be.
    func sendKey(_ names: String...) throws {
        for name in names {
            try run(["send-keys", "-t", session, name])
            if name == "Escape" { Thread.sleep(forTimeInterval: Tmux.escapePause) }
        }
    }

    /// Types `text` exactly as given (UTF-8; no key names, no shell).
    func sendLiteral(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", "--", text])
    }

    // MARK: Screen

    /// The visible screen as text: `height` lines joined by "\n", trailing spaces removed, a wide character written
    /// once (as in `Grid.text`).
    func capture() throws -> String {
        var s = try run(["capture-pane", "-p", "-t", session])
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    /// The visible screen with its colours and attributes as escape sequences (capture-pane -e).
    func captureRaw() throws -> String {
        try run(["capture-pane", "-p", "-e", "-t", session])
    }

    /// Polls the screen every 50 ms until it contains `text`; returns that screen, or throws with the last one seen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 5) throws -> String {
        try waitUntil(timeout: timeout, "the screen to show \"\(text)\"") { $0.contains(text) }
    }

    /// Polls the screen every 50 ms until `predicate` holds on a settled screen; returns that screen, or throws with
    /// the last one seen.
    ///
    /// Settled: the same screen twice, 50 ms apart. tmux may be caught half-way through applying one redraw (on a
    /// loaded machine CI saw the week's title over the diary's body), and a test must not read such a screen. A
    /// screen that never settles (it keeps changing) is returned once the predicate holds at the deadline.
    @discardableResult
    func waitUntil(timeout: TimeInterval = 5, _ what: String = "a condition on the screen", _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        var previous: String? = nil
        while true {
            let holds = predicate(screen)
            if holds && (screen == previous || Date() >= deadline) { return screen }
            guard Date() < deadline else {
                throw TmuxError("timed out after \(timeout)s waiting for \(what); the last screen was:\n\(Tmux.framed(screen))")
            }
            previous = holds ? screen : nil
            Thread.sleep(forTimeInterval: 0.05)
            screen = try capture()
        }
    }

    /// Where the terminal cursor is (0-based) and whether the program has it shown.
    func cursor() throws -> (x: Int, y: Int, visible: Bool) {
        let f = try run(["display-message", "-p", "-t", session, "#{cursor_x} #{cursor_y} #{cursor_flag}"])
            .split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        guard f.count == 3 else { throw TmuxError("could not read the cursor position") }
        return (f[0], f[1], f[2] == 1)
    }

    // MARK: Window and process

    /// Resizes the terminal; the program gets SIGWINCH as it would from a real terminal. Works on the detached
    /// session (resize-window also pins the window to this size from then on).
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
        self.width = width
        self.height = height
    }

    /// Appends everything the program writes to the terminal from now on (raw bytes, escape sequences included) to
    /// `path`. To record from the very start, pass `pipeTo` to `init` instead.
    func startPipe(to path: String) throws {
        try run(["pipe-pane", "-o", "-t", session, Tmux.pipeCommand(path)])
    }

    /// nil while the program runs; then its exit status, or 128 + the signal that killed it (as a shell reports it).
    func exitStatus() throws -> Int32? {
        for attempt in 0..<2 {
            let f = try run(["display-message", "-p", "-t", session, "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}"])
                .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", omittingEmptySubsequences: false)
            guard f.count == 3, f[0] == "1" else { return nil }
            if let signal = Int32(f[2]) { return 128 + signal }
            if let status = Int32(f[1]) { return status }
            // tmux 3.3 sometimes marks the pane dead (its terminal closed) without having reaped the process, and
            // only collects the status on its next SIGCHLD; a throwaway job provides one.
            if attempt == 0 { try run(["run-shell", "true"]) }
        }
        throw TmuxError("the program exited but tmux never reported its exit status")
    }

    /// Waits for the program to exit and returns `exitStatus()`, or throws with the last screen.
    @discardableResult
    func waitForExit(timeout: TimeInterval = 5) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = try exitStatus() { return status }
            guard Date() < deadline else {
                throw TmuxError("the program was still running after \(timeout)s; the last screen was:\n\(Tmux.framed(try capture()))")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Ends the program (it gets SIGHUP) and this instance's tmux server. Safe to call more than once.
    func kill() {
        guard !killed else { return }
        _ = try? run(["kill-server"])
        killed = true
        try? FileManager.default.removeItem(atPath: scratch)
        // tmux leaves the socket file behind when its server is killed.
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(dir)/tmux-\(getuid())/\(socket)")
    }

    // MARK: Running tmux

    /// Runs one tmux command and returns its standard output.
    ///
    /// Not Foundation's Process, for two reasons found the hard way. The child of Process inherits the signal mask of
    /// the calling thread, and the threads tests run on block nearly every signal: the tmux server (and through it the
    /// program under test) would start with SIGCHLD, SIGHUP and SIGWINCH blocked, so resizes never arrive, kill-server
    /// cannot end the program, and exit statuses go missing. And the first tmux command forks the server, which keeps
    /// descriptors Process is waiting on, so Process never sees the command finish. Here the child gets an empty
    /// signal mask and default handlers, its output goes to files rather than pipes, and only waitpid says it is done.
    @discardableResult
    func run(_ args: [String]) throws -> String {
        guard !killed else { throw TmuxError("tmux \(args.first ?? "") after kill(): session \(session) is gone") }
        let outPath = scratch + "/\(UUID().uuidString).out", errPath = scratch + "/\(UUID().uuidString).err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let argv = [executable.path, "-L", socket, "-f", "/dev/null"] + args
        var env = ProcessInfo.processInfo.environment
        for k in Tmux.scrubbed { env[k] = nil }
        let status = try Tmux.spawnAndWait(argv, environment: env, output: outPath, errors: errPath)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let message = ((try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            throw TmuxError("tmux \(args.joined(separator: " ")) failed (\(status)): \(message)")
        }
        return out
    }

    /// Runs `argv` to its end (stdin /dev/null, stdout to `output`, stderr to `errors`, a clean signal state, none of
    /// the runner's descriptors: see Spawned); returns the exit status, or 128 + the signal that ended it.
    private static func spawnAndWait(_ argv: [String], environment: [String: String], output: String, errors: String) throws -> Int32 {
        switch try Spawned(argv, environment: environment, stdout: output, stderr: errors).wait() {
        case .exited(let status): return status
        case .signalled(let signal): return 128 + signal
        case .unknown(let e): throw TmuxError("waitpid failed: \(String(cString: strerror(e)))")
        }
    }

    private static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let candidate = URL(fileURLWithPath: dir).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private static func isKeyName(_ s: String) -> Bool {
        let names: Set<String> = [
            "Enter", "Escape", "Tab", "BTab", "Space", "BSpace", "Up", "Down", "Left", "Right", "Home", "End",
            "PPage", "PageUp", "PgUp", "NPage", "PageDown", "PgDn", "DC", "IC",
        ]
        if names.contains(s) { return true }
        if s.hasPrefix("F"), let n = Int(s.dropFirst()), (1...24).contains(n) { return true }
        // Modified keys: C-u, M-x, C-M-a, S-Up.
        guard s.count > 2, let dash = s.firstIndex(of: "-") else { return false }
        return s[..<dash].allSatisfy { "CMS".contains($0) }
    }

    /// `cat >> 'PATH'`, quoted for the shell tmux runs it with.
    private static func pipeCommand(_ path: String) -> String {
        "cat >> '" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// A screen between rulers, so blank lines and trailing blanks are visible in a failure message.
    private static func framed(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let rule = "+" + String(repeating: "-", count: max(10, lines.map(\.count).max() ?? 0)) + "+"
        return ([rule] + lines.map { "|" + $0 } + [rule]).joined(separator: "\n")
    }
}

/// A tmux step that failed, with what the screen showed.
struct TmuxError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
