import KeepwarmCore

/// `keepwarm report sources --mark-reviewed`: the owner says the sources were reviewed. One `report.reviewed` event;
/// audit step 14 counts it, where opening the report (`report.viewed`) is only a look.
struct MarkReviewed {
    let global: GlobalOptions
    let options: ReportOptions

    func run() throws {
        if options.drill.figure != nil || options.asOf != nil || options.since != nil || options.json || options.csv {
            throw InputError("--mark-reviewed records the review and prints nothing else; leave out the other options")
        }
        let desk = Desk(global)
        let log = try desk.open()
        defer { desk.report(log, damage: false) }
        let now = try desk.now(log.practice.calendar)
        try log.append(by: desk.user, at: now) { p in try Command.markReviewed(.sources).event(in: p, now: now) }
        try Stdout.answer("marked the sources report reviewed on \(log.practice.calendar.dateString(now)) (audit step 14, this quarter)")
    }
}
