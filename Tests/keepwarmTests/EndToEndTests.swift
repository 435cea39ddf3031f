import Foundation
import Testing
@testable import KeepwarmCore

@Suite struct EndToEndTests {
    /// init → clients (one referred) → book → attend → rebook → the queries, moving the clock with --now.
    @Test func aClientsJourneyFromAFreshDirectory() throws {
        let cli = CLI()
        #expect(try cli.ok("init", "--name", "Riverside Therapy Rooms", "--now", "2026-11-23T08:00:00Z") == cli.log)
        #expect(try cli.ok("practitioner", "add", "--name", "Anna Okafor", "--now", "2026-11-23T08:00:00Z") == "p1")
        #expect(try cli.ok("client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123", "--source", "Google", "--now", "2026-11-23T08:05:00Z") == "c1")
        #expect(try cli.ok("client", "add", "--name", "Grace Hopper", "--referred-by", "c1", "--now", "2026-11-23T08:10:00Z") == "c2")
        #expect(try cli.ok("book", "c1", "--at", "2026-11-23 10:00", "--now", "2026-11-23 09:00") == "a1")
        try cli.ok("attend", "a1", "--now", "2026-11-23 11:00")
        #expect(try cli.ok("rebook", "a1", "--now", "2026-11-23 11:02") == "a2")

        let diary = try cli.json("diary", "--date", "2026-11-30", "--now", "2026-11-23 12:00")
        #expect(diary.count == 1)
        #expect(diary[0]["id"] as? String == "a2")
        #expect(diary[0]["client"] as? String == "c1")
        #expect(diary[0]["name"] as? String == "Ada Lovelace")
        #expect(diary[0]["practitioner"] as? String == "Anna Okafor")
        #expect(diary[0]["start"] as? String == "2026-11-30T10:00:00.000Z")
        #expect(diary[0]["minutes"] as? Int == 60)
        #expect(diary[0]["status"] as? String == "booked")
        #expect(diary[0]["flags"] as? [String] == ["second-visit", "thank-you-owed"])

        let thanks = try cli.json("thankyous", "--now", "2026-11-25T08:09:00Z")
        #expect(thanks.count == 1)
        let t = thanks[0]
        #expect(t["id"] as? String == "r1")
        #expect(t["referrer"] as? String == "c1")
        #expect(t["referrerName"] as? String == "Ada Lovelace")
        #expect(t["referred"] as? String == "c2")
        #expect(t["referredName"] as? String == "Grace Hopper")
        #expect(t["recordedAt"] as? String == "2026-11-23T08:10:00.000Z")
        #expect(t["dueBy"] as? String == "2026-11-25T08:10:00.000Z")
        #expect(t["hoursLeft"] as? Double == 0.02)
        #expect(t["overdue"] as? Bool == false)
        #expect(try cli.json("thankyous", "--now", "2026-11-25T08:11:00Z")[0]["overdue"] as? Bool == true)

        var follow = try cli.json("followups", "--now", "2026-11-23 12:00")
        #expect(follow.count == 1)
        #expect(follow[0]["client"] as? String == "c1")
        #expect(follow[0]["name"] as? String == "Ada Lovelace")
        #expect(follow[0]["kind"] as? String == "post-session")
        #expect(follow[0]["dueOn"] as? String == "2026-11-23")
        try cli.ok("touch", "c1", "--kind", "post-session", "--via", "email", "--now", "2026-11-23 17:00")
        #expect(try cli.json("followups", "--now", "2026-11-23 18:00").isEmpty)

        // The client cancels the next session: the rebooking prompt falls due two days after the visit.
        try cli.ok("cancel", "a2", "--by", "client", "--now", "2026-11-24 09:00")
        follow = try cli.json("followups", "--now", "2026-11-25 09:00")
        #expect(follow.map { $0["kind"] as? String } == ["rebook-prompt"])
        #expect(follow[0]["dueOn"] as? String == "2026-11-25")
        #expect(try cli.json("followups", "--now", "2026-12-21 09:00").map { $0["kind"] as? String } == ["check-in-28"])

        #expect(try cli.json("lapsed", "--now", "2027-01-03 23:00").isEmpty)  // 41 days
        let lapsed = try cli.json("lapsed", "--now", "2027-01-04 09:00")  // 42 days
        #expect(lapsed.count == 1)
        let l = lapsed[0]
        #expect(l["client"] as? String == "c1")
        #expect(l["name"] as? String == "Ada Lovelace")
        #expect(l["lastVisit"] as? String == "2026-11-23")
        #expect(l["daysSince"] as? Int == 42)
        #expect(l["sessions"] as? Int == 1)
        #expect(l["source"] as? String == "Google")
        #expect(l["next"] as? String == "re-engage")
        #expect(try cli.json("lapsed", "--now", "2027-01-22 09:00")[0]["next"] as? String == "reactivation-letter")

        let check = try cli.run(["check"])
        #expect(check.status == 0)
        #expect(check.out.contains("no damage"))
    }

