import KeepwarmCore

/// Why-left's counts open their clients with `--clients REASON --row PRACTITIONER [--column QUARTER]` (`WhyLeftFigures`).
extension WhyLeftReport: PeriodReport {}

/// The text, `--json` and `--csv` forms of the why-clients-left report (Docs/reports.md, "Why clients left").
enum WhyLeftOutput {
    static func text(_ r: WhyLeftReport, _ f: ReportFrame) {
        ReportOutput.print([f.heading("Why clients left"), f.periodLine, ""])
        guard !r.rows.isEmpty else {
            Stdout.line("No lapsed client was closed in the period: no data.")
            return
        }
        let shown = min(r.quarters.count, ReportOutput.maxQuarterColumns)
        let hidden = r.quarters.count - shown
        for row in r.rows {
            Stdout.line(DisplayText.visible("\(row.label) (\(row.total) closed)"))
            let lines = WhyLeftReport.reasons.indices.compactMap { i -> [String]? in
                let counts = row.counts[i]
                // "not recorded" only when there is one, so a practice that always gives reasons never sees it.
                if WhyLeftReport.reasons[i] == nil, counts.allSatisfy({ $0 == 0 }) { return nil }
                return [WhyLeftReport.label(WhyLeftReport.reasons[i])]
                    + (hidden > 0 ? [String(counts.prefix(hidden).reduce(0, +))] : [])
                    + counts.suffix(shown).map(String.init) + [String(row.totals[i])]
            }
            let t = Table(["REASON"] + (hidden > 0 ? ["EARLIER"] : []) + r.quarters.suffix(shown).map(ReportOutput.mark) + ["TOTAL"], lines)
            t.print()
            Stdout.line("")
        }
        var notes = ["Each figure: \(WhyLeftReport.formula)."]
        if hidden > 0 { notes.append("EARLIER: the \(hidden) quarters from \(r.quarters[0].label) to \(r.quarters[hidden - 1].label), added together (--json and --csv list every quarter).") }
        if r.quarters.suffix(shown).contains(where: \.partial) { notes.append("* the period covers only part of this quarter.") }
        ReportOutput.print(notes)
    }

    static func json(_ r: WhyLeftReport, _ f: ReportFrame) -> [UInt8] {
        var b = LineBuilder()
        f.json(report: "why-left", into: &b)
        b.raw("quarters", LineBuilder.array(r.quarters.map { q in
            var o = LineBuilder()
            ReportOutput.bucketJSON("quarter", q, into: &o)
            return o.finishedObject()
        }))
        b.raw("practitioners", LineBuilder.array(r.rows.map { row in
            var o = LineBuilder()
            o.stringOrNull("practitioner", row.practitioner?.description)
            o.string("name", row.label)
            o.int("closed", row.total)
            o.raw("reasons", LineBuilder.array(WhyLeftReport.reasons.indices.map { i in
                let reason = WhyLeftReport.reasons[i]
                var x = LineBuilder()
                x.string("reason", WhyLeftReport.key(reason))
                x.raw("total", ReportOutput.json(WhyLeftReport.figure(reason, row.totals[i])))
                x.raw("byQuarter", LineBuilder.array(zip(r.quarters, row.counts[i]).map { q, n in
                    var y = LineBuilder()
                    y.string("quarter", q.label)
                    y.int("closed", n)
                    return y.finishedObject()
                }))
                return x.finishedObject()
            }))
            return o.finishedObject()
        }))
        return b.finishedObject()
    }

    static func csv(_ r: WhyLeftReport, _ f: ReportFrame) -> [CSVRecord] {
        var out: [CSVRecord] = []
        for row in r.rows {
            for (i, reason) in WhyLeftReport.reasons.enumerated() {
                for (q, n) in zip(r.quarters, row.counts[i]) {
                    out.append(CSVRecord("why-left", "byPractitioner", row.label, q.label, WhyLeftReport.figure(reason, n)))
                }
                out.append(CSVRecord("why-left", "byPractitioner", row.label, f.interval, WhyLeftReport.figure(reason, row.totals[i])))
            }
        }
        return out
    }
}
