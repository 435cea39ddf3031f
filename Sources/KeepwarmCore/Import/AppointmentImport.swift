import Foundation
import KeepwarmCore

/// `keepwarm import appointments`: each row becomes an `appointment.booked` for a client already in the log, followed,
/// for the past, by what became of it (attended, no-show or cancelled), so the lapsed list and the reports see the
/// practice's history from the first day. Practitioners the file names who are not in the log yet are added in the
/// same batch.
public enum AppointmentImport {
    /// Minutes an appointment lasts when the file gives neither an end nor a duration.
    public static let defaultMinutes = 60

    /// `dates` is the file's day/month order (`DateOrder.decide`, refused before planning when it cannot be told);
    /// `statuses` is `--status`.
    public static func plan(_ table: CSVTable, map: ColumnMap, practice: Practice, by: String, at now: Instant,
                            dates: DateReading = .unneeded, statuses: StatusMap = .none) -> ImportPlan {
        var plan = ImportPlan(file: table.file, rows: table.rows.count, unusedColumns: map.unused)
        var trial = Trial(practice: practice, by: by, at: now)
        let finder = ClientFinder(practice)
        var tally = Tally()
        var fromRow: [AppointmentID: Int] = [:]
        // The file's own id for each appointment a row of it added (`appointment-id`).
        var rowIDs: [AppointmentID: String] = [:]
        for row in table.rows {
            // A cell longer than its field allows rejects the row before anything of it is read (QA D4).
            do throws(CommandError) { try CellLimits.check(row, map, header: table.header) } catch {
                plan.rejected.append(SkippedRow(row: row.number, reason: error.message))
                continue
            }
            // A status word Keepwarm does not know is listed once with its rows, not rejected row by row; deleted
            // appointments and requests never accepted are left out and counted.
            let status = map.value(.status, in: row)
            guard let outcome = ImportValues.outcome(status, custom: statuses) else {
                StatusRows.add(status ?? "", row: row.number, to: &plan.unknownStatuses)
                continue
            }
            if outcome == .leftOut {
                StatusRows.add(status ?? "", row: row.number, to: &plan.leftOut)
                continue
            }
            do throws(CommandError) {
                let r = try read(row, map, outcome: outcome, practice: trial.practice, finder: finder, now: now, order: dates.order)
                let fileID = map.value(.appointmentID, in: row)
                // Rows of this file that gave their own, different ids are different appointments.
                let other = { (a: Appointment) -> Bool in fileID != nil && rowIDs[a.id] != nil && rowIDs[a.id] != fileID }
                if let same = trial.practice.clients[r.client.index].appointments
                    .map({ trial.practice.appointments[$0.index] }).first(where: { !$0.withdrawn && $0.start == r.start && ($0.status == .cancelled) == r.outcome.isCancellation && !other($0) }) {
                    let what = "\(trial.practice.describe(r.start)) for \(trial.practice.clients[r.client.index].name)"
                    if let earlier = fromRow[same.id] {
                        plan.duplicates.append(SkippedRow(row: row.number, reason: "\(what): the same appointment as row \(earlier)"))
                    } else {
                        // Importing the same file again finds every appointment already there, and adds nothing.
                        plan.alreadyImported.append(SkippedRow(row: row.number, reason: "\(what): already in the log as \(same.id)"))
                    }
                    continue
                }
                let id = try add(r, to: &trial, tally: &tally)
                fromRow[id] = row.number
                if let fileID { rowIDs[id] = fileID }
            } catch {
                plan.rejected.append(SkippedRow(row: row.number, reason: error.message))
            }
        }
        plan.events = trial.events
        plan.imported = tally.ids.count
        plan.summary = tally.summary
        plan.notes = (dates.note.map { [$0] } ?? []) + tally.notes(trial.practice, now: now)
        return plan
    }

    /// One row, read and checked. A cancelled appointment and one booked again at the same time are two
    /// appointments (the slot was given up, then taken again), so a row is the same appointment as another only when
    /// both or neither are cancellations.
    struct Row {
        let client: ClientID
        let practitioner: String
        let start: Instant
        let minutes: Int
        let outcome: ImportValues.Outcome
        /// When it was really booked and settled, from `booked-at` and `settled-at` (Keepwarm's own export).
        var booked: Instant? = nil
        var settled: Instant? = nil
        /// The file records settling (a `settled-at` column) and this row was never settled: a past appointment left
        /// unmarked stays so, rather than being counted as attended.
        var unmarked = false
    }

