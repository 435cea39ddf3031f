import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm autopilot show|set|window|hold|release|skip` through the real binary: each records one event in the log
/// (so every desk agrees), bad input is one line, exit 1 and nothing written, and two desks writing at once lose
/// nothing.
@Suite struct AutopilotCLITests {
    let at = ["--now", "2026-12-07T10:00:00Z"]

    /// A practice on Monday 7 Dec 2026 10:00 (London, GMT): Ada (email) and Cy (email) booked tomorrow, so each has a
    /// reminder due today.
    func practice() throws -> CLI {
        let cli = CLI()
        let t = ["--now", "2026-12-07T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside"] + t)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + t)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--email", "ada@example.com", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Bob Brown", "--phone", "07700 900123", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Cy Young", "--email", "cy@example.com", "--contact"] + t)
        try cli.ok(["book", "c1", "--at", "2026-12-08 10:00"] + t)
        try cli.ok(["book", "c3", "--at", "2026-12-08 11:00"] + t)
        return cli
    }

    /// Runs a command that must fail: one line on stderr, exit 1, and the log's bytes unchanged.
    func refused(_ cli: CLI, _ args: [String], saying expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = cli.bytes()
        let r = try cli.run(args + at)
        #expect(r.status == 1, "\(args): \(r.status) \(r.err)", sourceLocation: sourceLocation)
        #expect(r.err == "keepwarm: \(expected)\n", sourceLocation: sourceLocation)
        #expect(r.out.isEmpty, sourceLocation: sourceLocation)
        #expect(cli.bytes() == before, "nothing written for \(args)", sourceLocation: sourceLocation)
    }

    @Test func showListsEveryStepTheWindowTheCountryAndWhetherItRuns() throws {
        let cli = try practice()
        let out = try cli.output(["autopilot", "show"] + at)
        #expect(out == """
            Autopilot   not running: no run recorded yet, so every message is on the desk's lists (set it up: keepwarm autopilot install)
            Window      09:00-18:00 every day, at most 200 a day
            Country     GB
            Unresolved  0
            To print    0 letters

            STEP                 PURPOSE    POLICY
            reminder             service    auto (email, sms)
            post-session         service    auto (email, sms)
            rebook-prompt        marketing  desk
            check-in-28          marketing  desk
            re-engage            marketing  desk
            reactivation-letter  marketing  desk
            referral-ask         marketing  desk
            no-show-follow-up    service    desk
            referral-thank-you   service    desk
            follow-up-call       desk task  desk (a call is always made by a person)

            """)
        // A run recorded through the log's own API (the run command is another part's): the last run in practice time.
        try cli.ok(["settings", "--timezone", "Asia/Kolkata"] + at)
        let log = try EventLog.open(path: cli.log)
        try log.append(by: "autopilot", at: DateInput.parseZonedISO("2026-12-07T09:55:00Z")!) { _ in
            .autopilotRan(RunSummary(sent: 3, failed: 1, unresolved: 0, waiting: 2))
        }
        // A letter written to the print queue and an email whose outcome was never recorded: counted for the desk.
        let nine = DateInput.parseZonedISO("2026-12-07T09:50:00Z")!
        try log.append(by: "autopilot", at: nine) { _ in
            .messageAttempted(AttemptStart(id: AttemptID(1), key: "c2.reactivation-letter.2026-12-07", client: ClientID(2),
                                           step: .reactivationLetter, channel: .letter, to: nil, dueDay: Civil.days(2026, 12, 7)))
        }
        try log.append(by: "autopilot", at: nine) { _ in .messageSent(AttemptID(1), provider: nil, confirmed: false) }
        try log.append(by: "autopilot", at: nine) { _ in
            .messageAttempted(AttemptStart(id: AttemptID(2), key: "c1.post-session.2026-12-07", client: ClientID(1),
                                           step: .postSession, channel: .email, to: "ada@example.com", dueDay: Civil.days(2026, 12, 7)))
        }
        let live = try cli.output(["autopilot", "show"] + at).split(separator: "\n")
        #expect(live.first == "Autopilot   running: last run 2026-12-07 15:25 (3 sent, 1 failed, 0 unresolved, 2 waiting)")
        #expect(live[3] == "Unresolved  1 (see keepwarm autopilot unresolved)")
        #expect(live[4] == "To print    1 letter")
        let later = try cli.output(["autopilot", "show", "--now", "2026-12-08T12:00:00Z"]).split(separator: "\n")
        #expect(later.first == "Autopilot   not running: last run 2026-12-07 15:25 (3 sent, 1 failed, 0 unresolved, 2 waiting), over 26 hours ago, so its messages are back on the desk's lists")
    }

    @Test func setRecordsAStepsPolicyAndRefusesBadInput() throws {
        let cli = try practice()
        #expect(try cli.ok(["autopilot", "set", "rebook-prompt", "--auto", "email, SMS"] + at) == "rebook-prompt: auto (email, sms)")
        #expect(try cli.ok(["autopilot", "set", "reactivation-letter", "--auto", "letter"] + at) == "reactivation-letter: auto (letter)")
        #expect(try cli.ok(["autopilot", "set", "reminder", "--off"] + at) == "reminder: off")
        #expect(try cli.ok(["autopilot", "set", "post-session", "--desk"] + at) == "post-session: desk")
        let s = try EventLog.open(path: cli.log).practice.settings.autopilot
        #expect(s.policy(.rebookPrompt) == StepPolicy(.auto, channels: [.email, .sms]))
        #expect(s.policy(.reactivationLetter) == StepPolicy(.auto, channels: [.letter]))
        #expect(s.policy(.reminder) == StepPolicy(.off))
        #expect(s.policy(.postSession) == StepPolicy(.desk))

        try refused(cli, ["autopilot", "set", "follow-up-call", "--auto", "email"],
                    saying: "follow-up-call is always the desk's: a call is made by a person, so the autopilot never takes it; nothing was written")
        try refused(cli, ["autopilot", "set", "rebook-prompt", "--auto", "email,fax"],
                    saying: "'fax' is not a channel: use email, sms or letter, in the order to try them (e.g. --auto email,sms)")
        try refused(cli, ["autopilot", "set", "rebook-prompt", "--auto", "email,email"], saying: "give each channel once, e.g. --auto email,sms")
        try refused(cli, ["autopilot", "set", "rebook-prompt", "--auto", ""],
                    saying: "'' is not a channel: use email, sms or letter, in the order to try them (e.g. --auto email,sms)")
        try refused(cli, ["autopilot", "set", "rebook-prompt"], saying: "give one of --auto CHANNELS (e.g. --auto email,sms), --desk or --off")
        try refused(cli, ["autopilot", "set", "rebook-prompt", "--desk", "--off"], saying: "give one of --auto CHANNELS (e.g. --auto email,sms), --desk or --off")
        try refused(cli, ["autopilot", "set", "\u{1B}[2Jwipe", "--desk"],
                    saying: "'␛[2Jwipe' is not a step of the sequence: use reminder, post-session, rebook-prompt, check-in-28, re-engage, reactivation-letter, referral-ask, no-show-follow-up or referral-thank-you")
    }

    @Test func windowKeepsWhatIsNotGivenAndRefusesBadInput() throws {
        let cli = try practice()
        #expect(try cli.ok(["autopilot", "window", "09:30-17:00", "--days", "mon-fri"] + at) == "window: 09:30-17:00 mon-fri, at most 200 a day")
        #expect(try cli.ok(["autopilot", "window", "--cap", "50"] + at) == "window: 09:30-17:00 mon-fri, at most 50 a day")
        #expect(try cli.ok(["autopilot", "window", "10:00-16:00"] + at) == "window: 10:00-16:00 mon-fri, at most 50 a day")
        #expect(try cli.ok(["autopilot", "window", "--days", "mon,wed,sat"] + at) == "window: 10:00-16:00 mon,wed,sat, at most 50 a day")
        let before = cli.bytes()
        #expect(try cli.ok(["autopilot", "window"] + at) == "window: 10:00-16:00 mon,wed,sat, at most 50 a day")
        #expect(cli.bytes() == before, "a plain look writes nothing")
        let w = try EventLog.open(path: cli.log).practice.settings.autopilot.window
        #expect(w == AutopilotWindow(from: 600, to: 960, days: [0, 2, 5], cap: 50))

        try refused(cli, ["autopilot", "window", "18:00-09:00"], saying: "'18:00-09:00' ends before it starts: the end comes after the start, like 09:00-17:00")
        try refused(cli, ["autopilot", "window", "9-5pm"], saying: try #require(Self.hoursError("9-5pm")))
        try refused(cli, ["autopilot", "window", "--days", "funday"], saying: "--days: 'funday' is not a weekday or a run of them: write e.g. mon-fri or mon,wed,fri")
        try refused(cli, ["autopilot", "window", "--cap", "0"], saying: "--cap must be 1 to 10000 messages a day, not 0")
        try refused(cli, ["autopilot", "window", "--cap", "lots"], saying: "--cap must be a whole number of messages a day, like 100, not 'lots'")
    }

    static func hoursError(_ s: String) -> String? {
        if case .failure(let e) = AutopilotWindow.parseHours(s) { return e.message }
        return nil
    }

    @Test func holdReleaseAndSkip() throws {
        let cli = try practice()
        #expect(try cli.ok(["autopilot", "hold", "c1", "--until", "fri"] + at) == "c1: Ada Lovelace held until 2026-12-11; nothing automatic goes to them before then")
        #expect(try cli.ok(["autopilot", "hold", "Cy Young"] + at) == "c3: Cy Young held until released (keepwarm autopilot release c3); nothing automatic goes to them")
        var p = try EventLog.open(path: cli.log).practice
        #expect(p.clients[0].hold == .until(Civil.days(2026, 12, 11)))
        #expect(p.clients[2].hold == .indefinitely)
        #expect(try cli.ok(["autopilot", "release", "c3"] + at) == "c3: Cy Young released; their automatic messages go again")
        let key = "c3.reminder.2026-12-07.a2@2026-12-08T1100"
        #expect(try cli.ok(["autopilot", "skip", "c3", key] + at) == "c3: Cy Young's \(key) skipped; it will not go, by the autopilot or from the desk's lists")
        p = try EventLog.open(path: cli.log).practice
        #expect(p.clients[2].hold == nil)
        #expect(p.clients[2].skipped == [key])

        try refused(cli, ["autopilot", "hold", "c1", "--until", "yesterday"],
                    saying: "--until must be a day after today (2026-12-07); without it the hold lasts until released")
        try refused(cli, ["autopilot", "hold", "c1", "--until", "someday"],
                    saying: "--until: couldn't read the date 'someday': use 2026-11-23, today, tomorrow, tue or +3w")
        try refused(cli, ["autopilot", "hold", "c9"], saying: "no client 'c9': use an id from `keepwarm client list`, or the exact name")
        try refused(cli, ["autopilot", "release", "c2"], saying: "Bob Brown (c2) is not held; nothing was written")
        try refused(cli, ["autopilot", "skip", "c3", key], saying: "no message \(key) is due to Cy Young (c3); see the keys with keepwarm autopilot preview")
        try refused(cli, ["autopilot", "skip", "c1", "c1.nonsense\u{7}"],
                    saying: "no message c1.nonsense␇ is due to Ada Lovelace (c1); see the keys with keepwarm autopilot preview")
    }

    /// A hostile name is shown, never obeyed: the answer holds no escape character.
    @Test func aHostileNameIsShownNotObeyed() throws {
        let cli = try practice()
        try cli.ok(["client", "add", "--name", "Evil\u{1B}]0;pwned\u{7}\u{1B}[31m Name", "--email", "e@example.com", "--contact"] + at)
        let r = try cli.run(["autopilot", "hold", "c4"] + at)
        #expect(r.status == 0)
        #expect(!r.out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(r.out == "c4: Evil␛]0;pwned␇␛[31m Name held until released (keepwarm autopilot release c4); nothing automatic goes to them\n")
    }

    /// Two desks at once: holds and skips written by separate processes at the same moment all land, each once, and
    /// the log reads back whole.
    @Test func holdsAndSkipsFromTwoDesksAtOnceAllLand() throws {
        let cli = CLI()
        let t = ["--now", "2026-12-07T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside"] + t)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + t)
        let n = 6
        for i in 1...(2 * n) {
            try cli.ok(["client", "add", "--name", "Client \(i)", "--email", "c\(i)@example.com", "--contact"] + t)
            try cli.ok(["book", "c\(i)", "--at", "2026-12-08 \(8 + i):00", "--force"] + t)
        }
        let keys = (1...n).map { i in "c\(n + i).reminder.2026-12-07.a\(n + i)@2026-12-08T\(8 + n + i)00" }
        // Desk one holds c1…c6 while desk two skips c7…c12's reminders, every pair started together.
        var runs: [Process] = []
        for i in 1...n {
            runs.append(try Self.start(cli, ["autopilot", "hold", "c\(i)"] + at))
            runs.append(try Self.start(cli, ["autopilot", "skip", "c\(n + i)", keys[i - 1]] + at))
        }
        for r in runs {
            r.waitUntilExit()
            #expect(r.terminationStatus == 0)
        }
        let log = try EventLog.open(path: cli.log)
        #expect(log.damage.isEmpty)
        let p = log.practice
        #expect((0..<n).allSatisfy { p.clients[$0].hold == .indefinitely })
        #expect((n..<(2 * n)).allSatisfy { p.clients[$0].skipped == [keys[$0 - n]] })
        let text = String(decoding: cli.bytes(), as: UTF8.self)
        #expect(text.components(separatedBy: "\"type\":\"autopilot.held\"").count - 1 == n)
        #expect(text.components(separatedBy: "\"type\":\"autopilot.skipped\"").count - 1 == n)
        #expect(try cli.ok(["check"]).hasSuffix("no damage"))
    }

    /// Starts `keepwarm ARGS` on the test's log without waiting for it; its output is thrown away.
    static func start(_ cli: CLI, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["KEEPWARM_LOG"] = cli.log
        env["KEEPWARM_USER"] = "desk"
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }
}
