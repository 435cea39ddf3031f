import ArgumentParser
import KeepwarmCore

/// `keepwarm lapsed --practitioner NAME --due|--new`: the weekly review's view of the lapsed list (Docs/cli.md).
struct LapsedReviewOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this practitioner's clients (id or name): whose last attended appointment was with them.", valueName: "practitioner"))
    var practitioner: String?
    @Flag(help: "Only clients whose next step is due today or earlier.") var due = false
    @Flag(name: .customLong("new"), help: "Only clients who lapsed since the practitioner's last review.") var newSince = false

    func validate() throws {
        if due && newSince { throw ValidationError("--due and --new can't be used together; choose one") }
    }

    /// True when any review option was given: the plain `keepwarm lapsed` stays as it was.
    var isSet: Bool { practitioner != nil || due || newSince }

    var filter: LapsedFilter { due ? .dueNow : newSince ? .newSinceReview : .all }

    func run(_ desk: Desk, json: Bool) throws {
        let p = try desk.openLog().practice
        let now = try desk.now(p.calendar)
        let who = try practitioner.map { (t) throws(CommandError) in try p.resolvePractitioner(t) }
        let all = Lapsed.rows(p, now: now)
        let rows = WeeklyReview.rows(all, p, now: now, practitioner: who, filter: filter)
        let progress = WeeklyReview.progress(all, p, now: now, practitioner: who)
        let last = WeeklyReview.lastReview(p, practitioner: who, now: now)
        if json {
            var b = LineBuilder()
            b.stringOrNull("practitioner", who?.description)
            b.string("filter", filter.rawValue)
            b.stringOrNull("lastReview", last?.iso)
            b.int("reviewed", progress.reviewed)
            b.int("total", progress.total)
            b.string("weekStart", Civil.string(ofDay: progress.weekStartDay))
            b.raw("clients", LineBuilder.array(rows.map { QueryJSON.lapsed($0, p.calendar) }))
            Stdout.bytes(b.finishedObject())
            return
        }
        let name = who.map { p.practitioners[$0.index].name } ?? "Everyone"
        let since = last.map { "last review \(p.calendar.dateString($0))" } ?? "no review before this week"
        Stdout.line(DisplayText.visible("\(name): \(progress.line) (week of \(Civil.string(ofDay: progress.weekStartDay)); \(since)); showing \(filter.label)"))
        QueryTables.lapsed(rows, p.calendar).print(empty: filter == .all ? "No lapsed clients." : "No lapsed clients \(filter.label).")
    }
}
