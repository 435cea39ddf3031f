import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmImport

/// The console's import screen, wired to the importer: a dry run reads and plans the file as `keepwarm import` does,
/// and a commit writes it as `--commit` does (both `ImportJob`). The console gets the report's lines and an opaque
/// token; it never sees a `CSVTable`.
extension Desk {
    func consoleImporter() -> ConsoleImporter {
        let maps = ImportJob.maps(self)
        return ConsoleImporter(dryRun: { request, p, by, now in
            let path = (request.file as NSString).expandingTildeInPath
            let appointments = request.records == .appointments
            // A preset or a map saved with `keepwarm import … --save-map NAME`, as the command line finds them.
            let preset = try ImportPreset.named(request.preset ?? "keepwarm", savedIn: maps, forAppointments: appointments)
            let job = try ImportJob.read(file: path, preset: preset, map: nil, sheet: nil, dateOrder: nil, status: nil,
                                         appointments: appointments)
            let plan = job.plan(p, by: by, at: now)
            return ConsoleImportReport.preview(plan, job, request, committed: false)
        }, commit: { token, log, by, now in
            guard let planned = token.value(as: ConsoleImportReport.Planned.self) else {
                throw CommandError("this import was not planned here; open it again with I")
            }
            let plan = try planned.job.commit(to: log, by: by, at: now)
            return ConsoleImportReport.preview(plan, planned.job, planned.request, committed: true)
        })
    }
}

/// The report the console shows, from an `ImportPlan`: the lines `keepwarm import` prints (`ImportReport`), each with
/// its kind.
enum ConsoleImportReport {
    /// What the console's commit token carries: the file as read and mapped, and what the prompt asked for.
    struct Planned: Sendable {
        let job: ImportJob
        let request: ImportRequest
    }

    static func preview(_ plan: ImportPlan, _ job: ImportJob, _ request: ImportRequest, committed: Bool) -> ImportPreview {
        ImportPreview(request: request, file: plan.file, lines: kinds(job.report(plan, committed: committed)),
                      records: plan.imported, events: plan.events.count, summary: plan.summary, committed: committed,
                      token: committed || plan.events.isEmpty ? nil : ImportToken(Planned(job: job, request: request)))
    }

    /// Each line's kind, read from where it sits in the report: the first line and the mapping's heading are
    /// headings; a part about rejected rows or statuses nobody knows is a problem, with its rows; notes, rows skipped
    /// or left out and columns not imported are notes; the rest is fine.
    static func kinds(_ lines: [String]) -> [ImportLine] {
        var section = ImportLine.Kind.fine
        var inColumns = false
        return lines.enumerated().map { i, text in
            if i == 0 { return ImportLine(.heading, text) }
            let indent = text.prefix { $0 == " " }.count
            guard indent <= 2 else {
                if inColumns { return ImportLine(text.hasSuffix("not imported") ? .note : .fine, text) }
                return ImportLine(section, text)
            }
            let t = text.dropFirst(indent).lowercased()
            inColumns = t.hasPrefix("columns (")
            section = if inColumns { .fine }
                else if t.contains("rejected") || t.contains("doesn't know") || t.contains("not one keepwarm knows") { .problem }
                else if t.hasPrefix("note:") || t.contains("skipped") || t.contains("left out") || t.contains("not imported")
                            || t.contains("not read") { .note }
                else { .fine }
            return ImportLine(inColumns ? .heading : section, text)
        }
    }
}
