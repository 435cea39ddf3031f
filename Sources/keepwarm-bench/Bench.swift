import Foundation
import KeepwarmConsole
import KeepwarmCore

/// `keepwarm-bench` (`make bench`): measures every figure Docs/performance.md promises, on logs from `keepwarm demo`,
/// and writes Docs/benchmarks.md. Numbers, not a pass/fail: the table shows each figure beside its target.
@main
struct Bench {
    static func main() throws {
        let options = Options(CommandLine.arguments.dropFirst())
        if let path = options.childOpen {
            // A child process: open a log to the first frame, then report its own peak memory.
            let log = try EventLog.open(path: path)
            let app = ConsoleApp(log: log, terminal: MemoryTerminal(width: 132, height: 43), user: "bench", clock: { Bench.end })
            app.tick()
            print(Memory.kilobytes("VmHWM") ?? -1)
            return
        }
        if let (store, count) = options.childDesk {
            // A child process: another desk appending while the bench's console watches (DeskWatch).
            try PostgresBench.childDesk(store, count)
            return
        }
        if let (file, log) = options.childImport {
            // A child process: import a clients file into a log, timing each part, then report its own peak memory.
            try Bench.childImport(file, log)
            return
        }
        try FileManager.default.createDirectory(atPath: options.dir, withIntermediateDirectories: true)
        var b = Bench(options: options)
        try b.runAll()
        options.write(b.rows, machine: Machine.describe())
    }

    /// The demo logs end here, and the console's clock is pinned here, so runs compare.
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    let options: Options
    var rows: [Row] = []
    var bin: String { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path }

    mutating func runAll() throws {
        if options.only == "import" {
            try importClients()
            return
        }
        if options.only == "autopilot" {
            let big = options.sizes.max()!
            try autopilotPreview(big, try demo(big))
            try autopilotRun()
            return
        }
        if options.only == "charts" {
            let big = options.sizes.max()!
            try charts(big, try demo(big))
            return
        }
        if options.only == "open" {
            // `--only open`: the spawned console's opening and first full frame, on every size asked for, and where the
            // first frame's time goes (with the snapshot the spawned runs left).
            for n in options.sizes {
                try spawnedFirstFrame(n, try demo(n))
                try firstFrameParts(try demo(n), usingSnapshot: true)
            }
            return
        }
        if options.only == "snapshot" {
            // `--only snapshot`: the checked snapshot's figures (a spawned `lapsed --json` and 1,000 `client add`s).
            for n in options.sizes { try snapshot(n, try demo(n)) }
            return
        }
        if options.only == "postgres" {
            // `--only postgres`: the PostgreSQL figures alone, beside the file log's, on the 250k (or largest) demo log.
            let n = options.sizes.contains(250_000) ? 250_000 : options.sizes.max()!
            rows += try PostgresBench.rows(self, n, try demo(n))
            return
        }
        if options.only == "keys" {
            // `--only keys`: the console's key rows alone (the drill-down's among them), on the largest demo log.
            let big = options.sizes.max()!
            try interaction(big, try demo(big))
            return
        }
        var logs: [Int: String] = [:]
        for n in options.sizes { logs[n] = try demo(n) }
        for n in options.sizes { try replay(n, logs[n]!) }
        for n in options.sizes where n >= 250_000 || options.sizes.count == 1 { try firstFrame(n, logs[n]!) }
        let big = options.sizes.max()!
        try memory(big, logs[big]!)
        try interaction(big, logs[big]!)
        try liveReload(big, logs[big]!)
        try append()
        let pgSize = options.sizes.contains(250_000) ? 250_000 : big
        rows += try PostgresBench.rows(self, pgSize, logs[pgSize]!)
        try idle(logs[big]!)
        try autopilotPreview(big, logs[big]!)
        try autopilotRun()
        try importClients()
        try auditReport(logs)
        try snapshot(big, logs[big]!)
    }

    func log(_ s: String) { FileHandle.standardError.write(Data(("bench: " + s + "\n").utf8)) }

    /// A demo log of about `n` events, made once per size by the real `keepwarm demo`.
    func demo(_ n: Int) throws -> String {
        let path = "\(options.dir)/demo-\(n).log"
        if !FileManager.default.fileExists(atPath: path) {
            log("generating \(n) events with keepwarm demo")
            try run(bin + "/keepwarm", ["demo", "--out", path, "--events", String(n), "--seed", "1", "--now", Bench.end.iso])
        }
        return path
    }

