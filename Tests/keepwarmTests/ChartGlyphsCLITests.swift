import Foundation
import Testing
@testable import KeepwarmCore

/// The four charts under `LANG=C` through the built binary (`keepwarm report funnel|density`, `report
/// retention|sources --chart`) on a demo, at 80 and 132 columns: every symbol means one thing in each chart. Each
/// series (or curve level) has its own character, the legend names each, no series character turns up in the numbers
/// beside the bars (they are separated by commas, not `.`), and `*` is only the part-period mark, explained under the rows.
@Suite(.serialized) struct ChartGlyphsCLITests {
    static let now = "2026-11-23T10:30:00Z"

    func env(_ columns: Int) -> [String: String] { ["LANG": "C", "LC_ALL": "", "LC_CTYPE": "", "COLUMNS": "\(columns)"] }

    /// The chart as the binary draws it, and as Core computes it (for its row labels and series names).
    func drawn(_ cli: CLI, _ args: [String], _ chart: (Practice, Instant) -> Chart, columns: Int) throws -> (lines: [String], chart: Chart) {
        let out = try cli.output(args + ["--now", Self.now], env: env(columns))
        #expect(out.unicodeScalars.allSatisfy { $0.isASCII }, "\(out)")
        let p = try EventLog.open(path: cli.log).practice
        return (out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), chart(p, DateInput.parseZonedISO(Self.now)!))
    }

    /// `mark name` pairs of a legend line: a mark at the start or after two spaces, then a space and the name.
    static func legend(_ line: String) -> [(mark: Character, name: String)] {
        line.components(separatedBy: "  ").filter { !$0.isEmpty }.compactMap { item in
            guard let m = item.first, item.dropFirst().first == " " else { return nil }
            return (m, String(item.dropFirst(2)))
        }
    }

    /// A row's line split after its label into the bar (the leading run of `marks`) and the rest (the numbers).
    static func split(_ line: String, label: String, width: Int, marks: Set<Character>) -> (bar: String, rest: String) {
        let body = line.dropFirst(width + 1)
        let bar = body.prefix { marks.contains($0) }
        return (String(bar), String(body.dropFirst(bar.count)))
    }

    /// The part-period mark is never a series' character, and when a row carries it the chart says what it means.
    func partMark(_ lines: [String], _ chart: Chart, marks: Set<Character>) {
        #expect(!marks.contains("*"))
        if chart.rows.contains(where: { $0.label.hasSuffix("*") }) {
            #expect(lines.contains { $0.hasPrefix("* the chart's period covers only part of this ") }, "\(lines)")
        }
    }

    @Test func stackedChartsGiveEachSeriesItsOwnCharacterNamedInTheLegend() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "6000", "--seed", "7", "--now", Self.now])
        for columns in [80, 132] {
            for (args, build) in [(["report", "density"], { Chart.diaryDensity($0, now: $1) }), (["report", "sources", "--chart"], { Chart.newClientsBySource($0, now: $1) })] as [([String], (Practice, Instant) -> Chart)] {
                let (lines, chart) = try drawn(cli, args, build, columns: columns)
                let lw = min(14, chart.rows.map { $0.label.count }.max() ?? 0)
                let first = try #require(lines.firstIndex { $0.hasPrefix(chart.rows[0].label + " ") }, "\(lines)")
                let legend = lines[..<first].flatMap(Self.legend).filter { item in chart.series.contains(item.name) }
                #expect(legend.map(\.name) == chart.series, "the legend names each series: \(lines[..<first])")
                let marks = Set(legend.map(\.mark))
                #expect(marks.count == chart.series.count, "one character per series: \(legend.map(\.mark))")
                for reserved: Character in ["-", ".", ",", ":", "~"] { #expect(!marks.contains(reserved), "\(reserved) \(args)") }
                partMark(lines, chart, marks: marks)
                for (row, line) in zip(chart.rows, lines[first...]) {
                    #expect(line.hasPrefix(row.label), "\(line)")
                    let (bar, rest) = Self.split(line, label: row.label, width: lw, marks: marks)
                    #expect(!bar.isEmpty || row.values.reduce(0, +) == 0, "\(line)")
                    // The parts in series order, each in its own character.
                    let order = bar.reduce(into: [Character]()) { if $0.last != $1 { $0.append($1) } }
                    let indexes = order.compactMap { m in legend.firstIndex { $0.mark == m } }
                    #expect(indexes == indexes.sorted() && Set(indexes).count == indexes.count, "\(line)")
                    #expect(!rest.contains { marks.contains($0) || $0 == "*" }, "the numbers use no series character: \(line)")
                    let numbers = rest.trimmingCharacters(in: .whitespaces)
                    #expect(numbers.contains(", ") && !numbers.contains(" . ") && !numbers.contains(" = "), "\(line)")
                }
            }
        }
    }

    @Test func theFunnelsBarsAreOneCharacterPerSeriesBesideItsName() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "6000", "--seed", "7", "--now", Self.now])
        for columns in [80, 132] {
            let (lines, chart) = try drawn(cli, ["report", "funnel"], { Chart.funnel($0, now: $1) }, columns: columns)
            var bySeries: [String: Set<Character>] = [:]
            let lw = min(14, chart.rows.map { $0.label.count }.max() ?? 0)
            let rows = lines.filter { line in line.hasPrefix(String(repeating: " ", count: lw + 1)) || chart.rows.contains { line.hasPrefix($0.label + " ") } }
            #expect(rows.count == chart.rows.count * chart.series.count, "\(lines)")
            for line in rows {
                for name in chart.series {
                    // "2026-Q3  first visit ###### 40" or "         second      ===== 30 (75%)"
                    guard let at = line.range(of: " " + name + " ") else { continue }
                    let bar = line[at.upperBound...].drop { $0 == " " }.prefix { $0 != " " }
                    if !bar.isEmpty, !bar.allSatisfy(\.isNumber) { bySeries[name, default: []].formUnion(bar) }
                    break
                }
            }
            #expect(Set(bySeries.keys) == Set(chart.series), "every series drawn beside its name: \(bySeries)")
            #expect(bySeries.values.allSatisfy { $0.count == 1 }, "one character per series: \(bySeries)")
            let marks = Set(bySeries.values.flatMap { $0 })
            #expect(marks.count == chart.series.count && !marks.contains("-"), "\(bySeries)")
            partMark(lines, chart, marks: marks)
        }
    }

    @Test func theRetentionCurvesMarksAreNamedAndAgreeWithTheNumbers() throws {
        let cli = CLI()
        try cli.ok(["demo", "--out", cli.log, "--events", "6000", "--seed", "7", "--now", Self.now])
        for columns in [80, 132] {
            let (lines, chart) = try drawn(cli, ["report", "retention", "--chart"], { Chart.retentionCurve($0, now: $1) }, columns: columns)
            let legendLine = try #require(lines.first { $0.hasPrefix("_ none  ") }, "\(lines)")
            let legend = Self.legend(legendLine)
            #expect(legend.map(\.name) == ["none", "under 25%", "25% to 49%", "50% to 74%", "75% or more"], "\(legend)")
            let marks = Set(legend.map(\.mark))
            #expect(marks.count == 5)
            partMark(lines, chart, marks: marks)
            let lw = min(14, chart.rows.map { $0.label.count }.max() ?? 0)
            #expect(!chart.rows.isEmpty)
            for row in chart.rows {
                let line = try #require(lines.first { $0.hasPrefix(row.label + " ") })
                let (bar, rest) = Self.split(line, label: row.label, width: lw, marks: marks)
                #expect(bar.count == row.values.count, "a mark per quarter: \(line)")
                #expect(!rest.contains { marks.contains($0) }, "\(line)")
                // Each mark stands for the share its number shows: "43%" is "o" (25% to 49%).
                let percents = rest.split(separator: " ").filter { $0.hasSuffix("%") }.compactMap { Int($0.dropLast()) }
                #expect(percents.count == bar.count, "\(line)")
                for (m, pc) in zip(bar, percents) {
                    let expected: Character = pc == 0 ? "_" : pc < 25 ? "." : pc < 50 ? "o" : pc < 75 ? "O" : "@"
                    #expect(m == expected, "\(pc)% drawn as \(m): \(line)")
                }
            }
        }
    }
}
