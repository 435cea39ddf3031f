import ArgumentParser
import KeepwarmCore

/// `keepwarm book`.
struct Book: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Book an appointment; prints the appointment id.",
        discussion: """
            Times: 2026-11-23 14:00, tomorrow 9:30, tue 10:00, +3w 10:00, or ISO 8601 with a zone.
            Example:
              keepwarm book c12 --at "tue 10:00" --with "Anna Okafor"
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Option(help: "When it starts.") var at: String
    @Option(help: "How long it lasts.") var minutes = 60
    @Option(name: .customLong("with"), help: "Practitioner id or exact name (optional with one practitioner).") var practitioner: String?
    @Flag(help: "Allow a time in the past (to record history).") var force = false
    @Option(help: "The site it is at (id or exact name): refused unless the practitioner works there.") var site: String?

    func run() throws {
        try guarded {
            let e = try Desk(global).record { d in
                if let site {
                    return .bookAtSite(site: site, client: client, practitioner: practitioner, start: try d.instant(at), minutes: minutes, force: force)
                }
                return .book(client: client, practitioner: practitioner, start: try d.instant(at), minutes: minutes, force: force)
            }
            if case .appointmentBooked(let id, _, _, _, _) = e.body { try Stdout.answer(id.description) }
        }
    }
}

/// `keepwarm attend`.
struct Attend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attend",
        abstract: "Mark an appointment attended.", discussion: "Example:\n  keepwarm attend a12")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Appointment id.") var appointment: String

    func run() throws {
        try guarded {
            _ = try Desk(global).record { _ in .attend(appointment) }
            try Stdout.answer("\(appointment): attended")
        }
    }
}

/// `keepwarm no-show`.
struct NoShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "no-show", abstract: "Mark an appointment as a no-show.", discussion: "Example:\n  keepwarm no-show a12")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Appointment id.") var appointment: String

    func run() throws {
        try guarded {
            _ = try Desk(global).record { _ in .noShow(appointment) }
            try Stdout.answer("\(appointment): no-show")
        }
    }
}

/// `keepwarm cancel`.
struct Cancel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an appointment.", discussion: "Example:\n  keepwarm cancel a12 --by client --late")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Appointment id.") var appointment: String
    @Option(help: "Who cancelled: client or practice.") var by: CancelledBy = .client
    @Flag(help: "Cancelled at late notice.") var late = false

    func run() throws {
        try guarded {
            _ = try Desk(global).record { _ in .cancel(appointment, by: by, late: late) }
            try Stdout.answer("\(appointment): cancelled by \(by.rawValue)\(late ? " at late notice" : "")")
        }
    }
}

/// `keepwarm move`.
struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move an appointment to another time.", discussion: "Example:\n  keepwarm move a12 --to \"thu 15:00\"")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Appointment id.") var appointment: String
    @Option(help: "The new start time.") var to: String
    @Flag(help: "Allow a time in the past.") var force = false

    func run() throws {
        try guarded {
            let (e, log) = try Desk(global).record(seeing: { d, _ in .move(appointment, to: try d.instant(to), force: force) })
            if case .appointmentMoved(let id, let start) = e.body { try Stdout.answer("\(id): moved to \(log.practice.describe(start))") }
        }
    }
}

/// `keepwarm rebook`.
struct RebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebook",
        abstract: "Book the next session in one step from an attended one; prints the new appointment id.",
        discussion: """
            Same weekday, time, practitioner and length; the interval is the client's cadence, else the gap between
            their last two sessions, else one week. A taken slot moves to the next free day at the same time.
            Example:
              keepwarm rebook a12
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "An attended appointment id.") var appointment: String

    func run() throws {
        try guarded {
            let desk = Desk(global)
            var shifted = 0
            let (e, log) = try desk.record(seeing: { d, p in
                // The proposal is worked out again under the lock; this look only says whether the day moved.
                if let id = try? p.resolveAppointment(appointment), let r = try? Rebook.propose(p, from: id, now: d.now) {
                    shifted = r.shiftedDays
                }
                return .rebook(appointment)
            })
            guard case .appointmentBooked(let id, _, _, let start, _) = e.body else { return }
            if shifted > 0 {
                Stderr.line("note: the usual slot was taken, so \(id) is \(shifted) day\(shifted == 1 ? "" : "s") later, on \(log.practice.describe(start))")
            }
            try Stdout.answer(id.description)
        }
    }
}