    static func read(_ row: CSVRow, _ map: ColumnMap, outcome status: ImportValues.Outcome, practice p: Practice,
                     finder: ClientFinder, now: Instant, order: DateOrder?) throws(CommandError) -> Row {
        let client = try finder.find(row, map)
        let (start, minutes) = try minutesOf(row, map, start: try startOf(row, map, p.calendar, order: order), p.calendar, order: order)
        try Validate.minutes(minutes)
        var outcome = status
        if outcome == .unsettled && ImportValues.flag(map.value(.cancelled, in: row)) { outcome = .cancelled(by: .client, late: false) }
        if outcome == .unsettled && ImportValues.flag(map.value(.noShow, in: row)) { outcome = .noShow }
        outcome = try cancellation(outcome, row, map)
        if start > now && (outcome == .attended || outcome == .noShow) {
            throw CommandError("\(p.describe(start)) hasn't come yet, so it can't be \(outcome == .attended ? "attended" : "a no-show")")
        }
        let who = map.value(.practitioner, in: row) ?? ""
        var r = Row(client: client, practitioner: who, start: start, minutes: minutes, outcome: outcome)
        r.booked = try when(.bookedAt, row, map, p.calendar, order: order)
        r.settled = try when(.settledAt, row, map, p.calendar, order: order)
        r.unmarked = outcome == .unsettled && map.has(.settledAt) && r.settled == nil
        return r
    }

    /// A `booked-at` or `settled-at` time; nil when the row leaves it empty.
    static func when(_ field: ImportField, _ row: CSVRow, _ map: ColumnMap, _ cal: PracticeCalendar, order: DateOrder?) throws(CommandError) -> Instant? {
        guard let v = map.value(field, in: row) else { return nil }
        guard let i = ImportValues.instant(v, calendar: cal, order: order) else {
            throw CommandError(ImportDates.problem(v, what: field.rawValue, order: order))
        }
        return i
    }

    static func startOf(_ row: CSVRow, _ map: ColumnMap, _ cal: PracticeCalendar, order: DateOrder?) throws(CommandError) -> Instant {
        if let s = map.value(.start, in: row) {
            if let i = try SessionClock.instant(s, cal, order: order) { return i }
            // Keepwarm's own export: the day in `date`, the time it starts in `start`.
            if let d = map.value(.date, in: row), let m = ImportValues.minuteOfDay(s) {
                guard let day = ImportValues.day(d, order: order) else { throw CommandError(ImportDates.problem(d, what: "date", order: order)) }
                return try SessionClock.instant(day: day, minute: m, cal)
            }
            if map.value(.time, in: row) == nil, ImportValues.day(s, order: order) != nil {
                throw CommandError("no start time for the appointment on '\(s)': add a time column, or give the time with the date")
            }
            guard let t = map.value(.time, in: row), let day = ImportValues.day(s, order: order) else {
                throw CommandError(ImportDates.problem(s, what: "start", order: order))
            }
            guard let m = ImportValues.minuteOfDay(t) else { throw CommandError("can't read the time '\(t)': use 09:30, 14:00 or 2:30 PM") }
            return try SessionClock.instant(day: day, minute: m, cal)
        }
        guard let d = map.value(.date, in: row) else { throw CommandError("no date for the appointment") }
        guard let t = map.value(.time, in: row) else {
            if let i = try SessionClock.instant(d, cal, order: order) { return i }
            if ImportValues.day(d, order: order) == nil { throw CommandError(ImportDates.problem(d, what: "date", order: order)) }
            throw CommandError("no start time for the appointment on '\(d)'")
        }
        guard let day = ImportValues.day(d, order: order) else { throw CommandError(ImportDates.problem(d, what: "date", order: order)) }
        guard let m = ImportValues.minuteOfDay(t) else { throw CommandError("can't read the time '\(t)': use 09:30, 14:00 or 2:30 PM") }
        return try SessionClock.instant(day: day, minute: m, cal)
    }

    /// The session's start (read again across the clocks going back, `SessionClock.session`) and its minutes.
    static func minutesOf(_ row: CSVRow, _ map: ColumnMap, start: Instant, _ cal: PracticeCalendar, order: DateOrder?) throws(CommandError) -> (Instant, Int) {
        if let d = map.value(.minutes, in: row) {
            guard let m = ImportValues.minutes(d) else { throw CommandError("can't read the length '\(d)': use minutes, such as 60") }
            return (start, m)
        }
        guard let e = map.value(.end, in: row) else { return (start, defaultMinutes) }
        let end: Instant
        if let i = try SessionClock.instant(e, cal, order: order) {
            end = i
        } else if let m = ImportValues.minuteOfDay(e) {
            end = try SessionClock.instant(day: cal.day(of: start), minute: m, cal)
        } else {
            throw CommandError("can't read the end '\(e)': use 10:30, or a date and time")
        }
        guard end > start else { throw CommandError("it ends (\(e)) before it starts") }
        return SessionClock.session(start: start, end: end, cal)
    }

