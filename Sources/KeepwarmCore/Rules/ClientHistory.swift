/// A visit the rules count from: an attended session, or the last visit another system recorded (no appointment).
public struct Visit: Equatable, Sendable {
    /// The session's start; for an imported visit, the start of its day on the practice's clock.
    public let start: Instant
    public let appointment: AppointmentID?
}

/// Facts about one client's sessions that several rules need, worked out from that client's own appointments and the
/// history imported with them (`ImportedHistory`), which counts as visits before the log's own.
public struct ClientHistory: Sendable {
    public let attended: [Appointment]
    public let noShows: Int
    public let cancelled: Int
    public let appointments: [Appointment]
    /// The imported visits, and the start of the imported first and last visit's days.
    public let importedVisits: Int
    public let importedFirst: Instant?
    public let importedLast: Instant?

    public init(_ p: Practice, _ client: ClientID) {
        self.init(p, p.clients[client.index])
    }

    /// The same for a client already in hand: the rules that walk every client lend each one, and looking it up again
    /// by id copied it (a retain for each of its fields, twice per client). Both borrowed: an initialiser otherwise
    /// takes its arguments as its own, and the practice and client were copied for each client.
    public init(_ p: borrowing Practice, _ c: borrowing Client) {
        appointments = p.appointments(of: c)
        attended = appointments.filter { $0.status == .attended }
        noShows = appointments.count { $0.status == .noShow }
        cancelled = appointments.count { $0.status == .cancelled }
        let h = c.history
        let cal = p.calendar
        importedLast = h?.lastVisit.map { cal.instant(day: $0, minute: 0) }
        importedFirst = (h?.firstVisit ?? h?.lastVisit).map { cal.instant(day: $0, minute: 0) }
        importedVisits = ClientHistory.visits(h)
        // Sessions on or before the imported last visit's day are the same visits, already counted.
        lastImportedDay = h?.lastVisit
        calendar = cal
    }

    private let lastImportedDay: Int?
    private let calendar: PracticeCalendar

    /// Visits an imported history stands for: its count, or, without one, one or two for the dates it gives.
    static func visits(_ h: ImportedHistory?) -> Int {
        guard let h else { return 0 }
        if let v = h.visits { return v }
        guard let last = h.lastVisit else { return 0 }
        return h.firstVisit.map { $0 < last ? 2 : 1 } ?? 1
    }

    /// Whether an attended session is a visit after the imported history (so not counted in it).
    private func isNew(_ a: Appointment) -> Bool {
        guard let d = lastImportedDay else { return true }
        return calendar.day(of: a.start) > d
    }

    public var lastAttended: Appointment? { attended.last }

    /// Every visit: the imported ones and the attended sessions after them.
    public var visits: Int { importedVisits + attended.count(where: isNew) }

    /// The last visit that started at or before `now`: an attended session, or the imported last visit if later.
    public func lastVisit(atOrBefore now: Instant) -> Visit? {
        let session = attended.last { $0.start <= now }.map { Visit(start: $0.start, appointment: $0.id) }
        guard let imported = importedLast, imported <= now else { return session }
        guard let session, session.start >= imported else { return Visit(start: imported, appointment: nil) }
        return session
    }

    /// The first visit's start, imported or attended.
    public var firstVisit: Instant? { [importedFirst, attended.first?.start].compactMap { $0 }.min() }

    /// The next live booking starting after `now`.
    public func nextBooking(after now: Instant) -> Appointment? {
        appointments.first { $0.status == .booked && $0.start > now }
    }

    /// Attended sessions that started before `instant`.
    public func attendedCount(before instant: Instant) -> Int {
        let imported = (importedLast.map { $0 < instant } ?? false) ? importedVisits : 0
        return imported + attended.count { $0.start < instant && isNew($0) }
    }
}

extension Client {
    /// The most recent touchpoint of `kind` at or after `since`.
    public func lastTouch(_ kind: TouchpointKind, since: Instant) -> Touchpoint? {
        touchpoints.last { $0.kind == kind && $0.at >= since }
    }

    /// Contact allowed, still an active client, and not erased (`Contactable`, the one rule).
    public var reachable: Bool { Contactable.bar(client: self) == nil }

    @inline(__always)
    public func isSnoozed(today: Int) -> Bool { (snoozedUntilDay ?? .min) > today }
}
