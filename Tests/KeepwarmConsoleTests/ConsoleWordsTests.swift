import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Refusals written for the command line reach the console in keys and screens, never as flags to type.
@Suite struct ConsoleWordsTests {
    /// The core's own refusals, produced for real, and what the console makes of them.
    @Test func theCoresFlagTalkIsRewordedForTheConsole() throws {
        let f = try ConsoleFixture()
        func refusal(_ c: Command) -> String {
            do {
                _ = try c.event(in: f.p, now: f.now)
                return "(accepted)"
            } catch {
                return userMessage(error)
            }
        }
        try f.record("2026-08-01 09:00", .addClient(ClientDraft(name: "Ada Lovelace")))
        let none = refusal(.book(client: "c1", practitioner: nil, start: f.t("2026-11-30 10:00"), minutes: 60, force: false))
        try f.seedDay()
        try f.record("2026-08-01 09:00", .addPractitioner(name: "Ben Ode"))
        try f.record("2026-08-01 09:00", .addClient(ClientDraft(name: "Nadia Quiet", contact: false)))
        let cases = [
            none,
            refusal(.book(client: "c1", practitioner: nil, start: f.t("2026-11-30 10:00"), minutes: 60, force: false)),
            refusal(.book(client: "c1", practitioner: "p1", start: f.t("2026-11-01 10:00"), minutes: 60, force: false)),
            refusal(.editClient(client: "c1", ClientEdit(client: ClientID(1)))),
            refusal(.addPractitioner(name: "Anna Okafor")),
            refusal(.touch(client: "c5", kind: .reEngage, via: .email, note: nil)),
        ]
        for cli in cases {
            #expect(cli.contains(" --") || cli.contains("--"), "the CLI's words name a flag: \(cli)")
            let console = ConsoleWords.console(cli)
            #expect(!console.contains("--"), "the console's words name no flag: \(console)")
        }
        #expect(ConsoleWords.console(cases[1]).contains("say which in the With field (p1 Anna Okafor, p2 Ben Ode)"))
        #expect(ConsoleWords.console(cases[2]).hasSuffix("is in the past; pick a future time"))
        #expect(ConsoleWords.console(cases[5]).hasSuffix("press e and set Agrees to be contacted to yes"))
        #expect(ConsoleWords.console("the log is damaged; run `keepwarm check`") == "the log is damaged; run `keepwarm check`")
    }

    /// Through the console: `r` on a client whose next session is booked says what to press, not what to type.
    @Test func rebookSaysToMoveInsteadInTheConsolesWords() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        // Not attended yet: the fix is the key to press, whole on the status line.
        f.press(.char("r"))
        #expect(f.screen.contains("⚠ a3 is not marked attended yet: press a on it first, then r to rebook"))
        try f.record("2026-11-23 10:50", .attend("a3"))
        try f.record("2026-11-23 10:50", .book(client: "c1", practitioner: nil, start: f.t("2026-11-30 10:00"), minutes: 60, force: false))
        f.app.tick()
        f.press(.char("r"))
        #expect(f.screen.contains("… press m on its diary row to move it instead"), "the fix is kept whole on the status line")
        f.press(.char("M"))
        #expect(f.screen.contains("⚠  Ada Lovelace already has their next session booked"))
        #expect(!f.screen.contains("--to"))
    }
}
