import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm report sources|referrers|retention`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Where clients come from, who refers them, and whether they come back.",
        discussion: """
            Every figure is shown with its formula; a figure with nothing to count says "no data".
            See Docs/reports.md for each figure, the JSON keys and the CSV columns.

            Example:
              keepwarm report sources --csv > sources.csv
              keepwarm report retention --as-of 2026-09-30
              keepwarm report funnel          (charts: funnel, density, retention --chart, sources --chart)
            """,
        subcommands: [Sources.self, Referrers.self, Retention.self, Funnel.self, Density.self,
                      WhyLeft.self])
    @OptionGroup var global: GlobalOptions

    /// `keepwarm report sources`.
    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "New clients per source per quarter, and how many from each came back for a 3rd session.",
            discussion: """
                Default period: from the day the first client was added.
                Viewing it (or exporting it with --json or --csv) is recorded in the log for the journey audit,
                except with --as-of.

                Example:
                  keepwarm report sources --since 2026-01-01
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions
        @Flag(name: .customLong("mark-reviewed"), help: "Record that you reviewed the sources, for the audit's quarterly sources review (step 14); opening the report alone does not count.")
        var markReviewed = false

        func run() throws {
            if options.chart { return try ReportRun(global, options).chart(.sources, Chart.newClientsBySource) }
            try guarded {
                if markReviewed { return try MarkReviewed(global: global, options: options).run() }
                try ReportRun(global, options).run(.sources, { SourcesReport.build($0, since: $1, now: $2) },
                                                   text: ReportOutput.text, json: ReportOutput.json, csv: ReportOutput.csv)
            }
        }
    }

    /// `keepwarm report referrers`.
    struct Referrers: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "referrers",
            abstract: "Clients ranked by referrals (last 12 months), how they were thanked, and professional sources.",
            discussion: "Default period: the last 12 months.\n\nExample:\n  keepwarm report referrers --json")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions

        func run() throws {
            if options.chart { throw ReportCommand.noChart("referrers") }
            try guarded {
                try ReportRun(global, options).run(.referrers, { ReferrersReport.build($0, since: $1, now: $2) },
                                                   text: ReportOutput.text, json: ReportOutput.json, csv: ReportOutput.csv)
            }
        }
    }

    /// `keepwarm report retention`.
    struct Retention: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retention",
            abstract: "Rebooking, 2nd and 3rd visits, no-shows, gaps, active clients, diary density (26 weeks), satisfaction.",
            discussion: """
                Default period: the last 26 weeks (active clients per month: the last 12 months).
                A client counts for 1st → 2nd and 2nd → 3rd only once 56 days have passed since the visit.

                Example:
                  keepwarm report retention --since 2026-01-01 --csv
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions

        func run() throws {
            if options.chart { return try ReportRun(global, options).chart(.retention, Chart.retentionCurve) }
            try guarded {
                try ReportRun(global, options).run(.retention, { RetentionReport.build($0, since: $1, now: $2) },
                                                   text: ReportOutput.text, json: ReportOutput.json, csv: ReportOutput.csv)
            }
        }
    }
}

extension ReportCommand {
    /// `--chart` on a report that has none: names the reports that have one.
    static func noChart(_ report: String) -> ValidationError {
        ValidationError("the \(report) report has no chart; the charts are: report funnel, report density, report retention --chart, report sources --chart")
    }

    /// `keepwarm report why-left`.
    struct WhyLeft: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "why-left",
            abstract: "Why clients left: the reasons given when lapsed clients were closed, by practitioner and quarter.",
            discussion: """
                Default period: from the start of the quarter a year before this one.
                A close counts for the practitioner of the client's last attended appointment when they were closed.

                Example:
                  keepwarm report why-left --since 2026-01-01 --csv
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions

        func run() throws {
            if options.chart { throw ReportCommand.noChart("why-left") }
            try guarded {
                // Any kind but sources: only a look at the sources report is recorded (for the audit).
                try ReportRun(global, options).run(.retention, { WhyLeftReport.build($0, since: $1, now: $2) },
                                                   text: WhyLeftOutput.text, json: WhyLeftOutput.json, csv: WhyLeftOutput.csv)
            }
        }
    }
}

/// The options every report takes.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First day of the period: 2026-01-01, -12w … (default: see the report's help).", valueName: "date"))
    var since: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Work the report out from the log as it stood at the end of this day; later events are left out.", valueName: "date"))
    var asOf: String?

    @Flag(help: "JSON for scripts.") var json = false
    @Flag(help: "CSV for a spreadsheet (RFC 4180, UTF-8).") var csv = false
    @Flag(help: "Draw the report's chart (block characters, ASCII under LANG=C) with its numbers beside each bar.") var chart = false
    @OptionGroup var drill: DrillOptions
    @Option(help: ArgumentHelp("Only this site's sessions and clients (id or exact name); the whole practice when left out.", valueName: "site"))
    var site: String?

    func validate() throws {
        if chart && site != nil { throw ValidationError("--chart draws the whole practice; for one site's numbers leave out --chart") }
        if json && csv { throw ValidationError("--json and --csv can't be used together; choose one") }
        if chart && (json || csv) { throw ValidationError("--chart draws a picture for people; for the numbers use --json or --csv without --chart") }
        if chart && since != nil { throw ValidationError("--chart draws a fixed period (the last 8 quarters, or 52 weeks for density); leave out --since (--as-of works)") }
        if chart && drill.figure != nil { throw ValidationError("--chart draws a picture; --clients lists the records behind a figure: use one or the other") }
        if drill.figure != nil && csv { throw ValidationError("--clients prints a list, as text or --json; leave out --csv") }
    }
}

/// What running any report takes: read the log (or the part of it up to `--as-of`), work the report out, print it,
/// and for the sources report record that it was looked at.
struct ReportRun {
    let desk: Desk
    let options: ReportOptions

    init(_ global: GlobalOptions, _ options: ReportOptions) {
        desk = Desk(global)
        self.options = options
    }

    func run<R: PeriodReport>(_ kind: ReportKind, _ build: (Practice, Int?, Instant) -> R,
                text: (R, ReportFrame) -> Void, json: (R, ReportFrame) -> [UInt8], csv: (R, ReportFrame) -> [CSVRecord]) throws {
        let log = try desk.openLog()
        let input = try desk.dates(log)
        let cal = log.practice.calendar
        let today = cal.day(of: input.now)
        var practice = log.practice
        var now = input.now
        var asOfDay: Int?
        if let text = options.asOf {
            let day = try dayOption("--as-of", text, input)
            guard day <= today else {
                throw InputError("--as-of \(Civil.string(ofDay: day)) is after today (\(Civil.string(ofDay: today))); the log can only say how things stood up to now")
            }
            // The last millisecond of that local day: everything recorded on it counts, nothing after.
            now = Instant(ms: cal.instant(day: day + 1, minute: 0).ms - 1)
            practice = try log.practice(asOf: now)
            asOfDay = day
        }
        let since = try options.since.map { try dayOption("--since", $0, input) }
        if let since, since > cal.day(of: now) {
            throw InputError("--since \(Civil.string(ofDay: since)) is after the end of the report (\(Civil.string(ofDay: cal.day(of: now))))")
        }

        let site = try siteFilter(options.site, practice)
        practice = practice.atSite(site)
        let report = build(practice, since, now)
        // The records behind one figure instead of the report: a look at a list is not a review of the sources.
        if options.drill.figure != nil { return try options.drill.print(report.drillFigures, practice, json: options.json) }
        let frame = ReportFrame(practiceName: practice.name(at: site), period: report.period, asOfDay: asOfDay)
        if options.json { Stdout.bytes(json(report, frame)) }
        else if options.csv { Stdout.document(CSV.document(csv(report, frame))) }
        else { text(report, frame) }

        // Step 14 of the journey audit asks when the sources were last reviewed; a look at the past is not a review.
        guard kind == .sources, asOfDay == nil else { return }
        do {
            // Appended through the log already open: it reads only what is new, and its warnings were printed once.
            let seen = log.warnings.count
            defer { for w in log.warnings.dropFirst(seen) { Stderr.line("warning: \(w)") } }
            let exported = options.json || options.csv
            try log.append(by: desk.user, at: input.now) { p in try Command.viewReport(.sources, exported: exported).event(in: p, now: input.now) }
        } catch {
            Stderr.line("warning: this view of the sources report could not be recorded for the audit: \(Stderr.message(for: error))")
        }
    }

    private func dayOption(_ name: String, _ text: String, _ input: DateInput) throws -> Int {
        do { return try input.day(text) } catch { throw InputError("\(name): \(error.message)") }
    }
}

/// A report that knows its period, so one run path serves all three.
protocol PeriodReport { var period: ReportPeriod { get }
    /// Every figure with its place, for `--clients`.
    var placedFigures: [PlacedFigure] { get }
    /// What `--clients` chooses from: the figures, and any the text table adds (the sources' EARLIER column).
    var drillFigures: [PlacedFigure] { get } }
extension PeriodReport { var drillFigures: [PlacedFigure] { placedFigures } }
extension SourcesReport {
    /// With more quarters than the text table shows, `--column EARLIER` opens the older ones added together.
    var drillFigures: [PlacedFigure] {
        let hidden = quarters.count - ReportOutput.maxQuarterColumns
        return placedFigures + (hidden > 0 ? (rows + [total]).map { earlier($0, quarters: hidden) } : [])
    }
}
extension SourcesReport: PeriodReport {}
extension ReferrersReport: PeriodReport {}
extension RetentionReport: PeriodReport {}
