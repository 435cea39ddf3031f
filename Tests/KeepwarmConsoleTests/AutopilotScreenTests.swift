import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `A`, the autopilot screen, through the console's loop on a real log (ConsoleApp → ConsoleModel.handle → commands
/// checked under the log's lock), with another desk writing through its own handle on the same file.
@Suite struct AutopilotScreenTests {
    /// The seeded day at 11:00 with the autopilot live (ran at 10:05): Ada (email) attended at 10:00, so her
    /// post-session goes on the next run; Grace (no address) is booked tomorrow, so her reminder needs a person; and an
    /// earlier text to Mo (m1) is unresolved.
    func fixture(width: Int = 80, height: Int = 24) throws -> ConsoleFixture {
        let f = try ConsoleFixture(width: width, height: height)
        try f.seedDay()
        var edit = ClientEdit(client: ClientID(1))
        edit.email = "ada@example.org"
        try f.record("2026-11-22 09:00", .editClient(client: "c1", edit))
        try f.record("2026-11-23 10:59", .attend("a3"))
        try f.record("2026-11-23 10:00", .book(client: "c3", practitioner: nil, start: f.t("2026-11-24 14:00"), minutes: 60, force: false))
        try f.log.append(by: "autopilot", at: f.t("2026-11-23 10:05")) { p in
            .messageAttempted(AttemptStart(id: p.autopilot.nextID, key: "c2.reminder.2026-11-22.a9", client: ClientID(2), step: .reminder,
                                           channel: .sms, to: "+447700900456", dueDay: p.calendar.day(of: f.t("2026-11-22 10:00"))))
        }
        try f.log.append(by: "autopilot", at: f.t("2026-11-23 10:05")) { _ in .autopilotRan(RunSummary(sent: 3, failed: 0, unresolved: 1)) }
        return f
    }

    /// Opens `A` and puts the cursor on the first row containing `text` (with `/`, as a person would).
    func open(_ f: ConsoleFixture, on text: String) {
        f.app.tick()
        f.press(.char("A"))
        find(f, text)
    }

    func find(_ f: ConsoleFixture, _ text: String) {
        f.press(.char("/"))
        f.type(text)
        f.press(.enter)
    }

    /// Another desk's write, through its own handle on the log.
    func otherDesk(_ f: ConsoleFixture, _ c: Command, at: String = "2026-11-23 10:59") throws {
        let other = try EventLog.open(path: f.log.path)
        let when = f.t(at)
        try other.append(by: "anna", at: when) { p in try c.event(in: p, now: when) }
    }

    @Test func theScreenShowsTheLastRunAndEachSection() throws {
        let f = try fixture(width: 132, height: 43)
        f.app.tick()
        f.press(.char("A"))
        let s = f.screen
        #expect(s.contains("Last run 10:05 — 3 sent, 0 failed, 1 unresolved · next: the next run (the window is open until 18:00)"), "\(s)")
        #expect(s.contains("Unresolved (1): tried, and nobody knows if it went — s it went, n it did not"), "\(s)")
        #expect(s.contains("Will go on the next run (1)") && s.contains("Ada Lovelace       post-session"), "\(s)")
        #expect(s.contains("Needs a person (2): held") && s.contains("Grace Hopper       reminder"), "today's and tomorrow's appointment: \(s)")
        #expect(s.contains("m1 tried: did it go?"), "\(s)")
        // The title bar counts the unresolved try without opening A.
        #expect(s.split(separator: "\n")[0].contains("1 unresolved: A"), "\(s)")
    }

    @Test func notRunForADayTheScreenSaysTheDeskHasItsMessages() throws {
        let f = try fixture(width: 132, height: 43)
        f.now = f.t("2026-11-24 13:00")
        f.app.tick()
        f.press(.char("A"))
        #expect(f.screen.contains("The autopilot has not run since Mon 23 Nov 10:05 — its messages are on the desk's lists; see Docs/autopilot.md"), "\(f.screen)")
    }

    @Test func hHoldsTheSelectedClientUntilReleasedAndTheRowMovesToNeedsAPerson() throws {
        let f = try fixture(width: 132, height: 43)
        open(f, on: "Ada")
        let seq = f.p.lastSeq
        f.press(.char("h"))
        #expect(f.screen.contains("Hold the autopilot's messages to Ada Lovelace (c1)"), "\(f.screen)")
        f.press(.enter)
        #expect(try f.newEvents(since: seq) == [.autopilotHeld(ClientID(1), untilDay: nil)])
        #expect(f.screen.contains("✓ held the autopilot's messages to Ada Lovelace"), "\(f.screen)")
        #expect(f.screen.contains("held until released") && !f.screen.contains("Will go on the next run"), "\(f.screen)")
        // r releases it; a second r is refused by the core under the lock, and nothing is written.
        f.press(.char("r"))
        #expect(try f.newEvents(since: seq) == [.autopilotHeld(ClientID(1), untilDay: nil), .autopilotReleased(ClientID(1))])
        f.press(.char("r"))
        #expect(f.screen.contains("Ada Lovelace (c1) is not held; nothing was written"), "\(f.screen)")
        #expect(try f.newEvents(since: seq).count == 2)
    }

