/// Facts about one client's sessions that several rules need, worked out from that client's own appointments only.
public struct ClientHistory: Sendable {
    public let attended: [Appointment]
    public let noShows: Int
    public let cancelled: Int
    public let appointments: [Appointment]

    public init(_ p: Practice, _ client: ClientID) {
        appointments = p.appointments(of: client)
        attended = appointments.filter { $0.status == .attended }
        noShows = appointments.count { $0.status == .noShow }
        cancelled = appointments.count { $0.status == .cancelled }
    }

    public var lastAttended: Appointment? { attended.last }

    /// The next live booking starting after `now`.
    public func nextBooking(after now: Instant) -> Appointment? {
        appointments.first { $0.status == .booked && $0.start > now }
    }

    /// Attended sessions that started before `instant`.
    public func attendedCount(before instant: Instant) -> Int { attended.count { $0.start < instant } }
}

extension Client {
    /// The most recent touchpoint of `kind` at or after `since`.
    public func lastTouch(_ kind: TouchpointKind, since: Instant) -> Touchpoint? {
        touchpoints.last { $0.kind == kind && $0.at >= since }
    }

    /// Contact allowed, still an active client, and not erased (`Contactable`, the one rule).
    public var reachable: Bool { Contactable.bar(client: self) == nil }

    public func isSnoozed(today: Int) -> Bool { (snoozedUntilDay ?? .min) > today }
}
