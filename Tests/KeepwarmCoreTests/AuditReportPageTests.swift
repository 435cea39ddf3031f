import Foundation
import Testing
@testable import KeepwarmCore

/// The printable audit's parts on their own: text made safe for HTML, charts drawn as SVG from hand-made `Chart`s,
/// the next review date, and the page's contents. The page in a real browser and parser: AuditReportCLITests.
@Suite struct AuditReportPageTests {
    static let hostile = "<script>alert(1)</script> & \"Zoë\" 'O'Brien' https://evil.example/x \u{1}\u{7}\u{9B}\u{FFFE}"

    @Test func textCannotBecomeMarkupOrAURL() {
        let e = HTMLText.escape(Self.hostile)
        #expect(!e.contains("<") && !e.contains(">") && !e.contains("\"") && !e.contains("'"))
        #expect(!e.lowercased().contains("https:") && !e.lowercased().contains("<script"))
        #expect(e.hasPrefix("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Zoë&quot; &#39;O&#39;Brien&#39; https&#58;//evil.example/x"))
        #expect(e.hasSuffix("\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"))  // control characters and a noncharacter
        #expect(HTMLText.escape("line\none\ttab") == "line\none\ttab")
    }

    func chart(_ kind: Chart.Kind, _ rows: [(String, [Double])], series: [String] = ["booked", "attended"]) -> Chart {
        Chart(key: "k\(kind)", title: "Title <b>", period: "2026-Q1 to 2026-Q4", kind: kind, series: series,
              rows: rows.map { Chart.Row(label: $0.0, values: $0.1, caption: "\($0.1.map { $0.isFinite ? Int($0) : -1 }) for \($0.0)") }, formula: "how")
    }

    /// Bars are as long as their values on the chart's scale; the longest fills the bar area.
    @Test func stackedAndGroupedBarsAreDrawnToScale() {
        let stacked = ChartSVG.svg(chart(.stacked, [("Q1", [30, 10]), ("Q2", [20, 0])]))
        #expect(stacked.hasPrefix("<svg class=\"chart\"") && stacked.hasSuffix("</svg>"))
        #expect(stacked.contains("width=\"450\""))  // 30 of 40 of 600
        #expect(stacked.contains("width=\"150\""))  // 10 of 40
        #expect(stacked.contains("width=\"300\""))  // 20 of 40; the 0 draws nothing
        #expect(stacked.components(separatedBy: "<rect").count - 1 == 3)  // the bars; the legend is HTML (`legend`)
        let grouped = ChartSVG.svg(chart(.grouped, [("Q1", [30, 10])]))
        #expect(grouped.contains("width=\"600\"") && grouped.contains("width=\"200\""))
        #expect(!stacked.contains("Title <b>") && stacked.contains("Title &lt;b&gt;"))
    }

    @Test func curvesEmptyChartsAndBadValues() {
        let curve = ChartSVG.svg(chart(.curve, [("2025-Q1", [1, 0.5, 0.25]), ("2025-Q2", [1, .nan])], series: ["0", "3 months", "6 months"]))
        #expect(curve.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(curve.contains("100%") && curve.contains("3 months"))
        #expect(!curve.contains("nan") && !curve.contains("inf"))
        let empty = ChartSVG.svg(chart(.stacked, []))
        #expect(empty.contains("Nothing to show for this period."))
        #expect(ChartSVG.numbers(chart(.stacked, [])) == "")
        let hostile = Chart(key: "h", title: Self.hostile, period: Self.hostile, kind: .grouped, series: [Self.hostile, "b"],
                            rows: [Chart.Row(label: Self.hostile, values: [-5, .infinity], caption: Self.hostile)], formula: Self.hostile)
        let drawn = ChartSVG.svg(hostile) + ChartSVG.numbers(hostile)
        #expect(!drawn.contains("<script") && !drawn.contains("https:"))
        #expect(!drawn.contains("width=\"inf") && !drawn.contains("<rect x=\"110\""), "nothing drawn for -5 or infinity")
    }

