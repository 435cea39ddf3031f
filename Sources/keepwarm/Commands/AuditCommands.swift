import ArgumentParser
import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmCurses

/// `keepwarm audit`: the client-journey checklist with the practice's own numbers.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The client-journey audit: every step with its answer and the evidence from the log.",
        discussion: "Example:\n  keepwarm audit --as-of 2026-09-30 --json",
        subcommands: [Show.self, Walk.self, History.self, Answer.self, Finish.self, Report.self],
        defaultSubcommand: Show.self)
    @OptionGroup var global: GlobalOptions

    /// `keepwarm audit [show]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print the checklist with answers and evidence (the default).",
            discussion: "Example:\n  keepwarm audit --window 60")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Compute every figure from only the events recorded up to the end of this date.") var asOf: String?
        @Option(help: "Days the evidence looks back over.") var window = 90
        @Flag(help: "JSON for scripts.") var json = false
        @OptionGroup var drill: DrillOptions
        @Option(help: "Evidence from this site's sessions and clients only (id or exact name); the whole practice when left out.")
        var site: String?

        func run() throws {
            try guarded {
                let desk = Desk(global)
                let (whole, now) = try desk.practice(asOf: asOf)
                let at = try siteFilter(site, whole)
                let p = whole.atSite(at)
                if let at, !json, drill.figure == nil {
                    Stdout.line(DisplayText.visible("Site: \(whole.sites[at.index].name) (\(at)): evidence from its sessions and clients; callbacks, messages and answers are the whole practice's"))
                }
                guard (7...730).contains(window) else { throw CommandError("--window is in days, from 7 to 730") }
                if drill.figure != nil {
                    let w = AuditWindow(end: now, days: window)
                    return try drill.print(AuditEvidence.placedFigures(AuditEvidence.all(p, window: w), window: w, calendar: p.calendar), p, json: json)
                }
                let summary = try AuditReview.summary(p, path: desk.path, now: now, windowDays: window)
                let w = AuditWindow(end: now, days: window)
                if json { Stdout.bytes(AuditOutput.json(summary, audit: AuditReview.current(p), window: w)) }
                else { for l in AuditOutput.text(summary, audit: AuditReview.current(p), window: w, p: p) { Stdout.line(DisplayText.visible(l)) } }
            }
        }
    }

    /// `keepwarm audit walk`.
    struct Walk: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "walk",
            abstract: "Open the console straight into the audit walkthrough (resumes one under way).",
            discussion: "Example:\n  keepwarm audit walk")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try ConsoleCommand.open(global, walkthrough: true)
        }
    }

    /// `keepwarm audit history`.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "List past audits with their scores.", discussion: "Example:\n  keepwarm audit history --json")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            try guarded {
                let p = try Desk(global).openLog().practice
                let audits = p.audits.filter { !$0.withdrawn }
                if json {
                    Stdout.bytes(LineBuilder.array(audits.map { a in
                        var o = LineBuilder()
                        o.string("id", a.id.description)
                        o.string("startedAt", a.startedAt.iso)
                        o.stringOrNull("finishedAt", a.finishedAt?.iso)
                        o.int("answered", a.answers.count)
                        o.int("inPlace", a.inPlace)
                        o.int("total", AuditChecklist.steps.count)
                        o.int("evidenceMet", a.evidenceMet)
                        o.int("evidenceSteps", a.evidenceSteps)
                        return o.finishedObject()
                    }))
                } else {
                    Table(["AUDIT", "STARTED", "FINISHED", "IN PLACE", "EVIDENCE"], audits.map { a in
                        [a.id.description, p.calendar.dateString(a.startedAt), a.finishedAt.map { p.calendar.dateString($0) } ?? "under way",
                         a.finishedAt == nil ? "\(a.answers.count) answered" : "\(a.inPlace) of \(AuditChecklist.steps.count)",
                         a.finishedAt == nil ? "" : "\(a.evidenceMet) of \(a.evidenceSteps) meet target"]
                    }).print(empty: "No audits yet: walk through one with `keepwarm audit walk`.")
                }
            }
        }
    }

    /// `keepwarm audit answer`.
    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answer",
            abstract: "Answer one step of the audit under way (starting one if needed).",
            discussion: "Example:\n  keepwarm audit answer 5 no --owner Sam --note \"Only when we remember\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Step number, 1 to 16.") var step: Int
        @Argument(help: "yes, no or not-sure (also y, n, ?).") var answer: String
        @Option(help: "A note.") var note: String?
        @Option(help: "Who owns this step.") var owner: String?

        func run() throws {
            try guarded {
                let a: AuditAnswer
                switch answer.lowercased() {
                case "y", "yes": a = .yes
                case "n", "no": a = .no
                case "?", "not-sure", "unsure", "not sure": a = .unsure
                default: throw CommandError("answer yes, no or not-sure, not '\(answer)'")
                }
                let desk = Desk(global)
                let log = try desk.open()
                defer { desk.report(log, damage: false) }
                let now = try desk.now(log.practice.calendar)
                try log.appendBatch(by: desk.user, at: now, kind: .audit) { p in
                    guard p.openAudit == nil else { return [try Command.answerAudit(step: step, a, note: note, owner: owner).event(in: p, now: now)] }
                    // Start the audit and answer its first step in one write.
                    let start = try Command.startAudit.event(in: p, now: now)
                    var next = p
                    try next.apply(Event(seq: p.lastSeq + 1, at: now, by: desk.user, body: start))
                    return [start, try Command.answerAudit(step: step, a, note: note, owner: owner).event(in: next, now: now)]
                }
                try Stdout.answer("step \(step): \(a.rawValue)")
            }
        }
    }

    /// `keepwarm audit finish`.
    struct Finish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "finish",
            abstract: "Finish the audit under way, recording both scores.", discussion: "Example:\n  keepwarm audit finish")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try guarded {
                let desk = Desk(global)
                let (e, _) = try desk.record(seeing: { d, p in
                    let s = try AuditReview.summary(p, path: desk.path, now: d.now)
                    return .finishAudit(inPlace: s.inPlace, evidenceMet: s.evidenceMet, evidenceSteps: s.evidenceSteps)
                })
                if case .auditFinished(let id, let inPlace, let met, let steps) = e.body {
                    try Stdout.answer("\(id): \(inPlace) of \(AuditChecklist.steps.count) in place; evidence \(met) of \(steps) steps meet their target")
                }
            }
        }
    }
}
