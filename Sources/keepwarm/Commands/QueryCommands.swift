import ArgumentParser
import KeepwarmCore

/// `keepwarm diary`.
struct DiaryQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diary", abstract: "A day's appointments with their flags (today by default).",
        discussion: "Example:\n  keepwarm diary --date tomorrow --json")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Which day: 2026-11-23, today, tomorrow, tue, +1w.") var date: String?
    @Flag(help: "JSON for scripts.") var json = false
    @Flag(help: "The morning after: appointments before the day (today by default) never marked attended, no-show or cancelled.")
    var unmarked = false
    @Option(help: "Only appointments at this site (id or exact name); every site when left out.") var site: String?

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let p = try desk.openLog().practice
            let d = DateInput(calendar: p.calendar, now: try desk.now(p.calendar))
            let day = try date.map { (t) throws(InputError) in try d.day(t) } ?? p.calendar.day(of: d.now)
            if unmarked {
                let rows = Unmarked.rows(p, today: day)
                if json { Stdout.bytes(LineBuilder.array(rows.map(QueryJSON.diary))) }
                else { QueryTables.unmarked(rows, p.calendar).print(empty: "Every appointment before \(Civil.string(ofDay: day)) is marked.") }
                return
            }
            let at = try siteFilter(site, p)
            let rows = Diary.rows(p, day: day).filter { p.isAt($0.appointment, at) }
            if json { Stdout.bytes(LineBuilder.array(rows.map(QueryJSON.diary))) }
            else { QueryTables.diary(rows, p.calendar).print(empty: "No appointments on \(Civil.string(ofDay: day))\(at.map { " at \(p.sites[$0.index].name)" } ?? "").") }
        }
    }
}

/// `keepwarm lapsed`.
struct LapsedQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lapsed", abstract: "Clients who have drifted away, most recently lapsed first, with the next step.",
        discussion: """
            With --practitioner, only that practitioner's clients (whose last attended appointment was with them), and
            the week's progress ("12 of 60 reviewed this week"). --due: only steps due now; --new: only clients who
            lapsed since the practitioner's last review (Docs/rules.md, "The weekly review").

            Example:
              keepwarm lapsed --json
              keepwarm lapsed --practitioner "Sam Okafor" --new
            """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON for scripts.") var json = false
    @OptionGroup var review: LapsedReviewOptions

    func run() throws {
        try guarded {
            if review.isSet { return try review.run(Desk(global), json: json) }
            try Desk(global).query(json: json, Lapsed.rows, json: { rows, p in LineBuilder.array(rows.map { QueryJSON.lapsed($0, p.calendar) }) },
                                   table: { rows, p in QueryTables.lapsed(rows, p.calendar) }, empty: "No lapsed clients.")
        }
    }
}

/// `keepwarm thankyous`.
struct ThankYousQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thankyous", abstract: "Referral thank-yous owed, oldest first, with their deadline (48 hours by default).",
        discussion: "Example:\n  keepwarm thankyous --json")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        try guarded {
            try Desk(global).query(json: json, ThankYous.rows, json: { rows, _ in LineBuilder.array(rows.map(QueryJSON.thankYou)) },
                                   table: { rows, p in QueryTables.thankYous(rows, p.calendar) }, empty: "No thank-yous owed.")
        }
    }
}

/// `keepwarm followups`.
struct FollowUpsQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followups", abstract: "The retention sequence: messages due to clients now.",
        discussion: "Example:\n  keepwarm followups --json")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        try guarded {
            try Desk(global).query(json: json, FollowUps.rows, json: { rows, _ in LineBuilder.array(rows.map(QueryJSON.followUp)) },
                                   table: { rows, _ in QueryTables.followUps(rows) }, empty: "No follow-ups due.")
        }
    }
}

/// `keepwarm callbacks`.
struct CallbacksQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks", abstract: "Calls and messages still owed a reply.",
        discussion: "Example:\n  keepwarm callbacks --json")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        try guarded {
            try Desk(global).query(json: json, { CallbacksOwed.rows($0, now: $1, naming: true) }, json: { rows, _ in LineBuilder.array(rows.map(QueryJSON.callback)) },
                                   table: { rows, p in QueryTables.callbacks(rows, p.calendar) }, empty: "No callbacks owed.")
        }
    }
}

/// `keepwarm` with no command: what needs doing today.
struct Overview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview", abstract: "Print today's diary, lapsed clients and thank-yous owed.",
        discussion: "Example:\n  keepwarm overview --log demo/events.log")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let p = try desk.openLog().practice
            let now = try desk.now(p.calendar)
            let cal = p.calendar
            let day = cal.day(of: now)
            let (y, m, d) = Civil.date(fromDays: day)
            let weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][Civil.weekday(ofDay: day)]
            let month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1]
            Stdout.line(DisplayText.visible("\(p.settings.name) — \(weekday) \(d) \(month) \(y), \(cal.timeString(now))"))
            let diary = Diary.rows(p, day: day)
            Stdout.line("\nToday's diary (\(diary.count))")
            QueryTables.diary(diary, cal).print(empty: "No appointments today.")
            let lapsed = Lapsed.rows(p, now: now)
            Stdout.line("\nLapsed clients (\(lapsed.count))")
            QueryTables.lapsed(lapsed, cal).print(empty: "No lapsed clients.")
            let thanks = ThankYous.rows(p, now: now)
            Stdout.line("\nThank-yous (\(p.settings.thankYouHours) h) (\(thanks.count))")
            QueryTables.thankYous(thanks, cal).print(empty: "No thank-yous owed.")
        }
    }
}

extension Desk {
    /// A query command's whole body: rows from the practice at the clock's time, then JSON or a table.
    func query<Row>(json: Bool, _ rows: (Practice, Instant) -> [Row], json toJSON: ([Row], Practice) -> [UInt8],
                    table: ([Row], Practice) -> Table, empty: String) throws {
        let p = try openLog().practice
        let found = rows(p, try now(p.calendar))
        if json { Stdout.bytes(toJSON(found, p)) } else { table(found, p).print(empty: empty) }
    }
}
