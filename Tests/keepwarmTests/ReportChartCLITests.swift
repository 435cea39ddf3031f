import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm report funnel|density`, `report sources|retention --chart` in the real binary on the golden demo, and the
/// charts on the console's reports screen in tmux.
@Suite(.serialized) struct ReportChartCLITests {
    static let now = "2026-11-23T10:30:00Z"

    func demo() throws -> CLI {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "4000", "--seed", "7", "--now", Self.now])
        return cli
    }

    let utf8 = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "80"]
    let langC = ["LANG": "C", "LC_ALL": "", "LC_CTYPE": "", "COLUMNS": "80"]

    @Test func eachChartPrintsWithBlockCharactersAndNumbersAndInASCIIUnderLangC() throws {
        let cli = try demo()
        let charts = [(["report", "funnel"], "First, second and third visits by first-visit quarter"),
                      (["report", "density"], "Diary density per week"),
                      (["report", "retention", "--chart"], "Still visiting, by first-visit quarter"),
                      (["report", "sources", "--chart"], "New clients by source per quarter")]
        let p = try EventLog.open(path: cli.log).practice
        let end = DateInput.parseZonedISO(Self.now)!
        for (args, title) in charts {
            let out = try cli.output(args + ["--now", Self.now], env: utf8)
            #expect(out.hasPrefix("Riverside Therapy Rooms\n" + title), "\(out)")
            #expect(out.contains("█") || out.contains("▁") || out.contains("▄"), "\(out)")
            for line in out.split(separator: "\n") { #expect(DisplayText.width(String(line)) <= 80, "\(line)") }
            let ascii = try cli.output(args + ["--now", Self.now], env: langC)
            #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII }, "\(ascii)")
            #expect(ascii.contains(title))
        }
        // The numbers beside the bars are the chart's own.
        // At 132 columns the words beside each bar; at 80, the total and its parts (checked by the ASCII run above).
        var wide = utf8
        wide["COLUMNS"] = "132"
        let density = try cli.output(["report", "density", "--now", Self.now], env: wide)
        let last = try #require(ChartSeriesForCLI.density(p, end).rows.last)
        #expect(density.contains(last.label) && density.contains(last.caption), "\(density)")
    }

    @Test func aChartIsForPeopleSoJSONSinceAndReferrersAreRefused() throws {
        let cli = try demo()
        let before = cli.bytes()
        for args in [["report", "retention", "--chart", "--json"], ["report", "funnel", "--csv"], ["report", "funnel", "--since", "2026-01-01"],
                     ["report", "referrers", "--chart"]] {
            let r = try cli.run(args + ["--now", Self.now], env: utf8)
            #expect(r.status == 64, "\(args): \(r.status) \(r.err)")
            #expect(r.out.isEmpty && !r.err.isEmpty)
        }
        #expect(cli.bytes() == before, "nothing is written")
        let asOf = try cli.output(["report", "funnel", "--as-of", "2026-09-30", "--now", Self.now], env: utf8)
        #expect(asOf.contains("now 2026-09-30") && asOf.contains("(as the log stood at the end of 2026-09-30)"), "\(asOf)")
    }

    @Test func theReportsScreenShowsTheChartsWithC() throws {
        let cli = try demo()
        let t = try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", Self.now], env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        try t.waitFor("Lapsed clients")
        try t.send("R")
        try t.waitFor("Reports — sources")
        try t.send("c")
        var screen = try t.waitFor("New clients by source per quarter")
        #expect(screen.contains("Reports — sources charts") && screen.contains("█"), "\(screen)")
        try t.send("3")
        screen = try t.waitFor("First, second and third visits")
        #expect(screen.contains("first visit █"), "\(screen)")
        try t.send("c")
        try t.waitFor("Rebooking rate")
        try t.send("q", "q")
        #expect(try t.waitForExit() == 0)
    }
}

/// The same chart the binary draws, worked out here to compare numbers.
enum ChartSeriesForCLI {
    static func density(_ p: Practice, _ now: Instant) -> Chart { Chart.diaryDensity(p, now: now) }
}
