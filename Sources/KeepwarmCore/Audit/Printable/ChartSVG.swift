/// Draws a `Chart` as inline SVG for the printable audit: bars (stacked or side by side) or curves. The legend naming
/// each series (`legend`) and every row's numbers (`numbers`) go beside it as HTML, not SVG text, so a long caption or
/// a 500-character source name wraps instead of being cut off at the picture's edge or drawn over its neighbour, and
/// the page is never only a picture. User text is isolated (`HTMLText.isolated`), so a direction mark stays in it. No scripts, no
/// links, no fonts or images from elsewhere (inline SVG in HTML needs no namespace URL); every label is escaped.
public enum ChartSVG {
    /// Fills that stay apart in colour and in grey on a black-and-white printer.
    static let fills = ["#1f4e79", "#8fb3d9", "#c55a11", "#f4b183", "#548235", "#a9d18e", "#7f6000", "#ffd966"]
    static let width = 720.0
    static let labelWidth = 110.0
    static let barWidth = 600.0
    static let rowHeight = 18.0

    /// The chart as one `<svg>` element.
    public static func svg(_ chart: Chart) -> String {
        chart.kind == .curve ? curve(chart) : bars(chart)
    }

    /// Each row's numbers, as the list printed beside the picture.
    public static func numbers(_ chart: Chart) -> String {
        guard !chart.rows.isEmpty else { return "" }
        return "<ul class=\"numbers\">\n" + chart.rows.map { "<li><span class=\"label\">\(HTMLText.isolated($0.label))</span> \(HTMLText.isolated($0.caption))</li>\n" }.joined() + "</ul>\n"
    }

    /// The legend, one swatch and name per series (per row for a curve), in the fill the picture draws it with.
    public static func legend(_ chart: Chart) -> String {
        let names = chart.kind == .curve ? chart.rows.map(\.label) : chart.series
        guard !names.isEmpty else { return "" }
        return "<ul class=\"legend\">\n" + names.enumerated().map { i, name in
            "<li><svg class=\"swatch\" viewBox=\"0 0 12 12\" width=\"12\" height=\"12\" aria-hidden=\"true\">"
                + "<rect width=\"12\" height=\"12\" fill=\"\(fill(i))\"/></svg> \(HTMLText.isolated(name))</li>\n"
        }.joined() + "</ul>\n"
    }

    static func fill(_ i: Int) -> String { fills[i % fills.count] }

    /// A value safe to scale: negative and non-finite values draw as nothing.
    static func clean(_ v: Double) -> Double { v.isFinite && v > 0 ? v : 0 }

    /// A coordinate with at most one decimal, as SVG reads it.
    static func n(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func open(_ chart: Chart, height: Double) -> String {
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"100%\" aria-label=\"\(HTMLText.escape(chart.title))\">"
    }

    static func text(_ s: String, x: Double, y: Double, anchor: String = "start", cls: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\"\(cls.isEmpty ? "" : " class=\"\(cls)\"")>\(HTMLText.isolatedPlain(s))</text>"
    }

    /// Stacked or grouped bars, one band per row, labelled on the left.
    static func bars(_ chart: Chart) -> String {
        let scale = chart.scaleMax.isFinite ? chart.scaleMax : 1
        let k = max(1, chart.series.count)
        let band = chart.kind == .grouped ? max(rowHeight, Double(k) * 6 + 6) : rowHeight
        let top = 2.0
        let height = top + max(1, Double(chart.rows.count)) * band + 4
        var out = open(chart, height: height)
        if chart.rows.isEmpty { return out + text("Nothing to show for this period.", x: 0, y: top + 13, cls: "empty") + "</svg>" }
        for (r, row) in chart.rows.enumerated() {
            let y = top + Double(r) * band
            out += text(row.label, x: labelWidth - 6, y: y + band / 2 + 4, anchor: "end")
            if chart.kind == .stacked {
                var x = labelWidth
                for (i, v) in row.values.enumerated() {
                    let w = clean(v) / scale * barWidth
                    if w > 0 { out += "<rect x=\"\(n(x))\" y=\"\(n(y + 3))\" width=\"\(n(w))\" height=\"\(n(band - 6))\" fill=\"\(fill(i))\"/>" }
                    x += w
                }
            } else {
                let h = (band - 6) / Double(k)
                for (i, v) in row.values.enumerated() {
                    let w = clean(v) / scale * barWidth
                    if w > 0 { out += "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 3 + Double(i) * h))\" width=\"\(n(w))\" height=\"\(n(max(1, h - 1)))\" fill=\"\(fill(i))\"/>" }
                }
            }
        }
        return out + "</svg>"
    }

    /// One curve per row across the series (a retention curve by first-visit quarter), on a 0–100% scale.
    static func curve(_ chart: Chart) -> String {
        let plotLeft = 40.0, plotWidth = width - plotLeft - 20, plotHeight = 180.0
        let top = 10.0
        let height = top + plotHeight + 24
        var out = open(chart, height: height)
        for pc in stride(from: 0, through: 100, by: 25) {
            let y = top + plotHeight * (1 - Double(pc) / 100)
            out += "<line x1=\"\(n(plotLeft))\" y1=\"\(n(y))\" x2=\"\(n(plotLeft + plotWidth))\" y2=\"\(n(y))\" class=\"grid\"/>"
            out += text("\(pc)%", x: plotLeft - 4, y: y + 4, anchor: "end")
        }
        let columns = max(1, chart.series.count - 1)
        func x(_ i: Int) -> Double { plotLeft + plotWidth * Double(i) / Double(columns) }
        for (i, name) in chart.series.enumerated() {
            out += text(name, x: x(i), y: top + plotHeight + 16, anchor: chart.series.count == 1 ? "start" : (i == 0 ? "start" : i == chart.series.count - 1 ? "end" : "middle"))
        }
        if chart.rows.isEmpty { out += text("Nothing to show for this period.", x: plotLeft + 8, y: top + plotHeight / 2, cls: "empty") }
        for (r, row) in chart.rows.enumerated() {
            let points = row.values.prefix(chart.series.count).enumerated().map { i, v in
                "\(n(x(i))),\(n(top + plotHeight * (1 - min(1, clean(v)))))"
            }
            if points.count > 1 {
                out += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(fill(r))\" stroke-width=\"2\"/>"
            }
            for p in points {
                let xy = p.split(separator: ",")
                out += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2.5\" fill=\"\(fill(r))\"/>"
            }
        }
        return out + "</svg>"
    }
}
