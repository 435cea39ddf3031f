import Foundation
import KeepwarmCore

/// Where a report's figures stand in time, for headings, JSON and CSV.
struct ReportFrame {
    let practiceName: String
    let period: ReportPeriod
    /// The `--as-of` day, when the report was worked out from the log as it stood at the end of it.
    let asOfDay: Int?

    var cal: PracticeCalendar { period.calendar }
    var fromText: String { Civil.string(ofDay: period.startDay) }
    var toText: String { Civil.string(ofDay: period.today) }
    /// `2025-09-19/2026-11-23`: the whole period as an ISO 8601 interval of dates, for CSV.
    var interval: String { "\(fromText)/\(toText)" }

    /// `Period: 2026-05-25 to 2026-11-23, as it stood at the end of 2026-11-23` (or `…, now 2026-11-23 10:30`).
    var periodLine: String {
        let when = asOfDay.map { "as the log stood at the end of \(Civil.string(ofDay: $0))" }
            ?? "now \(cal.dateString(period.now)) \(cal.timeString(period.now))"
        return "Period: \(fromText) to \(toText), \(when)"
    }

    func heading(_ title: String) -> String { DisplayText.visible("\(title) — \(practiceName)") }

    /// The keys every report's JSON starts with.
    func json(report: String, into b: inout LineBuilder) {
        b.string("report", report)
        b.string("practice", practiceName)
        b.string("timezone", cal.timeZone.identifier)
        b.string("from", fromText)
        b.string("to", toText)
        b.string("now", period.now.iso)
        b.stringOrNull("asOf", asOfDay.map(Civil.string(ofDay:)))
    }
}

/// The text, `--json` and `--csv` forms of the three reports (Docs/reports.md describes every key and column).
enum ReportOutput {
    // MARK: figures

    static func json(_ f: Figure) -> [UInt8] {
        var b = LineBuilder()
        b.string("key", f.key)
        b.string("label", f.label)
        if let v = f.exportValue { b.double("value", v) } else { b.null("value") }
        b.intOrNull("numerator", f.numerator)
        b.intOrNull("denominator", f.denominator)
        b.string("unit", f.unit.rawValue)
        b.string("formula", f.formula)
        return b.finishedObject()
    }

    static func bucketJSON(_ name: String, _ bucket: ReportBucket, into b: inout LineBuilder) {
        b.string(name, bucket.label)
        b.string("firstDay", Civil.string(ofDay: bucket.firstDay))
        b.string("lastDay", Civil.string(ofDay: bucket.lastDay))
        b.bool("partial", bucket.partial)
    }

    /// `2026-Q3*` for a bucket the period covers only in part.
    static func mark(_ b: ReportBucket) -> String { b.label + (b.partial ? "*" : "") }

    /// A table of single figures with each formula beside its value.
    static func figureTable(_ figures: [Figure]) -> Table {
        var t = Table(["FIGURE", "VALUE", "FORMULA"], figures.map { [$0.label, $0.text, $0.formula] })
        t.maxColumnWidth = 400
        return t
    }

