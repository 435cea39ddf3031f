import KeepwarmCore

/// The audit walkthrough, full screen: one step at a time with its evidence, then the summary.
enum WalkthroughView {
    static func draw(_ g: inout Grid, step: Int, _ data: ConsoleData, _ p: Practice) {
        let x = 0, y = 1, w = g.width, h = g.height - 3
        g.fill(x: x, y: y, width: w, height: h)
        let total = AuditChecklist.steps.count
        let audit = p.openAudit
        let title = step <= total ? "Journey audit — step \(step) of \(total)" : "Journey audit — summary"
        g.box(x: x, y: y, width: w, height: h, title: title + (audit.map { " (\($0.id))" } ?? ""), style: Style([], .accent), titleStyle: .title)
        guard let s = data.audit else {
            g.put("Working out the figures…", x: 2, y: y + 2, style: .muted)
            return
        }
        var row = y + 2
        func line(_ text: String, _ style: Style = .plain, indent: Int = 2) {
            guard row < y + h - 1 else { return }
            g.putFitted(text, x: x + indent, y: row, width: w - indent - 2, style: style)
            row += 1
        }
        func wrapped(_ text: String, _ style: Style = .plain, indent: Int = 2) {
            for l in wrap(text, width: w - indent - 2) { line(l, style, indent: indent) }
        }
        if step <= total {
            let st = AuditChecklist.steps[step - 1]
            let e = s.evidence[step - 1]
            line("\(st.number). \(st.title)", .title)
            wrapped(st.question, .bold)
            row += 1
            wrapped("Why it matters: " + st.why)
            row += 1
            let verdict = e.meetsTarget.map { $0 ? "meets the \(pct(e.target!)) target" : "below the \(pct(e.target!)) target" } ?? ""
            line("Evidence (last 90 days): \(e.text)\(verdict.isEmpty ? "" : " — \(verdict)")", e.meetsTarget == false ? .warning : (e.meetsTarget == true ? .good : .bold))
            wrapped("How it is counted: " + e.formula + (e.detail.map { "; \($0)" } ?? ""), .muted, indent: 4)
            if let t = s.trend(step) {
                line("Since the last audit: \(t >= 0 ? "▲ +" : "▼ ")\(t) points", t >= 0 ? .good : .warning, indent: 4)
            } else if s.previous != nil {
                line("Since the last audit: no comparable figure", .muted, indent: 4)
            }
            row += 1
            if let a = s.answers[step] {
                line("Your answer: \(label(a.answer))\(a.owner.map { " · owner \($0)" } ?? "")\(a.note.map { " · “\($0)”" } ?? "")", .bold)
            } else {
                line("Not answered yet: y in place, n a gap, ? not sure.", .muted)
            }
            if let prev = s.previousAnswers?[step] {
                line("Last audit: \(label(prev.answer))", .muted)
            }
        } else {
            // Every gap with its next action, fitted to the rows there are (WalkSummaryLines); the tightest layout
            // starts one row higher.
            let rows = y + h - 2 - row
            let lines = WalkSummaryLines.lines(s, rows: rows)
            if lines.count > rows { row -= 1 }
            for l in lines { line(l.text, l.style, indent: l.indent) }
        }
        // Where you are in the journey.
        let dots = (1...total).map { n -> String in
            guard let a = s.answers[n] else { return n == step ? "◉" : "·" }
            return n == step ? "◉" : (a.answer == .yes ? "✓" : a.answer == .no ? "✗" : "?")
        }.joined(separator: " ")
        g.putFitted(dots, x: x + 2, y: y + h - 2, width: w - 4, style: .muted)
    }

    static func label(_ a: AuditAnswer) -> String {
        switch a {
        case .yes: "in place"
        case .no: "a gap"
        case .unsure: "not sure"
        }
    }

    static func pct(_ v: Double) -> String { "\(Int((v * 100).rounded()))%" }

    /// Splits text into lines of at most `width` cells at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayText.width(candidate) > width && !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
