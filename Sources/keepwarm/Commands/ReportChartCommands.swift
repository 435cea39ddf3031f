import ArgumentParser
import Foundation
import KeepwarmConsole
import KeepwarmCore

extension ReportCommand {
    /// `keepwarm report funnel`: first, second and third visits by first-visit quarter, as a chart.
    struct Funnel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funnel",
            abstract: "Chart: clients' first, second and third visits by the quarter of their first visit (8 quarters).",
            discussion: "Always a chart (--chart may be given). See Docs/reports.md#charts.\n\nExample:\n  keepwarm report funnel --as-of 2026-09-30")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions

        func run() throws { try ReportRun(global, options).chart(nil, Chart.funnel) }
    }

    /// `keepwarm report density`: the diary's appointments per week over 52 weeks, as a chart.
    struct Density: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "density",
            abstract: "Chart: appointments per week over the last 52 weeks (attended, no-show, still booked).",
            discussion: "Always a chart (--chart may be given). See Docs/reports.md#charts.\n\nExample:\n  LANG=C keepwarm report density")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions

        func run() throws { try ReportRun(global, options).chart(nil, Chart.diaryDensity) }
    }
}

/// A chart in the report run's shape, so `--as-of` and the sources view record work as for the tables.
struct ChartReport: PeriodReport {
    let chart: Chart
    let period: ReportPeriod
    /// A chart is drawn, not listed: `--clients` works on the tables' figures (`--chart` and `--clients` are refused together).
    var placedFigures: [PlacedFigure] { [] }
}

extension ReportRun {
    /// Prints a chart with the report run: the log as it stood at `--as-of`, and for the sources chart, the look
    /// recorded as the table's is. `kind` is nil for the charts that are not a report's (funnel, density).
    func chart(_ kind: ReportKind?, _ build: @escaping (Practice, Instant) -> Chart) throws {
        if options.json || options.csv {
            throw ValidationError("a chart has no --json or --csv; the numbers are in `keepwarm report sources|referrers|retention --json`")
        }
        if options.since != nil {
            throw ValidationError("a chart draws a fixed period (the last 8 quarters, or 52 weeks for density); leave out --since (--as-of works)")
        }
        let env = ProcessInfo.processInfo.environment
        let width = env["COLUMNS"].flatMap(Int.init).map { max(40, $0) } ?? 80
        let charset = Charset.of(environment: env)
        try guarded {
            try run(kind ?? .retention, { p, _, now in
                ChartReport(chart: build(p, now), period: ReportPeriod(calendar: p.calendar, startDay: p.calendar.day(of: now), now: now))
            }, text: { r, frame in
                var text = frame.practiceName + "\n"
                text += ChartCells(r.chart, width: width, charset: charset).text
                if let day = frame.asOfDay { text += "\n(as the log stood at the end of \(Civil.string(ofDay: day)))" }
                Stdout.line(text)
            }, json: { _, _ in [] }, csv: { _, _ in [] })
        }
    }
}
