import KeepwarmCore

/// A chart drawn as lines of styled text, the same for the reports screen (put into the grid) and for
/// `keepwarm report … --chart` (its `text`): block characters in a UTF-8 locale (`█` and the eighths `▏▎▍▌▋▊▉`,
/// `█▓▒░▞▚▪` for the parts of a stacked bar), ASCII under `LANG=C` (`#`, `=`, `+`, …), and the numbers beside every bar.
/// In ASCII every symbol means one thing in a chart: no series is drawn with a character the chart also writes as a
/// separator (`,` between numbers), a mark (`*` for a part period, `-` in dates and the title's dash) or an elision
/// (`~` for `…`), and the legend names each.
public struct ChartCells: Equatable, Sendable {
    /// A stretch of one line in one style.
    public struct Run: Equatable, Sendable {
        public let text: String
        public let style: Style
    }

    /// The lines, top to bottom, each at most `width` cells.
    public let lines: [[Run]]

    /// Draws `chart` `width` cells wide: its title and period, a legend, one line per row (three for a grouped row, one
    /// per series), and its formula wrapped below.
    public init(_ chart: Chart, width: Int, charset: Charset) {
        var d = Drawing(chart: chart, width: max(40, width), charset: charset)
        d.draw()
        lines = d.out
    }

    /// The lines as plain text (no styles), trailing spaces trimmed, for standard output.
    public var text: String {
        lines.map { line in
            var s = line.map(\.text).joined()
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }.joined(separator: "\n")
    }

    /// The style of series `i`: told apart by colour, and without colour by the character (`ChartCells.mark`).
    public static func style(_ i: Int) -> Style {
        [Style([], .good), Style(.bold, .danger), Style([], .accent), Style(.bold, .warning), Style(.bold), Style(.dim, .muted),
         Style(.underline)][i % 7]
    }

    /// The character a part of a stacked bar (or, in ASCII, a grouped bar) is drawn with, different for each series so
    /// the text alone tells them apart. The ASCII set leaves out `-` `.` `*` `~` `:` `,` `%`, which the chart's dates,
    /// part-period mark, elisions and numbers use.
    public static func mark(_ i: Int, _ charset: Charset) -> String {
        charset == .ascii ? asciiMarks[i % 7] : ["█", "▓", "▒", "░", "▞", "▚", "▪"][i % 7]
    }

    /// The ASCII series marks, in series order.
    static let asciiMarks = ["#", "=", "+", "o", "@", "x", "_"]

    /// The mark after a row's label when the chart's period covers only part of it (`2026-Q4*`), as the text reports.
    static let partMark = "*"

    /// Between a caption's numbers: `·` in Unicode, `, ` in ASCII (where `·` would become `.`, a curve mark).
    static func separated(_ caption: String, _ charset: Charset) -> String {
        charset == .ascii ? caption.replacingOccurrences(of: " · ", with: ", ") : caption
    }

    /// A bar of `cells` cells (fractions in eighths with block characters; rounded to whole cells in ASCII).
    public static func bar(_ cells: Double, mark: String, _ charset: Charset) -> String {
        let eighths = Int((max(0, cells) * 8).rounded())
        if charset == .ascii { return String(repeating: mark, count: (eighths + 4) / 8) }
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        return String(repeating: "█", count: eighths / 8) + partial
    }

    /// The curve mark for a share: a column of height in eighths (`▁` to `█`), or in ASCII one of four marks growing
    /// with the share by quarters of the whole (`asciiLevels`), worked out from the percentage the caption prints so
    /// mark and number agree.
    static func level(_ share: Double, _ charset: Charset) -> String {
        if charset == .ascii {
            guard share > 0 else { return asciiLevels[0].mark }
            let pc = Int((share * 100).rounded())
            return asciiLevels.last { pc >= $0.from }?.mark ?? asciiLevels[1].mark
        }
        guard share > 0 else { return "·" }
        let k = min(8, max(1, Int((share * 8).rounded())))
        return ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"][k - 1]
    }

