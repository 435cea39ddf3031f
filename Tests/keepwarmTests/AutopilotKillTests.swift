import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// `autopilot run` killed with SIGKILL at random points and run again (Docs/reliability.md, "The autopilot never
/// sends twice"): every message the mail sink received is recorded as sent or listed as unresolved, none arrived
/// twice, and nothing recorded as sent is missing from the sink. Seeded: a failure prints its seed, and
/// `KEEPWARM_SOAK_SEED=N` repeats it.
@Suite(.serialized) struct AutopilotKillTests {
    static func seed() -> UInt64 {
        if let s = ProcessInfo.processInfo.environment["KEEPWARM_SOAK_SEED"], let n = UInt64(s) { return n }
        return UInt64.random(in: 1...UInt64.max)
    }

    /// Runs `autopilot run` `kills` times, each killed with SIGKILL `delays` microseconds after it started, then once
    /// to the end; returns the last run's status.
    func killAndRerun(_ ap: AutopilotPractice, kills: Int, delays: ClosedRange<UInt64>, seed: UInt64) throws -> Spawned.End {
        var rng = SplitMix64(seed: seed)
        var env = ap.env
        env["KEEPWARM_LOG"] = ap.cli.log
        env["KEEPWARM_USER"] = "sam"
        for round in 0..<kills {
            let run = try Spawned([CLI.binary, "autopilot", "run", "--now", AutopilotPractice.now], env: env,
                                  stdout: ap.cli.dir + "/kill\(round).out", stderr: ap.cli.dir + "/kill\(round).err")
            usleep(useconds_t(delays.lowerBound + rng.next() % (delays.upperBound - delays.lowerBound + 1)))
            kill(run.pid, SIGKILL)
            _ = run.wait()
        }
        let last = try Spawned([CLI.binary, "autopilot", "run", "--now", AutopilotPractice.now], env: env,
                               stdout: ap.cli.dir + "/final.out", stderr: ap.cli.dir + "/final.err")
        let end = last.wait()
        // A mail command whose keepwarm was killed runs on in its own session; let the last of them finish.
        usleep(500_000)
        return end
    }

    /// Checks the sink against the log; returns (sent, unresolved, unresolved that arrived).
    func check(_ ap: AutopilotPractice, received: [String: Int], messages: Int, seed: UInt64) throws -> (Int, Int, Int) {
        let p = try ap.practice()
        #expect(p.autopilot.attempts.count == messages, "seed \(seed): every message was tried once")
        #expect(p.autopilot.byKey.values.allSatisfy { $0.count == 1 }, "seed \(seed): no message was tried twice")
        let twice = received.filter { $0.value > 1 }
        #expect(twice.isEmpty, "seed \(seed): received twice: \(twice)")
        var byID: [String: Attempt] = [:]
        for a in p.autopilot.attempts { byID[AutopilotPractice.messageID(a.start.key)] = a }
        var sent = 0, unresolved = 0, unresolvedArrived = 0
        for id in received.keys {
            let a = try #require(byID[id], "seed \(seed): \(id) arrived but was never attempted")
            switch a.outcome {
            case .sent, .unresolved: break
            case .failed: Issue.record("seed \(seed): \(id) arrived but is recorded as failed")
            }
        }
        for a in p.autopilot.attempts {
            let id = AutopilotPractice.messageID(a.start.key)
            switch a.outcome {
            case .sent:
                sent += 1
                #expect(received[id] == 1, "seed \(seed): \(a.id) is recorded as sent but never arrived")
            case .unresolved:
                unresolved += 1
                if received[id] != nil { unresolvedArrived += 1 }
            case .failed(_, let reason, _, _):
                Issue.record("seed \(seed): \(a.id) failed: \(reason)")
            }
        }
        let listed = try ap.cli.json("autopilot", "unresolved").compactMap { $0["attempt"] as? String }
        #expect(listed == p.autopilot.unresolved.map(\.description), "seed \(seed): every unresolved attempt is listed")
        #expect(listed.count == unresolved)
        return (sent, unresolved, unresolvedArrived)
    }

    @Test func fiveHundredMessagesKilledTwentyTimesNeverGoTwiceAndEveryDoubtIsListed() throws {
        let seed = Self.seed()
        let ap = try AutopilotPractice()
        try ap.addBookedClients(500)
        try ap.allowCap(1000)
        try ap.configure(mail: try ap.folderMailCommand(sleep: "0.003"))
        let end = try killAndRerun(ap, kills: 20, delays: 30_000...700_000, seed: seed)
        #expect(end == .exited(0), "seed \(seed): the last run had nothing new fail")
        let (sent, unresolved, arrived) = try check(ap, received: ap.received(), messages: 500, seed: seed)
        print("kill test (seed \(seed)): 500 messages, 20 kills: \(sent) sent, \(unresolved) unresolved (\(arrived) of them had arrived), \(ap.received().count) received")
    }

    @Test func throughMsmtpAndSMTPKilledAtRandomPointsNothingGoesTwice() throws {
        let seed = Self.seed()
        let ap = try AutopilotPractice()
        try ap.addBookedClients(40)
        let smtp = try SmtpSink(dir: ap.cli.dir)
        let rc = ap.cli.dir + "/mail settings/msmtprc"
        try SmtpSink.msmtprc(at: rc, port: smtp.port, from: "desk@riverside.example")
        try ap.configure(mail: "\(try Spawned.which("msmtp", package: "msmtp")) -C '\(rc)' -t")
        let end = try killAndRerun(ap, kills: 5, delays: 50_000...600_000, seed: seed)
        #expect(end == .exited(0))
        var received: [String: Int] = [:]
        for m in smtp.received() {
            let text = String(decoding: m, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Message-ID: <") }) else { continue }
            received[String(line.dropFirst("Message-ID: <".count).dropLast()), default: 0] += 1
        }
        let (sent, unresolved, arrived) = try check(ap, received: received, messages: 40, seed: seed)
        print("kill test through msmtp (seed \(seed)): 40 messages, 5 kills: \(sent) sent, \(unresolved) unresolved (\(arrived) had arrived)")
    }
}