    mutating func replay(_ n: Int, _ path: String) throws {
        log("replay \(n)")
        var rate = Samples(), wc = Samples(), ratio = Samples()
        var events = 0
        for _ in 0..<options.runs {
            var opened: EventLog?
            let t = try Clock.seconds { opened = try EventLog.open(path: path) }
            events = opened!.practice.eventCount
            let w = try Clock.seconds { try run("/usr/bin/wc", ["-l", path]) }
            rate.add(Double(events) / t)
            wc.add(w)
            ratio.add(t / w)
        }
        rows.append(Row(figure: "Replay, \(events) events", unit: "events/s", samples: rate, target: n >= 1_000_000 ? "≥ 2,500,000" : "", format: .count))
        rows.append(Row(figure: "  ratio to wc -l (wc median \(ms(wc.median)))", unit: "×", samples: ratio, target: "≤ 12", format: .decimal))
    }

    mutating func firstFrame(_ n: Int, _ path: String) throws {
        log("first frame \(n)")
        var s = Samples()
        for _ in 0..<options.runs {
            // Kept past the clock: freeing a million events' state is the end of a run, not part of opening.
            var opened: [ConsoleApp] = []
            s.add(try Clock.seconds {
                let log = try EventLog.open(path: path)
                let app = ConsoleApp(log: log, terminal: MemoryTerminal(width: 132, height: 43), user: "bench", clock: { Bench.end })
                app.tick()
                opened.append(app)
            })
            opened.removeAll()
        }
        rows.append(Row(figure: "Open to first full frame, \(n) events", unit: "s", samples: s, target: n >= 1_000_000 ? "< 0.5" : "< 0.15", format: .seconds))
        try spawnedFirstFrame(n, path)
        try firstFrameParts(path)
    }

    /// The console spawned on a pseudo-terminal as a person starts it: until its opening frame, and until the panes.
    mutating func spawnedFirstFrame(_ n: Int, _ path: String) throws {
        var opening = Samples(), cold = Samples(), warm = Samples(), coldPeak = Samples(), warmPeak = Samples()
        let keepwarm = bin + "/keepwarm"
        for _ in 0..<options.runs {
            let t = try SpawnedConsole.time(keepwarm, log: path, now: Bench.end.iso, snapshot: false)
            opening.add(t.opening)
            cold.add(t.full)
            if let mb = t.peakMB { coldPeak.add(mb) }
        }
        // A command leaves the snapshot behind (a log of 1 MB or more), as the practice's first command of a day would.
        _ = try run(keepwarm, ["lapsed", "--json", "--log", path, "--now", Bench.end.iso])
        for _ in 0..<options.runs {
            let t = try SpawnedConsole.time(keepwarm, log: path, now: Bench.end.iso)
            opening.add(t.opening)
            warm.add(t.full)
            if let mb = t.peakMB { warmPeak.add(mb) }
        }
        let big = n >= 4_000_000
        rows.append(Row(figure: "Spawned console to its opening frame, \(n) events", unit: "s", samples: opening, target: "< 0.05", format: .seconds))
        rows.append(Row(figure: "Spawned console to its first full frame, no snapshot, \(n) events", unit: "s", samples: cold,
                        target: big ? "< 2" : n >= 1_000_000 ? "< 0.5" : "report", format: .seconds))
        rows.append(Row(figure: "  snapshot present", unit: "s", samples: warm,
                        target: big ? "< 0.25" : n >= 1_000_000 ? "< 0.1" : "report", format: .seconds))
        rows.append(Row(figure: "  peak RSS of the console, no snapshot", unit: "MB", samples: coldPeak, target: big ? "< 500" : "< 150", format: .decimal))
        rows.append(Row(figure: "  peak RSS of the console, snapshot present", unit: "MB", samples: warmPeak, target: big ? "< 500" : "< 150", format: .decimal))
    }

