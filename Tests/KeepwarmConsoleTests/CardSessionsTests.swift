import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The client card's sessions list (`CardSessions`): every session can be highlighted and is on screen when it is.
@Suite struct CardSessionsTests {
    @Test func theHighlightedSessionIsAlwaysOnScreenEvenOnALongCardAt80x24() {
        let p = GoldenTests.demo, now = GoldenTests.end
        // The demo client with the most sessions, and the one with the longest card.
        let busiest = p.clients.indices.max { p.appointments(of: p.clients[$0].id).count < p.appointments(of: p.clients[$1].id).count }!
        let longest = p.clients.indices.max { ClientCard.lines(p, p.clients[$0].id, now: now).count < ClientCard.lines(p, p.clients[$1].id, now: now).count }!
        for i in [busiest, longest] {
            let client = p.clients[i].id
            let data = ConsoleData(p, now: now)
            var m = ConsoleModel(user: "sam")
            m.overlays = [.card(client)]
            let sessions = CardSessions.ordered(p, client, now: now)
            #expect(sessions.count >= 2)
            for (n, a) in sessions.enumerated() {
                let screen = ConsoleView.render(m, data: data, practice: p, now: now, width: 80, height: 24).text
                #expect(CardSessions.selected(m, p, client, now: now)?.id == a.id, "↓ \(n) times highlights session \(n + 1)")
                #expect(screen.contains(" \(a.id)"), "\(a.id) is on screen while highlighted")
                _ = m.handle(.down, data: data, practice: p, now: now)
            }
            // M and C act on the highlighted session: the last one, after the presses above.
            _ = m.handle(.char("M"), data: data, practice: p, now: now)
            #expect(m.overlays.last.map { if case .form(.move(sessions.last!.id), _) = $0 { true } else { false } } == true)
            _ = m.handle(.escape, data: data, practice: p, now: now)
            _ = m.handle(.char("C"), data: data, practice: p, now: now)
            #expect(m.overlays.last.map { if case .choice(let c) = $0 { c.title.hasPrefix("Cancel \(sessions.last!.id) ") } else { false } } == true)
        }
    }
}

extension CardSessionsTests {
    /// A client whose card is full of details (three referrals, four touchpoints, milestones and feedback): at 80×24
    /// the details would fill the window, so they give up rows and the sessions keep four.
    @Test func aFullCardGivesUpDetailsSoTheSessionsShow() throws {
        let f = try ConsoleFixture()
        try f.record("2026-08-01 09:00", .addPractitioner(name: "Anna Okafor"))
        try f.record("2026-08-01 09:00", .addClient(ClientDraft(name: "Ada Lovelace", phone: "07700 900123", source: "Google")))
        for name in ["Grace Hopper", "Mo Farah", "Joan Clarke"] {
            try f.record("2026-08-02 09:00", .addClient(ClientDraft(name: name, referredBy: "c1")))
        }
        for (day, kind) in [("03", TouchpointKind.postSession), ("04", .rebookPrompt), ("05", .checkIn28), ("06", .reEngage)] {
            try f.record("2026-09-\(day) 09:00", .touch(client: "c1", kind: kind, via: .email, note: nil))
        }
        try f.record("2026-09-07 09:00", .milestone(client: "c1", .goalReached))
        try f.record("2026-09-07 09:00", .milestone(client: "c1", .significantSession))
        try f.record("2026-09-07 09:00", .feedback(client: "c1", score: 5, comment: "Lovely"))
        try f.record("2026-09-07 09:00", .feedback(client: "c1", score: 4, comment: nil))
        for day in ["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01"] {
            try f.record("2026-11-23 09:00", .book(client: "c1", practitioner: nil, start: f.t("\(day) 10:00"), minutes: 60, force: false))
        }
        let client = ClientID(1)
        #expect(ClientCard.lines(f.p, client, now: f.now).count >= 19, "the details alone nearly fill 80×24")
        let data = ConsoleData(f.p, now: f.now)
        var m = ConsoleModel(user: "sam")
        m.overlays = [.card(client)]
        let sessions = CardSessions.ordered(f.p, client, now: f.now)
        for a in sessions {
            let screen = ConsoleView.render(m, data: data, practice: f.p, now: f.now, width: 80, height: 24).text
            #expect(screen.contains(" \(a.id)"), "\(a.id) is on screen while highlighted")
            #expect(sessions.count { screen.contains(" \($0.id) ") || screen.contains(" \($0.id)│") || screen.contains(" \($0.id)  ") } >= 3,
                    "several sessions show around the highlighted one, not just it")
            _ = m.handle(.down, data: data, practice: f.p, now: f.now)
        }
    }
}
