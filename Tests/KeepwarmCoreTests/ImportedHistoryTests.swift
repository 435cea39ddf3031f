import Foundation
import Testing
@testable import KeepwarmCore

/// History typed in after it happened (an import from another system, `book --force`) counts from when it happened:
/// a client is new from their first session, a session was booked by the time it began, a cancellation was settled by
/// then, so the reports are right from the first day.
@Suite struct ImportedHistoryTests {
    @Test func sessionsRecordedLaterCountFromWhenTheyHappened() throws {
        let f = try Fixture(start: "2026-11-02 09:00")
        let now = "2026-11-02 09:30"
        try f.run(now, .addClient(ClientDraft(name: "Ada Lovelace", phone: "07700 900123", source: "Google")))
        let ada = ClientID(1)
        let first = f.t("2025-02-10 10:00"), second = f.t("2025-03-10 10:00")
        for (start, outcome) in [(first, Command.attend("a1")), (second, Command.cancel("a2", by: .client, late: false))] {
            try f.run(now, .book(client: "c1", practitioner: nil, start: start, minutes: 60, force: true))
            try f.run(now, outcome)
        }
        let c = f.p.clients[ada.index]
        #expect(c.addedAt == f.t(now), "when it was typed in is still kept")
        #expect(c.firstSeen == first)
        #expect(f.p.appointments[0].bookedAt == first)
        #expect(f.p.appointments[1].bookedAt == second)
        #expect(f.p.appointments[1].settledAt == second)

        // The sources report counts Ada as new in the quarter of her first session, not the quarter she was typed in.
        let r = SourcesReport.build(f.p, since: f.p.calendar.day(of: f.t("2025-01-01 00:00")), now: f.t(now))
        let google = try #require(r.rows.first { $0.label == "Google" })
        let firstQuarter = try #require(r.quarters.firstIndex { $0.label.contains("2025") })
        #expect(google.byQuarter[firstQuarter].value == 1)
        #expect(google.byQuarter.last?.value == 0, "not new again in the quarter of the import")

        // A booking made ahead of time keeps its real booking time, and a client added first keeps being seen then.
        try f.run("2026-11-02 10:00", .book(client: "c1", practitioner: nil, start: f.t("2026-11-09 10:00"), minutes: 60, force: false))
        #expect(f.p.appointments[2].bookedAt == f.t("2026-11-02 10:00"))
        try f.run("2026-11-02 10:05", .addClient(ClientDraft(name: "Bob Stone", phone: "07700 900124")))
        try f.run("2026-11-02 10:06", .book(client: "c2", practitioner: nil, start: f.t("2026-11-10 10:00"), minutes: 60, force: false))
        #expect(f.p.clients[1].firstSeen == f.t("2026-11-02 10:05"))
    }
}