    /// Where the first frame's time goes: the replay, the lists, the audit's evidence and the drawing. Each part is
    /// timed alone; the console works out the lists and the evidence at the same time, one on each core.
    /// `usingSnapshot`: the practice read from the snapshot a spawned run left (and the log's tail), not replayed.
    mutating func firstFrameParts(_ path: String, usingSnapshot: Bool = false) throws {
        var replay = Samples(), lists = Samples(), audit = Samples(), draw = Samples()
        for _ in 0..<options.runs {
            var log: EventLog?
            replay.add(try Clock.seconds { log = try EventLog.open(path: path, usingSnapshot: usingSnapshot) })
            let p = log!.practice
            var data: ConsoleData?
            lists.add(Clock.seconds { data = ConsoleData(p, now: Bench.end) })
            audit.add(Clock.seconds { _ = AuditEvidence.all(p, window: AuditWindow(end: Bench.end)) })
            draw.add(Clock.seconds {
                _ = ConsoleView.render(ConsoleModel(user: "bench"), data: data!, practice: p, now: Bench.end, width: 132, height: 43)
            })
        }
        for (part, s) in [(usingSnapshot ? "reading the snapshot" : "replay", replay), ("diary, lapsed and other lists", lists), ("audit evidence (worked out beside the lists)", audit), ("drawing", draw)] {
            rows.append(Row(figure: "  of which \(part)", unit: "s", samples: s, target: "", format: .seconds))
        }
    }

    mutating func memory(_ n: Int, _ path: String) throws {
        log("memory \(n)")
        var s = Samples()
        for _ in 0..<Swift.max(1, options.runs / 2) {
            if let kb = Double(try run(CommandLine.arguments[0], ["--child-open", path]).trimmingCharacters(in: .whitespacesAndNewlines)) {
                s.add(kb / 1024)
            }
        }
        rows.append(Row(figure: "Peak RSS with \(n) events loaded", unit: "MB", samples: s, target: "< 150", format: .decimal))
    }

    /// Key press to updated frame at the largest size, on a copy in tmpfs so marking attended excludes the fsync.
    mutating func interaction(_ n: Int, _ path: String) throws {
        log("interaction \(n)")
        let shm = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : options.dir
        let copy = "\(shm)/keepwarm-bench-\(getpid()).log"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let terminal = MemoryTerminal(width: 132, height: 43)
        var now = Bench.end
        let opened = try EventLog.open(path: copy)
        try WeekBench.setHours(opened, at: now)
        let app = ConsoleApp(log: opened, terminal: terminal, user: "bench", clock: { now })
        app.tick()
        func time(_ k: Key) -> Double { Clock.seconds { app.press(k) } * 1000 }
        var move = Samples(), card = Samples(), attend = Samples(), search = Samples(), panes = Samples()
        for i in 0..<500 { move.add(time(i % 2 == 0 ? .char("j") : .char("k"))) }
        for _ in 0..<200 {
            card.add(time(.enter))
            app.press(.escape)
        }
        for _ in 0..<500 { panes.add(time(.tab)) }
        app.press(.char("1"))
        for _ in 0..<100 {
            app.press(.char("/"))
            for c in "sar" { search.add(time(.char(c))) }
            app.press(.escape)
        }
        // Mark each booked appointment today attended, then undo it, measuring the marking.
        let booked = app.data.diary.enumerated().filter { $0.element.appointment.status == .booked }.map(\.offset)
        app.press(.home)
        var at = 0
        for i in booked.prefix(50) {
            for _ in at..<i { app.press(.char("j")) }
            at = i
            attend.add(time(.char("a")))
            now = now.adding(minutes: 0)
            app.press(.char("u"))
        }
        let rssBefore = Memory.kilobytes("VmRSS") ?? 0
        let keys: [Key] = [.char("j"), .char("k"), .tab, .enter, .escape, .char("/"), .char("a"), .escape, .backTab, .pageDown, .pageUp, .char("?"), .escape]
        for i in 0..<10_000 { app.press(keys[i % keys.count]) }
        let growth = Double((Memory.kilobytes("VmRSS") ?? 0) - rssBefore) / 1024
        app.press(.char("1"))
        let week = WeekBench.keys(app, time)
        rows += ChartBench.rows(app, time, now: now)
        let drill = DrillBench.keys(app, time)
        for (name, s) in [("moving in a list", move), ("opening a client card", card), ("marking attended (no fsync)", attend),
                          ("searching by name (per key)", search), ("switching panes", panes), ("week view (W, ] [, ←/→, PgDn, k, Tab)", week)] {
            rows.append(Row(figure: "Key to frame, \(name), p99", unit: "ms", samples: s, target: "< 5", format: .millis, p99: true))
        }
        rows += drill.rows
        var g = Samples()
        g.add(growth)
        rows.append(Row(figure: "RSS growth over 10,000 key presses", unit: "MB", samples: g, target: "≈ 0", format: .decimal))
    }

