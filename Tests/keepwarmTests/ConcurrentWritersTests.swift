import Foundation
import Testing
@testable import KeepwarmCore

/// "Nothing lost", concurrency: four processes appending at once, with a console open on the same log, lose nothing,
/// merge nothing, and the console catches up within a second of the last write.
@Suite struct ConcurrentWritersTests {
    static let writerCount = 4
    static let appendsEach = 2000
    /// A second, plus the console's 250 ms between looks at the log.
    static let allowedMilliseconds: Int64 = 1000 + Int64(250)

    @Test func fourWritersWhileAConsoleWatches() throws {
        let cli = CLI()
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace"] + at)
        let start = try LogContents(path: cli.log).events.count

        let t = try Tmux(width: 120, height: 40, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        try t.waitFor("No thank-yous owed.")

        // Each writer's last event is a client referred by Ada: a thank-you owed, which the console shows.
        let writers = try (1...Self.writerCount).map { w in
            try WriterProcess(["append", "--log", cli.log, "--count", "\(Self.appendsEach)", "--tag", "Writer \(w)",
                               "--referred-by", "c1", "--now", "2026-11-23T11:00:00Z"], in: cli.dir, name: "writer\(w)")
        }
        let owed = (1...Self.writerCount).map { "Ada Lovelace → Writer \($0)" }
        var shownAt: Int64?
        var writersEnded: Date?
        // Long enough for a slow machine; a writer that fails stops the wait five seconds after the last one ends.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, writersEnded.map({ Date().timeIntervalSince($0) < 5 }) ?? true {
            let screen = try t.capture()
            if owed.allSatisfy(screen.contains) {
                shownAt = Instant(Date()).ms
                break
            }
            if writersEnded == nil && writers.allSatisfy(\.hasEnded) { writersEnded = Date() }
            usleep(10_000)
        }
        for w in writers { #expect(w.wait() == .exited(0), "\(w.errors)") }

        // The log: exactly the new events, every line whole with a good checksum, seq 1, 2, 3…
        let disk = try LogContents(path: cli.log)
        #expect(disk.events.count == start + Self.writerCount * Self.appendsEach)
        #expect(disk.lineCount == 1 + start + Self.writerCount * Self.appendsEach, "one event per line, none merged")
        #expect(disk.tail.isEmpty)
        #expect(disk.seqProblem == nil, "\(disk.seqProblem ?? "")")
        let log = try EventLog.open(path: cli.log)
        #expect(log.damage.isEmpty)
        #expect(log.practice.lastSeq == start + Self.writerCount * Self.appendsEach)

        // Every writer: 2,000 acknowledgements, each naming the event at that seq, and 2,000 events signed by it.
        var acks: [Ack] = []
        for (i, w) in writers.enumerated() {
            let mine = w.acks()
            #expect(mine.count == Self.appendsEach)
            #expect(disk.events.count { $0.by == "Writer \(i + 1)" } == Self.appendsEach)
            for a in mine where a.seq > disk.events.count || LogContents.id(of: disk.events[a.seq - 1]) != a.id {
                Issue.record("Writer \(i + 1): acknowledged \(a.id) at seq \(a.seq), but the log has something else there")
            }
            acks += mine
        }
        #expect(Set(acks.map(\.seq)).count == acks.count, "no seq acknowledged twice")

        // The console: every writer's last event on screen, soon after the last append returned.
        let last = try t.capture()
        let shown = try #require(shownAt, "the console never showed all four thank-yous:\n\(last)")
        let lastAppend = try #require(acks.map(\.ms).max())
        let latency = shown - lastAppend
        let first = try #require(acks.map(\.ms).min())
        print("concurrency: \(acks.count) appends by \(Self.writerCount) processes in \(lastAppend - first) ms (\(acks.count * 1000 / Int(max(1, lastAppend - first))) per second); the console showed the final state \(latency) ms after the last append")
        #expect(latency <= Self.allowedMilliseconds, "the console took \(latency) ms to show the last writes")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