    @Test func aHoldUntilADateTakesTheDateAndAPastDateIsRefusedInTheForm() throws {
        let f = try fixture(width: 132, height: 43)
        open(f, on: "Ada")
        let seq = f.p.lastSeq
        f.press(.char("h"))
        f.type("2026-11-20")
        f.press(.enter)
        #expect(f.screen.contains("--until must be a day after today"), "\(f.screen)")
        #expect(try f.newEvents(since: seq) == [])
        f.press(.ctrl("u"))
        f.type("2026-12-01")
        f.press(.enter)
        #expect(try f.newEvents(since: seq) == [.autopilotHeld(ClientID(1), untilDay: DateInput.parseISODate("2026-12-01"))])
        #expect(f.screen.contains("held to 2026-12-01"), "\(f.screen)")
    }

    @Test func xSkipsOneMessageAfterAskingAndEnterDoesNotSayYes() throws {
        let f = try fixture(width: 132, height: 43)
        open(f, on: "Ada")
        let seq = f.p.lastSeq
        let key = try #require(AutopilotPlan.messages(f.p, now: f.now).first { $0.client == ClientID(1) }?.key)
        f.press(.char("x"))
        #expect(f.screen.contains("Skip Ada Lovelace's post-session?"), "\(f.screen)")
        f.press(.enter)
        #expect(try f.newEvents(since: seq) == [], "Enter is not yes")
        f.press(.char("y"))
        #expect(try f.newEvents(since: seq) == [.autopilotSkipped(ClientID(1), key: key)])
        #expect(!f.screen.contains("Ada Lovelace       post-session"), "\(f.screen)")
    }

    @Test func sAndNSettleAnUnresolvedTryOnceAndAskFirst() throws {
        let f = try fixture(width: 132, height: 43)
        open(f, on: "m1")
        let seq = f.p.lastSeq
        f.press(.char("s"))
        #expect(f.screen.contains("Record m1 as sent?"), "\(f.screen)")
        f.press(.char("n"))
        #expect(try f.newEvents(since: seq) == [] && f.screen.contains("Nothing recorded"), "\(f.screen)")
        f.press(.char("n"), .char("y"))
        #expect(try f.newEvents(since: seq) == [.messageFailed(AttemptID(1), reason: "a person said it was not sent", retry: false, confirmed: true)])
        #expect(!f.screen.contains("m1 tried"), "\(f.screen)")
        #expect(!f.screen.split(separator: "\n")[0].contains("unresolved"), "the title bar count is gone")
    }

    @Test func sOnATryAnotherDeskSettledIsRefusedAndNothingIsWritten() throws {
        let f = try fixture(width: 132, height: 43)
        open(f, on: "m1")
        f.press(.char("s"))
        // Another desk says it went while this one is asking.
        try otherDesk(f, .resolveMessage("m1", sent: true))
        let seq = try EventLog.open(path: f.log.path).practice.lastSeq
        f.press(.char("y"))
        #expect(f.screen.contains("m1 is already resolved; nothing was written"), "\(f.screen)")
        #expect(try EventLog.open(path: f.log.path).practice.lastSeq == seq)
    }

    @Test func sOnAMessageNotYetTriedSaysWhatSAndNAreFor() throws {
        let f = try fixture(width: 132, height: 43)
        open(f, on: "Ada")
        let seq = f.p.lastSeq
        f.press(.char("s"))
        #expect(f.screen.contains("s and n answer an unresolved try"), "\(f.screen)")
        f.press(.char("x"), .char("n"))
        find(f, "m1")
        f.press(.char("x"))
        #expect(f.screen.contains("m1 was already tried: s if it went, n if it did not"), "\(f.screen)")
        #expect(try f.newEvents(since: seq) == [])
    }