    /// The ASCII curve marks and the percentage each starts at, with the legend's words: none, then by quarters.
    static let asciiLevels: [(mark: String, from: Int, words: String)] = [
        ("_", 0, "none"), (".", 1, "under 25%"), ("o", 25, "25% to 49%"), ("O", 50, "50% to 74%"), ("@", 75, "75% or more"),
    ]
}

/// The work of drawing one chart: widths worked out once, lines appended in order.
private struct Drawing {
    let chart: Chart
    let width: Int
    let charset: Charset
    var out: [[ChartCells.Run]] = []

    init(chart: Chart, width: Int, charset: Charset) {
        self.chart = chart
        self.width = width
        self.charset = charset
    }

    /// Text as stored: in ASCII each symbol becomes its one-column stand-in (`·` → `.`, `→` → `>`), as the grid would.
    func shown(_ s: String) -> String { charset == .ascii ? String(s.map(charset.shown)) : s }

    mutating func line(_ runs: [(String, Style)]) {
        var used = 0
        var cut: [ChartCells.Run] = []
        for (text, style) in runs where used < width {
            let t = DisplayText.width(shown(text)) + used > width ? DisplayText.fit(shown(text), width: width - used) : DisplayText.visible(shown(text))
            used += DisplayText.width(t)
            cut.append(ChartCells.Run(text: t, style: style))
        }
        out.append(cut)
    }

    var labelWidth: Int { min(14, chart.rows.map { DisplayText.width($0.label) }.max() ?? 0) }

    mutating func draw() {
        // The period beside the title, or under it when both do not fit on one line.
        if DisplayText.width(shown(chart.title + " — " + chart.period)) <= width {
            line([(chart.title, .bold), (" — " + chart.period, .muted)])
        } else {
            line([(chart.title, .bold)])
            for l in wrap(chart.period, width) { line([(l, .muted)]) }
        }
        guard !chart.rows.isEmpty else {
            line([("No data: nothing to draw yet.", .muted)])
            formula()
            return
        }
        switch chart.kind {
        case .stacked: stacked()
        case .grouped: grouped()
        case .curve: curve()
        }
        partNote()
        formula()
    }

    mutating func formula() {
        out.append([])
        for l in wrap(chart.formula, width) { line([(l, .muted)]) }
    }

    /// One bar per row, its parts side by side, then the total and the parts in numbers.
    mutating func stacked() {
        // The legend, on as many lines as it needs, so every series is named.
        flowLegend(chart.series.enumerated().map { i, s in
            let name = " " + DisplayText.fit(s, width: width - 2)
            return (runs: [(ChartCells.mark(i, charset), ChartCells.style(i)), (name, .plain)], width: 1 + DisplayText.width(name))
        })
        let lw = labelWidth
        let full = chart.rows.map { ChartCells.separated($0.caption, charset) }
        // In ASCII `=` and `+` are series marks, so the short form is "total: parts".
        let compact = chart.rows.map { r in
            charset == .ascii ? "\(Self.number(r.values.reduce(0, +))): " + r.values.map(Self.number).joined(separator: ", ")
                : "\(Self.number(r.values.reduce(0, +))) = " + r.values.map(Self.number).joined(separator: " + ")
        }
        // The words beside the bar only while the bar keeps 20 cells; otherwise the total and its parts in numbers.
        let fitsFull = lw + 2 + 20 + (full.map(DisplayText.width).max() ?? 0) <= width
        let captions = fitsFull ? full : compact
        let barW = max(8, width - lw - 2 - (captions.map(DisplayText.width).max() ?? 0))
        let scale = chart.scaleMax
        for (r, caption) in zip(chart.rows, captions) {
            var runs: [(String, Style)] = [(DisplayText.pad(r.label, width: lw) + " ", .plain)]
            var sum = 0.0, drawn = 0
            for (i, v) in r.values.enumerated() {
                sum += v
                let end = Int((sum / scale * Double(barW)).rounded())
                if end > drawn { runs.append((String(repeating: ChartCells.mark(i, charset), count: end - drawn), ChartCells.style(i))) }
                drawn = max(drawn, end)
            }
            runs.append((String(repeating: " ", count: max(0, barW - drawn)) + " " + caption, .plain))
            line(runs)
        }
    }

