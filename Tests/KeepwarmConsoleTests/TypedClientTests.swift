import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// A client field typed but not picked from its suggestions settles the way the suggestions match (accents and case
/// ignored): one match is that client, several ask which (the list open), none says what to do; never the CLI's words.
@Suite struct TypedClientTests {
    /// The seeded day (Ada c1, Mo c2, Grace c3) and two Zoë Brontës (c4, c5); wide enough for a whole error line.
    func fixture() throws -> ConsoleFixture {
        let f = try ConsoleFixture(width: 132, height: 43)
        try f.seedDay()
        try f.record("2026-11-22 09:00", .addClient(ClientDraft(name: "Zoë Brontë", phone: "07700 900111")))
        try f.record("2026-11-22 09:00", .addClient(ClientDraft(name: "Zoë Brontë", phone: "07700 900222")))
        f.app.tick()
        return f
    }

    @Test func twoMatchesTypedWithoutPickingAskWhichWithTheListOpen() throws {
        let f = try fixture()
        let before = f.p.eventCount
        f.press(.char("b"))
        f.type("zoe bronte")
        f.press(.tab)
        f.type("2026-11-24 10:00")
        f.press(.enter)
        #expect(f.screen.contains("2 clients match 'zoe bronte': pick one with ↓ (each shows its id and"))  // the form is 76 wide
        #expect(!f.screen.contains("keepwarm client list"))
        #expect(f.screen.contains("Zoë Brontë · c4 · ☎ …0111") && f.screen.contains("Zoë Brontë · c5 · ☎ …0222"), "the list is open")
        #expect(try f.newEvents(since: before) == [])
        f.press(.down, .down, .enter, .enter)  // the second Zoë, then save
        let booked = try f.newEvents(since: before)
        if case .appointmentBooked(_, let client, _, _, _)? = booked.first { #expect(client == ClientID(5)) } else { Issue.record("\(booked)") }
    }

    @Test func theExactNameOfTwoAlsoAsksWhich() throws {
        let f = try fixture()
        f.press(.char("b"))
        f.type("Zoë Brontë")
        f.press(.tab)
        f.type("2026-11-24 10:00")
        f.press(.enter)
        #expect(f.screen.contains("2 clients match 'Zoë Brontë': pick one with ↓"))
        #expect(!f.screen.contains("give the id instead"))
    }

    @Test func oneMatchTypedWithoutPickingIsThatClient() throws {
        let f = try fixture()
        let before = f.p.eventCount
        f.press(.char("b"))
        f.type("ADA love")  // case and part of the name, as the suggestions match
        f.press(.tab)
        f.type("2026-11-24 10:00")
        f.press(.enter)
        let booked = try f.newEvents(since: before)
        if case .appointmentBooked(_, let client, _, _, _)? = booked.first { #expect(client == ClientID(1)) } else { Issue.record("\(booked)") }
    }

    @Test func noMatchSaysCheckTheSpellingOrAddThem() throws {
        let f = try fixture()
        let before = f.p.eventCount
        f.press(.char("b"))
        f.type("xyz")
        f.press(.tab)
        f.type("2026-11-24 10:00")
        f.press(.enter)
        #expect(f.screen.contains("no client matches 'xyz': check the spelling, or press Esc then + to add"))
        #expect(try f.newEvents(since: before) == [])
    }

    @Test func theFreeSlotFormAsksWhichToo() throws {
        let f = try fixture()
        f.press(.char("F"))
        f.type("zoe bronte")
        f.press(.enter)
        #expect(f.screen.contains("2 clients match 'zoe bronte': pick one with ↓ (each shows its id and"))  // the form is 76 wide
        #expect(f.screen.contains("Zoë Brontë · c4 · ☎ …0111"), "the list is open")
    }

    @Test func referredByAsksWhichToo() throws {
        let f = try fixture()
        let before = f.p.eventCount
        f.press(.char("+"))
        f.type("Kit Marlowe")
        f.press(.tab, .tab, .tab, .tab)
        f.type("zoe")
        f.press(.tab, .char("y"), .enter)
        #expect(f.screen.contains("2 clients match 'zoe': pick one with ↓"))
        #expect(try f.newEvents(since: before) == [])
    }

    @Test func theCoreRefusalsOfAClientNameAreRewordedForTheConsole() {
        #expect(ConsoleWords.console("no client 'xyz': use an id from `keepwarm client list`, or the exact name")
            == "no client matches 'xyz': check the spelling, or press Esc then + to add them")
        #expect(ConsoleWords.console("2 clients are called 'Zoë Brontë' (c2, c3); give the id instead")
            == "2 clients are called 'Zoë Brontë' (c2, c3): type one of those ids in the Client field")
    }
}
