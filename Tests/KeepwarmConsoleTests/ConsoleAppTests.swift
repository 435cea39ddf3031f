import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

@Suite struct ConsoleAppTests {
    @Test func theClockTicksAndTheDiaryTurnsAtMidnight() throws {
        let f = try ConsoleFixture(now: "2026-11-23T23:58:30Z")
        try f.seedDay()
        try f.record("2026-11-22 09:00", .book(client: "c2", practitioner: nil, start: f.t("2026-11-24 09:00"), minutes: 60, force: false))
        f.app.tick()
        #expect(f.screen.contains("23:58"))
        #expect(f.screen.contains("Grace Hopper"))
        let frames = f.terminal.frames.count
        f.app.tick()
        #expect(f.terminal.frames.count == frames, "nothing changed, so nothing is redrawn")
        f.now = f.now.adding(minutes: 1)
        f.app.tick()
        #expect(f.screen.contains("23:59"))
        f.now = f.now.adding(minutes: 2)
        f.app.tick()
        #expect(f.screen.contains("Tue 24 Nov 2026  00:01"))
        #expect(f.screen.contains("Mo Farah"))
        // Yesterday's appointments are no longer today's: nobody marked Ada's and Grace's, so they wait in the
        // morning-after group at the top (issue 13) instead of vanishing.
        #expect(f.screen.contains("Today's diary (1) · 2 not marked"), "yesterday's unmarked appointments lead today's diary")
        #expect(f.screen.contains("not marked yet (2)"))
    }

