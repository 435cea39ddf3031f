import KeepwarmCore

/// The walkthrough's summary page as lines fitted to the rows there are: the two scores, **every** gap with its
/// figure, next action and owner, then the changes since the last audit. When the screen is short the changes and
/// the second line of each gap give way first, then the blank lines; the gaps themselves are never dropped.
enum WalkSummaryLines {
    /// One line of the summary.
    struct Line: Equatable {
        let text: String
        let style: Style
        let indent: Int
    }

    /// The lines for `rows` rows; the tightest layout may be longer, and the caller then starts it a row higher.
    static func lines(_ s: AuditSummary, rows: Int) -> [Line] {
        let actions = s.nextActions
        let unanswered = s.total - s.answers.count
        let warning = unanswered > 0 ? [Line(text: "\(unanswered) step\(unanswered == 1 ? " is" : "s are") not answered yet (← to go back).", style: .warning, indent: 2)] : []
        let head = [Line(text: "Rate yourself: \(s.inPlace) of \(s.total) steps in place", style: .title, indent: 2),
                    Line(text: "Evidence: \(s.evidenceMet) of \(s.evidenceSteps) steps with figures meet their target", style: .bold, indent: 2)]
            + warning + [blank]
        let header = actions.isEmpty
            ? [Line(text: "Gaps, biggest leak first", style: .bold, indent: 2),
               Line(text: "No gaps: every answered step is in place and every figure meets its target.", style: .good, indent: 4)]
            : [Line(text: "Gaps, biggest leak first: \(actions.count), each with its next step", style: .bold, indent: 2)]
        func style(_ a: GapAction) -> Style { a.touched > 0 ? .warning : .plain }
        let twoLines = actions.flatMap { a in
            [Line(text: "\(a.step). \(a.title): \(a.figure)", style: style(a), indent: 4),
             Line(text: "→ \(a.nextStep) · owner \(a.owner ?? "not named")", style: .plain, indent: 7)]
        }
        let oneLine = actions.map { a in
            Line(text: "\(a.step). \(a.title)\(a.owner.map { " (\($0))" } ?? ""): \(a.figure) → \(a.nextStep)", style: style(a), indent: 4)
        }
        let changes = s.changes
        var tail = [blank, Line(text: changes.isEmpty ? (s.previous == nil && s.previousAnswers == nil ? "This is the first audit." : "Nothing changed since the last audit.") : "Since the last audit", style: .bold, indent: 2)]
        tail += changes.prefix(6).map { Line(text: $0, style: .plain, indent: 4) }
        tail += [blank, Line(text: "Press f to finish and record this audit.", style: .bold, indent: 2)]

        let roomy = head + header + twoLines
        if roomy.count + tail.count <= rows { return roomy + tail }
        if roomy.count <= rows { return roomy + Array(tail.prefix(rows - roomy.count)) }
        let short = head + header + oneLine
        if short.count <= rows { return short + Array(tail.prefix(rows - short.count)) }
        // The tightest: both scores on one line, no blank lines, one line a gap.
        let score = Line(text: "In place \(s.inPlace) of \(s.total) · evidence \(s.evidenceMet) of \(s.evidenceSteps) meet target", style: .title, indent: 2)
        return [score] + warning + header + oneLine
    }

    static let blank = Line(text: "", style: .plain, indent: 2)
}