    /// A run is sending Ada's post-session (its try m2 is younger than its time limit, and this desk's clock reads
    /// earlier than the try): the row is under "Waiting", and s or n says the try is being sent, not that it was never tried.
    @Test func sOnAMessageARunIsSendingSaysItIsBeingSentNotThatItWasNeverTried() throws {
        let f = try fixture(width: 132, height: 43)
        let key = try #require(AutopilotPlan.messages(f.p, now: f.now).first { $0.client == ClientID(1) }?.key)
        try f.log.append(by: "autopilot", at: f.t("2026-11-23 11:02")) { p in
            .messageAttempted(AttemptStart(id: p.autopilot.nextID, key: key, client: ClientID(1), step: .postSession, channel: .email,
                                           to: "ada@example.org", dueDay: p.calendar.day(of: f.now), sendingUntil: f.t("2026-11-23 11:12")))
        }
        open(f, on: "Ada")
        #expect(f.screen.contains("m2 being sent now"), "\(f.screen)")
        let seq = f.p.lastSeq
        for k in [Key.char("s"), .char("n")] {
            f.press(k)
            #expect(f.screen.contains("m2 is being sent by a run right now: if it is still in doubt after 11:12, s or n settles it"), "\(f.screen)")
            #expect(!f.screen.contains("has not been tried"), "\(f.screen)")
        }
        #expect(try f.newEvents(since: seq) == [])
    }

    @Test func theSelectionFollowsTheClientWhenAnotherDeskPutsARowAboveIt() throws {
        let f = try fixture(width: 132, height: 43)
        open(f, on: "Ada")
        // Moving clears the find's message: the selected row is then whole under the list.
        f.press(.char("k"), .char("j"))
        #expect(f.screen.contains("attended 2026-11-23 (a3); post-session goes the day of the session (Ada Lovelace c1, "), "\(f.screen)")
        // Another desk adds a client with a phone and books them tomorrow: their reminder goes first, above Ada.
        try otherDesk(f, .addClient(ClientDraft(name: "Zoë Brontë", phone: "07700 900111")))
        try otherDesk(f, .book(client: "c4", practitioner: nil, start: f.t("2026-11-24 09:00"), minutes: 60, force: false))
        f.app.tick()
        #expect(f.screen.contains("Will go on the next run (2)"), "\(f.screen)")
        let lines = f.screen.split(separator: "\n")
        let zoe = try #require(lines.firstIndex { $0.contains("Zoë Brontë") }), ada = try #require(lines.firstIndex { $0.contains("Ada Lovelace       post") })
        #expect(zoe < ada, "the new row is above: \(f.screen)")
        let seq = try EventLog.open(path: f.log.path).practice.lastSeq
        f.press(.char("h"), .enter)
        #expect(try f.newEvents(since: seq - 1).last == .autopilotHeld(ClientID(1), untilDay: nil), "Ada is held, not the row now in her place")
    }

    @Test func enterOpensTheClientCardAndEscComesBackToTheList() throws {
        let f = try fixture(width: 132, height: 43)
        open(f, on: "Grace")
        f.press(.enter)
        #expect(f.screen.contains("Grace Hopper  (c3)"), "\(f.screen)")
        f.press(.escape)
        #expect(f.screen.contains("Needs a person"), "\(f.screen)")
        f.press(.escape)
        #expect(!f.screen.contains("Needs a person"), "\(f.screen)")
    }

    @Test func hostileTextInANameOrAddressNeverReachesTheTerminalRaw() throws {
        let f = try fixture(width: 80, height: 24)
        var edit = ClientEdit(client: ClientID(1))
        edit.name = "Ada\u{1b}[31m\u{202e}Lovelace\u{7}"
        edit.email = "ada\u{1b}]52;c;aGk=\u{7}@example.org"
        try f.record("2026-11-23 10:30", .editClient(client: "c1", edit))
        open(f, on: "Ada")
        f.press(.char("k"), .char("j"))
        for g in f.terminal.frames.suffix(3) { #expect(screenProblem(g) == nil, "\(g.text)") }
        #expect(!f.screen.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 || $0.value == 0x202e }, "\(f.screen)")
        #expect(f.screen.contains("post-session"), "\(f.screen)")
    }

    @Test func theTitleBarCountsLettersToPrint() throws {
        let f = try fixture()
        let id = f.p.autopilot.nextID
        try f.log.append(by: "autopilot", at: f.t("2026-11-23 10:06")) { p in
            .messageAttempted(AttemptStart(id: id, key: "c2.reactivation-letter.2026-11-23", client: ClientID(2), step: .reactivationLetter,
                                           channel: .letter, to: nil, dueDay: p.calendar.day(of: f.t("2026-11-23 10:00"))))
        }
        try f.log.append(by: "autopilot", at: f.t("2026-11-23 10:06")) { _ in .messageSent(id, provider: nil, confirmed: false) }
        f.app.tick()
        #expect(f.screen.split(separator: "\n")[0].contains("1 letter to print · 1 unresolved: A"), "\(f.screen)")
    }
}
