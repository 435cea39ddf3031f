/// The printable audit (`keepwarm audit report --out audit.html`): one self-contained HTML page to hand to a
/// colleague. The score, the owner's self-rating beside the log's evidence for every step, every gap ranked by the
/// clients it touched with its owner, next step and figure, the owner's numbers as charts, and the date of the next
/// review. Inline SVG and a print stylesheet; no scripts, no links or requests to anywhere; every text escaped.
public struct AuditReportPage: Sendable {
    public let practiceName: String
    public let summary: AuditSummary
    /// The audit whose answers are shown (under way, or the last finished), nil before the first.
    public let audit: Audit?
    public let window: AuditWindow
    public let calendar: PracticeCalendar
    public let nextReview: NextReview
    /// The charts to draw, in order; the caller decides which (none draws a line saying so).
    public let charts: [Chart]
    /// When the page was made, shown at its foot.
    public let madeAt: Instant

    public init(practiceName: String, summary: AuditSummary, audit: Audit?, window: AuditWindow, calendar: PracticeCalendar,
                nextReview: NextReview, charts: [Chart], madeAt: Instant) {
        self.practiceName = practiceName
        self.summary = summary
        self.audit = audit
        self.window = window
        self.calendar = calendar
        self.nextReview = nextReview
        self.charts = charts
        self.madeAt = madeAt
    }

    /// The page for a practice's current (or last) audit, evidence to `now`.
    public init(_ p: Practice, summary: AuditSummary, window: AuditWindow, now: Instant, charts: [Chart]) {
        self.init(practiceName: p.settings.name, summary: summary, audit: AuditReview.current(p), window: window,
                  calendar: p.calendar, nextReview: NextReview.of(p, now: now), charts: charts, madeAt: now)
    }

    static func e(_ s: String) -> String { HTMLText.escape(s) }
    /// User text (practice name, owners, notes): escaped and isolated, so a direction mark in it stays in it.
    static func u(_ s: String) -> String { HTMLText.isolated(s) }

    static func answerWords(_ a: AuditAnswer?) -> String {
        switch a {
        case .yes?: "yes, in place"
        case .no?: "no, a gap"
        case .unsure?: "not sure"
        case nil: "not answered"
        }
    }

