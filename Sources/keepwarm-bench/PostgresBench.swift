import Foundation
import KeepwarmConsole
import KeepwarmCore
#if PostgreSQL
import KeepwarmPostgres
#endif

/// The issue's PostgreSQL figures (Docs/postgres.md), against a throwaway local server the bench starts and stops:
/// opening a 250k-event practice to the first frame beside the file log's, an append's p50/p99 through the store and
/// as the `keepwarm` command, and another desk's change on screen, each beside the file log measured the same way.
enum PostgresBench {
    /// Adds the PostgreSQL rows for the demo log at `path` (about `n` events), or says in one line why there are none.
    static func rows(_ b: Bench, _ n: Int, _ path: String) throws -> [Row] {
        guard let bin = BenchCluster.binaries() else {
            b.log("PostgreSQL is not installed, so its figures are skipped (bash scripts/install-tools test installs it)")
            return []
        }
        #if PostgreSQL
        let cluster = try BenchCluster(bin: bin)
        let signals = StopOnSignal(cluster)
        defer {
            signals.cancel()
            cluster.stop()
        }
        b.log("PostgreSQL \(bin) on 127.0.0.1:\(cluster.port), in \(cluster.folder)")
        var rows: [Row] = []
        let url = try cluster.newDatabase("bench\(n)")
        b.log("migrate \(n) events into PostgreSQL")
        var migrate = Samples()
        migrate.add(try Clock.seconds { try keepwarm(b, ["migrate", "--log", path, "--to", url]) })
        rows.append(Row(figure: "keepwarm migrate of \(n) events into PostgreSQL", unit: "s", samples: migrate, target: "report", format: .seconds))
        rows += try firstFrame(b, n, path, url)
        rows += try appends(b, url)
        rows += try appendCommands(b, cluster)
        rows += try changeOnScreen(b, n, path, url)
        return rows
        #else
        _ = bin
        b.log("this keepwarm-bench was built without PostgreSQL (the PostgreSQL trait), so its figures are skipped")
        return []
        #endif
    }

    #if PostgreSQL
    /// Open to the first full frame from the database and from the file, alternating, so both see the same minute of
    /// the machine; then the same as the whole `keepwarm overview` command.
    static func firstFrame(_ b: Bench, _ n: Int, _ path: String, _ url: String) throws -> [Row] {
        b.log("first frame \(n), PostgreSQL beside the file log")
        var file = Samples(), pg = Samples(), pgOpen = Samples(), fileCommand = Samples(), pgCommand = Samples()
        for _ in 0..<b.options.runs {
            var opened: [ConsoleApp] = []
            file.add(try Clock.seconds {
                let app = ConsoleApp(log: try EventLog.open(path: path), terminal: MemoryTerminal(width: 132, height: 43), user: "bench", clock: { Bench.end })
                app.tick()
                opened.append(app)
            })
            opened.removeAll()
            var read = 0.0
            pg.add(try Clock.seconds {
                var store: PostgresEventStore?
                read = try Clock.seconds { store = try PostgresEventStore.open(url: url, environment: [:]) }
                let app = ConsoleApp(log: store!, terminal: MemoryTerminal(width: 132, height: 43), user: "bench", clock: { Bench.end })
                app.tick()
                opened.append(app)
            })
            pgOpen.add(read)
            opened.removeAll()
            fileCommand.add(try Clock.seconds { try keepwarm(b, ["overview", "--log", path, "--now", Bench.end.iso]) })
            pgCommand.add(try Clock.seconds { try keepwarm(b, ["overview", "--store", url, "--now", Bench.end.iso]) })
        }
        return [
            Row(figure: "Open to first full frame, \(n) events, file log (this run)", unit: "s", samples: file, target: "< 0.15", format: .seconds),
            Row(figure: "Open to first full frame, \(n) events, PostgreSQL", unit: "s", samples: pg, target: "< 1.5", format: .seconds),
            Row(figure: "  of which connecting, reading and replaying the rows", unit: "s", samples: pgOpen, target: "", format: .seconds),
            Row(figure: "keepwarm overview, whole command, \(n) events, file log", unit: "s", samples: fileCommand, target: "report", format: .seconds),
            Row(figure: "keepwarm overview, whole command, \(n) events, PostgreSQL", unit: "s", samples: pgCommand, target: "report", format: .seconds),
        ]
    }

    /// One desk's appends through the store (one callback each, on the big practice), after a few to warm up: the
    /// round trips to the server and its commit.
    static func appends(_ b: Bench, _ url: String) throws -> [Row] {
        b.log("append through the store, PostgreSQL")
        let store = try PostgresEventStore.open(url: url, environment: [:])
        var s = Samples()
        for i in 0..<550 {
            let t = try Clock.seconds { try addCallback(store, "Caller \(i)", i) } * 1000
            if i >= 50 { s.add(t) }
        }
        return [
            Row(figure: "PostgreSQL append p50 (one desk, loopback, 500 appends)", unit: "ms", samples: s, target: "report", format: .millis, p50: true),
            Row(figure: "PostgreSQL append p99", unit: "ms", samples: s, target: "< 10", format: .millis, p99: true),
        ]
    }

