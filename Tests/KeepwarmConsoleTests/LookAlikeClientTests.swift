import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Two clients who look alike: suggestions tell them apart and the form carries the chosen one's id; `+` with the
/// name and phone of a client on the books offers that client; consent to contact is asked, never pre-ticked.
@Suite struct LookAlikeClientTests {
    func twoZoes() throws -> ConsoleFixture {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-22 09:00", .addClient(ClientDraft(name: "Zoë Brontë", phone: "07700 900111")))
        try f.record("2026-11-22 09:00", .addClient(ClientDraft(name: "Zoë Brontë", phone: "07700 900222")))
        f.app.tick()
        return f
    }

    @Test func theBookingFormTellsNamesakesApartAndBooksTheOneChosen() throws {
        let f = try twoZoes()
        let before = f.p.eventCount
        f.press(.char("b"))
        f.type("zoe bronte")  // no accents, lower case: suggestions match as search does
        #expect(f.screen.contains("Zoë Brontë · c4 · ☎ …0111"))
        #expect(f.screen.contains("Zoë Brontë · c5 · ☎ …0222"))
        f.press(.down, .down, .enter)  // the second Zoë
        f.press(.tab)
        f.type("2026-11-24 10:00")
        f.press(.enter)
        #expect(!f.screen.contains("clients are called"))
        let booked = try f.newEvents(since: before)
        #expect(booked.count == 1)
        if case .appointmentBooked(_, let client, _, _, _)? = booked.first { #expect(client == ClientID(5)) } else { Issue.record("\(booked)") }
    }

    @Test func searchShowsTheDetailThatTellsThemApart() throws {
        let f = try twoZoes()
        f.press(.char("/"))
        f.type("ZOË")
        #expect(f.screen.contains("Zoë Brontë  c4 · ☎ …0111  no visit yet"))
        #expect(f.screen.contains("Zoë Brontë  c5 · ☎ …0222  no visit yet"))
    }

    @Test func newClientWithTheNameAndPhoneOfOneOnTheBooksOffersThemInstead() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        let before = f.p.eventCount
        f.press(.char("+"))
        f.type("ada  LOVELACE")
        f.press(.tab)
        f.type("+44 7700 900123")
        f.press(.tab, .tab, .tab, .tab, .char("y"), .enter)
        #expect(f.screen.contains("Already a client (same name and phone): Ada Lovelace · c1 · ☎ …0123"))
        #expect(f.screen.contains("o  open their card (c1)"))
        #expect(try f.newEvents(since: before) == [], "nothing is added while the desk decides")
        f.press(.char("o"))
        #expect(f.screen.contains("Ada Lovelace  (c1)"), "their card is open")
        #expect(try f.newEvents(since: before) == [])

        // Esc goes back to the form as it was; `a` adds a second client anyway.
        f.press(.escape, .char("+"))
        f.type("Ada Lovelace")
        f.press(.tab)
        f.type("07700 900123")
        f.press(.tab, .tab, .tab, .tab, .char("n"), .enter)
        f.press(.escape)
        #expect(f.screen.contains("Phone"), "Esc on the question leaves the form open")
        f.press(.enter, .char("a"))
        #expect(f.screen.contains("✓ added client Ada Lovelace (c4)"))
        let added = try f.newEvents(since: before)
        #expect(added.count == 1)
        if case .clientAdded(let c)? = added.first { #expect(!c.contact && c.consentRecorded) } else { Issue.record("\(added)") }
    }

    @Test func aClientNeverAskedShowsTheQuestionOpenOnTheirCardAndEditForm() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        var draft = ClientDraft(name: "Ned Never-Asked", phone: "07700 900555")
        draft.consentAsked = false
        try f.record("2026-11-22 09:00", .addClient(draft))
        #expect(f.p.clients[3].consentRecorded == false)
        f.app.tick()
        let before = f.p.eventCount
        f.press(.char("/"))
        f.type("ned")
        f.press(.enter)
        #expect(f.screen.contains("Contact not asked"), "unset is not shown as yes")
        f.press(.char("e"))
        #expect(f.screen.contains("[?] ask them: y or n"))
        f.press(.tab, .tab, .tab, .tab, .char("n"), .enter)
        #expect(try f.newEvents(since: before) == [.clientEdited(ClientEdit(client: ClientID(4), contact: false))])
        #expect(f.p.clients[3].consentRecorded && !f.p.clients[3].contact)
    }

    /// Another desk adds the same person after this desk's form was checked but before its write: the write is
    /// refused under the lock, and the desk is asked about the client now on the books, in the console's words.
    @Test func aDuplicateAddedByAnotherDeskMeanwhileIsAskedAboutNotRefusedInTheCommandLinesWords() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("+"))
        f.type("Twin Person")
        f.press(.tab)
        f.type("07700 900620")
        f.press(.tab, .tab, .tab, .tab, .char("y"))
        // The other desk, through a log of its own on the same file.
        let other = try EventLog.open(path: f.log.path)
        let now = f.now
        try other.append(by: "anna", at: now) { p in
            try Command.addClient(ClientDraft(name: "twin person", phone: "0044 7700 900620")).event(in: p, now: now)
        }
        let before = try EventLog.open(path: f.log.path).practice.eventCount
        f.press(.enter)
        #expect(f.screen.contains("Already a client (same name and phone): twin person"), "\(f.screen)")
        #expect(!f.screen.contains("--even-if-duplicate"))
        #expect(try EventLog.open(path: f.log.path).practice.eventCount == before, "nothing more was written")
        f.press(.char("a"))
        #expect(f.screen.contains("✓ added client Twin Person"), "\(f.screen)")
    }
}
