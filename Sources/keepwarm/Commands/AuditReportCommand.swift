import ArgumentParser
import Foundation
import KeepwarmCore

extension AuditCommand {
    /// `keepwarm audit report --out audit.html`: the printable audit.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the audit as one printable HTML page: score, evidence, every gap with its next step, charts.",
            discussion: """
                The page is self-contained (inline SVG charts, a print stylesheet, no scripts, no links): open it in any
                browser and print it, or hand the file on. It holds client records, so it is written readable by your
                account only (mode 0600). Nothing is recorded in the log.

                Example:
                  keepwarm audit report --out audit.html
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Write the page to this new file (mode 0600).", valueName: "file")) var out: String
        @Flag(help: "Replace --out if it already exists.") var force = false
        @Option(help: "Compute every figure from only the events recorded up to the end of this date.") var asOf: String?
        @Option(help: "Days the evidence looks back over.") var window = 90

        func run() throws {
            try guarded {
                // Before any work: a page that could not be written would be work thrown away, and an existing file is
                // never replaced unasked.
                try ReportFile.checkFree(out, force: force)
                guard (7...730).contains(window) else { throw CommandError("--window is in days, from 7 to 730") }
                let desk = Desk(global)
                let (p, now) = try desk.practice(asOf: asOf)
                let summary = try AuditReview.summary(p, path: desk.path, now: now, windowDays: window)
                let page = AuditReportPage(p, summary: summary, window: AuditWindow(end: now, days: window), now: now,
                                           charts: AuditReportCharts.all(p, now: now))
                try ReportFile.save(Array(page.html.utf8), to: out, force: force)
                try Stdout.answer(wrote: out, next: "open it in a browser and print it", "wrote the audit (\(summary.inPlace) of \(summary.total) in place, \(summary.gaps.count) gaps) to \(out)")
            }
        }
    }
}