    /// `keepwarm callback add` as a desk would run it, on a practice of its own started by `keepwarm init`: the whole
    /// command (start, connect, read, append, exit), beside the same command on a log file.
    static func appendCommands(_ b: Bench, _ cluster: BenchCluster) throws -> [Row] {
        b.log("keepwarm callback add, PostgreSQL beside the file log")
        let url = try cluster.newDatabase("benchcli")
        let path = "\(b.options.dir)/cli-append.log"
        try? FileManager.default.removeItem(atPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try keepwarm(b, ["init", "--store", url, "--name", "Bench", "--now", Bench.end.iso])
        try keepwarm(b, ["init", "--log", path, "--name", "Bench", "--now", Bench.end.iso])
        var pg = Samples(), file = Samples()
        for i in 0..<50 {
            let args = ["callback", "add", "--name", "Caller \(i)", "--phone", "07700 900\(100 + i)", "--now", Bench.end.iso]
            file.add(try Clock.seconds { try keepwarm(b, args + ["--log", path]) } * 1000)
            pg.add(try Clock.seconds { try keepwarm(b, args + ["--store", url]) } * 1000)
        }
        return [
            Row(figure: "keepwarm callback add, whole command, file log, p99", unit: "ms", samples: file, target: "report", format: .millis, p99: true),
            Row(figure: "keepwarm callback add, whole command, PostgreSQL, p50", unit: "ms", samples: pg, target: "report", format: .millis, p50: true),
            Row(figure: "keepwarm callback add, whole command, PostgreSQL, p99", unit: "ms", samples: pg, target: "report", format: .millis, p99: true),
        ]
    }

    /// Another desk (a second process) appends at random moments while a console runs its real loop (a key read
    /// that times out every 250 ms, then a look for news); each change counts from the moment the other desk's
    /// append returned to the first frame the console draws holding it. The file log is measured the same way.
    static func changeOnScreen(_ b: Bench, _ n: Int, _ path: String, _ url: String) throws -> [Row] {
        b.log("another desk's change on screen, PostgreSQL beside the file log")
        let copy = "\(b.options.dir)/desk.log"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let pg = try DeskWatch.measure(b, store: try PostgresEventStore.open(url: url, environment: [:]), address: url)
        let file = try DeskWatch.measure(b, store: try EventLog.open(path: copy), address: copy)
        return [
            Row(figure: "Another desk's change on screen, file log, p99", unit: "ms", samples: file, target: "report", format: .millis, p99: true),
            Row(figure: "Another desk's change on screen, PostgreSQL, p50", unit: "ms", samples: pg, target: "report", format: .millis, p50: true),
            Row(figure: "Another desk's change on screen, PostgreSQL, p99", unit: "ms", samples: pg, target: "< 500", format: .millis, p99: true),
        ]
    }

    #endif

    /// The other desk: `keepwarm-bench --child-desk STORE COUNT` opens the store, waits a second for the console to
    /// be running, then appends COUNT callbacks 100–400 ms apart, printing each one's seq and the monotonic clock
    /// (nanoseconds) when its append returned.
    static func childDesk(_ address: String, _ count: Int) throws {
        let store = try open(address)
        usleep(1_000_000)
        for i in 0..<count {
            usleep(UInt32.random(in: 100_000...400_000))
            let e = try addCallback(store, "Desk caller \(i)", i)
            print("\(e.seq) \(DeskWatch.now())")
        }
    }

    /// A database URL or a log file's path, opened as the console would.
    static func open(_ address: String) throws -> any EventStore {
        #if PostgreSQL
        if address.hasPrefix("postgres") { return try PostgresEventStore.open(url: address, environment: [:]) }
        #endif
        return try EventLog.open(path: address)
    }

    @discardableResult
    static func addCallback(_ store: any EventStore, _ name: String, _ i: Int) throws -> Event {
        try store.append(by: "bench", at: Bench.end) { p in
            try Command.addCallback(name: name, phone: "07700 9\(String(format: "%05d", i % 100_000))", reason: nil, by: Bench.end.adding(hours: 2))
                .event(in: p, now: Bench.end)
        }
    }

    /// Runs the built `keepwarm` with `args`; throws with its output when it fails.
    static func keepwarm(_ b: Bench, _ args: [String]) throws {
        let out = "\(b.options.dir)/keepwarm-out-\(getpid())"
        defer { unlink(out) }
        let status = try spawnAndWait([b.bin + "/keepwarm"] + args, output: out)
        guard status == 0 else {
            throw BenchError("keepwarm \(args.joined(separator: " ")) failed (status \(status)): \((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")")
        }
    }
}

/// Stops the bench's PostgreSQL server when SIGINT or SIGTERM ends the bench, which otherwise would leave it running.
final class StopOnSignal {
    private let sources: [DispatchSourceSignal]

    init(_ cluster: BenchCluster) {
        sources = [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler {
                cluster.stop()
                exit(128 + sig)
            }
            s.resume()
            return s
        }
    }

    /// Back to the signals' default actions.
    func cancel() {
        for s in sources { s.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
