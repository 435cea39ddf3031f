import Foundation
import Testing
@testable import KeepwarmCore

/// Why clients left in the console against `keepwarm report why-left` on the demo (QA D3, D7): the same period, the
/// same quarters (the earliest one included), the same counts row by row, and a TOTAL that adds up what is shown.
/// Its counts open their clients on the command line, and it has no chart.
@Suite(.serialized) struct WhyLeftTmuxTests {
    static let now = "2026-11-23T10:30:00Z"

    /// A practitioner's table: the name and closes, the quarter columns, and each reason's numbers.
    struct Table: Equatable {
        var name = ""
        var closed = 0
        var columns: [String] = []
        var rows: [String: [Int]] = [:]
    }

    /// The label (words) and the numbers after it of a table row.
    static func cells(_ line: Substring) -> (label: String, numbers: [Int]) {
        let words = line.split(separator: " ")
        let numbers = words.reversed().prefix { Int($0) != nil }.reversed().map { Int($0)! }
        return (words.dropLast(numbers.count).joined(separator: " "), numbers)
    }

    /// The tables in `lines`: a practitioner's line (`head` gives name and count), `REASON …`, rows until a blank.
    static func tables(_ lines: [Substring], head: (Substring) -> (String, Int)?) -> [Table] {
        var out: [Table] = []
        var inTable = false
        for l in lines {
            if let (name, n) = head(l) {
                out.append(Table(name: name, closed: n))
                inTable = false
            } else if l.hasPrefix("REASON"), !out.isEmpty {
                out[out.count - 1].columns = l.split(separator: " ").dropFirst().map(String.init)
                inTable = true
            } else if l.trimmingCharacters(in: .whitespaces).isEmpty || l.hasPrefix("Each figure") || l.hasPrefix("TOTAL") {
                inTable = false
            } else if inTable {
                let c = cells(l)
                out[out.count - 1].rows[c.label] = c.numbers
            }
        }
        return out
    }

    @Test func theConsoleTableIsTheCLIs() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "20000", "--now", Self.now])
        let text = try cli.ok(["report", "why-left", "--now", Self.now])
        let cliTables = Self.tables(text.split(separator: "\n", omittingEmptySubsequences: false)) { l in
            guard l.hasSuffix(" closed)"), let open = l.lastIndex(of: "(") else { return nil }
            return (String(l[..<open].dropLast()), Int(l[l.index(after: open)...].split(separator: " ")[0]) ?? -1)
        }
        #expect(cliTables.count >= 3)
        let period = try #require(text.split(separator: "\n").first { $0.hasPrefix("Period: ") }?.split(separator: ",").first)

        let t = try Tmux(width: 132, height: 90, command: [CLI.binary, "--now", Self.now],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        // 20,000 events on a shared machine: the first frame may take a while.
        try t.waitFor("Journey audit", timeout: 60)
        try t.send("R")
        try t.waitFor("Reports — sources", timeout: 30)
        try t.send("3")
        try t.waitFor("Reports — retention", timeout: 30)
        try t.send("G")
        // The heading may show before G; the note under the last table shows only at the end.
        let screen = try t.waitUntil(timeout: 30, "the end of why-left") { $0.contains("Why clients left") && $0.contains("TOTAL is the sum of the columns shown") }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { l in
            l.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")).prefix(200)
        }
        let at = try #require(lines.firstIndex { $0.hasPrefix("Why clients left") })
        #expect(lines[at + 1] == period, "the console shows why-left's own period")
        let consoleTables = Self.tables(Array(lines[at...])) { l in
            guard l.hasSuffix(" closed"), let colon = l.lastIndex(of: ":") else { return nil }
            return (String(l[..<colon]), Int(l[l.index(colon, offsetBy: 2)...].split(separator: " ")[0]) ?? -1)
        }
        #expect(consoleTables.map(\.name) == cliTables.map(\.name))
        var sawEarliest = false
        for (c, k) in zip(consoleTables, cliTables) {
            #expect(c.closed == k.closed, "\(c.name)")
            #expect(c.columns == k.columns, "\(c.name): the same quarters, the earliest included")
            for (label, numbers) in k.rows where numbers.last ?? 0 > 0 {
                #expect(c.rows[label] == numbers, "\(c.name), \(label)")
                #expect(numbers.dropLast().reduce(0, +) == numbers.last, "\(c.name), \(label): TOTAL is the sum of the columns shown")
                if numbers.first ?? 0 > 0 { sawEarliest = true }
            }
            #expect(c.rows.count == k.rows.values.count { $0.last ?? 0 > 0 }, "\(c.name): a row for every reason given")
        }
        #expect(sawEarliest, "the demo has closes in the earliest quarter, so dropping it would show")
        // `k` moves back up from the end at once (D5).
        let end = try t.capture()
        try t.send("k")
        _ = try t.waitUntil("the screen to scroll up") { $0 != end }

        // Each count opens its clients, as many as it says.
        let first = try #require(cliTables.first)
        let (label, numbers) = try #require(first.rows.first { $0.value.last ?? 0 > 0 })
        let key = ["moved away": "moved-away", "changed job or lost job": "job", "cost": "cost", "found another therapist": "another-therapist",
                   "not getting the value": "not-getting-value", "bad experience": "bad-experience", "no reason given": "no-reason",
                   "other": "other", "not recorded": "not-recorded"][label]!
        let listed = try cli.ok(["report", "why-left", "--clients", key, "--row", first.name, "--now", Self.now])
        #expect(listed.contains("\(numbers.last!) client"))
        #expect(listed.split(separator: "\n").filter { $0.hasPrefix("  c") }.count == numbers.last!)
        let q = try cli.ok(["report", "why-left", "--clients", key, "--row", first.name, "--column", first.columns[4].replacingOccurrences(of: "*", with: ""), "--now", Self.now])
        #expect(q.contains("Period: 2026-10-01 to 2026-11-23"), "a quarter's list covers the quarter")
        #expect(q.split(separator: "\n").filter { $0.hasPrefix("  c") }.count == numbers[4])
    }

    @Test func whyLeftHasNoChartAndAnEmptyOneNamesNoEmptyChoice() throws {
        let cli = CLI()
        try cli.ok("init", "--name", "Test Rooms", "--now", "2026-07-01 09:00")
        let chart = try cli.run(["report", "why-left", "--chart", "--now", "2026-07-01 10:00"])
        #expect(chart.status == 64 && chart.err.contains("the why-left report has no chart; the charts are: report funnel"))
        let referrers = try cli.run(["report", "referrers", "--chart", "--now", "2026-07-01 10:00"])
        #expect(referrers.status == 64, "both reports without a chart say so alike")
        let drill = try cli.run(["report", "why-left", "--clients", "cost", "--now", "2026-07-01 10:00"])
        #expect(drill.status == 1)
        #expect(drill.err.contains("no figure is called cost, and no figure here has a list behind it"))
        #expect(!drill.err.contains("choose one of: \n") && !drill.err.hasSuffix("choose one of: "))
    }
}
