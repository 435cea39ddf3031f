import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// "Nothing lost", crash safety: a writer killed with SIGKILL at random moments never loses an event it was told was
/// saved, the log always opens, and an incomplete last line is set aside by the next write.
@Suite struct CrashSafetyTests {
    /// 50 kills in `make test`; `make soak` sets KEEPWARM_SOAK_KILLS=500. KEEPWARM_SOAK_SEED repeats a run.
    static let kills = Int(ProcessInfo.processInfo.environment["KEEPWARM_SOAK_KILLS"] ?? "") ?? 50
    static let seed = UInt64(ProcessInfo.processInfo.environment["KEEPWARM_SOAK_SEED"] ?? "") ?? UInt64.random(in: 1...999_999)

    @Test func killedWritersNeverLoseAnAcknowledgedEvent() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-11-23T08:00:00Z")
        var run = KillRun(cli: cli, seed: CrashSafetyTests.seed)
        for round in 1...CrashSafetyTests.kills {
            // Every tenth round a power cut leaves half a line; SIGKILL alone almost never does, as the kernel
            // finishes a small write() before the process dies.
            if round % 10 == 5 { try run.powerCut(round) }
            try run.killWriter(round)
            try run.verify(round)
        }
        // A last append, so any torn tail the final kill left is set aside too.
        try run.deskAppend("Desk after the last kill")
        try run.verify(CrashSafetyTests.kills + 1)
        #expect(try LogContents(path: cli.log).tail.isEmpty)
        #expect(run.acked.count > CrashSafetyTests.kills, "most writers acknowledged events before they were killed (seed \(run.seed))")
        print("crash safety: \(CrashSafetyTests.kills) kills, \(run.acked.count) acknowledged events kept, \(run.killedBeforeFirstAck) kills before a first acknowledgement, \(run.unacknowledgedOnDisk) written but unacknowledged, \(run.tornTails) torn tails set aside (\(run.naturalTears) from SIGKILL); seed \(run.seed)")
    }
}

/// One crash-safety run: what has been acknowledged so far, and the checks made after every kill.
struct KillRun {
    let cli: CLI
    let seed: UInt64
    private var random: SplitMix64
    /// seq → id of every event a writer (or the CLI) acknowledged, over the whole run.
    private(set) var acked: [Int: String] = [:]
    /// Every incomplete tail seen; each set-aside file must hold one of them.
    private var tails: [[UInt8]] = []
    private(set) var killedBeforeFirstAck = 0
    private(set) var unacknowledgedOnDisk = 0
    private(set) var naturalTears = 0
    private(set) var tornTails = 0

    init(cli: CLI, seed: UInt64) {
        self.cli = cli
        self.seed = seed
        random = SplitMix64(seed: seed)
    }

    /// Starts a writer and kills it: a quarter of the time at a random moment of its start-up (opening the log,
    /// catching up, setting a torn tail aside), otherwise up to 20 ms into its stream of appends.
    mutating func killWriter(_ round: Int) throws {
        let w = try WriterProcess(["append", "--log", cli.log, "--count", "1000000000", "--tag", "w\(round)"], in: cli.dir, name: "w\(round)")
        if random.next() % 4 == 0 {
            usleep(UInt32(random.next() % 30_000))
        } else {
            #expect(w.waitForAcks(1), "round \(round): the writer stopped before its first append (seed \(seed)): \(w.errors)")
            usleep(UInt32(random.next() % 20_000))
        }
        #expect(w.killHard(), "round \(round): the writer had already stopped (seed \(seed)): \(w.errors)")
        let acks = w.acks()
        if acks.isEmpty { killedBeforeFirstAck += 1 }
        for a in acks {
            #expect(acked[a.seq] == nil, "round \(round): seq \(a.seq) acknowledged twice (seed \(seed))")
            acked[a.seq] = a.id
        }
    }

