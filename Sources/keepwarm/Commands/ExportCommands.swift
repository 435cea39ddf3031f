import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm export clients|appointments|events|ics`: the practice's records for a spreadsheet or a calendar.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "The client list, the diary or the whole log as CSV, or the diary as a calendar (.ics).",
        discussion: """
            Nothing is recorded in the log. Dates and times in the CSV files are on the practice's clock.
            See Docs/cli.md for every column.

            Example:
              keepwarm export clients --csv --excel --out clients.csv
              keepwarm export ics --practitioner p1 --from today --out anna.ics
            """,
        subcommands: [Clients.self, Appointments.self, Events.self, Calendar.self, ExportHistory.self])

    /// `keepwarm export clients`.
    struct Clients: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clients",
            abstract: "Every client with their contact choices and visits, as CSV.",
            discussion: "Example:\n  keepwarm export clients --csv --out clients.csv")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: CSVExportOptions

        func run() throws {
            try guarded {
                try ExportFiles.refuseExisting(options.out)
                let desk = Desk(global)
                let log = try desk.openLog()
                try options.write(ClientsCSV.table(log.practice, now: try desk.now(log.practice.calendar)), log, "clients")
            }
        }
    }

    /// `keepwarm export appointments`.
    struct Appointments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "appointments",
            abstract: "Every appointment, in start order, as CSV.",
            discussion: "Example:\n  keepwarm export appointments --csv --excel --out diary.csv")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: CSVExportOptions

        func run() throws {
            try guarded {
                try ExportFiles.refuseExisting(options.out)
                let log = try Desk(global).openLog()
                try options.write(AppointmentsCSV.table(log.practice), log, "appointments")
            }
        }
    }

    /// `keepwarm export events`.
    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events",
            abstract: "Every event in the log, one row each, its own fields as JSON, as CSV.",
            discussion: "Example:\n  keepwarm export events --csv --out events.csv")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: CSVExportOptions

        func run() throws {
            try guarded {
                try ExportFiles.refuseExisting(options.out)
                let log = try Desk(global).openLog()
                try options.write(EventsCSV.table(logLines: try ExportFiles.lines(of: log)), log, "events")
            }
        }
    }

    /// `keepwarm export ics`.
    struct Calendar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            abstract: "Appointments as an iCalendar file (RFC 5545) for a phone or a shared calendar.",
            discussion: """
                Importing a newer export updates the same events (each has a stable UID); moved appointments carry a
                higher SEQUENCE and cancelled ones STATUS:CANCELLED. The summary is the client's name (with --initials,
                only their initials); no notes. The organizer is the practice, at config.toml's `from` if set.

                Example:
                  keepwarm export ics --practitioner "Anna Okafor" --from today --to +4w --out anna.ics
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only this practitioner's appointments (id or exact name).", valueName: "practitioner"))
        var practitioner: String?
        @Option(help: ArgumentHelp("First day: 2026-11-23, today, -4w … (default: the first appointment).", valueName: "date"))
        var from: String?
        @Option(help: ArgumentHelp("Last day, included (default: the last appointment).", valueName: "date"))
        var to: String?
        @Option(help: ArgumentHelp("Write to this new file (mode 0600) instead of standard output.", valueName: "file"))
        var out: String?
        @Flag(help: "Show each client's initials (Z.B.) instead of their full name, for a shared or phone calendar.")
        var initials = false

        func run() throws {
            try guarded {
                // Said before the practice is read: at 1M events that is most of the command's time.
                try ExportFiles.refuseExisting(out)
                let desk = Desk(global)
                let log = try desk.openLog()
                let p = log.practice
                let input = try desk.dates(log)
                let who = try practitioner.map { try p.resolvePractitioner($0) }
                let first = try from.map { try ExportFiles.day("--from", $0, input) }
                let last = try to.map { try ExportFiles.day("--to", $0, input) }
                if let first, let last, first > last {
                    throw InputError("--from \(Civil.string(ofDay: first)) is after --to \(Civil.string(ofDay: last)); give the earlier day first")
                }
                let chosen = p.appointments.filter { a in
                    let day = p.calendar.day(of: a.start)
                    return (who == nil || a.practitioner == who) && day >= (first ?? .min) && day <= (last ?? .max)
                }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
                // The organizer's address is the From of the practice's email when one is set (and well formed);
                // without one the export still works, with a non-routable address.
                var from: String?
                if desk.config.from.value != nil {
                    do { from = try desk.fromAddress().address } catch {
                        Stderr.line("\(Stderr.message(for: error)); the calendar's organizer is \(ICSOrganizer.noReply) until then")
                    }
                }
                let zoneInfo = ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo"
                let calendar = ICSCalendar(practiceKey: ExportFiles.practiceKey(try log.openingLines()),
                                           organizerAddress: from, initials: initials, zoneInfo: zoneInfo)
                try ExportFiles.emit(calendar.bytes(chosen, in: p, now: input.now), to: out, log, "\(chosen.count) appointments")
            }
        }
    }
}

/// `--csv`, `--excel` and `--out`, shared by the CSV exports.
struct CSVExportOptions: ParsableArguments {
    @Flag(help: "CSV (RFC 4180, UTF-8, CRLF line ends): the default and, for now, only format.") var csv = false
    @Flag(help: "Begin with a UTF-8 byte order mark, so Excel reads accented names correctly.") var excel = false
    @Option(help: ArgumentHelp("Write to this new file (mode 0600) instead of standard output.", valueName: "file"))
    var out: String?

    func write(_ table: CSVSheet, _ log: any EventStore, _ what: String) throws {
        try ExportFiles.emit(table.bytes(excel: excel), to: out, log, "\(table.rowCount) \(what)")
    }
}

/// Where an export goes, and what it needs from the log file itself.
enum ExportFiles {
    /// Refuses an `--out` that already exists before any work: the same words `emit` would say after it.
    static func refuseExisting(_ out: String?) throws {
        guard let out, FileManager.default.fileExists(atPath: out) else { return }
        throw alreadyExists(out)
    }

    static func alreadyExists(_ out: String) -> CommandError {
        CommandError("\(out) already exists; nothing was written. Choose another --out file, or move that one away first")
    }

    /// A new file shared like the log (never replacing one), or standard output.
    static func emit(_ bytes: [UInt8], to out: String?, _ log: any EventStore, _ summary: String) throws {
        guard let out else { return Stdout.document(bytes) }
        do {
            try log.fileSharing.writeNewFile(out, bytes)
        } catch .alreadyExists {
            throw alreadyExists(out)
        }
        Stderr.line("wrote \(summary) to \(out)")
    }

    /// The log's complete lines, as far as the practice was read.
    static func lines(of log: any EventStore) throws -> [UInt8] {
        try log.logLines()
    }

    /// The CRC-32C of the log's first event (the practice being set up): it never changes, even when the practice is
    /// renamed, and two practices set up at different moments get different keys. `lines` begins with the header.
    static func practiceKey(_ lines: [UInt8]) -> String {
        let header = (lines.firstIndex(of: 0x0A) ?? lines.count) + 1
        let first = lines.dropFirst(header).prefix { $0 != 0x0A }
        return "k" + String(decoding: CRC32C.hex(CRC32C.checksum(Array(first))), as: UTF8.self)
    }

    static func day(_ name: String, _ text: String, _ input: DateInput) throws -> Int {
        do { return try input.day(text) } catch { throw InputError("\(name): \(error.message)") }
    }
}
