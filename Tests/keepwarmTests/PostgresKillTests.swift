import Foundation
import KeepwarmTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// "Nothing lost" on PostgreSQL: a desk killed with SIGKILL mid-append, 50 times, never loses an event the built
/// `keepwarm` said it recorded; the rows stay one order with no gap or duplicate, and replay cleanly.
@Suite struct PostgresKillTests {
    static let kills = Int(ProcessInfo.processInfo.environment["KEEPWARM_SOAK_KILLS"] ?? "") ?? 50
    static let seed = UInt64(ProcessInfo.processInfo.environment["KEEPWARM_SOAK_SEED"] ?? "") ?? UInt64.random(in: 1...999_999)

    /// A desk is a shell loop running `keepwarm client add` again and again, each line of its output the client's
    /// name, then the id keepwarm printed once the append returned (after COMMIT): a line with its id is an
    /// acknowledged append. The desk's whole process group is killed at a varied moment, so the kill lands in
    /// keepwarm's start, its connection, its transaction, its commit or its answer.
    @Test func killedDesksNeverLoseAnAcknowledgedEvent() throws {
        let pg = try PostgresCLI()
        try pg.ok(["init", "--name", "Kill Test", "--now", "2026-11-23T08:00:00Z"])
        var random = SplitMix64(seed: Self.seed)
        var acked: [String: String] = [:]  // name → id
        var cut = 0  // names a desk began but did not acknowledge
        // How long one desk's append takes here (keepwarm's start, connection, transaction, answer), in µs.
        let started = Date()
        for i in 1...3 { try pg.ok(["client", "add", "--name", "Timing \(i)", "--now", "2026-11-23T08:30:00Z"]) }
        let cycle = max(10_000, Int(Date().timeIntervalSince(started) / 3 * 1_000_000))
        for round in 1...Self.kills {
            let out = pg.files.dir + "/desk-\(round).out"
            let script = """
                i=1
                while :; do
                  printf 'K%s-%s ' "$ROUND" "$i"
                  "$KW" client add --name "K$ROUND-$i" --store "$URL" --now 2026-11-23T09:00:00Z || exit 1
                  i=$((i+1))
                done
                """
            let desk = try Desk(script: script, out: out, env: ["KW": CLI.binary, "URL": pg.url, "ROUND": "\(round)",
                                                                "KEEPWARM_USER": "desk", "HOME": pg.files.dir])
            // After 0 to 3 acknowledged appends, at a moment spread over one append's time: the kill lands anywhere in
            // a keepwarm's life, whatever the machine's speed.
            let wanted = Int(random.next() % 4)
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = String(decoding: pg.contents(out), as: UTF8.self)
                if text.filter({ $0 == "\n" }).count >= wanted && text.hasSuffix(" ") { break }
                usleep(2_000)
            }
            usleep(UInt32(random.next() % UInt64(cycle)))
            desk.kill()
            let text = String(decoding: pg.contents(out), as: UTF8.self)
            // The last piece (after the last newline) is a line the kill cut short: never an acknowledgement.
            let pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
            if let tail = pieces.last, !tail.isEmpty { cut += 1 }
            for line in pieces.dropLast() {
                let parts = line.split(separator: " ")
                if parts.count == 2, parts[1].hasPrefix("c") {
                    acked[String(parts[0])] = String(parts[1])
                } else if !line.isEmpty {
                    cut += 1
                }
            }
            // After every kill: one order, no gap, no duplicate (seq is the primary key).
            let shape = try pg.sql("SELECT count(*), min(seq), max(seq) FROM keepwarm_events")
            let n = shape.split(separator: "|").compactMap { Int($0) }
            #expect(n.count == 3 && n[1] == 0 && n[2] == n[0] - 1, "round \(round): rows \(shape) (seed \(Self.seed))")
        }
        // Every acknowledged client is there exactly once, with the id the desk was told.
        let rows = try pg.rows().split(separator: "\n").map(String.init)
        var byName: [String: [String]] = [:]
        for row in rows where row.contains("\"client.added\"") {
            guard let data = row.data(using: .utf8), let o = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            let fields = (o["data"] as? [String: Any]) ?? o
            if let name = fields["name"] as? String, let id = fields["id"] as? String { byName[name, default: []].append(id) }
        }
        for (name, id) in acked.sorted(by: { $0.key < $1.key }) {
            #expect(byName[name] == [id], "\(name) was acknowledged as \(id); the rows hold \(byName[name] ?? []) (seed \(Self.seed))")
        }
        #expect(byName.values.allSatisfy { $0.count == 1 }, "no client twice")
        #expect(acked.count >= Self.kills / 2, "most desks acknowledged appends before they were killed: \(acked.count)")
        // A replay is clean, and a desk can carry on appending.
        let check = try pg.run(["check", "--store", pg.url])
        #expect(check.status == 0 && check.out.hasSuffix("no damage\n"), "\(check.out)\(check.err)")
        #expect(try pg.ok(["client", "add", "--name", "After the kills", "--now", "2026-11-23T10:00:00Z"]).hasPrefix("c"))
        let unacknowledged = byName.keys.filter { $0.hasPrefix("K") }.count - acked.count
        print("postgres kills: one append \(cycle / 1000) ms, \(Self.kills) kills, \(acked.count) acknowledged appends kept, \(cut) cut short, of which \(unacknowledged) were committed but not acknowledged; seed \(Self.seed)")
    }
}

/// A shell running `script` in a process group of its own, its output to a file, killed as a whole with SIGKILL.
private struct Desk {
    let pid: pid_t

    init(script: String, out: String, env: [String: String]) throws {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        for k in ["KEEPWARM_LOG", "KEEPWARM_STORE"] { environment[k] = nil }
        for (k, v) in env { environment[k] = v }
        let args = ["/bin/bash", "-c", script]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, args[0], &actions, &attr, &argv, &envp)
        guard rc == 0 else { throw Failure("could not start the desk: \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    /// SIGKILL to the shell and the keepwarm it runs, then waits for the shell.
    func kill() {
        _ = Glibc.kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
