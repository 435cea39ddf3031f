import KeepwarmCore

/// `keepwarm audit` for people and for scripts.
enum AuditOutput {
    static func text(_ s: AuditSummary, audit: Audit?, window: AuditWindow, p: Practice) -> [String] {
        let cal = p.calendar
        var out = ["Journey audit: \(window.days) days to \(cal.dateString(window.end)), target \(Int(AuditEvidence.defaultTarget * 100))%"]
        if let a = audit {
            out.append(a.finishedAt == nil
                ? "Audit \(a.id), under way since \(cal.dateString(a.startedAt)): \(a.answers.count) of \(s.total) steps answered"
                : "Audit \(a.id), finished \(cal.dateString(a.finishedAt!))")
        } else {
            out.append("No audit yet: walk through one with `keepwarm audit walk`")
        }
        out.append("")
        for step in AuditChecklist.steps {
            let e = s.evidence[step.number - 1]
            let answer = s.answers[step.number]
            let mark = e.meetsTarget.map { $0 ? "meets target" : "below target" } ?? ""
            let trend = s.trend(step.number).map { "  (\($0 >= 0 ? "+" : "")\($0) points since the last audit)" } ?? ""
            out.append("\(pad(step.number)). \(step.title) — \(answer?.answer.rawValue ?? "not answered")\(answer?.owner.map { ", owner \($0)" } ?? "")")
            out.append("    \(step.question)")
            out.append("    Evidence: \(e.text)\(mark.isEmpty ? "" : ", \(mark)")\(trend)")
            out.append("    How: \(e.formula)\(e.detail.map { "; \($0)" } ?? "")")
            if let note = answer?.note { out.append("    Note: \(note)") }
        }
        out.append("")
        out.append("Rate yourself: \(s.inPlace) of \(s.total) steps in place. Evidence: \(s.evidenceMet) of \(s.evidenceSteps) steps with figures meet their target.")
        let gaps = s.gaps
        if !gaps.isEmpty {
            out.append("Gaps, biggest leak first:")
            for (g, action) in zip(gaps, s.nextActions) {
                let step = AuditChecklist.steps[g.step - 1]
                out.append("  \(pad(g.step)). \(step.title): \(g.missed > 0 ? "\(g.missed) missed in the window" : "answered \(s.answers[g.step]?.answer.rawValue ?? "")"), \(g.text)")
                // The next action in the practice's words, with its owner: every gap leads somewhere.
                out.append("      \(action.sentence) (owner: \(action.owner ?? "nobody named yet"))")
            }
        }
        let changes = s.changes
        if !changes.isEmpty {
            out.append("Since the last audit:")
            out += changes.map { "  " + $0 }
        }
        return out
    }

    static func pad(_ n: Int) -> String { n < 10 ? " \(n)" : "\(n)" }

    static func json(_ s: AuditSummary, audit: Audit?, window: AuditWindow) -> [UInt8] {
        var b = LineBuilder()
        var w = LineBuilder()
        w.string("start", window.start.iso)
        w.string("end", window.end.iso)
        w.int("days", window.days)
        b.raw("window", w.finishedObject())
        b.double("target", AuditEvidence.defaultTarget)
        if let a = audit {
            var o = LineBuilder()
            o.string("id", a.id.description)
            o.string("startedAt", a.startedAt.iso)
            o.stringOrNull("finishedAt", a.finishedAt?.iso)
            b.raw("audit", o.finishedObject())
        } else {
            b.null("audit")
        }
        b.raw("steps", LineBuilder.array(AuditChecklist.steps.map { step in
            let e = s.evidence[step.number - 1]
            let a = s.answers[step.number]
            var o = LineBuilder()
            o.int("step", step.number)
            o.string("title", step.title)
            o.string("question", step.question)
            o.stringOrNull("answer", a?.answer.rawValue)
            o.stringOrNull("owner", a?.owner)
            o.stringOrNull("note", a?.note)
            o.intOrNull("numerator", e.numerator)
            o.intOrNull("denominator", e.denominator)
            if let v = e.value { o.double("value", (v * 10_000).rounded() / 10_000) } else { o.null("value") }
            if let t = e.target { o.double("target", t) } else { o.null("target") }
            if let m = e.meetsTarget { o.bool("meetsTarget", m) } else { o.null("meetsTarget") }
            o.int("missed", e.missed)
            o.string("formula", e.formula)
            o.stringOrNull("detail", e.detail)
            o.stringOrNull("noData", e.noData)
            o.intOrNull("trend", s.trend(step.number))
            return o.finishedObject()
        }))
        var score = LineBuilder()
        score.int("inPlace", s.inPlace)
        score.int("total", s.total)
        score.int("evidenceMet", s.evidenceMet)
        score.int("evidenceSteps", s.evidenceSteps)
        b.raw("score", score.finishedObject())
        b.raw("gaps", LineBuilder.array(s.gaps.map { Array(String($0.step).utf8) }))
        b.raw("nextActions", LineBuilder.array(s.nextActions.map { a in
            var o = LineBuilder()
            o.int("step", a.step)
            o.string("title", a.title)
            o.int("touched", a.touched)
            o.string("figure", a.figure)
            o.string("evidence", a.evidence)
            o.string("nextStep", a.nextStep)
            o.stringOrNull("owner", a.owner)
            o.stringOrNull("answer", a.answer?.rawValue)
            return o.finishedObject()
        }))
        b.strings("changes", s.changes)
        return b.finishedObject()
    }
}
