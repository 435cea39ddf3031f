import Foundation
import Testing
@testable import KeepwarmCore

/// The walk over every client that the lapsed list and the follow-ups share (Rules/EveryClient.swift): in two halves
/// on two cores it gives exactly what one walk gives, in client order.
@Suite struct EveryClientTests {
    @Test func twoHalvesGiveWhatOneWalkGives() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!
        _ = try DemoGenerator(seed: 12, events: 4000, end: end).write(to: path)
        let p = try EventLog.open(path: path).practice
        let today = p.calendar.day(of: end)
        let lapsed: @Sendable (UnsafePointer<Client>, inout [LapsedRow]) -> Void = { c, rows in
            if let row = Lapsed.row(for: c.pointee, in: p, now: end, today: today) { rows.append(row) }
        }
        let followUps: @Sendable (UnsafePointer<Client>, inout [FollowUpRow]) -> Void = { c, rows in
            rows += FollowUps.rows(for: c.pointee, in: p, now: end, today: today)
        }
        let oneWalk = EveryClient.collect(p.clients, from: .max, lapsed)
        #expect(!oneWalk.isEmpty, "the demo has lapsed clients to compare")
        #expect(EveryClient.collect(p.clients, from: 2, lapsed) == oneWalk)
        #expect(EveryClient.collect(p.clients, from: 2, followUps) == EveryClient.collect(p.clients, from: .max, followUps))
        // Odd and tiny counts: every client once, in order.
        for n in [0, 1, 2, 3, 7] {
            let some = Array(p.clients.prefix(n))
            #expect(EveryClient.collect(some, from: 2) { (c: UnsafePointer<Client>, ids: inout [ClientID]) in ids.append(c.pointee.id) } == some.map(\.id))
        }
    }
}