    @Test func globalOptionsWorkBeforeOrAfterTheCommand() throws {
        let cli = CLI()
        let other = cli.dir + "/elsewhere/events.log"
        #expect(try cli.ok("--log", other, "--now", "2026-11-23T08:00:00Z", "init") == other)
        #expect(try cli.ok("--log", other, "--as", "anna", "practitioner", "add", "--name", "Anna") == "p1")
        #expect(try cli.ok("practitioner", "--log", other, "list").contains("Anna"))
        let line = try String(contentsOfFile: other, encoding: .utf8).split(separator: "\n").last!
        #expect(line.contains("\"by\":\"anna\""))
        #expect(!FileManager.default.fileExists(atPath: cli.log))
    }

    @Test func everyErrorIsOneLineAndWritesNothing() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-11-23T08:00:00Z")
        try cli.ok("practitioner", "add", "--name", "Anna Okafor")
        try cli.ok("client", "add", "--name", "Ada Lovelace")
        try cli.ok("book", "c1", "--at", "2026-11-24 10:00", "--now", "2026-11-23 09:00")
        try cli.ok("cancel", "a1", "--now", "2026-11-23 09:00")
        try cli.ok("book", "c1", "--at", "2026-11-24 11:00", "--now", "2026-11-23 09:00")
        let before = cli.bytes()
        let cases: [([String], String)] = [
            (["book", "c9", "--at", "2026-11-24 10:00", "--now", "2026-11-23 09:00"], "keepwarm: no client 'c9'"),
            (["attend", "a7", "--now", "2026-11-24 10:00"], "keepwarm: no appointment 'a7'"),
            (["thank", "r3"], "keepwarm: no referral 'r3'"),
            (["book", "c1", "--at", "2026-11-20 10:00", "--now", "2026-11-23 09:00"], "keepwarm: 2026-11-20 10:00 is in the past"),
            (["book", "c1", "--at", "2026-11-24 11:30", "--now", "2026-11-23 09:00"], "keepwarm: Anna Okafor is already booked then (a2"),
            (["attend", "a1", "--now", "2026-11-24 10:00"], "keepwarm: a1 was cancelled"),
            (["book", "c1", "--at", "someday 10:00"], "keepwarm: couldn't read the date 'someday'"),
            (["diary", "--now", "yesterday-ish"], "keepwarm: --now: couldn't read"),
        ]
        for (args, prefix) in cases {
            let r = try cli.run(args)
            #expect(r.status != 0, "\(args)")
            #expect(r.err.hasPrefix(prefix), "\(args): \(r.err)")
            #expect(r.err.filter { $0 == "\n" }.count == 1, "one line: \(r.err)")
            #expect(r.out.isEmpty)
        }
        #expect(cli.bytes() == before, "nothing was written")
    }

    @Test func aDamagedLogIsReadOnlyAndCheckSaysWhere() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-11-23T08:00:00Z")
        try cli.ok("client", "add", "--name", "Ada Lovelace")
        try cli.ok("client", "add", "--name", "Grace Hopper")
        var text = String(decoding: cli.bytes(), as: UTF8.self)
        text = text.replacingOccurrences(of: "Ada Lovelace", with: "Ada Lovelass")
        try Data(text.utf8).write(to: URL(fileURLWithPath: cli.log))
        let line3 = text.split(separator: "\n")[2]
        let where3 = "\(cli.log):3:\(line3.count - 9)"

        let write = try cli.run(["client", "add", "--name", "Mo Farah"])
        #expect(write.status == 1)
        #expect(write.err == "keepwarm: \(where3): checksum mismatch: the line was changed after it was written (and 1 more). The log is damaged, so nothing was written: run `keepwarm check` to list every problem, then `keepwarm repair` for a clean copy\n")
        #expect(String(decoding: cli.bytes(), as: UTF8.self) == text)

        let check = try cli.run(["check"])
        #expect(check.status == 1)
        #expect(check.lines.first == "\(where3): checksum mismatch: the line was changed after it was written")
        #expect(check.lines.contains("\(cli.log):4:1: client id c2 is out of order (expected c1) (perhaps because line 3 is damaged)"))

        let query = try cli.run(["client", "list"])
        #expect(query.status == 0, "queries still answer from the intact lines")
        #expect(query.err.contains("read-only"))
    }

    /// Three real processes append 500 events each at once: every line intact, seq unique and increasing.
    @Test func threeConcurrentWriters() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-11-23T08:00:00Z")
        let script = """
            for i in $(seq 1 500); do
              "$KW" callback add --name "Writer $W call $i" --phone "07700 9$W$i" --now "2026-11-23 09:00" >/dev/null || exit 1
            done
            """
        var writers: [Process] = []
        for w in 1...3 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", script]
            var env = ProcessInfo.processInfo.environment
            env["KEEPWARM_LOG"] = cli.log
            env["KW"] = CLI.binary
            env["W"] = String(w)
            p.environment = env
            try p.run()
            writers.append(p)
        }
        for p in writers {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let log = try EventLog.open(path: cli.log)
        #expect(log.damage.isEmpty)
        #expect(log.pendingTailBytes == 0)
        #expect(log.practice.callbacks.count == 1500)
        #expect(log.practice.lastSeq == 1501)
        let lines = String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 1502)
        var seqs: [Int] = []
        for l in lines.dropFirst() {
            guard case .event(let e) = try EventCodec.decode(Array(l.utf8)) else { continue }
            seqs.append(e.seq)
        }
        #expect(seqs == Array(1...1501))
        for w in 1...3 {
            #expect(log.practice.callbacks.filter { $0.name.hasPrefix("Writer \(w) ") }.count == 500)
        }
    }
}