    /// Another process's append, picked up by the console's next tick: only the new bytes are read.
    mutating func liveReload(_ n: Int, _ path: String) throws {
        log("live reload \(n)")
        let copy = "\(options.dir)/live.log"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let app = ConsoleApp(log: try EventLog.open(path: copy), terminal: MemoryTerminal(width: 132, height: 43), user: "bench", clock: { Bench.end })
        app.tick()
        let other = try EventLog.open(path: copy)
        var s = Samples()
        for i in 0..<50 {
            try other.append(by: "other", at: Bench.end) { p in
                try Command.addCallback(name: "Caller \(i)", phone: "07700 900\(100 + i)", reason: nil, by: Bench.end.adding(hours: 2)).event(in: p, now: Bench.end)
            }
            s.add(Clock.seconds { app.tick() } * 1000)
        }
        rows.append(Row(figure: "Live reload: tick that reads another's append", unit: "ms", samples: s,
                        target: "< 1000 (+\(ConsoleApp.pollMilliseconds) ms poll)", format: .millis, p99: true))
    }

    /// flock + catch up + one write + fdatasync, on the benchmark directory's file system.
    mutating func append() throws {
        log("append")
        let path = "\(options.dir)/append.log"
        try? FileManager.default.removeItem(atPath: path)
        let log = try EventLog.create(path: path, settings: SettingsChange(name: "Bench"), by: "bench", at: Bench.end)
        var s = Samples()
        for i in 0..<200 {
            s.add(try Clock.seconds {
                try log.append(by: "bench", at: Bench.end) { p in
                    try Command.addCallback(name: "Caller \(i)", phone: "07700 900\(100 + i)", reason: nil, by: Bench.end).event(in: p, now: Bench.end)
                }
            } * 1000)
        }
        rows.append(Row(figure: "Durable append p50 (flock+write+fdatasync)", unit: "ms", samples: s, target: "report", format: .millis, p50: true))
        rows.append(Row(figure: "Durable append p99", unit: "ms", samples: s, target: "report", format: .millis, p99: true))
    }

    /// The console left alone in tmux: CPU time used over the idle period.
    mutating func idle(_ path: String) throws {
        guard options.idleSeconds > 0 else { return }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            log("tmux is missing: idle CPU not measured (apt-get install tmux)")
            return
        }
        log("idle CPU for \(options.idleSeconds) s")
        let session = "kw-bench-\(getpid())"
        let sock = "kw-bench-\(getpid())"
        try run("/usr/bin/tmux", ["-L", sock, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "132", "-y", "43",
                                  "env", "TERM=xterm-256color", "LC_ALL=C.UTF-8", bin + "/keepwarm", "--log", path, "--now", Bench.end.iso],
                capture: false)
        defer { _ = try? run("/usr/bin/tmux", ["-L", sock, "kill-server"], capture: false) }
        Thread.sleep(forTimeInterval: 3)
        guard let pid = Int32(try run("/usr/bin/tmux", ["-L", sock, "display-message", "-p", "-t", session, "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)), let before = Memory.cpuSeconds(pid: pid) else { return }
        Thread.sleep(forTimeInterval: Double(options.idleSeconds))
        guard let after = Memory.cpuSeconds(pid: pid) else { return }
        var s = Samples()
        s.add((after - before) / Double(options.idleSeconds) * 100)
        rows.append(Row(figure: "Idle CPU in tmux over \(options.idleSeconds) s", unit: "%", samples: s, target: "< 1", format: .decimal))
    }

    func ms(_ s: Double) -> String { String(format: "%.0f ms", s * 1000) }
}

/// The console's screen in memory, for timing frames without a terminal.
final class MemoryTerminal: Terminal {
    let size: (width: Int, height: Int)
    var stopRequested = false
    private(set) var frames = 0
    init(width: Int, height: Int) { size = (width, height) }
    func draw(_ grid: Grid) { frames += 1 }
    func readKey(timeoutMilliseconds: Int) -> Key? { nil }
}
