import Foundation
import Testing
@testable import KeepwarmCore

/// The walk over every client that the lapsed list and the follow-ups share (Rules/EveryClient.swift): in two halves
/// on two cores it gives exactly what one walk gives, in client order.
@Suite struct EveryClientTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    /// A demo practice ending at `end`.
    func demo(seed: UInt64, events: Int) throws -> Practice {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: seed, events: events, end: Self.end).write(to: path)
        return try EventLog.open(path: path).practice
    }

    @Test func twoHalvesGiveWhatOneWalkGives() throws {
        let end = Self.end
        let p = try demo(seed: 12, events: 4000)
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

    /// The lapsed list and the follow-ups ask their first question through each client's address and skip the
    /// clients it turns away without copying them: the lists must be exactly what asking every client in full gives,
    /// at moments on both sides of many clients' thresholds.
    @Test func theWalksTurningClientsAwayEarlyGiveWhatAskingEveryClientGives() throws {
        let end = Self.end
        let p = try demo(seed: 5, events: 6000)
        var lapsedSeen = 0, followUpsSeen = 0, turnedAway = 0
        for back in [0, 3, 10, 40, 120, 400] {
            let now = Instant(ms: end.ms - Int64(back) * 86_400_000)
            let today = p.calendar.day(of: now)
            let everyLapsed = p.clients.compactMap { Lapsed.row(for: $0, in: p, now: now, today: today) }.sorted(by: Lapsed.order)
            let everyFollowUp = p.clients.flatMap { FollowUps.rows(for: $0, in: p, now: now, today: today) }.sorted(by: FollowUps.order)
            #expect(Lapsed.rows(p, now: now) == everyLapsed, "\(back) days back")
            #expect(FollowUps.rows(p, now: now) == everyFollowUp, "\(back) days back")
            lapsedSeen += everyLapsed.count
            followUpsSeen += everyFollowUp.count
            turnedAway += p.clients.count { Contactable.bar(client: $0) != nil || $0.isSnoozed(today: today) }
        }
        #expect(lapsedSeen > 0 && followUpsSeen > 0 && turnedAway > 0, "the demo has rows and clients turned away to compare")
    }
}
