import KeepwarmCore

/// The reports screen: sources, referrers and retention, each figure beside its formula.
enum ReportsView {
    typealias Line = (text: String, style: Style)

    /// `updating`: newer tables are being worked out (another desk wrote, or the day turned); those shown stay till they come.
    static func draw(_ g: inout Grid, _ kind: ReportKind, scroll: Int, _ data: ConsoleData, updating: Bool = false) {
        let x = 0, y = 1, w = g.width, h = g.height - 3
        g.fill(x: x, y: y, width: w, height: h)
        let tabs = ReportKind.allCases.enumerated().map { "\($0.offset + 1) \($0.element.rawValue)" }.joined(separator: "  ")
        g.box(x: x, y: y, width: w, height: h, title: "Reports — \(kind.rawValue)", style: Style([], .accent), titleStyle: .title)
        g.put(tabs, x: w - DisplayText.width(tabs) - 2, y: y, style: .muted)
        guard let r = data.reports else {
            g.put("Working out the reports…", x: 2, y: y + 2, style: .muted)
            return
        }
        if updating {
            let note = " updating… "
            g.put(note, x: max(2, w - DisplayText.width(tabs) - DisplayText.width(note) - 4), y: y, style: .muted)
        }
        let lines = lines(kind, r, width: w - 4)
        let rows = h - 2
        let top = min(scroll, max(0, lines.count - rows))
        for (i, l) in lines.dropFirst(top).prefix(rows).enumerated() {
            g.putFitted(l.text, x: x + 2, y: y + 1 + i, width: w - 4, style: l.style)
        }
    }

    /// The lines of a report's tab at a text width: what is drawn, and what the scroll keys count (`ReportsScroll`).
    static func lines(_ kind: ReportKind, _ r: ReportsData, width: Int) -> [Line] {
        switch kind {
        case .sources: sources(r.sources, width: width)
        case .referrers: referrers(r.referrers, width: width)
        case .retention: retention(r.retention, width: width)
            + WhyLeftLines.lines(r.whyLeft, width: width)
        }
    }

    static func wrapped(_ text: String, _ width: Int) -> [Line] {
        WalkthroughView.wrap(text, width: width).map { ($0, .muted) }
    }

    static func columns(_ cells: [(String, Int)]) -> String {
        cells.map { DisplayText.pad($0.0, width: $0.1) }.joined(separator: " ")
    }

    static func sources(_ r: SourcesReport, width: Int) -> [Line] {
        // At most four quarter columns: past four, the older quarters are added up in one EARLIER column, so TOTAL is
        // always the sum of the columns shown.
        let folded = r.quarters.count - sourcesQuartersShown(r)
        let quarters = Array(r.quarters.dropFirst(folded))
        let columnsShown = quarters.count + (folded > 0 ? 1 : 0)
        // Each column is followed by one space.
        let nameW = max(12, width - 8 * columnsShown - 8 - 22 - 1)
        var out: [Line] = [("New clients per source per quarter, and how many reached a 3rd session", .bold),
                           (periodLine(r.period), .muted)] + wrapped(SourcesReport.newClientsFormula, width) + [("", .plain)]
        let earlierHead: [(String, Int)] = folded > 0 ? [("EARLIER", 7)] : []
        out.append((columns([("SOURCE", nameW)] + earlierHead + quarters.map { ($0.label, 7) } + [("TOTAL", 7), ("REACHED 3RD", 22)]), Style(.underline)))
        for row in r.rows + [r.total] {
            let earlier: [(String, Int)] = folded > 0 ? [(r.earlier(row, quarters: folded).figure.text, 7)] : []
            let byQ = row.byQuarter.suffix(quarters.count).map { ($0.text, 7) }
            out.append((columns([(row.label, nameW)] + earlier + byQ + [(row.newClients.text, 7), (row.reachedThird.text, 22)]),
                        row.label == SourcesReport.allSources ? .bold : .plain))
        }
        let earlierNote = folded > 0 ? "EARLIER is \(r.quarters[0].label) to \(r.quarters[folded - 1].label); " : ""
        out += wrapped("\(earlierNote)TOTAL is the sum of the columns shown: every new client in the period.", width)
        out += [("", .plain)] + wrapped("Reviewed them? Press v to record the quarterly sources review (audit step 14).", width)
        return out
    }

    /// The quarter columns the sources table shows: all of up to four, else the last three beside EARLIER.
    static func sourcesQuartersShown(_ r: SourcesReport) -> Int { r.quarters.count > 4 ? 3 : r.quarters.count }

    /// `Period: 2026-06-08 to 2026-12-06`: every report's figures say which dates they cover.
    static func periodLine(_ p: ReportPeriod) -> String { "Period: \(p.text)" }

    static func referrers(_ r: ReferrersReport, width: Int) -> [Line] {
        var out: [Line] = [("Referrals since \(r.period.calendar.dateString(r.period.start)): \(r.referrals.text); thanked within \(r.thankYouHours) h: \(r.thankedOnTime.text)", .bold),
                           (periodLine(r.period), .muted)] + wrapped(r.thankedOnTime.formula, width) + [("", .plain)]
        let nameW = max(12, width - 4 * 12 - 15)
        out.append((columns([("REFERRER", nameW), ("REFERRALS", 11), ("ON TIME", 11), ("LATE", 11), ("NOT YET", 11), ("", 14)]), Style(.underline)))
        for row in r.referrers {
            out.append((columns([(row.name, nameW), (row.referrals.text, 11), (row.thankedOnTime.text, 11), (row.thankedLate.text, 11),
                                 (row.notYetThanked.text, 11), (row.neverThanked ? "never thanked" : "", 14)]),
                        row.neverThanked ? .warning : .plain))
        }
        if !r.professionals.isEmpty {
            out += [("", .plain), ("Professional sources (new clients who named them)", .bold)]
            for s in r.professionals { out.append((columns([(s.source, nameW), (s.newClients.text, 11)]), .plain)) }
        }
        return out
    }

    static func retention(_ r: RetentionReport, width: Int) -> [Line] {
        var out: [Line] = [(periodLine(r.period), .muted)]
        for f in r.headline {
            out.append(("\(f.label): \(f.text)", f.hasData ? .bold : .muted))
            out += wrapped(f.formula, width - 4).map { ("    " + $0.text, $0.style) }
        }
        out += [("", .plain), ("Diary density per week (appointment hours, last 26 weeks)", .bold)]
        let barW = max(10, width - 26)
        for wk in r.densityByWeek {
            let share = wk.shareOfBusiest.value ?? 0
            let bar = String(repeating: "█", count: Int((share * Double(barW)).rounded()))
            out.append(("\(DisplayText.pad(wk.week.label, width: 10)) \(DisplayText.pad(wk.hours.text, width: 12)) \(bar)", wk.week.partial ? .muted : .plain))
        }
        out += [("", .plain), ("Active clients per month", .bold)]
        out.append((r.activeClientsByMonth.map { "\($0.month.label) \($0.activeClients.text)" }.joined(separator: "  "), .plain))
        if !r.satisfactionBySource.isEmpty {
            out += [("", .plain), ("Satisfaction by source", .bold)]
            for s in r.satisfactionBySource { out.append(("\(DisplayText.pad(s.label, width: 30)) \(s.meanScore.text)", .plain)) }
        }
        return out
    }
}
