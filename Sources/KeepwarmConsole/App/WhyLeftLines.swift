import KeepwarmCore

/// The why-clients-left section of the reports screen (Docs/reports.md, "why-left"): per practitioner, the reasons
/// given when lapsed clients were closed, by quarter (the last four), with the total.
enum WhyLeftLines {
    static func lines(_ r: WhyLeftReport, width: Int) -> [ReportsView.Line] {
        var out: [ReportsView.Line] = [("", .plain), ("Why clients left (closed in the weekly review, by practitioner and quarter)", .bold)]
        out += ReportsView.wrapped(WhyLeftReport.formula, width)
        guard !r.rows.isEmpty else {
            out.append(("No lapsed client was closed since \(r.period.calendar.dateString(r.period.start)): no data.", .muted))
            return out
        }
        let quarters = Array(r.quarters.suffix(4))
        let nameW = max(14, min(26, width - 9 * quarters.count - 8))
        for row in r.rows {
            out += [("", .plain), ("\(row.label): \(row.total) closed", .bold)]
            out.append((ReportsView.columns([("REASON", nameW)] + quarters.map { ($0.label + ($0.partial ? "*" : ""), 8) } + [("TOTAL", 6)]),
                        Style(.underline)))
            for (i, reason) in WhyLeftReport.reasons.enumerated() where row.totals[i] > 0 {
                let byQ = row.counts[i].suffix(quarters.count).map { (String($0), 8) }
                out.append((ReportsView.columns([(WhyLeftReport.label(reason), nameW)] + byQ + [(String(row.totals[i]), 6)]),
                            reason == nil ? .muted : .plain))
            }
        }
        return out
    }
}