    /// `█████▍` for a share of the busiest week, in eighths of a cell so close weeks still look different.
    static func bar(_ share: Double?, width: Int = 30) -> String {
        guard let share, share > 0 else { return "" }
        let eighths = max(1, Int((share * Double(width * 8)).rounded()))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    static func print(_ lines: [String]) { for l in lines { Stdout.line(l) } }

    // MARK: sources

    static func text(_ r: SourcesReport, _ f: ReportFrame) {
        print([f.heading("Sources of new clients"), f.periodLine, ""])
        guard r.total.newClients.value ?? 0 > 0 else {
            Stdout.line("No new clients in the period: no data.")
            return
        }
        // A terminal fits about eight quarter columns; older quarters are summed into one column, so TOTAL still adds up.
        let shown = min(r.quarters.count, maxQuarterColumns)
        let hidden = r.quarters.count - shown
        let rows = (r.rows + [r.total]).map { row in
            [row.label]
                + (hidden > 0 ? [String(row.byQuarter.prefix(hidden).reduce(0) { $0 + Int($1.value ?? 0) })] : [])
                + row.byQuarter.suffix(shown).map { $0.text } + [row.newClients.text, row.reachedThird.text]
        }
        var t = Table(["SOURCE"] + (hidden > 0 ? ["EARLIER"] : []) + r.quarters.suffix(shown).map(mark)
                      + ["TOTAL", "REACHED 3RD SESSION"], rows)
        t.maxColumnWidth = 60
        t.print()
        var notes = [
            "",
            "Each quarter: \(SourcesReport.quarterFormula).",
            "TOTAL: \(SourcesReport.newClientsFormula).",
            "REACHED 3RD SESSION: \(SourcesReport.reachedThirdFormula).",
        ]
        if hidden > 0 {
            notes.append("EARLIER: the same count for the \(hidden) quarters from \(r.quarters[0].label) to \(r.quarters[hidden - 1].label), added together (--json and --csv list every quarter).")
        }
        if r.quarters.suffix(shown).contains(where: \.partial) { notes.append("* the period covers only part of this quarter.") }
        print(notes)
    }

    /// Referrers the text table lists; the rest are counted in one line.
    static let maxReferrerRows = 20

    /// Quarter columns the text table shows before it sums the older ones.
    static let maxQuarterColumns = 8

    static func json(_ r: SourcesReport, _ f: ReportFrame) -> [UInt8] {
        func row(_ s: SourceRow) -> [UInt8] {
            var b = LineBuilder()
            b.stringOrNull("source", s.source)
            b.string("label", s.label)
            b.raw("newClients", json(s.newClients))
            b.raw("byQuarter", LineBuilder.array(zip(r.quarters, s.byQuarter).map { q, fig in
                var o = LineBuilder()
                o.string("quarter", q.label)
                o.raw("newClients", json(fig))
                return o.finishedObject()
            }))
            b.raw("reachedThird", json(s.reachedThird))
            return b.finishedObject()
        }
        var b = LineBuilder()
        f.json(report: "sources", into: &b)
        b.raw("quarters", LineBuilder.array(r.quarters.map { q in
            var o = LineBuilder()
            bucketJSON("quarter", q, into: &o)
            return o.finishedObject()
        }))
        b.raw("sources", LineBuilder.array(r.rows.map(row)))
        b.raw("total", row(r.total))
        return b.finishedObject()
    }

    static func csv(_ r: SourcesReport, _ f: ReportFrame) -> [CSVRecord] {
        var out: [CSVRecord] = []
        for s in r.rows + [r.total] {
            for (q, fig) in zip(r.quarters, s.byQuarter) {
                out.append(CSVRecord("sources", "bySource", s.label, q.label, fig))
            }
            out.append(CSVRecord("sources", "bySource", s.label, f.interval, s.newClients))
            out.append(CSVRecord("sources", "bySource", s.label, f.interval, s.reachedThird))
        }
        return out
    }

    // MARK: referrers

    static func text(_ r: ReferrersReport, _ f: ReportFrame) {
        print([f.heading("Referrers"), "\(f.periodLine); thank-you window \(r.thankYouHours) h", ""])
        figureTable(r.summary).print()
        Stdout.line("")
        Stdout.line("Clients who referred others, most referrals first")
        let rows = r.referrers.prefix(maxReferrerRows).map { row in
            ["\(row.name) (\(row.client))", row.referrals.text, row.thankedOnTime.text, row.thankedLate.text,
             row.notYetThanked.text, f.cal.dateString(row.lastReferral), row.neverThanked ? "never thanked" : ""]
        }
        Table(["REFERRER", "REFERRALS", "ON TIME", "LATE", "NOT YET", "LAST REFERRAL", "NOTE"], rows)
            .print(empty: "No referrals recorded in the period: no data.")
        let more = r.referrers.dropFirst(maxReferrerRows)
        if !more.isEmpty {
            let never = more.count(where: \.neverThanked)
            Stdout.line("… and \(more.count) more referrers\(never > 0 ? " (\(never) never thanked)" : ""); --json and --csv list them all.")
        }
        if !rows.isEmpty {
            print([
                "REFERRALS: referrals recorded in the period with this client as the referrer.",
                "ON TIME / LATE: thanked within / after \(r.thankYouHours) elapsed hours of being recorded. NOT YET: no thank-you recorded by now.",
                "never thanked: none of this client's referrals, ever, has been thanked, and at least one is past its deadline.",
            ])
        }
        Stdout.line("")
        Stdout.line("Professional sources, most new clients first")
        Table(["SOURCE", "NEW CLIENTS", "LAST CLIENT ADDED"], r.professionals.map {
            [$0.source, $0.newClients.text, f.cal.dateString($0.lastClientAdded)]
        }).print(empty: "No new clients named a professional source (GP: …, Physio: …) in the period: no data.")
        if !r.professionals.isEmpty { Stdout.line("NEW CLIENTS: \(ReferrersReport.professionalFormula).") }
    }

    static func json(_ r: ReferrersReport, _ f: ReportFrame) -> [UInt8] {
        var b = LineBuilder()
        f.json(report: "referrers", into: &b)
        b.int("thankYouHours", r.thankYouHours)
        var s = LineBuilder()
        for fig in r.summary { s.raw(fig.key, json(fig)) }
        b.raw("summary", s.finishedObject())
        b.raw("referrers", LineBuilder.array(r.referrers.map { row in
            var o = LineBuilder()
            o.string("client", row.client.description)
            o.string("name", row.name)
            o.bool("neverThanked", row.neverThanked)
            o.string("lastReferral", row.lastReferral.iso)
            for fig in [row.referrals, row.thankedOnTime, row.thankedLate, row.notYetThanked] { o.raw(fig.key, json(fig)) }
            return o.finishedObject()
        }))
        b.raw("professionalSources", LineBuilder.array(r.professionals.map { row in
            var o = LineBuilder()
            o.string("source", row.source)
            o.string("lastClientAdded", row.lastClientAdded.iso)
            o.raw("newClients", json(row.newClients))
            return o.finishedObject()
        }))
        return b.finishedObject()
    }

    static func csv(_ r: ReferrersReport, _ f: ReportFrame) -> [CSVRecord] {
        var out = r.summary.map {
            CSVRecord("referrers", "summary", "", f.interval, $0)
        }
        for row in r.referrers {
            for fig in [row.referrals, row.thankedOnTime, row.thankedLate, row.notYetThanked] {
                out.append(CSVRecord("referrers", "referrer", "\(row.name) (\(row.client))", f.interval, fig))
            }
        }
        for row in r.professionals { out.append(CSVRecord("referrers", "professionalSource", row.source, f.interval, row.newClients)) }
        return out
    }

    // MARK: retention

    static func text(_ r: RetentionReport, _ f: ReportFrame) {
        print([f.heading("Retention"), f.periodLine, ""])
        figureTable(r.headline).print()
        print(["", "1st → 2nd and 2nd → 3rd count a client only once \(RetentionReport.conversionWindowDays) days have passed since the visit, so every client counted had the same time to come back."])

        Stdout.line("")
        Stdout.line("Active clients per month: \(RetentionReport.activeFormula)")
        Table(["MONTH", "ACTIVE CLIENTS"], r.activeClientsByMonth.map { [mark($0.month), $0.activeClients.text] }).print()
        if r.activeClientsByMonth.contains(where: \.month.partial) { Stdout.line("* the period covers only part of this month.") }

        Stdout.line("")
        Stdout.line("Diary density per week: \(RetentionReport.densityFormula)")
        Table(["WEEK OF", "HOURS", "OF BUSIEST", ""], r.densityByWeek.map {
            [mark($0.week), $0.hours.value.map { Figure.decimal($0, places: 1, keepZeros: true) } ?? "no data",
             $0.shareOfBusiest.value.map(Figure.percent) ?? "no data", bar($0.shareOfBusiest.value)]
        }).print()
        var notes = ["HOURS: \(RetentionReport.hoursFormula)."]
        if let b = r.busiestWeek, let w = r.densityByWeek.first(where: { $0.week == b }) {
            notes.append("Busiest week: \(b.label) (\(w.hours.text)).")
        }
        if r.densityByWeek.contains(where: \.week.partial) {
            notes.append("* the period covers only part of this week (its later bookings are counted).")
        }
        print(notes)

        Stdout.line("")
        Stdout.line("Satisfaction by source: \(RetentionReport.satisfactionBySourceFormula)")
        Table(["SOURCE", "MEAN SCORE", "SCORES"], r.satisfactionBySource.map {
            [$0.label, $0.meanScore.value.map { Figure.decimal($0, places: 2, keepZeros: true) } ?? "no data", String($0.meanScore.denominator ?? 0)]
        }).print(empty: "No feedback in the period: no data.")
    }

    static func json(_ r: RetentionReport, _ f: ReportFrame) -> [UInt8] {
        var b = LineBuilder()
        f.json(report: "retention", into: &b)
        b.int("conversionWindowDays", RetentionReport.conversionWindowDays)
        var s = LineBuilder()
        for fig in r.headline { s.raw(fig.key, json(fig)) }
        b.raw("figures", s.finishedObject())
        b.raw("activeClientsByMonth", LineBuilder.array(r.activeClientsByMonth.map { m in
            var o = LineBuilder()
            bucketJSON("month", m.month, into: &o)
            o.raw("activeClients", json(m.activeClients))
            return o.finishedObject()
        }))
        b.raw("densityByWeek", LineBuilder.array(r.densityByWeek.map { w in
            var o = LineBuilder()
            bucketJSON("week", w.week, into: &o)
            o.raw("hours", json(w.hours))
            o.raw("shareOfBusiest", json(w.shareOfBusiest))
            return o.finishedObject()
        }))
        b.stringOrNull("busiestWeek", r.busiestWeek?.label)
        b.raw("satisfactionBySource", LineBuilder.array(r.satisfactionBySource.map { row in
            var o = LineBuilder()
            o.stringOrNull("source", row.source)
            o.string("label", row.label)
            o.raw("meanScore", json(row.meanScore))
            return o.finishedObject()
        }))
        return b.finishedObject()
    }

    static func csv(_ r: RetentionReport, _ f: ReportFrame) -> [CSVRecord] {
        var out = r.headline.map { CSVRecord("retention", "figures", "", f.interval, $0) }
        for m in r.activeClientsByMonth { out.append(CSVRecord("retention", "activeClientsByMonth", "", m.month.label, m.activeClients)) }
        for w in r.densityByWeek {
            out.append(CSVRecord("retention", "densityByWeek", "", w.week.label, w.hours))
            out.append(CSVRecord("retention", "densityByWeek", "", w.week.label, w.shareOfBusiest))
        }
        for s in r.satisfactionBySource { out.append(CSVRecord("retention", "satisfactionBySource", s.label, f.interval, s.meanScore)) }
        return out
    }
}

/// One CSV line: where a figure sits in its report, then the figure itself.
struct CSVRecord {
    static let header = ["report", "section", "group", "period", "figure", "label", "value", "numerator", "denominator", "unit", "formula"]

    let fields: [String]

    init(_ report: String, _ section: String, _ group: String, _ period: String, _ f: Figure) {
        fields = [report, section, CSV.safeText(group), period, f.key, CSV.safeText(f.label),
                  f.exportValue.map(CSV.number) ?? "", f.numerator.map(String.init) ?? "", f.denominator.map(String.init) ?? "",
                  f.unit.rawValue, f.formula]
    }
}

/// RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break.
enum CSV {
    /// The file: a UTF-8 byte-order mark (so a spreadsheet reads `÷` and accented names as UTF-8), the header, the rows.
    static func document(_ rows: [CSVRecord]) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        for fields in [CSVRecord.header] + rows.map(\.fields) {
            out += Array(fields.map(field).joined(separator: ",").utf8)
            out += [0x0D, 0x0A]
        }
        return out
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text from the log that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
    static func safeText(_ s: String) -> String {
        guard let c = s.first, "=+-@\t\r".contains(c) else { return s }
        return "'" + s
    }

    /// A number without exponent or locale: `0.6101`, `12`.
    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : Figure.decimal(v, places: 4)
    }
}
