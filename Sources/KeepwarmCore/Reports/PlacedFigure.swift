import Foundation

/// A figure with its place in its report: the row (a source, a referrer) and the column (a quarter, a month, a week),
/// so a person or a script can name the one they want to open (`--clients reachedThird --row Google`).
public struct PlacedFigure: Equatable, Sendable {
    public let figure: Figure
    /// A source (`Google`, `(not recorded)`, `All sources`) or a referrer's name; nil for a headline figure.
    public let row: String?
    /// A quarter, month or week label; nil for a figure over the whole period.
    public let column: String?
    /// The period the figure covers, in words: `2026-06-08 to 2026-12-06`, or the audit's window.
    public let period: String

    public init(figure: Figure, row: String? = nil, column: String? = nil, period: String) {
        self.figure = figure
        self.row = row
        self.column = column
        self.period = period
    }

    /// `Reached a 3rd session, Google, 2026-Q3`.
    public var title: String {
        // Labels of figures in a column already name it (`New clients 2026-Q3`).
        ([figure.label] + [row, column].compactMap { $0 }.filter { !figure.label.hasSuffix($0) }).joined(separator: ", ")
    }

    /// Whether this is the figure `key` in `row` and `column` (names compared ignoring case and spaces at either end).
    public func matches(key: String, row r: String?, column c: String?) -> Bool {
        func same(_ a: String?, _ b: String?) -> Bool {
            a?.trimmingCharacters(in: .whitespaces).lowercased() == b?.trimmingCharacters(in: .whitespaces).lowercased()
        }
        // A referrer's row is `Name (c12)`: the id alone names it too.
        let rowMatches = same(row, r) || (r.map { id in row?.lowercased().hasSuffix("(\(id.trimmingCharacters(in: .whitespaces).lowercased()))") ?? false } ?? false)
        return figure.key.lowercased() == key.lowercased() && rowMatches && same(column, c)
    }
}

/// Finding one figure by name among a report's, with a line that says what to type when the name is wrong.
public enum FigureChoice {
    /// The figure named `key` in `row` and `column`, or a reason naming the keys (and rows) there are.
    public static func find(_ figures: [PlacedFigure], key: String, row: String?, column: String?) -> Result<PlacedFigure, FigureChoiceError> {
        if let f = figures.first(where: { $0.matches(key: key, row: row, column: column) }) {
            guard f.figure.members != nil else {
                if f.figure.value == nil { return .failure(FigureChoiceError(message: "\(f.figure.key) has no data there: nothing to list")) }
                return .failure(FigureChoiceError(message: "\(f.figure.key) does not count clients, sessions or referrals; there is no list behind it"))
            }
            return .success(f)
        }
        let keys = Array(Set(figures.filter { $0.figure.members != nil }.map(\.figure.key))).sorted()
        let sameKey = figures.filter { $0.figure.key.lowercased() == key.lowercased() }
        if sameKey.isEmpty {
            // Never an empty "choose one of:": a report with no list behind any figure says so.
            if keys.isEmpty { return .failure(FigureChoiceError(message: "no figure is called \(key), and no figure here has a list behind it (nothing in the period)")) }
            return .failure(FigureChoiceError(message: "no figure is called \(key); choose one of: \(keys.joined(separator: ", "))"))
        }
        let rows = Array(Set(sameKey.compactMap(\.row))).sorted()
        let columns = Array(Set(sameKey.compactMap(\.column))).sorted()
        var hint = "\(key) needs"
        if !rows.isEmpty { hint += " --row (one of: \(rows.prefix(12).joined(separator: ", "))\(rows.count > 12 ? ", …" : ""))" }
        if !columns.isEmpty { hint += "\(rows.isEmpty ? "" : " and may take") --column (one of: \(columns.prefix(12).joined(separator: ", "))\(columns.count > 12 ? ", …" : ""))" }
        if rows.isEmpty && columns.isEmpty { hint = "\(key) takes no --row or --column" }
        return .failure(FigureChoiceError(message: hint))
    }
}

/// Why no figure matched, in one line.
public struct FigureChoiceError: Error, Equatable, Sendable {
    public let message: String
}

extension ReportPeriod {
    /// `2026-06-08 to 2026-12-06`: the dates every figure is shown with.
    public var text: String { "\(Civil.string(ofDay: startDay)) to \(Civil.string(ofDay: today))" }

    /// The dates one column's figures cover: the quarter, month or week, cut to the period (`2026-07-01 to
    /// 2026-09-30`, `2026-10-01 to 2026-12-06` for the quarter under way). A column's list covers its own dates,
    /// not the whole report's.
    public func text(of b: ReportBucket, from first: Int? = nil) -> String {
        "\(Civil.string(ofDay: max(b.firstDay, first ?? startDay))) to \(Civil.string(ofDay: min(b.lastDay, today)))"
    }

