import KeepwarmCore

/// The four charts of the owner's numbers, worked out together in one pass (`Chart.all`) off the key press
/// (`ConsoleAction.workOutCharts`), for the practice as it stood at one seq on one day.
public struct ReportCharts: Sendable {
    /// Which practice and day the charts show.
    public let key: ChartsKey
    public let funnel: Chart
    public let diaryDensity: Chart
    public let retention: Chart
    public let newClientsBySource: Chart

    public init(_ p: Practice, now: Instant) {
        key = ChartsKey(p, now: now)
        (funnel, diaryDensity, retention, newClientsBySource) = Chart.all(p, now: now)
    }

    /// The charts shown under a report's tab: sources has new clients by source; retention has the funnel, the
    /// retention curve and the diary density; referrers has none.
    public func charts(for kind: ReportKind) -> [Chart] {
        if kind == .sources { return [newClientsBySource] }
        if kind == .retention { return [funnel, retention, diaryDensity] }
        return []
    }
}

/// The reports screen showing charts instead of tables (`c` switches): the charts under the report's tab, one after
/// another, scrolling as the tables do.
enum ReportChartsView {
    static func draw(_ g: inout Grid, _ kind: ReportKind, scroll: Int, _ kept: ChartsKept) {
        let x = 0, y = 1, w = g.width, h = g.height - 3
        g.fill(x: x, y: y, width: w, height: h)
        let tabs = ReportKind.allCases.enumerated().map { "\($0.offset + 1) \($0.element.rawValue)" }.joined(separator: "  ")
        g.box(x: x, y: y, width: w, height: h, title: "Reports — \(kind.rawValue) charts", style: Style([], .accent), titleStyle: .title)
        g.put(tabs, x: w - DisplayText.width(tabs) - 2, y: y, style: .muted)
        guard let charts = kept.shown else {
            g.put("Working out the charts…", x: 2, y: y + 2, style: .muted)
            return
        }
        // Newer charts are being worked out (another desk wrote): these stay until they come.
        if kept.asked != nil {
            let note = " updating… "
            g.put(note, x: max(2, w - DisplayText.width(tabs) - DisplayText.width(note) - 4), y: y, style: .muted)
        }
        let lines = lines(charts.charts(for: kind), width: w - 4, charset: g.charset)
        let rows = h - 2
        let top = min(scroll, max(0, lines.count - rows))
        for (i, runs) in lines.dropFirst(top).prefix(rows).enumerated() {
            var col = x + 2
            for r in runs { col += g.put(r.text, x: col, y: y + 1 + i, style: r.style, maxWidth: x + w - 2 - col) }
        }
    }

    /// The lines of a tab's charts, a blank line between charts.
    static func lines(_ charts: [Chart], width: Int, charset: Charset) -> [[ChartCells.Run]] {
        guard !charts.isEmpty else {
            return [[ChartCells.Run(text: "This report has no chart: c shows its table.", style: .muted)]]
        }
        return charts.enumerated().flatMap { i, c in (i > 0 ? [[]] : []) + ChartCells(c, width: width, charset: charset).lines }
    }
}