    /// A `cancelled-by` (client or practice) and a `late` (yes/no) column, as Keepwarm's own export writes them,
    /// complete a cancellation; a `cancelled-by` on a row whose status says it was kept or missed contradicts it.
    static func cancellation(_ outcome: ImportValues.Outcome, _ row: CSVRow, _ map: ColumnMap) throws(CommandError) -> ImportValues.Outcome {
        var by: CancelledBy?
        if let v = map.value(.cancelledBy, in: row) {
            guard let b = ImportValues.cancelledBy(v) else { throw CommandError("cancelled-by is '\(v)'; use client or practice") }
            by = b
        }
        var late: Bool?
        if let v = map.value(.late, in: row) {
            guard let l = ImportValues.bool(v) else { throw CommandError("late is '\(v)'; use yes or no") }
            late = l
        }
        switch outcome {
        case .cancelled(let was, let wasLate):
            return .cancelled(by: by ?? was, late: late ?? wasLate)
        case .unsettled where by != nil:
            return .cancelled(by: by!, late: late ?? false)
        case .attended, .noShow:
            if let by { throw CommandError("cancelled-by says the \(by.rawValue) cancelled, but the status says it was \(outcome == .attended ? "attended" : "a no-show"); correct one of them") }
            return outcome
        default:
            return outcome
        }
    }

    /// Adds the row's events to the trial and returns the appointment's id. Every check comes before the first
    /// event, so a rejected row leaves nothing behind.
    static func add(_ r: Row, to trial: inout Trial, tally: inout Tally) throws(CommandError) -> AppointmentID {
        let p = trial.practice
        let existing = try existingPractitioner(r.practitioner, p)
        let past = r.start < trial.at
        if let practitioner = existing, !past && r.outcome == .unsettled,
           let other = p.clash(practitioner: practitioner, start: r.start, minutes: r.minutes) {
            throw CommandError("\(p.practitioners[practitioner.index].name) is already booked then (\(other.id), \(p.describe(other.start))); book it by hand at another time")
        }
        if !past && r.outcome == .unsettled, let other = p.clientClash(r.client, start: r.start, minutes: r.minutes) {
            throw CommandError("\(p.clients[r.client.index].name) already has \(other.id) at \(p.describe(other.start))")
        }
        let newName = existing == nil ? try Validate.name(r.practitioner, what: "practitioner") : nil
        do throws(ApplyError) {
            let practitioner = existing ?? p.nextPractitionerID
            if let name = newName {
                try trial.add(.practitionerAdded(practitioner, name: name))
                tally.practitioners.append("\(name) (\(practitioner))")
            }
            let id = trial.practice.nextAppointmentID
            try record(r, id, practitioner, past: past, &trial, &tally)
            return id
        } catch {
            throw CommandError(error.reason)
        }
    }

    private static func record(_ r: Row, _ id: AppointmentID, _ practitioner: PractitionerID, past: Bool,
                               _ trial: inout Trial, _ tally: inout Tally) throws(ApplyError) {
        try trial.add(.appointmentBooked(id, client: r.client, practitioner: practitioner, start: r.start, minutes: r.minutes))
        switch r.outcome {
        case .attended: try trial.add(.appointmentAttended(id)); tally.attended += 1
        case .noShow: try trial.add(.appointmentNoShow(id)); tally.noShows += 1
        case .cancelled(let by, let late): try trial.add(.appointmentCancelled(id, by: by, late: late)); tally.cancelled += 1
        case .unsettled where past && r.unmarked:
            // The file says it was never settled (Keepwarm's own export of an appointment nobody marked): it stays
            // on the unmarked list, as it was.
            tally.unmarked += 1
        case .unsettled where past:
            // Systems that don't record arrivals export a past appointment that was neither cancelled nor missed as
            // plain "booked"; it happened.
            try trial.add(.appointmentAttended(id))
            tally.attended += 1
            tally.assumedAttended += 1
        case .unsettled: tally.booked += 1
        case .leftOut: break
        }
        // When it was really booked and settled (Keepwarm's own export), right after the appointment's events; a
        // time settled is kept only for an appointment that was settled.
        let settled = r.outcome == .unsettled ? nil : r.settled
        if r.booked != nil || settled != nil {
            try trial.add(.appointmentHistory(id, booked: r.booked, settled: settled))
        }
        tally.ids.append(id)
        tally.clients.insert(r.client)
    }

    /// The practitioner a row names, if already in the log; nil means the import adds them.
    static func existingPractitioner(_ name: String, _ p: Practice) throws(CommandError) -> PractitionerID? {
        let live = p.practitioners.filter { !$0.withdrawn }
        guard name.isEmpty else { return try? p.resolvePractitioner(name) }
        guard live.count == 1 else {
            throw CommandError("no practitioner given, and the practice has \(live.count); add a practitioner column to the file or the map")
        }
        return live[0].id
    }

