import Foundation
import Testing
@testable import KeepwarmCore

/// The real binary in a real terminal (tmux), driven key by key, checked by what a person sees and by the log.
@Suite(.serialized) struct ConsoleTmuxTests {
    /// Ada booked at 10:00 today, Grace referred by Ada (thank-you owed), Mo last seen in September (lapsed).
    func practice() throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"] + at)
        try cli.ok(["client", "add", "--name", "Grace Hopper", "--referred-by", "c1"] + at)
        try cli.ok(["client", "add", "--name", "Mo Farah", "--source", "Instagram"] + at)
        try cli.ok(["book", "c1", "--at", "2026-11-23 10:00"] + at)
        try cli.ok(["book", "c3", "--at", "2026-09-01 10:00", "--force"] + at)
        try cli.ok(["attend", "a2"] + at)
        return cli
    }

    /// The practice's first three actions at the desk: `a` on Ada, `r` and Enter to rebook her, `3` `t` `p` to thank
    /// her by phone for referring Grace (a1 attended, a3 booked, r1 thanked).
    func attendRebookAndThank(_ t: Tmux) throws {
        try t.send("a")
        try t.waitFor("✓ marked a1 (Ada Lovelace) attended")
        try t.send("r")
        try t.waitFor("Mon 30 Nov at 10:00 with Anna Okafor, 60 min")
        try t.sendKey("Enter")
        try t.waitFor("✓ booked a3 for Ada Lovelace on 2026-11-30 10:00")
        try t.send("3", "t")
        try t.waitFor("Thank Ada Lovelace for referring Grace Hopper: how?")
        try t.send("p")
        try t.waitFor("✓ thanked for r1 by phone")
    }

    func console(_ cli: CLI, width: Int = 80, height: Int = 24, pipeTo: String? = nil) throws -> Tmux {
        try Tmux(width: width, height: height, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                 env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"], pipeTo: pipeTo)
    }

    func events(_ cli: CLI, after seq: Int) throws -> [EventBody] {
        try String(contentsOfFile: cli.log, encoding: .utf8).split(separator: "\n").dropFirst().compactMap { line in
            guard case .event(let e) = try EventCodec.decode(Array(line.utf8)), e.seq > seq else { return nil }
            return e.body
        }
    }

    @Test func aReceptionistsMorningByKeyboardAlone() throws {
        let cli = try practice()
        let start = try EventLog.open(path: cli.log).practice.lastSeq
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")

        try attendRebookAndThank(t)
        try t.waitFor("No thank-yous owed.")

        try t.send("+")
        try t.waitFor("How did you hear about us?")
        try t.sendLiteral("Jo Bloggs")
        try t.sendKey("Tab")
        try t.sendLiteral("07700 900999")
        try t.sendKey("Tab", "Tab", "Tab")
        try t.sendLiteral("mo f")
        try t.waitFor("Mo Farah · c3")
        try t.sendKey("Down", "Enter", "Enter")
        // Consent to contact is asked, never pre-ticked: the form waits for the answer.
        try t.waitFor("Agrees to be contacted? Answer y or n")
        try t.send("y")  // the refusal put the cursor on the question
        try t.sendKey("Enter")
        try t.waitFor("✓ added client Jo Bloggs (c4)")
        try t.waitFor("Mo Farah → Jo Bloggs")

        try t.send("2", "z")
        try t.waitFor("Snooze Mo Farah until…")
        try t.send("1")
        try t.waitFor("✓ snoozed Mo Farah until 2026-11-30")
        try t.waitFor("No lapsed clients.")

        try t.send("u")
        try t.waitFor("↶ undone: snoozed Mo Farah until 2026-11-30")
        try t.waitUntil("Mo Farah back on the lapsed list") { $0.contains("Mo Farah    10-31") }

        try t.resize(width: 60, height: 20)
        try t.waitFor("make the window at least 80×24")
        try t.resize(width: 80, height: 24)
        try t.waitFor("Today's diary")

        try t.send("q")
        #expect(try t.waitForExit() == 0)

        let undone = try #require(try events(cli, after: start).last)
        #expect(try events(cli, after: start) == [
            .appointmentAttended(AppointmentID(1)),
            .appointmentBooked(AppointmentID(3), client: ClientID(1), practitioner: PractitionerID(1),
                               start: DateInput.parseZonedISO("2026-11-30T10:00:00Z")!, minutes: 60),
            .referralThanked(ReferralID(1), via: .phone, note: nil),
            .clientAdded(NewClient(id: ClientID(4), name: "Jo Bloggs", phone: "07700 900999", source: "Client referral",
                                   referredBy: ClientID(3), referral: ReferralID(2), contact: true, newsletter: false)),
            // Every review records whose client it was (issue 16): Mo last saw Anna.
            .lapseReviewed(ClientID(3), .snoozed(untilDay: Civil.days(2026, 11, 30)), note: nil, detail: ReviewDetail(practitioner: PractitionerID(1))),
            undone,
        ])
        #expect(undone == .undone(target: start + 5))
    }

    @Test func anotherDesksAppendShowsWithinASecond() throws {
        let cli = try practice()
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try cli.ok("client", "add", "--name", "Nina Simone", "--referred-by", "Mo Farah", "--now", "2026-11-23T11:00:00Z")
        let written = Date()
        try t.waitFor("Mo Farah → Nina Simone", timeout: 1.0)
        #expect(Date().timeIntervalSince(written) < 1.0)
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func aStopSignalRestoresTheTerminal(_ sig: Int32) throws {
        let cli = try practice()
        let raw = cli.dir + "/terminal.raw"
        let t = try console(cli, pipeTo: raw)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        #expect(try t.alternateScreen() == true, "curses draws on the alternate screen")
        try t.signal(sig)
        #expect(try t.waitForExit() == 0, "a clean exit, not death by signal")
        // endwin leaves the alternate screen (rmcup); a process killed without it never sends that.
        let bytes = String(decoding: FileManager.default.contents(atPath: raw) ?? Data(), as: UTF8.self)
        #expect(bytes.contains("\u{1B}[?1049l"), "endwin ran before the process ended")
    }

    @Test func noColorStillShowsTheSelection() throws {
        let cli = try practice()
        let t = try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam", "NO_COLOR": "1"])
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        let raw = try t.captureRaw()
        // capture-pane -e adds default-colour resets (ESC[39m) on its own; real colours are ESC[30m…ESC[37m.
        #expect(raw.range(of: "\u{1B}\\[3[0-7]m", options: .regularExpression) == nil, "no foreground colours under NO_COLOR")
        #expect(raw.contains("\u{1B}[7m"), "the selected row is shown in reverse video")
    }
}

extension Tmux {
    /// A tmux format (`#{…}`) evaluated for this session's pane.
    func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the program has the terminal in its alternate screen (curses does until endwin).
    func alternateScreen() throws -> Bool { try display("#{alternate_on}") == "1" }

    /// Sends a signal to the program in the pane.
    func signal(_ sig: Int32) throws {
        guard let pid = Int32(try display("#{pane_pid}")) else { throw TmuxError("no pane pid") }
        Foundation.kill(pid, sig)
    }
}
