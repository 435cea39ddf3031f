import Testing
@testable import KeepwarmCore

/// The ring of recently changed clients: exact while it reaches back far enough, and nil (never a short answer) once
/// the question goes further back than it remembers.
@Suite struct RecentChangesTests {
    @Test func answersExactlyOrNotAtAll() {
        var r = RecentChanges()
        #expect(r.clients(after: 0) == [])
        for seq in 1...10 { r.note(ClientID(seq % 3 + 1), seq: seq) }
        #expect(r.clients(after: 9) == [ClientID(2)])
        #expect(r.clients(after: 7) == [ClientID(3), ClientID(1), ClientID(2)], "seqs 8, 9 and 10")
        #expect(r.clients(after: 8) == [ClientID(1), ClientID(2)])
        #expect(r.clients(after: 10) == [])
        // Fill past capacity: the first entries are forgotten, and asking about them says so.
        for seq in 11...(RecentChanges.capacity + 20) { r.note(ClientID(seq), seq: seq) }
        #expect(r.clients(after: 5) == nil)
        #expect(r.clients(after: 20) != nil)
        let last = RecentChanges.capacity + 20
        #expect(r.clients(after: last - 2) == [ClientID(last - 1), ClientID(last)])
        #expect(r.clients(after: 20)?.count == last - 20)
    }

    @Test func replayNotesEveryClientAnEventTouched() throws {
        var p = Practice()
        var seq = 0
        func apply(_ body: EventBody) throws {
            seq += 1
            try p.apply(Event(seq: seq, at: Instant(ms: Int64(seq) * 60_000), by: "sam", body: body))
        }
        try apply(.practitionerAdded(PractitionerID(1), name: "Anna"))
        try apply(.clientAdded(NewClient(id: ClientID(1), name: "Ada")))
        try apply(.clientAdded(NewClient(id: ClientID(2), name: "Bea")))
        let mark = seq
        try apply(.appointmentBooked(AppointmentID(1), client: ClientID(2), practitioner: PractitionerID(1),
                                     start: Instant(ms: 10_000_000), minutes: 50))
        #expect(p.recentChanges.clients(after: mark) == [ClientID(2)])
        let booked = seq
        try apply(.appointmentAttended(AppointmentID(1)))
        #expect(p.recentChanges.clients(after: booked) == [ClientID(2)], "an appointment's client counts as changed")
        let attended = seq
        try apply(.undone(target: attended))
        #expect(p.recentChanges.clients(after: attended) == [ClientID(2)], "an undo changes the same client back")
    }
}