    /// The log on disk after a kill: every line intact, seq 1, 2, 3…, every acknowledged event in place, `EventLog`
    /// opens it without damage, and every set-aside file holds a tail that was really there.
    mutating func verify(_ round: Int) throws {
        let disk = try LogContents(path: cli.log)
        #expect(disk.seqProblem == nil, "round \(round): \(disk.seqProblem ?? "") (seed \(seed))")
        let lost = acked.filter { seq, id in seq > disk.events.count || LogContents.id(of: disk.events[seq - 1]) != id }
        #expect(lost.isEmpty, "round \(round): acknowledged events missing from the log: \(lost.sorted { $0.key < $1.key }.prefix(5)) (seed \(seed))")
        unacknowledgedOnDisk = disk.events.count - 1 - acked.count

        let log = try EventLog.open(path: cli.log)
        #expect(log.damage.isEmpty, "round \(round): \(log.damage.first?.description ?? "") (seed \(seed))")
        #expect(log.practice.lastSeq == disk.events.count)
        #expect(log.pendingTailBytes == disk.tail.count)
        if !disk.tail.isEmpty && !tails.contains(disk.tail) {
            tails.append(disk.tail)
            naturalTears += 1
        }

        let asideFiles = try tornFiles()
        tornTails = asideFiles.count
        for f in asideFiles {
            // A writer killed while copying a tail aside leaves part of it (the tail itself is still in the log, and
            // the next writer copies it again), so a prefix is allowed; anything else was never there.
            let bytes = [UInt8](FileManager.default.contents(atPath: f) ?? Data())
            #expect(tails.contains { $0.starts(with: bytes) }, "round \(round): \(f) holds bytes that were never a torn tail (seed \(seed))")
        }
    }

    /// A crash mid-write, as a power cut leaves it: the first half of the next line. `keepwarm check` must open the
    /// log and note it without changing anything; the desk's next append sets it aside, warns once, and carries on.
    mutating func powerCut(_ round: Int) throws {
        let before = [UInt8](cli.bytes())
        let next = try LogContents(path: cli.log).events.count + 1
        let line = EventCodec.line(for: Event(seq: next, at: Instant(seconds: 1_795_424_400), by: "power-cut",
                                              body: .callbackAdded(CallbackID(next), name: "Torn \(round)", phone: "07700 900000", reason: nil, promisedBy: Instant(seconds: 1_795_510_800))))
        let fragment = Array(line.prefix(line.count / 2))
        #expect(!fragment.contains(0x0A))
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: cli.log))
        try h.seekToEnd()
        try h.write(contentsOf: fragment)
        try h.close()
        tails.append(fragment)

        let check = try cli.run(["check"])
        #expect(check.status == 0, "check: \(check.err)")
        #expect(check.out.contains("note: \(cli.log): the last \(fragment.count) bytes are an incomplete line"), "check: \(check.out)")
        #expect(check.out.contains("no damage"))
        #expect([UInt8](cli.bytes()) == before + fragment, "check changed nothing")

        let asideBefore = try tornFiles()
        let err = try deskAppend("Desk after power cut \(round)")
        #expect(err.hasPrefix("keepwarm: warning: \(cli.log):\(next + 1):1: the last line was incomplete (\(fragment.count) bytes, from a crash or power cut); it was set aside in \(cli.log).torn-"), "\(err)")
        #expect(err.filter { $0 == "\n" }.count == 1, "warned once: \(err)")
        let aside = try tornFiles().filter { !asideBefore.contains($0) }
        #expect(aside.count == 1)
        #expect(aside.first.map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) } == fragment)
    }

    /// `keepwarm callback add` from the desk; its printed id is an acknowledgement like a writer's. Returns stderr.
    @discardableResult
    mutating func deskAppend(_ name: String) throws -> String {
        let r = try cli.run(["callback", "add", "--name", name, "--phone", "07700 900111", "--by", "2026-11-24 09:00", "--now", "2026-11-23 09:00"])
        #expect(r.status == 0, "\(name): \(r.err)")
        let id = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let disk = try LogContents(path: cli.log)
        let e = try #require(disk.events.last { LogContents.id(of: $0) == id }, "\(name): \(id) is not in the log")
        acked[e.seq] = id
        return r.err
    }

    private func tornFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cli.dir).filter { $0.hasPrefix("events.log.torn-") }.sorted().map { "\(cli.dir)/\($0)" }
    }
}
