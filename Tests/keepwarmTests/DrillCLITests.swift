import Foundation
import Testing
@testable import KeepwarmCore

/// `--clients` on `keepwarm report …` and `keepwarm audit`: the records behind one figure, from a real log, through the
/// built binary. The list's length is the figure's, and listing records nothing in the log.
@Suite struct DrillCLITests {
    /// Ada (Google) came once; Bea (Google) three times; Cy (no source) never. A name with a terminal escape in it.
    private func practice() throws -> CLI {
        let cli = CLI()
        try cli.ok("init", "--name", "Test Rooms", "--now", "2026-07-01 09:00")
        try cli.ok("practitioner", "add", "--name", "Anna", "--now", "2026-07-01 09:00")
        try cli.ok("client", "add", "--name", "Ada", "--source", "Google", "--now", "2026-07-01 09:00")
        try cli.ok("client", "add", "--name", "Bea\u{1B}[31m", "--source", "google", "--now", "2026-07-01 09:05")
        try cli.ok("client", "add", "--name", "Cy", "--now", "2026-07-01 09:10")
        try cli.ok("book", "c1", "--at", "2026-07-02 10:00", "--now", "2026-07-01 09:30")
        try cli.ok("attend", "a1", "--now", "2026-07-02 11:00")
        for (i, day) in ["03", "10", "17"].enumerated() {
            try cli.ok("book", "c2", "--at", "2026-07-\(day) 10:00", "--now", "2026-07-01 09:4\(i)")
            try cli.ok("attend", "a\(i + 2)", "--now", "2026-07-\(day) 11:00")
        }
        return cli
    }

    @Test func listsTheClientsBehindASourceFigureAndRecordsNothing() throws {
        let cli = try practice()
        let before = cli.bytes()
        let missed = try cli.run(["report", "sources", "--clients", "reachedThird", "--row", "GOOGLE", "--missed", "--now", "2026-07-20 12:00"])
        #expect(missed.status == 0, "\(missed.err)")
        let lines = missed.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "Reached a 3rd session, Google, 50% (1 of 2)")
        #expect(lines.contains("Period: 2026-07-01 to 2026-07-20"))
        #expect(lines.contains("1 missed of 2:"))
        #expect(lines.last?.hasPrefix("  c1  Ada") == true)
        let counted = try cli.run(["report", "sources", "--clients", "reachedThird", "--row", "Google", "--now", "2026-07-20 12:00"])
        #expect(counted.out.contains("1 counted of 2:") && counted.out.contains("  c2  Bea"))
        #expect(!counted.out.contains("\u{1B}"), "a name's escape is made visible, never sent to the terminal")
        let all = try cli.run(["report", "sources", "--clients", "newClients", "--row", "All sources", "--now", "2026-07-20 12:00"])
        #expect(all.out.contains("3 clients:") && all.out.split(separator: "\n").filter { $0.hasPrefix("  c") }.count == 3)
        #expect(cli.bytes() == before, "a list is not a view of the sources report: nothing is recorded")
    }

    @Test func retentionAndJSON() throws {
        let cli = try practice()
        let r = try cli.run(["report", "retention", "--clients", "rebookingRate", "--all", "--json", "--now", "2026-07-20 12:00"])
        #expect(r.status == 0, "\(r.err)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        // Four attended sessions, all over by 07-20; three were followed by a booking made the same day.
        #expect(o["count"] as? Int == 4)
        #expect(o["list"] as? String == "all")
        let rows = try #require(o["rows"] as? [[String: Any]])
        #expect(rows.map { $0["record"] as? String } == ["a1", "a2", "a3", "a4"])
        #expect(rows.first?["client"] as? String == "c1")
    }

    @Test func aWrongFigureSaysWhatToTypeAndWritesNothing() throws {
        let cli = try practice()
        let before = cli.bytes()
        let wrong = try cli.run(["report", "retention", "--clients", "rebooking", "--now", "2026-07-20 12:00"])
        #expect(wrong.status != 0)
        #expect(wrong.err.hasPrefix("keepwarm: --clients: no figure is called rebooking; choose one of: "))
        #expect(wrong.err.contains("rebookingRate"))
        #expect(wrong.err.split(separator: "\n").count == 1)
        let noRow = try cli.run(["report", "sources", "--clients", "reachedThird", "--now", "2026-07-20 12:00"])
        #expect(noRow.status != 0 && noRow.err.contains("reachedThird needs --row (one of: (not recorded), All sources, Google)"))
        let stray = try cli.run(["report", "sources", "--missed", "--now", "2026-07-20 12:00"])
        #expect(stray.status != 0 && stray.err.contains("--row, --column, --missed and --all go with --clients FIGURE"))
        #expect(cli.bytes() == before)
    }

    /// On the demo: the audit's post-session figure and the list behind it agree, and every row leads to a client.
    @Test func auditPostSessionMissedOnTheDemo() throws {
        let cli = CLI()
        try cli.ok("demo", "--out", cli.log, "--events", "6000", "--seed", "7", "--now", "2026-11-23T10:30:00Z")
        let r = try cli.run(["audit", "--clients", "5", "--missed", "--now", "2026-11-23T10:30:00Z"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        let title = try #require(lines.first)
        #expect(title.hasPrefix("5. Post-session message, "))
        // "5. Post-session message, 71% (812 of 1147)": the list is 1147 − 812 long.
        let nums = title.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let (n, d) = (nums[nums.count - 2], nums[nums.count - 1])
        let rows = lines.filter { $0.hasPrefix("  c") }
        #expect(rows.count == d - n && d > n)
        #expect(lines.contains("\(d - n) missed of \(d):"))
        #expect(rows.allSatisfy { $0.contains(" session 20") })
        let text = try cli.run(["audit", "--now", "2026-11-23T10:30:00Z"])
        #expect(text.out.contains("\(d - n) missed in the window"))
    }
}
