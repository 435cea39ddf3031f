import KeepwarmCore

extension ConsoleModel {
    /// The reports screen's last scroll position (its last screenful at the top), worked out from the lines drawn at
    /// the screen's size; nil before the screen's size or the reports are known.
    ///
    /// The scroll is kept within 0…this, so after `G` (or scrolling past the end) `k` and PgUp move back from the
    /// end at once instead of first working off the rows past it (Docs/reports.md, "The reports screen").
    func reportsLastTop(_ kind: ReportKind, _ data: ConsoleData) -> Int? {
        guard let s = screen else { return nil }
        // As ReportsView and ReportChartsView draw: a box from row 1 to 3 rows from the bottom, text 2 columns in.
        let width = s.width - 4, rows = s.height - 3 - 2
        let count: Int
        if reportCharts {
            guard let shown = charts.shown else { return nil }
            // The lines laid out ahead for this screen, in the character set drawn: counting them costs nothing, where
            // laying the charts out again on every key cost 5-11 ms at 1M events.
            let charset = shown.laidOut.map { $0.width == width ? $0.charset : .unicode } ?? .unicode
            count = shown.lines(for: kind, width: width, charset: charset).count
        } else {
            guard let r = data.reports else { return nil }
            count = ReportsView.lines(kind, r, width: width).count
        }
        return max(0, count - rows)
    }

    /// `scroll` kept between the top and the last screenful (unbounded below the top when the end is not known yet).
    func reportsTop(_ kind: ReportKind, _ scroll: Int, _ data: ConsoleData) -> Int {
        max(0, min(scroll, reportsLastTop(kind, data) ?? scroll))
    }
}
