import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmImport

/// The console's import screen, wired to the importer: a dry run reads and plans the file as `keepwarm import` does,
/// and a commit writes it as `--commit` does (both `ImportJob`). The console gets the report's lines and an opaque
/// token; it never sees a `CSVTable`.
extension Desk {
    func consoleImporter() -> ConsoleImporter {
        ConsoleImporter(dryRun: { request, p, by, now in
            let path = (request.file as NSString).expandingTildeInPath
            let job = try ImportJob.read(file: path, preset: request.preset ?? "keepwarm", map: nil,
                                         appointments: request.records == .appointments)
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

/// The report the console shows, from an `ImportPlan`: the lines `keepwarm import` prints, each with its kind.
enum ConsoleImportReport {
    /// What the console's commit token carries: the file as read and mapped, and what the prompt asked for.
    struct Planned: Sendable {
        let job: ImportJob
        let request: ImportRequest
    }

    static func preview(_ plan: ImportPlan, _ job: ImportJob, _ request: ImportRequest, committed: Bool) -> ImportPreview {
        ImportPreview(request: request, file: plan.file, lines: kinds(lines(plan, job, committed: committed)),
                      records: plan.imported, events: plan.events.count, summary: plan.summary, committed: committed,
                      token: committed || plan.events.isEmpty ? nil : ImportToken(Planned(job: job, request: request)))
    }

    /// The CLI's lines for this plan. Until `ImportReport` (KeepwarmImport) is on main this is written from the plan's
    /// fields in the CLI's words; then it is `ImportReport(plan:map:table:).lines(committed:)`.
    static func lines(_ plan: ImportPlan, _ job: ImportJob, committed: Bool) -> [String] {
        var out: [String] = []
        func line(_ s: String) { out.append(DisplayText.visible(s)) }
        let nothing = plan.events.isEmpty
        let rows = "\(plan.rows) row\(plan.rows == 1 ? "" : "s")"
        if committed {
            line(nothing ? "\(plan.file): \(rows); nothing to import, nothing written" : "\(plan.file): \(rows); imported in one batch")
        } else {
            line("\(plan.file): \(rows); dry run, nothing written\(nothing ? "" : " (add --commit to import)")")
        }
        if !nothing { for s in plan.summary { line("  \(committed ? "added" : "would add"): \(s)") } }
        if !plan.alreadyImported.isEmpty {
            let n = plan.alreadyImported.count
            line("  \(n) row\(n == 1 ? "" : "s") already imported, skipped:")
            for d in plan.alreadyImported.prefix(5) { line("    \(plan.file):row \(d.row): \(d.reason)") }
            if n > 5 { line("    … and \(n - 5) more") }
        }
        if !plan.duplicates.isEmpty {
            line("  \(plan.duplicates.count) duplicate\(plan.duplicates.count == 1 ? "" : "s"), skipped:")
            for d in plan.duplicates { line("    \(plan.file):row \(d.row): \(d.reason)") }
        }
        if !plan.rejected.isEmpty {
            line("  \(plan.rejected.count) rejected (fix them in the file and import it again; the rest is not held up):")
            for r in plan.rejected { line("    \(plan.file):row \(r.row): \(r.reason)") }
        }
        for n in plan.notes { line("  note: \(n)") }
        if !plan.unusedColumns.isEmpty {
            line("  columns not imported: \(plan.unusedColumns.map { "'\($0)'" }.joined(separator: ", "))")
        }
        guard !committed else { return out }
        // Column by column, in the file's order, as ImportReport's mapping lines read.
        let header = job.table.header
        var fieldOf: [Int: ImportField] = [:]
        for f in ImportField.allCases { for i in job.columns.columns[f] ?? [] where fieldOf[i] == nil { fieldOf[i] = f } }
        let shown = header.indices.filter { !header[$0].isEmpty }
        guard !shown.isEmpty else { return out }
        let names = header.map(DisplayText.visible)
        let width = min(28, shown.map { DisplayText.width(names[$0]) }.max() ?? 0)
        func pad(_ s: String) -> String { s + String(repeating: " ", count: max(0, width - DisplayText.width(s))) }
        out.append("  columns (correct with --map \"Column=field\"):")
        for i in shown { out.append("    \(pad(names[i])) " + (fieldOf[i].map { "→ \($0.rawValue)" } ?? "  not imported")) }
        return out
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