    /// The dates of several columns added together (the EARLIER column): from the first one's start to the last one's end.
    public func text(of buckets: ArraySlice<ReportBucket>) -> String {
        guard let a = buckets.first, let b = buckets.last else { return text }
        return "\(Civil.string(ofDay: max(a.firstDay, startDay))) to \(Civil.string(ofDay: min(b.lastDay, today)))"
    }
}

extension RetentionReport {
    /// Every figure in the report with its place, in the order shown.
    public var placedFigures: [PlacedFigure] {
        let p = period.text
        // The no-show rate counts the bad thing: its other list is the attended sessions, named so (`ListNames`).
        return headline.map { PlacedFigure(figure: $0.key == "noShowRate" ? $0.withListNames(RetentionReport.noShowLists) : $0, period: p) }
            + activeClientsByMonth.map { PlacedFigure(figure: $0.activeClients, column: $0.month.label, period: period.text(of: $0.month, from: $0.month.firstDay)) }
            + densityByWeek.flatMap { [PlacedFigure(figure: $0.hours, column: $0.week.label, period: period.text(of: $0.week, from: $0.week.firstDay)),
                                       PlacedFigure(figure: $0.shareOfBusiest, column: $0.week.label, period: period.text(of: $0.week, from: $0.week.firstDay))] }
            + satisfactionBySource.map { PlacedFigure(figure: $0.meanScore, row: $0.label, period: p) }
    }
}

extension RetentionReport {
    /// The no-show rate's lists: the no-shows it counts, and the attended sessions beside them.
    public static let noShowLists = ListNames(counted: "no-shows", missed: "attended (not no-shows)")
}

extension SourcesReport {
    /// Every figure in the report with its place: each source's (and the total's) quarters, new clients and 3rd sessions.
    public var placedFigures: [PlacedFigure] {
        let p = period.text
        return (rows + [total]).flatMap { r in
            zip(quarters, r.byQuarter).map { PlacedFigure(figure: $1, row: r.label, column: $0.label, period: period.text(of: $0)) }
                + [PlacedFigure(figure: r.newClients, row: r.label, period: p), PlacedFigure(figure: r.reachedThird, row: r.label, period: p)]
        }
    }
}

extension ReferrersReport {
    /// Every figure in the report with its place: the summary, each referrer's counts, each professional source's clients.
    public var placedFigures: [PlacedFigure] {
        let p = period.text
        return summary.map { PlacedFigure(figure: $0, period: p) }
            + referrers.flatMap { r in
                [r.referrals, r.thankedOnTime, r.thankedLate, r.notYetThanked].map { PlacedFigure(figure: $0, row: "\(r.name) (\(r.client))", period: p) }
            }
            + professionals.map { PlacedFigure(figure: $0.newClients, row: $0.source, period: p) }
    }
}

extension SourcesReport {
    /// One row's first `n` quarters added together as one figure, with the clients behind them: the EARLIER column of
    /// a table that shows only the latest quarters (the console's, `keepwarm report sources` past 8 quarters).
    public func earlier(_ row: SourceRow, quarters n: Int) -> PlacedFigure {
        let clients = row.byQuarter.prefix(n).flatMap { $0.members?.denominator ?? [] }
        let f = Figure.count("newClients", "New clients", clients, unit: .clients, formula: SourcesReport.quarterFormula)
        return PlacedFigure(figure: f, row: row.label, column: SourcesReport.earlierColumn, period: period.text(of: quarters.prefix(n)))
    }

    /// The column name of the older quarters added together (`--column EARLIER`).
    public static let earlierColumn = "EARLIER"

    /// The figures as a table showing only the latest `shown` quarters lays them out, row by row: the older quarters
    /// in one EARLIER figure, then each quarter shown, new clients and 3rd sessions. Its EARLIER figures are the
    /// ones `placedFigures` lacks.
    public func placedFigures(showing shown: Int) -> [PlacedFigure] {
        let folded = max(0, quarters.count - shown)
        let p = period.text
        return (rows + [total]).flatMap { r in
            (folded > 0 ? [earlier(r, quarters: folded)] : [])
                + zip(quarters, r.byQuarter).dropFirst(folded).map { PlacedFigure(figure: $1, row: r.label, column: $0.label, period: period.text(of: $0)) }
                + [PlacedFigure(figure: r.newClients, row: r.label, period: p), PlacedFigure(figure: r.reachedThird, row: r.label, period: p)]
        }
    }
}