    @Test func anotherWritersAppendShowsOnTheNextTick() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        #expect(!f.screen.contains("Wants a Saturday"))
        let other = try EventLog.open(path: f.log.path)
        let now = f.now
        try other.append(by: "anna", at: now) { p in
            try Command.addClient(ClientDraft(name: "Nina Simone", referredBy: "Mo Farah")).event(in: p, now: now)
        }
        f.app.tick()
        #expect(f.screen.contains("Mo Farah → Nina Simone"))
        #expect(f.app.log.practice.clients.count == 4)
    }

    @Test func aFailedWriteIsShownAndChangesNothing() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        // Another program damages the log: the next write must refuse, say why, and leave the state alone.
        let h = FileHandle(forWritingAtPath: f.log.path)!
        h.seekToEndOfFile()
        h.write(Data("{\"seq\":999,\"oops\"}\n".utf8))
        h.closeFile()
        let before = f.p.appointments[2].status
        f.press(.char("a"))
        // Too long for 80 columns: cut in the middle, the fix kept whole; `M` shows it all.
        #expect(f.screen.contains("⚠ The log is damaged at line 13, column 1: nothing was … Run `keepwarm check`"))
        f.press(.char("M"))
        #expect(f.screen.contains("11:00 ⚠  The log is damaged at line 13, column 1: nothing was written. Run"))
        #expect(f.screen.contains("        `keepwarm check`"), "wrapped, never cut")
        f.press(.escape)
        #expect(f.p.appointments[2].status == before)
        f.press(.char("j"))
        #expect(f.screen.contains("Grace Hopper"), "the console keeps running")
    }

    @Test func controlCharactersFromTheLogNeverReachTheScreenRaw() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-22 09:00", .addClient(ClientDraft(name: "Eve\u{1B}]0;owned\u{7}\u{1B}[2J \u{202E}kcab\u{9B}", referredBy: "c1")))
        f.app.tick()
        let screen = f.screen
        #expect(!screen.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E || $0.value == 0x9B })
        #expect(screen.contains("Eve␛]0;ow…"))
        for row in screen.split(separator: "\n") { #expect(DisplayText.width(String(row)) == 80 || row.isEmpty || DisplayText.width(String(row)) < 80) }
    }

    @Test func wideNamesKeepTheColumnsAligned() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-22 09:00", .addClient(ClientDraft(name: "李小龙 👩‍👩‍👧")))
        try f.record("2026-11-22 09:00", .book(client: "c4", practitioner: nil, start: f.t("2026-11-23 16:00"), minutes: 60, force: false))
        f.app.tick()
        let rows = f.screen.split(separator: "\n").map(String.init).filter { $0.hasPrefix("│") && ($0.contains("booked") || $0.contains("attended")) }
        #expect(rows.count == 3)
        // The status column starts at the same display column on every row.
        let columns = rows.map { row -> Int in
            let prefix = row.components(separatedBy: row.contains("booked") ? "booked" : "attended")[0]
            return DisplayText.width(prefix)
        }
        #expect(Set(columns).count == 1, "\(rows)")
    }

    /// The key-press path updates only the clients an event changed; it must agree with working everything out again.
    @Test func incrementalSnapshotsMatchAFullRecompute() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        var data = ConsoleData(f.p, now: f.now)
        let steps: [Command] = [
            .attend("a3"), .rebook("a3"), .noShow("a4"), .touch(client: "c2", kind: .reactivationLetter, via: .letter, note: nil),
            .addClient(ClientDraft(name: "Zoë Brontë", referredBy: "c2")), .review(client: "c2", .snooze(untilDay: data.today + 7), note: nil),
            .undo(by: "anna"), .editClient(client: "c3", ClientEdit(client: ClientID(3), name: "Grace B. Hopper")),
        ]
        for c in steps {
            try f.record("2026-11-23 11:00", c)
            data = ConsoleData.updating(data, f.p, now: f.now)
            let full = ConsoleData(f.p, now: f.now)
            #expect(data.lapsed == full.lapsed, "\(c)")
            #expect(data.followUps == full.followUps, "\(c)")
            #expect(data.diary == full.diary)
            #expect(data.names.folded == full.names.folded)
        }
        #expect(Search.clients(f.p, data.names, "bronte") == [ClientID(4)])
        #expect(Search.clients(f.p, data.names, "GRACE hop") == [ClientID(3)])
    }

    /// The same on a demo practice with thousands of lapsed and follow-up rows, event by event as they were written,
    /// so new rows land in the middle of long lists, not just at the ends.
    @Test func incrementalSnapshotsMatchAFullRecomputeOnADemoPractice() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-incr-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!
        let events = DemoGenerator(seed: 11, events: 6_000, end: end).events()
        let path = dir + "/events.log"
        let split = events.count - 300
        try Data(events[..<split].reduce(into: EventCodec.headerLine()) { $0 += EventCodec.line(for: $1) }).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        let log = try EventLog.open(path: path)
        var data = ConsoleData(log.practice, now: end)
        #expect(data.lapsed.count > 50 && data.followUps.count > 50, "long lists to insert into")
        var compared = 0
        for (i, e) in events[split...].enumerated() {
            try log.append(by: e.by, at: e.at) { _ in e.body }
            data = ConsoleData.updating(data, log.practice, now: end)
            if i % 10 == 0 || i == 299 {
                let full = ConsoleData(log.practice, now: end)
                #expect(data.lapsed == full.lapsed, "after \(e.body.type) at \(i)")
                #expect(data.followUps == full.followUps, "after \(e.body.type) at \(i)")
                compared += 1
            }
        }
        #expect(compared == 31)

        // Catching up in one step, from a few hundred events back (the practice remembers whom they touched) and
        // from thousands back (past what it remembers, so every change stamp is read).
        let whole = dir + "/whole.log"
        try Data(events.reduce(into: EventCodec.headerLine()) { $0 += EventCodec.line(for: $1) }).write(to: URL(fileURLWithPath: whole))
        let everything = try EventLog.open(path: whole).practice
        #expect(everything.recentChanges.clients(after: everything.lastSeq - 5_000) == nil)
        for back in [1, 300, 4_000, 5_000, 5_900] {
            let part = dir + "/part-\(back).log"
            try Data(events[..<(events.count - back)].reduce(into: EventCodec.headerLine()) { $0 += EventCodec.line(for: $1) })
                .write(to: URL(fileURLWithPath: part))
            let before = ConsoleData(try EventLog.open(path: part).practice, now: end)
            let caughtUp = ConsoleData.updating(before, everything, now: end)
            let full = ConsoleData(everything, now: end)
            #expect(caughtUp.lapsed == full.lapsed, "\(back) events back")
            #expect(caughtUp.followUps == full.followUps, "\(back) events back")
            #expect(caughtUp.names.folded == full.names.folded, "\(back) events back")
        }
    }

    /// The last audit's figures need the log replayed to when it finished; only the walkthrough shows them, so the
    /// first frame goes without them and opening the walkthrough works them out.
    @Test func theLastAuditsFiguresWaitForTheWalkthrough() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-02 09:00", .startAudit)
        try f.record("2026-11-02 09:01", .answerAudit(step: 1, .yes, note: nil, owner: nil))
        try f.record("2026-11-02 09:05", .finishAudit(inPlace: 1, evidenceMet: 0, evidenceSteps: 13))
        try f.record("2026-11-22 09:00", .startAudit)
        try f.record("2026-11-22 09:01", .answerAudit(step: 2, .no, note: nil, owner: nil))
        let app = f.app
        app.tick()
        #expect(app.data.audit != nil)
        #expect(app.data.audit?.previous == nil, "not worked out for the first frame")
        #expect(app.data.audit?.previousAnswers?[1]?.answer == .yes, "the answers are at hand without a replay")
        app.openWalkthrough()
        #expect(app.data.audit?.previous?.count == AuditEvidence.all(f.p, window: AuditWindow(end: f.now)).count)
    }

    @Test func quitEndsTheLoopAndStopRequestedToo() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.terminal.keys = [.char("j"), .char("q")]
        f.app.run()
        #expect(f.app.model.wantsQuit)
        let g = try ConsoleFixture()
        g.terminal.stopRequested = true
        g.app.run()
        #expect(g.app.model.wantsQuit == false, "SIGTERM/SIGHUP end the loop without a quit key")
    }
}
