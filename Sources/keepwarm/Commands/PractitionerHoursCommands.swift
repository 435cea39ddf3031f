import ArgumentParser
import KeepwarmCore

extension PractitionerCommand {
    /// `keepwarm practitioner hours`: shows or sets working hours per weekday.
    struct Hours: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hours",
            abstract: "Show or set a practitioner's working hours per weekday.",
            discussion: """
                Each day is day=HH:MM-HH:MM, several ranges separated by commas; off (or none) is a day off; a run
                like mon-fri sets several days. Days not given keep their hours. With no days, prints the hours.
                Example:
                  keepwarm practitioner hours p1 mon-thu=09:00-12:30,13:30-17:00 fri=09:00-13:00 sat=off
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Practitioner id or exact name.") var practitioner: String
        @Argument(help: "Days and hours, like mon=09:00-17:00.") var days: [String] = []

        func run() throws {
            try guarded {
                let desk = Desk(global)
                if days.isEmpty {
                    let p = try desk.openLog().practice
                    let id = try p.resolvePractitioner(practitioner)
                    let pr = p.practitioners[id.index]
                    guard let hours = pr.hours, !hours.isEmpty else {
                        Stdout.line("No working hours are set for \(pr.name) (\(id)): set them with `keepwarm practitioner hours \(id) mon-fri=09:00-17:00`")
                        return
                    }
                    Stdout.lines(["\(pr.name) (\(id))"] + (0..<7).map {
                        "  \(WorkingHours.dayNames[$0])  \(hours.days[$0].isEmpty ? "off" : hours.text($0).replacingOccurrences(of: ",", with: ", "))"
                    })
                    return
                }
                let parsed: [Int: [WorkingRange]]
                switch WorkingHours.parseArguments(days) {
                case .success(let d): parsed = d
                case .failure(let e): throw CommandError(e.message)
                }
                let (e, _) = try desk.record(seeing: { _, _ in .setHours(practitioner: practitioner, days: parsed) })
                if case .practitionerHours(let id, let hours) = e.body { try Stdout.answer("\(id): \(hours.summary)") }
            }
        }
    }

    /// `keepwarm practitioner edit`: corrects a practitioner's name.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct a practitioner's name.", discussion: "Example:\n  keepwarm practitioner edit p1 --name \"Anna Okafor-Reid\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Practitioner id or exact name.") var practitioner: String
        @Option(help: "The new name.") var name: String?
        @Option(help: "The site they work at from now on (id or exact name); their past appointments stay where they were.")
        var site: String?

        func validate() throws {
            if name == nil && site == nil { throw ValidationError("say what to change: --name or --site") }
        }

        func run() throws {
            try guarded {
                if let name {
                    let e = try Desk(global).record { _ in .editPractitioner(practitioner, name: name) }
                    if case .practitionerEdited(let id, let n) = e.body { try Stdout.answer("\(id): \(n)") }
                }
                if let site {
                    let e = try Desk(global).record { _ in .setPractitionerSite(practitioner: practitioner, site: site) }
                    if case .practitionerSite(let id, let s) = e.body { try Stdout.answer("\(id): \(s)") }
                }
            }
        }
    }
}

/// `keepwarm free`: the next free times within working hours.
struct FreeQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "free", abstract: "The next free times for a session, within practitioners' working hours.",
        discussion: """
            Lists times that fit the length without clashing with a booking; book one with `keepwarm book`.
            Example:
              keepwarm free --length 60 --practitioner p1 --after +1w
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Session length in minutes.") var length = 60
    @Option(help: "Practitioner id or exact name (any, when left out).") var practitioner: String?
    @Option(help: "From this day (or time): 2026-12-01, tomorrow, +1w, tue 14:00. Now, when left out.") var after: String?
    @Option(help: "Leave out times this client is already booked (id or exact name).") var client: String?
    @Option(help: "Only practitioners who work at this site (id or exact name); every site when left out.") var site: String?
    @Option(help: "How many times to list.") var limit = 8
    @Flag(help: "JSON for scripts.") var json = false

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let p = try desk.openLog().practice
            let d = DateInput(calendar: p.calendar, now: try desk.now(p.calendar))
            var from = d.now
            if let after {
                let t: Instant
                if let day = try? d.day(after) { t = p.calendar.instant(day: day, minute: 0) } else { t = try d.instant(after) }
                from = max(from, t)
            }
            let who = try practitioner.map { (t) throws(CommandError) in try p.resolvePractitioner(t) }
            let whose = try client.map { (t) throws(CommandError) in try p.resolveClient(t) }
            let slots = try FreeSlots.next(p, minutes: length, practitioner: who, client: whose, after: from, limit: max(1, limit),
                                           site: try siteFilter(site, p))
            if json {
                Stdout.bytes(LineBuilder.array(slots.map { s in
                    var b = LineBuilder()
                    b.string("start", s.start.iso)
                    b.string("practitioner", s.practitioner.description)
                    b.int("minutes", s.minutes)
                    return b.finishedObject()
                }))
            } else {
                Table(["WHEN", "PRACTITIONER", "MINUTES"], slots.map { s in
                    ["\(WorkingHours.dayNames[Civil.weekday(ofDay: p.calendar.day(of: s.start))]) \(p.describe(s.start))",
                     "\(p.practitioners[s.practitioner.index].name) (\(s.practitioner))", "\(s.minutes)"]
                }).print(empty: "No free time of \(length) min in the next \(FreeSlots.searchDays) days within working hours.")
            }
        }
    }
}