    /// The whole page, UTF-8.
    public var html: String {
        let date = calendar.dateString(window.end)
        var h = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Journey audit — \(HTMLText.isolatedPlain(practiceName)) — \(date)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header>
            <h1>Journey audit: \(Self.u(practiceName))</h1>
            <p class="period">Evidence from the practice's own log, the \(window.days) days to \(date); target \(Int(AuditEvidence.defaultTarget * 100))% for each step with a figure.</p>
            <p class="period">\(Self.e(auditLine))</p>
            </header>

            """
        h += scoreSection + stepsSection + gapsSection + chartsSection + changesSection
        h += """
            <section class="next">
            <h2>Next review</h2>
            \(nextReviewParagraph)
            </section>
            <footer>
            <p>Made by Keepwarm on \(calendar.dateString(madeAt)) at \(calendar.timeString(madeAt)) (practice time) from the practice's event log. It holds client records: keep it as you keep the notes.</p>
            </footer>
            </body>
            </html>

            """
        return h
    }

    var auditLine: String {
        guard let a = audit else { return "No audit walked yet: the answers below are empty until the owner walks one (keepwarm audit walk)." }
        if let f = a.finishedAt { return "Audit \(a.id), finished \(calendar.dateString(f)); answers as given then." }
        return "Audit \(a.id), under way since \(calendar.dateString(a.startedAt)): \(a.answers.count) of \(summary.total) steps answered."
    }

    var scoreSection: String {
        let s = summary
        let unanswered = s.total - s.answers.count
        return """
            <section class="score">
            <h2>Score</h2>
            <div class="scores">
            <div class="tile"><span class="big" id="score-self">\(s.inPlace) of \(s.total)</span><span>steps in place, as the owner rates them</span></div>
            <div class="tile"><span class="big" id="score-evidence">\(s.evidenceMet) of \(s.evidenceSteps)</span><span>steps with figures meet their target, as the log shows</span></div>
            <div class="tile"><span class="big" id="score-gaps">\(s.gaps.count)</span><span>gap\(s.gaps.count == 1 ? "" : "s") to close</span></div>
            </div>
            \(unanswered > 0 ? "<p class=\"warn\">\(unanswered) step\(unanswered == 1 ? " is" : "s are") not answered yet.</p>\n" : "")</section>

            """
    }

    var stepsSection: String {
        let s = summary
        var rows = ""
        for step in AuditChecklist.steps {
            let ev = s.evidence.first { $0.step == step.number }
            let a = s.answers[step.number]
            let verdict = ev?.meetsTarget.map { $0 ? "meets target" : "below target" } ?? "no target"
            let cls = ev?.meetsTarget == false || a?.answer == .no || a?.answer == .unsure ? " class=\"gap\"" : ""
            let trend = s.trend(step.number).map { " (\($0 >= 0 ? "+" : "−")\(abs($0)) points since the last audit)" } ?? ""
            rows += "<tr\(cls)><td>\(step.number). \(Self.e(step.title))</td><td>\(Self.answerWords(a?.answer))</td>"
            rows += "<td>\(a?.owner.map(Self.u) ?? "—")</td><td>\(Self.e(ev?.text ?? "no data"))\(Self.e(trend))</td><td>\(verdict)</td></tr>\n"
            if let note = a?.note, !note.isEmpty {
                rows += "<tr class=\"note\"><td></td><td colspan=\"4\">Note: \(Self.u(note))</td></tr>\n"
            }
        }
        return """
            <section class="steps">
            <h2>The self-rating beside the evidence</h2>
            <table>
            <colgroup><col class="step"><col class="answer"><col class="owner"><col class="shows"><col class="target"></colgroup>
            <thead><tr><th>Step</th><th>The owner's answer</th><th>Owner</th><th>The log shows (\(window.days) days)</th><th>Against the target</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </section>

            """
    }

    var gapsSection: String {
        let actions = summary.nextActions
        var body = ""
        if actions.isEmpty {
            body = "<p class=\"good\">No gaps: every answered step is in place and every figure meets its target.</p>\n"
        } else {
            body = "<ul class=\"gaps\">\n"
            for g in actions {
                body += """
                    <li>
                    <h3>\(g.step). \(Self.e(g.title))</h3>
                    <p class="figure">\(Self.e(g.figure)).</p>
                    <p class="action"><strong>Next step:</strong> \(Self.e(g.nextStep)).</p>
                    <p class="meta">Owner: \(g.owner.map(Self.u) ?? "nobody named yet") · The log shows \(Self.e(g.evidence)) · Answer: \(Self.answerWords(g.answer))</p>
                    </li>

                    """
            }
            body += "</ul>\n"
        }
        return """
            <section class="gaps">
            <h2>Gaps, ranked by the clients they touched</h2>
            <p class="period">Counted over the \(window.days) days to \(calendar.dateString(window.end)); steps the owner answered no or not sure come after those the log can count.</p>
            \(body)</section>

            """
    }

    var chartsSection: String {
        var body = ""
        if charts.isEmpty { body = "<p>No charts for this practice yet.</p>\n" }
        for c in charts {
            body += """
                <figure class="chart" id="chart-\(Self.e(c.key))">
                <h3>\(Self.e(c.title))</h3>
                <p class="period">\(Self.e(c.period))</p>
                \(ChartSVG.legend(c))\(ChartSVG.svg(c))
                \(ChartSVG.numbers(c))<figcaption>\(Self.e(c.formula))</figcaption>
                </figure>

                """
        }
        return """
            <section class="charts">
            <h2>The practice's numbers</h2>
            \(body)</section>

            """
    }

    var changesSection: String {
        let changes = summary.changes
        guard summary.previous != nil || summary.previousAnswers != nil else { return "" }
        let items = changes.isEmpty ? "<p>Nothing changed since the last audit.</p>\n"
            : "<ul>\n" + changes.map { "<li>\(Self.e($0))</li>\n" }.joined() + "</ul>\n"
        return """
            <section class="changes">
            <h2>Since the last audit</h2>
            \(items)</section>

            """
    }

    /// Screen and print styles: A4 with margins, sections kept whole across pages where they fit, charts in ink.
    static let style = """

        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.2rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; margin-top: 1.6rem; }
        h3 { font-size: 1rem; margin: .2rem 0; }
        .period { color: #555; margin: .1rem 0; }
        .scores { display: flex; gap: 1rem; flex-wrap: wrap; }
        .tile { border: 1px solid #bbb; border-radius: 4px; padding: .5rem .8rem; flex: 1 1 12rem; }
        .big { display: block; font-size: 1.8rem; font-weight: bold; color: #1f4e79; }
        .warn { color: #8a4b00; }
        .good { color: #35682d; }
        body { overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; table-layout: fixed; }
        col.step { width: 22%; } col.answer { width: 14%; } col.owner { width: 16%; } col.shows { width: 34%; } col.target { width: 14%; }
        bdi { unicode-bidi: isolate; }
        th, td { overflow-wrap: anywhere; word-break: break-word; text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid #ddd; }
        tr.gap td:nth-child(4), tr.gap td:nth-child(2) { font-weight: bold; }
        tr.note td { color: #555; font-style: italic; border-bottom: 1px solid #ddd; }
        ul.gaps { list-style: none; padding-left: 0; }
        ul.gaps li { margin-bottom: .7rem; }
        ul.gaps p { margin: .1rem 0; }
        .figure { font-weight: bold; }
        .meta { color: #555; font-size: .9rem; }
        figure.chart { margin: 1rem 0; }
        svg.chart { max-width: 100%; height: auto; font-size: 11px; }
        svg.chart text { fill: #1a1a1a; }
        svg.chart .caption { fill: #333; }
        svg.chart .empty { fill: #777; font-style: italic; }
        svg.chart .grid { stroke: #ccc; stroke-width: 1; }
        ul.numbers { columns: 3 14rem; column-gap: 1.2rem; font-size: .8rem; list-style: none; padding-left: 0; margin: .3rem 0; }
        ul.numbers li { break-inside: avoid; }
        ul.numbers .label { font-weight: bold; }
        ul.legend { list-style: none; padding-left: 0; margin: .2rem 0; display: flex; flex-wrap: wrap; gap: .1rem 1rem; font-size: .85rem; }
        ul.legend li { break-inside: avoid; min-width: 0; }
        ul.legend svg.swatch { vertical-align: -1px; }
        figcaption { color: #555; font-size: .85rem; }
        footer { margin-top: 2rem; color: #555; font-size: .85rem; border-top: 1px solid #ddd; }
        code { font-family: "DejaVu Sans Mono", monospace; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 10pt; }
          h2 { break-after: avoid; }
          footer { break-before: avoid; }
          tr, li, svg.chart, .tile, section.next { break-inside: avoid; }
          figure.chart h3, figure.chart .period { break-after: avoid; }
          ul.numbers { columns: 3; font-size: 7.5pt; }
          .tile { border-color: #888; }
        }

        """
}

extension AuditReportPage {
    /// The next review in words: a quarter after the last audit walked, or now when none has been (never a date a
    /// quarter after an audit that did not happen).
    var nextReviewParagraph: String {
        guard nextReview.walked else {
            let now = nextReview.underWay ? "No audit finished yet: finish the one under way now" : "No audit walked yet: walk it now"
            return "<p><strong id=\"next-review\">\(now)</strong> (<code>keepwarm audit walk</code>), then again a quarter later, and compare the figures with these.</p>"
        }
        return "<p>Walk the audit again \(nextReview.overdue ? "now: it was due" : "on") <strong id=\"next-review\">\(Self.e(nextReview.text))</strong>, a quarter after the last one (<code>keepwarm audit walk</code>), and compare the figures with these.</p>"
    }
}