    /// Counts kept while planning, for the summary.
    struct Tally {
        var ids: [AppointmentID] = []
        var clients: Set<ClientID> = []
        var attended = 0, noShows = 0, cancelled = 0, booked = 0, assumedAttended = 0, unmarked = 0
        var practitioners: [String] = []

        var summary: [String] {
            var s = ["\(Wording.plural(ids.count, "appointment"))\(Wording.span(ids)): \(attended) attended, \(Wording.plural(noShows, "no-show")), \(cancelled) cancelled, \(booked) booked ahead\(unmarked > 0 ? ", \(unmarked) unmarked" : "")"]
            if !practitioners.isEmpty {
                s.append("\(Wording.plural(practitioners.count, "practitioner")): \(practitioners.joined(separator: ", "))")
            }
            return s
        }

        func notes(_ p: Practice, now: Instant) -> [String] {
            var out: [String] = []
            if unmarked > 0 {
                out.append("\(Wording.plural(unmarked, "past appointment")) not settled in the file (no settled-at): left unmarked, as they were (keepwarm diary --unmarked)")
            }
            if assumedAttended > 0 {
                out.append("\(Wording.plural(assumedAttended, "past appointment")) had no outcome in the file: counted as attended")
            }
            let today = p.calendar.day(of: now)
            let lapsed = clients.count { Lapsed.row(for: p.clients[$0.index], in: p, now: now, today: today) != nil }
            if lapsed > 0 {
                out.append("on the lapsed list with this import: \(Wording.plural(lapsed, "client")) (keepwarm lapsed); close those who have moved on with `keepwarm review CLIENT --close moved-away`")
            }
            return out
        }
    }
}

/// Finds the client a row is for: by the other system's id for them (`client-id` against the client's `ref`), then
/// email, then phone, then exact name (each must name only one client).
struct ClientFinder {
    let practice: Practice
    var byRef: [String: [ClientID]] = [:]
    var byEmail: [String: [ClientID]] = [:]
    var byPhone: [String: [ClientID]] = [:]
    var byName: [String: [ClientID]] = [:]

    init(_ p: Practice) {
        practice = p
        byRef = p.clientsByRef()
        let rule = Ownership(p)
        for c in p.clients where !c.withdrawn && c.erasedAt == nil {
            if let e = c.email.flatMap(Ownership.emailKey) { byEmail[e, default: []].append(c.id) }
            if let ph = c.phone.flatMap(rule.phoneKey) { byPhone[ph, default: []].append(c.id) }
            if let n = Ownership.nameKey(c.name) { byName[n, default: []].append(c.id) }
        }
    }

    func find(_ row: CSVRow, _ map: ColumnMap) throws(CommandError) -> ClientID {
        // The other system's id tells namesakes apart; a client with no such id (added by hand) is found as before.
        if let ref = map.value(.clientID, in: row), let ids = byRef[ref] {
            if ids.count == 1 { return ids[0] }
            throw CommandError("\(ids.count) clients have the id '\(ref)' from the other system (\(ids.map(\.description).joined(separator: ", "))); merge them, or add an email or phone column")
        }
        if let e = map.value(.email, in: row).flatMap(Ownership.emailKey), let ids = byEmail[e], ids.count == 1 { return ids[0] }
        if let ph = map.value(.phone, in: row).flatMap(Ownership(practice).phoneKey), let ids = byPhone[ph], ids.count == 1 { return ids[0] }
        let whole = [map.value(.first, in: row), map.value(.last, in: row)].compactMap { $0 }.joined(separator: " ")
        let name = map.value(.client, in: row) ?? map.value(.name, in: row) ?? whole
        guard !name.isEmpty else {
            if let ref = map.value(.clientID, in: row) {
                throw CommandError("no client has the id '\(ref)' from the other system, and no email or phone on the row finds one; import the clients first (keepwarm import clients)")
            }
            throw CommandError("no client named, and no email or phone that matches one")
        }
        // "Brontë, Zoë" names the client the clients import recorded as "Zoë Brontë" (`PersonName.whole`).
        let written = Ownership.nameKey(name).flatMap { byName[$0] } ?? []
        let ids = written.isEmpty && name.contains(",") ? Ownership.nameKey(PersonName.whole(name).name).flatMap { byName[$0] } ?? [] : written
        if ids.count == 1 { return ids[0] }
        if ids.count > 1 {
            throw CommandError("\(ids.count) clients are called '\(name)' (\(ids.map(\.description).joined(separator: ", "))); add an email or phone column so each row finds one")
        }
        throw CommandError("no client '\(name)' in the log; import the clients first (keepwarm import clients)")
    }
}
