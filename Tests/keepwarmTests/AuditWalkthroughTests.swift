import Foundation
import Testing
@testable import KeepwarmCore

/// The audit walkthrough in a real terminal, and `keepwarm audit` on the command line.
@Suite(.serialized) struct AuditWalkthroughTests {
    let answers: [Character] = ["y", "y", "n", "?", "y", "y", "y", "n", "y", "y", "y", "y", "n", "n", "n", "n"]

    @Test func answerEveryStepLeaveMidwayResumeAndFinish() throws {
        let cli = try ConsoleTmuxTests().practice()
        let t = try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        try t.waitFor("Journey audit")
        try t.send("4", "w")
        try t.waitFor("step 1 of 16")
        try t.waitFor("✓ started audit au1")
        for (i, a) in answers.prefix(8).enumerated() {
            try t.send(String(a))
            try t.waitFor("step \(i + 2) of 16")
        }
        try t.sendKey("Escape")
        try t.waitFor("The audit stays open")
        try t.send("w")
        try t.waitFor("step 9 of 16", timeout: 5)
        for (i, a) in answers.dropFirst(8).enumerated() {
            try t.send(String(a))
            try t.waitFor(i == 7 ? "Journey audit — summary" : "step \(i + 10) of 16")
        }
        let yes = answers.filter { $0 == "y" }.count
        try t.waitFor("Rate yourself: \(yes) of 16 steps in place")
        try t.send("f")
        try t.waitFor("✓ finished audit au1 (\(yes) of 16 in place)")
        try t.send("q")
        #expect(try t.waitForExit() == 0)

        let history = try cli.json("audit", "history")
        #expect(history.count == 1)
        #expect(history[0]["id"] as? String == "au1")
        #expect(history[0]["inPlace"] as? Int == yes)
        #expect(history[0]["answered"] as? Int == 16)
        #expect(history[0]["finishedAt"] as? String != nil)
        let p = try EventLog.open(path: cli.log).practice
        let audit = try #require(p.finishedAudits.first)
        let expected: [AuditAnswer] = answers.map { $0 == "y" ? .yes : $0 == "n" ? .no : .unsure }
        #expect((1...16).map { audit.answers[$0]?.answer } == expected)
    }

    @Test func auditOnTheCommandLine() throws {
        let cli = try ConsoleTmuxTests().practice()
        try cli.ok("callback", "add", "--name", "Mo Farah", "--phone", "07700 900456", "--by", "2026-11-23 12:00", "--now", "2026-11-23T09:00:00Z")
        try cli.ok("callback", "done", "cb1", "--now", "2026-11-23T11:30:00Z")
        try cli.ok("audit", "answer", "1", "yes", "--owner", "Sam", "--note", "We ring back before lunch", "--now", "2026-11-23T12:00:00Z")
        try cli.ok("audit", "answer", "2", "n", "--now", "2026-11-23T12:01:00Z")
        let shown = try cli.run(["audit", "--json", "--now", "2026-11-23T13:00:00Z"])
        #expect(shown.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == 16)
        #expect(steps[0]["answer"] as? String == "yes")
        #expect(steps[0]["owner"] as? String == "Sam")
        #expect(steps[0]["note"] as? String == "We ring back before lunch")
        #expect(steps[0]["numerator"] as? Int == 1)
        #expect(steps[0]["denominator"] as? Int == 1)
        #expect(steps[0]["meetsTarget"] as? Bool == true)
        #expect(steps[1]["answer"] as? String == "no")
        #expect(steps[14]["value"] is NSNull, "step 15 is the owner's judgement: no figure")
        #expect(steps[14]["noData"] as? String == "no data: the owner's judgement")
        let score = try #require(json["score"] as? [String: Any])
        #expect(score["inPlace"] as? Int == 1)
        #expect(score["total"] as? Int == 16)
        let gaps = try #require(json["gaps"] as? [Int])
        #expect(gaps.contains(2))
        // As of a date before the callback was returned, step 1 had nothing due yet.
        let before = try cli.run(["audit", "--json", "--as-of", "2026-11-22", "--now", "2026-11-23T13:00:00Z"])
        let old = try #require(try JSONSerialization.jsonObject(with: Data(before.out.utf8)) as? [String: Any])
        let oldSteps = try #require(old["steps"] as? [[String: Any]])
        #expect(oldSteps[0]["denominator"] is NSNull)
        #expect(old["audit"] is NSNull, "no audit had been started by then")
        // A day after today is refused, by the audit and its printable report alike (one function, Desk.practice(asOf:)).
        for command in [["audit"], ["audit", "report", "--out", cli.dir + "/later.html"]] {
            let later = try cli.run(command + ["--as-of", "2026-11-24", "--now", "2026-11-23T13:00:00Z"])
            #expect(later.status != 0)
            #expect(later.err.contains("--as-of 2026-11-24 is after today (2026-11-23)"), "\(command): \(later.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/later.html"))
        let text = try cli.ok("audit", "--now", "2026-11-23T13:00:00Z")
        #expect(text.contains(" 1. Enquiry callbacks — yes, owner Sam"))
        #expect(text.contains("Evidence: 100% (1 of 1), meets target"))
        let finish = try cli.ok("audit", "finish", "--now", "2026-11-23T13:05:00Z")
        #expect(finish.hasPrefix("au1: 1 of 16 in place"))
        let again = try cli.run(["audit", "finish"])
        #expect(again.status == 1)
        #expect(again.err == "keepwarm: no audit is under way to finish\n")
    }
}
