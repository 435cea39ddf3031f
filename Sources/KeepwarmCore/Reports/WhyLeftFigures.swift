/// The why-clients-left report's figures with their places, so each count opens the clients behind it
/// (`keepwarm report why-left --clients cost --row "Anna Smith" --column 2026-Q4`, Enter in the console).
extension WhyLeftReport {
    /// Every count with its place, row by row as the table shows them: each practitioner's closes, then each reason's
    /// count per quarter and over the period. `--row` is the practitioner's name (or `no practitioner`).
    public var placedFigures: [PlacedFigure] {
        rows.flatMap { row in
            let reasons: [[PlacedFigure]] = WhyLeftReport.reasons.indices.map { reasonFigures(row, $0) }
            return [closedFigure(row)] + reasons.flatMap { $0 }
        }
    }

    /// The figures the console's table shows, in its order: each practitioner's closes, then for each reason given
    /// (a row with a close) its quarters and its total. Reasons nobody gave have no row there, so no figure either.
    public var shownFigures: [PlacedFigure] {
        rows.flatMap { row in
            let given = WhyLeftReport.reasons.indices.filter { row.totals[$0] > 0 }
            let reasons: [[PlacedFigure]] = given.map { reasonFigures(row, $0) }
            return [closedFigure(row)] + reasons.flatMap { $0 }
        }
    }

    /// A practitioner's closes in the period, every reason.
    func closedFigure(_ row: WhyLeftRow) -> PlacedFigure {
        let all: [FigureSubject] = row.closes.flatMap { $0.flatMap { $0 } }
        return PlacedFigure(figure: .count("closed", "Closed", all, unit: .clients, formula: Self.formula), row: row.label, period: period.text)
    }

    /// One reason's count in each quarter (over the quarter's dates), then over the period.
    func reasonFigures(_ row: WhyLeftRow, _ i: Int) -> [PlacedFigure] {
        let r = Self.reasons[i]
        let label = Self.label(r)
        let name = label.prefix(1).uppercased() + label.dropFirst()
        var out: [PlacedFigure] = []
        for (q, clients) in zip(quarters, row.closes[i]) {
            out.append(PlacedFigure(figure: .count(Self.key(r), name, clients, unit: .clients, formula: Self.formula),
                                    row: row.label, column: q.label, period: period.text(of: q)))
        }
        let all: [FigureSubject] = row.closes[i].flatMap { $0 }
        out.append(PlacedFigure(figure: .count(Self.key(r), name, all, unit: .clients, formula: Self.formula), row: row.label, period: period.text))
        return out
    }
}
