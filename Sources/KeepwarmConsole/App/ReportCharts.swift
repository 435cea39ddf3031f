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
    /// Each tab's lines laid out ahead, off the key press, for the terminal's width and character set then: a frame
    /// then only copies the rows on screen (laying out the diary density's 52 bars on every frame cost a key 20-50 ms).
    public let laidOut: LaidOutCharts?

    /// The charts of `p` at `now`, their lines laid out when drawn.
    public init(_ p: Practice, now: Instant) {
        key = ChartsKey(p, now: now)
        (funnel, diaryDensity, retention, newClientsBySource) = Chart.all(p, now: now)
        laidOut = nil
    }

    private init(_ c: ReportCharts, laidOut: LaidOutCharts) {
        key = c.key
        (funnel, diaryDensity, retention, newClientsBySource) = (c.funnel, c.diaryDensity, c.retention, c.newClientsBySource)
        self.laidOut = laidOut
    }

    /// The charts of `p` at `now` with each tab's lines laid out for the screen's line width and character set.
    public init(_ p: Practice, now: Instant, layout: (width: Int, charset: Charset)) {
        let c = ReportCharts(p, now: now)
        self.init(c, laidOut: LaidOutCharts(width: layout.width, charset: layout.charset, lines: Dictionary(uniqueKeysWithValues: ReportKind.allCases.map {
            ($0, ReportChartsView.lines(c.charts(for: $0), width: layout.width, charset: layout.charset))
        })))
    }

    /// A tab's lines at `width` in `charset`: those laid out ahead when they match, otherwise laid out now.
    func lines(for kind: ReportKind, width: Int, charset: Charset) -> [[ChartCells.Run]] {
        if let l = laidOut, l.width == width, l.charset == charset, let lines = l.lines[kind] { return lines }
        return ReportChartsView.lines(charts(for: kind), width: width, charset: charset)
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
        let lines = charts.lines(for: kind, width: w - 4, charset: g.charset)
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

/// The reports screen's chart lines laid out for one width and character set (`ReportCharts.laidOut`).
public struct LaidOutCharts: Sendable {
    public let width: Int
    public let charset: Charset
    public let lines: [ReportKind: [[ChartCells.Run]]]
}
