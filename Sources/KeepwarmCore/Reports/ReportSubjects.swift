import Foundation

/// What the reports read from the practice: live clients and their sessions, as they stood at the period's `now`.
/// Withdrawn (undone) records and anything recorded after `now` are left out here, once, for every report.
struct ReportSubjects {
    /// Clients added by `now` and not withdrawn, in id order.
    let clients: [Client]
    /// Each client's live appointments booked by `now`, in start order, indexed like `clients`.
    let appointments: [[Appointment]]

    init(_ p: Practice, now: Instant) {
        var cs: [Client] = []
        var aps: [[Appointment]] = []
        for c in p.clients where !c.withdrawn && c.addedAt <= now {
            cs.append(c)
            aps.append(c.appointments.map { p.appointments[$0.index] }
                .filter { !$0.withdrawn && $0.bookedAt <= now }
                .sorted { ($0.start, $0.id) < ($1.start, $1.id) })
        }
        clients = cs
        appointments = aps
    }

    /// Attended sessions that started by `now`, in start order.
    func attended(_ i: Int, by now: Instant) -> [Appointment] {
        appointments[i].filter { $0.status == .attended && $0.start <= now }
    }

    /// The local day the first client was seen (added, or an imported first session): before it the log says nothing about the practice's clients.
    func firstDay(_ cal: PracticeCalendar) -> Int? { clients.map(\.firstSeen).min().map(cal.day(of:)) }
}

/// A client's source as a grouping key: spaces at either end trimmed, upper and lower case alike, and an empty answer
/// counted as not recorded, so `Google` and `google ` are one row.
enum SourceKey {
    static let notRecorded = "(not recorded)"

    static func key(_ source: String?) -> String? {
        guard let s = source?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return nil }
        return s.lowercased()
    }

    static func display(_ source: String?) -> String? {
        guard let s = source?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return nil }
        return s
    }

    /// A source naming a professional who sends clients: `GP: Riverside Surgery`, `Physio: Jo Bell`.
    static func isProfessional(_ source: String?) -> Bool { display(source)?.contains(":") ?? false }
}
