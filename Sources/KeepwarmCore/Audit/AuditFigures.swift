/// The audit's evidence as figures with their places, so the drill-down opens an audit step the way it opens a report
/// figure: one mechanism for both (`DrillDown`).
extension AuditEvidence {
    /// Each step that counts records, as a figure keyed by its step number (`5`), labelled with its title, over the window.
    public static func placedFigures(_ evidence: [Evidence], window w: AuditWindow, calendar cal: PracticeCalendar) -> [PlacedFigure] {
        let period = "\(cal.dateString(Instant(ms: w.start.ms + 1))) to \(cal.dateString(w.end))"
        return evidence.map { e in
            let title = AuditChecklist.steps.first { $0.number == e.step }?.title ?? "Step \(e.step)"
            let figure = Figure(key: String(e.step), label: "\(e.step). \(title)", value: e.value, numerator: e.numerator,
                                denominator: e.denominator, unit: .share, formula: e.formula, members: e.members)
            return PlacedFigure(figure: figure, period: period)
        }
    }
}