    /// One bar per value on its own line, the row's label on the first; each bar after the first also shows its share
    /// of the bar above (in the funnel: 1 → 2, then 2 → 3).
    mutating func grouped() {
        let lw = labelWidth
        let nameW = min(14, chart.series.map(DisplayText.width).max() ?? 0)
        let numberW = 14
        let barW = max(8, width - lw - nameW - 2 - numberW)
        let scale = chart.scaleMax
        for r in chart.rows {
            for (i, v) in r.values.enumerated() {
                var number = Self.number(v)
                if i > 0, r.values[i - 1] > 0 { number += " (\(Figure.percent(v / r.values[i - 1])))" }
                let mark = charset == .ascii ? ChartCells.mark(i, charset) : "█"
                let bar = ChartCells.bar(v / scale * Double(barW), mark: mark, charset)
                line([(DisplayText.pad(i == 0 ? r.label : "", width: lw) + " " + DisplayText.pad(chart.series[safe: i] ?? "", width: nameW) + " ", .plain),
                      (bar, ChartCells.style(i)), (" " + number, .plain)])
            }
        }
    }

    /// One line per row: a mark per point, as high as its share, then the numbers.
    mutating func curve() {
        let lw = labelWidth
        let first = chart.series.first ?? "", last = chart.series.last ?? ""
        if charset == .ascii {
            for l in wrap("Each mark is one quarter after the first visit (\(first) to \(last)); the share still visiting:", width) {
                line([(l, .muted)])
            }
            levelLegend()
        } else {
            for l in wrap("Each mark is one quarter after the first visit (\(first) to \(last)), as high as the share still visiting.", width) {
                line([(l, .muted)])
            }
        }
        for r in chart.rows {
            var runs: [(String, Style)] = [(DisplayText.pad(r.label, width: lw) + " ", .plain)]
            for v in r.values { runs.append((ChartCells.level(v, charset), v > 0 ? ChartCells.style(2) : .muted)) }
            runs.append((String(repeating: " ", count: max(0, chart.series.count - r.values.count)) + "  " + r.caption, .plain))
            line(runs)
        }
    }

    /// The ASCII curve's legend: each mark and the shares it stands for, on as many lines as it needs.
    mutating func levelLegend() {
        flowLegend(ChartCells.asciiLevels.enumerated().map { i, level in
            (runs: [(level.mark, i == 0 ? .muted : ChartCells.style(2)), (" " + level.words, .plain)],
             width: DisplayText.width(level.mark + " " + level.words))
        })
    }

    /// Legend items side by side, two spaces apart, starting a new line where the next would not fit.
    mutating func flowLegend(_ items: [(runs: [(String, Style)], width: Int)]) {
        var runs: [(String, Style)] = [], used = 0
        for item in items {
            if used > 0 && used + 2 + item.width > width {
                line(runs)
                runs = []
                used = 0
            }
            if used > 0 {
                runs.append(("  ", .plain))
                used += 2
            }
            runs += item.runs
            used += item.width
        }
        line(runs)
    }

    /// Under the rows, what the part-period mark means, when a row carries it.
    mutating func partNote() {
        guard chart.rows.contains(where: { $0.label.hasSuffix(ChartCells.partMark) }) else { return }
        // Rows are quarters (`2026-Q4`) or weeks (`2026-11-30`, the Monday that starts them).
        let unit = chart.rows.contains { $0.label.contains("-Q") } ? "quarter" : "week"
        line([(ChartCells.partMark + " the chart's period covers only part of this \(unit)", .muted)])
    }

    static func number(_ v: Double) -> String { Figure.decimal(v, places: 0) }

    func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, DisplayText.width(current) + 1 + DisplayText.width(String(word)) > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

private extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

extension Charset {
    /// The charset a command's output may use, from the locale variables as the C library reads them (`LC_ALL`, then
    /// `LC_CTYPE`, then `LANG`): block characters only in a UTF-8 locale; `LANG=C`, or none set, is ASCII.
    public static func of(environment env: [String: String]) -> Charset {
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let codeset = locale.lowercased().filter { $0 != "-" && $0 != "_" }
        return codeset.hasSuffix("utf8") || codeset.contains("utf8@") ? .unicode : .ascii
    }
}
