import Foundation
import Testing
@testable import KeepwarmCore

/// Clients who look alike, at the front desk (the real binary in tmux): two "Zoë Brontë"s told apart by their detail
/// in the booking form and the right one booked; `+` with a client's name and phone offers that client; consent to
/// contact must be answered before a new client is saved.
@Suite(.serialized) struct LookAlikeTmuxTests {
    let tests = ConsoleTmuxTests()
    let at = ["--now", "2026-11-23T08:00:00Z"]

    func practice() throws -> CLI {
        let cli = try tests.practice()
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900111", "--contact"] + at)
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900222", "--contact"] + at)
        return cli
    }

    @Test func twoZoesAreToldApartAndTheOneChosenIsBooked() throws {
        let cli = try practice()
        let start = try EventLog.open(path: cli.log).practice.lastSeq
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("b")
        try t.waitFor("Book an appointment")
        try t.sendLiteral("zoe bro")
        try t.waitFor("Zoë Brontë · c4 · ☎ …0111")
        try t.waitFor("Zoë Brontë · c5 · ☎ …0222")
        try t.sendKey("Down", "Down", "Enter", "Tab")
        try t.sendLiteral("2026-11-24 10:00")
        try t.sendKey("Enter")
        try t.waitFor("✓ booked a3 for Zoë Brontë on 2026-11-24 10:00")
        let booked: [ClientID] = try tests.events(cli, after: start).compactMap {
            if case .appointmentBooked(_, let c, _, _, _) = $0 { return c }
            return nil
        }
        #expect(booked == [ClientID(5)])
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    /// Typed, not picked: two matches ask which (in the console's words, not the CLI's), the list opens, and the one
    /// picked from it is booked; one match books that client.
    @Test func aNameTypedButNotPickedAsksWhichAndBooksTheOnePicked() throws {
        let cli = try practice()
        let start = try EventLog.open(path: cli.log).practice.lastSeq
        let t = try tests.console(cli, width: 132, height: 43)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("b")
        try t.waitFor("Book an appointment")
        try t.sendLiteral("zoe bronte")
        try t.sendKey("Tab")
        try t.sendLiteral("2026-11-24 10:00")
        try t.sendKey("Enter")
        try t.waitFor("2 clients match 'zoe bronte': pick one with ↓")
        #expect(try !t.capture().contains("keepwarm client list"))
        #expect(try tests.events(cli, after: start) == [], "nothing booked while it is unclear who")
        try t.waitFor("Zoë Brontë · c5 · ☎ …0222")
        try t.sendKey("Down", "Down", "Enter", "Enter")
        try t.waitFor("✓ booked a3 for Zoë Brontë on 2026-11-24 10:00")
        try t.send("b")
        try t.waitFor("Book an appointment")
        try t.sendLiteral("ada love")
        try t.sendKey("Tab")
        try t.sendLiteral("2026-11-24 12:00")
        try t.sendKey("Enter")
        try t.waitFor("✓ booked a4 for Ada Lovelace")
        let booked: [ClientID] = try tests.events(cli, after: start).compactMap {
            if case .appointmentBooked(_, let c, _, _, _) = $0 { return c }
            return nil
        }
        #expect(booked == [ClientID(5), ClientID(1)])
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func plusWithAClientsNameAndPhoneOffersThemAndConsentMustBeAnswered() throws {
        let cli = try practice()
        let start = try EventLog.open(path: cli.log).practice.lastSeq
        let t = try tests.console(cli, width: 100)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("+")
        try t.waitFor("How did you hear about us?")
        try t.sendLiteral("zoë brontë")
        try t.sendKey("Tab")
        try t.sendLiteral("07700 900222")
        try t.sendKey("Enter")
        try t.waitFor("Agrees to be contacted? Answer y or n")
        try t.send("n")
        try t.sendKey("Enter")
        try t.waitFor("Already a client (same name and phone): Zoë Brontë · c5 · ☎ …0222")
        #expect(try tests.events(cli, after: start) == [], "nothing recorded while the desk decides")
        try t.send("o")
        try t.waitFor("Zoë Brontë  (c5)")
        try t.sendKey("Escape")
        // A second desk adds someone meanwhile; the next + with a name that is only spaces is refused in the form.
        try cli.ok(["client", "add", "--name", "Mo ‏شادي 🌸", "--contact"] + at)
        try t.send("+")
        try t.waitFor("How did you hear about us?")
        try t.sendLiteral("   ")
        try t.sendKey("Enter")
        try t.waitFor("Name is needed")
        #expect(try tests.events(cli, after: start).map(\.kind) == [.clientAdded], "only the other desk's client")
        try t.sendKey("Escape")
        try t.send("y")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
