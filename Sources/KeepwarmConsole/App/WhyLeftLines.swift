import KeepwarmCore

/// The why-clients-left section of the reports screen (Docs/reports.md, "why-left"): per practitioner, the reasons
/// given when lapsed clients were closed, by quarter, with the total. The same report and period as
/// `keepwarm report why-left`: every quarter of it that fits, the older ones added up in one EARLIER column, so TOTAL is
/// the sum of the columns shown.
enum WhyLeftLines {
    static func lines(_ r: WhyLeftReport, width: Int) -> [ReportsView.Line] {
        var out: [ReportsView.Line] = [("", .plain), ("Why clients left (closed in the weekly review, by practitioner and quarter)", .bold),
                                       (ReportsView.periodLine(r.period), .muted)]
        out += ReportsView.wrapped(WhyLeftReport.formula, width)
        guard !r.rows.isEmpty else {
            out.append(("No lapsed client was closed since \(r.period.calendar.dateString(r.period.start)): no data.", .muted))
            return out
        }
        let (folded, quarters) = columns(r, width: width)
        let earlierHead: [(String, Int)] = folded > 0 ? [("EARLIER", 8)] : []
        let nameW = max(14, min(26, width - 9 * (quarters.count + earlierHead.count) - 8))
        for row in r.rows {
            out += [("", .plain), ("\(row.label): \(row.total) closed", .bold)]
            out.append((ReportsView.columns([("REASON", nameW)] + earlierHead + quarters.map { ($0.label + ($0.partial ? "*" : ""), 8) } + [("TOTAL", 6)]),
                        Style(.underline)))
            for (i, reason) in WhyLeftReport.reasons.enumerated() where row.totals[i] > 0 {
                let earlier: [(String, Int)] = folded > 0 ? [(String(row.counts[i].prefix(folded).reduce(0, +)), 8)] : []
                let byQ = row.counts[i].suffix(quarters.count).map { (String($0), 8) }
                out.append((ReportsView.columns([(WhyLeftReport.label(reason), nameW)] + earlier + byQ + [(String(row.totals[i]), 6)]),
                            reason == nil ? .muted : .plain))
            }
        }
        var notes: [String] = []
        if folded > 0 { notes.append("EARLIER is \(r.quarters[0].label) to \(r.quarters[folded - 1].label) added together.") }
        notes.append("TOTAL is the sum of the columns shown: every close in the period.")
        if quarters.contains(where: \.partial) { notes.append("* the period covers only part of this quarter.") }
        out += [("", .plain)] + ReportsView.wrapped(notes.joined(separator: " "), width)
        return out
    }

    /// The quarters that fit beside a 14-column reason and the total (each quarter 9 columns), and how many older ones
    /// are added up in EARLIER; never fewer than the last four.
    static func columns(_ r: WhyLeftReport, width: Int) -> (folded: Int, quarters: [ReportBucket]) {
        let fit = max(4, (width - 14 - 7) / 9)
        guard r.quarters.count > fit else { return (0, r.quarters) }
        let folded = r.quarters.count - (fit - 1)
        return (folded, Array(r.quarters.dropFirst(folded)))
    }
}