    /// User text is isolated, so a direction mark in it (an unbalanced U+202E) cannot reverse the text after it: `<bdi>`
    /// in the page, FSI … PDI where no element can go (the title, SVG text); the legend names each series in HTML.
    @Test func userTextIsIsolated() {
        #expect(HTMLText.isolated("Eve\u{202E}<b>") == "<bdi>Eve\u{202E}&lt;b&gt;</bdi>")
        #expect(HTMLText.isolatedPlain("Eve\u{202E}") == "\u{2068}Eve\u{202E}\u{2069}")
        let c = chart(.stacked, [("Q1", [3, 4])], series: ["Flyer\u{202E}", String(repeating: "S", count: 500)])
        let legend = ChartSVG.legend(c)
        #expect(legend.contains("<bdi>Flyer\u{202E}</bdi>") && legend.contains("<bdi>" + String(repeating: "S", count: 500) + "</bdi>"))
        #expect(legend.components(separatedBy: "<li>").count - 1 == 2)
        #expect(ChartSVG.numbers(c).contains("<span class=\"label\"><bdi>Q1</bdi></span>"))
        #expect(ChartSVG.svg(chart(.curve, [("2025-Q1", [1, 0.5])], series: ["0", "3\u{202E}"])).contains(">\u{2068}3\u{202E}\u{2069}</text>"))
        // Long unbroken text wraps, and the table keeps its five columns whatever is in them.
        #expect(AuditReportPage.style.contains("overflow-wrap: anywhere") && AuditReportPage.style.contains("table-layout: fixed"))
    }

    @Test func theNextReviewIsAQuarterAfterTheLastAudit() throws {
        let f = try Fixture()
        // No audit walked yet: the first is due now (ReportDrillTests has the wording), not a quarter after nothing.
        let none = NextReview.of(f.p, now: f.t("2026-03-02 10:00"))
        #expect(Civil.string(ofDay: none.day) == "2026-03-02" && !none.overdue && !none.walked)
        try f.run("2026-03-02 10:00", .startAudit)
        try f.run("2026-03-02 10:05", .finishAudit(inPlace: 0, evidenceMet: 0, evidenceSteps: 0))
        #expect(Civil.string(ofDay: NextReview.of(f.p, now: f.t("2026-04-01 10:00")).day) == "2026-06-01")
        let late = NextReview.of(f.p, now: f.t("2026-07-01 10:00"))
        #expect(late.overdue && late.text == "overdue since Monday 1 June 2026 (2026-06-01)")
    }

    /// The page holds the score, every step's answer beside its figure, every gap with its owner, next step and
    /// figure, the charts passed in and the next review; hostile owners and notes stay text.
    @Test func thePageHoldsEverythingAndNothingHostile() throws {
        let f = try Fixture()
        try f.run("2026-03-02 10:00", .startAudit)
        try f.run("2026-03-02 10:01", .answerAudit(step: 5, .no, note: Self.hostile, owner: "Sam <b>"))
        try f.run("2026-03-02 10:02", .answerAudit(step: 15, .unsure, note: nil, owner: nil))
        let now = f.t("2026-03-02 11:00")
        let summary = try AuditReview.summary(f.p, path: f.path, now: now)
        let c = chart(.stacked, [("Q1", [3, 4])])
        let html = AuditReportPage(f.p, summary: summary, window: AuditWindow(end: now), now: now, charts: [c]).html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<span class=\"big\" id=\"score-self\">0 of 16</span>"))
        #expect(html.contains("Post-session message") && html.contains("Easy rescheduling"))
        #expect(html.contains("Owner: <bdi>Sam &lt;b&gt;</bdi>"))
        #expect(html.contains("Next step:</strong> turn on the autopilot for it"))
        #expect(html.contains("answered no; no figure from the log (no attended sessions at least a day old in the window)"))
        #expect(html.contains("No audit finished yet: finish the one under way now"), "this audit is still open")
        #expect(html.contains("id=\"chart-kstacked\"") && html.contains("[3, 4] for Q1"))
        let lower = html.lowercased()
        #expect(!lower.contains("<script") && !lower.contains("http:") && !lower.contains("https:"))
        #expect(!lower.contains(" src=") && !lower.contains(" href=") && !lower.contains("url("))
        let noCharts = AuditReportPage(f.p, summary: summary, window: AuditWindow(end: now), now: now, charts: []).html
        #expect(noCharts.contains("No charts for this practice yet."))
    }
}

/// The page draws the same four series as the reports screen, in the order, even for an empty practice.
@Suite struct AuditReportChartsTests {
    @Test func theFourSeriesInOrder() throws {
        let f = try Fixture()
        let now = f.t("2026-03-02 11:00")
        let charts = AuditReportCharts.all(f.p, now: now)
        #expect(charts.map(\.key) == ["funnel", "diaryDensity", "retention", "newClientsBySource"])
        let summary = try AuditReview.summary(f.p, path: f.path, now: now)
        let html = AuditReportPage(f.p, summary: summary, window: AuditWindow(end: now), now: now, charts: charts).html
        for c in charts { #expect(html.contains("id=\"chart-\(c.key)\"")) }
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 4)
    }
}
