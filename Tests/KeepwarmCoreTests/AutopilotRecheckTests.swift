import Testing
@testable import KeepwarmCore

/// `AutopilotPlan.recheck`, the run's check under the lock from one client's records, against the whole plan it
/// stands in for: on a demo practice with every step on `auto`, at times inside and outside the window, before and
/// after some messages were tried, every message's stop is the same.
@Suite struct AutopilotRecheckTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    func demo() throws -> Practice {
        var p = Practice()
        for e in DemoGenerator(seed: 7, events: 4000, end: Self.end).events() { try p.apply(e) }
        var seq = p.lastSeq
        func add(_ b: EventBody) throws {
            seq += 1
            try p.apply(Event(seq: seq, at: Self.end, by: "test", body: b))
        }
        for s in AutopilotStep.allCases { try add(.autopilotPolicy(s, StepPolicy(.auto, channels: [.email, .sms, .letter]))) }
        try add(.autopilotWindow(AutopilotWindow(cap: 10_000)))
        return p
    }

    func agree(_ p: Practice, at now: Instant) -> Int {
        let plan = AutopilotPlan.messages(p, now: now)
        for m in plan {
            let again = AutopilotPlan.recheck(m.key, client: m.client, in: p, now: now)
            #expect(again == m, "\(m.key) at \(now.iso)")
        }
        return plan.count
    }

    @Test func itAgreesWithTheWholePlanForEveryMessage() throws {
        var p = try demo()
        let times = ["2026-11-23T10:30:00Z", "2026-11-23T07:00:00Z", "2026-11-24T12:00:00Z"].map { DateInput.parseZonedISO($0)! }
        var checked = 0
        for t in times { checked += agree(p, at: t) }
        // Some messages tried (one unresolved, one sent, one failed for later): the one-a-day and retry stops too.
        let now = times[0]
        let going = AutopilotPlan.messages(p, now: now).filter(\.goes).prefix(3)
        #expect(going.count == 3)
        var seq = p.lastSeq
        for (i, m) in going.enumerated() {
            let id = p.autopilot.nextID
            seq += 1
            try p.apply(Event(seq: seq, at: now, by: "autopilot", body: .messageAttempted(m.attempt(id)!)))
            seq += 1
            if i == 1 { try p.apply(Event(seq: seq, at: now, by: "autopilot", body: .messageSent(id, provider: nil, confirmed: false))) }
            if i == 2 { try p.apply(Event(seq: seq, at: now, by: "autopilot", body: .messageFailed(id, reason: "busy", retry: true, confirmed: false))) }
        }
        for t in times { checked += agree(p, at: t) }
        #expect(checked > 20, "the demo has messages to compare (\(checked))")
        #expect(AutopilotPlan.recheck("c1.no-such-step.2026-11-23", client: ClientID(1), in: p, now: now) == nil)
    }
}
