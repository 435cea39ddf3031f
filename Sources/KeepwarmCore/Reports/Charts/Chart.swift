/// One picture of the owner's numbers, independent of how it is drawn: the console and `keepwarm report --chart` draw
/// it with block characters (ASCII under `LANG=C`), the printable audit as inline SVG. Every bar keeps its numbers, so
/// a chart never shows a length without the count behind it.
public struct Chart: Equatable, Sendable {
    /// How the values of one row relate, which decides how a row is drawn.
    public enum Kind: String, Sendable {
        /// Each row's values are parts of one whole (booked = attended + no-show + cancelled): one stacked bar per row.
        case stacked
        /// Each row's values are separate measures on one scale: one bar per value, side by side.
        case grouped
        /// Each row is a curve over the columns (a retention curve by first-visit quarter): shares from 0 to 1.
        case curve
    }

    /// A stable name for scripts and tests (`funnel`, `diaryDensity`, `retention`, `newClientsBySource`).
    public let key: String
    /// The title a person reads ("First, second and third sessions by quarter").
    public let title: String
    /// The period the chart covers, in words ("2025-Q4 to 2026-Q4", "the 52 weeks to 6 Dec 2026").
    public let period: String
    public let kind: Kind
    /// What each value of a row is (`first session`, `second`, `third`), in order; a legend names them.
    public let series: [String]
    public let rows: [Row]
    /// How the numbers were worked out, in words, for the reader who asks.
    public let formula: String

    /// One row: a quarter, a week or a source, and its values in `series` order (counts; shares for `.curve`).
    /// A curve's row may have fewer values than `series`: the points not reached yet (a quarter that has not begun)
    /// are not drawn.
    public struct Row: Equatable, Sendable {
        public let label: String
        public let values: [Double]
        /// The numbers shown beside the bar ("412 booked · 371 attended · 22 no-show"), so the picture is never the only record.
        public let caption: String

        public init(label: String, values: [Double], caption: String) {
            self.label = label
            self.values = values
            self.caption = caption
        }
    }

    public init(key: String, title: String, period: String, kind: Kind, series: [String], rows: [Row], formula: String) {
        self.key = key
        self.title = title
        self.period = period
        self.kind = kind
        self.series = series
        self.rows = rows
        self.formula = formula
    }

    /// The largest value drawn, which sets the scale (at least 1, so an empty practice draws empty bars, not NaN).
    public var scaleMax: Double {
        let top = rows.flatMap { r in kind == .stacked ? [r.values.reduce(0, +)] : r.values }.max() ?? 0
        return kind == .curve ? 1 : Swift.max(1, top)
    }
}
