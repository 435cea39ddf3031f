import Foundation
import Testing
@testable import KeepwarmCore

extension Tmux {
    /// Pastes `text` as a terminal would (tmux `load-buffer` + `paste-buffer -p`): wrapped in the bracketed-paste
    /// markers when the program has turned that mode on, as bare typing when it has not. As with a real paste, tmux
    /// sends each line feed as a carriage return.
    func paste(_ text: String, via dir: String) throws {
        let file = dir + "/paste-\(UUID().uuidString).txt"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        try run(["load-buffer", "-b", "kw-paste", file])
        try run(["paste-buffer", "-p", "-d", "-b", "kw-paste", "-t", session])
    }
}

/// A paste is text for the focused field, never keys; and behind the "window too small" screen only q acts. Through
/// the real binary in tmux, checked by the log's bytes: nothing is written that the receptionist did not ask for.
@Suite(.serialized) struct PasteTmuxTests {
    /// Ada booked at 10:00 today (the diary's selected row, still booked at 11:00), so a stray `a` or `n` would mark her.
    func practice() throws -> CLI { try CLI.adaBookedAtTen() }

    func console(_ cli: CLI, pipeTo: String? = nil) throws -> Tmux {
        try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                 env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"], pipeTo: pipeTo)
    }

    func logBytes(_ cli: CLI) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: cli.log)) }

    func events(_ cli: CLI, after seq: Int) throws -> [EventBody] {
        try String(contentsOfFile: cli.log, encoding: .utf8).split(separator: "\n").dropFirst().compactMap { line in
            guard case .event(let e) = try EventCodec.decode(Array(line.utf8)), e.seq > seq else { return nil }
            return e.body
        }
    }

    @Test func aPasteWithNewlinesAndAnEscapeLandsInOneFieldAndRecordsNothing() throws {
        let cli = try practice()
        let start = try EventLog.open(path: cli.log).practice.lastSeq
        let raw = cli.dir + "/terminal.raw"
        let t = try console(cli, pipeTo: raw)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("+")
        try t.waitFor("How did you hear about us?")
        let before = try logBytes(cli)

        // QA's repro: before, the newline saved "Kim Lee" and the "n" marked Ada a no-show; the ESC closed the form.
        try t.paste("Kim Lee\nn\u{1B}xa\n", via: cli.dir)
        let screen = try? t.waitFor("Name  Kim Lee nxa")
        #expect(try logBytes(cli) == before, "a paste records nothing")
        #expect(screen?.contains("New client") == true, "the whole paste is in the name field and the form is still open")

        try t.sendKey("Enter")
        // Consent to contact is asked before the client is saved; the answer is a key, never part of the paste.
        try t.waitFor("Agrees to be contacted? Answer y or n")
        try t.send("y")
        try t.sendKey("Enter")
        try t.waitFor("✓ added client Kim Lee nxa (c2)")
        let written = try events(cli, after: start)
        #expect(written.count == 1)
        guard case .clientAdded(let c) = try #require(written.first) else { Issue.record("expected the client added, got \(written)"); return }
        #expect(c.name == "Kim Lee nxa")

        try t.send("q")
        #expect(try t.waitForExit() == 0)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
        let on = Array("\u{1B}[?2004h".utf8), off = Array("\u{1B}[?2004l".utf8)
        let lastOn = try #require(bytes.ranges(of: on).last, "the console turns bracketed paste on")
        let lastOff = try #require(bytes.ranges(of: off).last, "and off again when it exits")
        #expect(lastOff.lowerBound > lastOn.lowerBound)
    }

    @Test func aPasteOnAPaneRecordsNothing() throws {
        let cli = try practice()
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        let before = try logBytes(cli)
        try t.paste("a\nn\nx\nq\n", via: cli.dir)
        let screen = try? t.waitFor("Nothing was pasted: a paste goes only into a form or search field")
        #expect(try logBytes(cli) == before)
        #expect(screen != nil, "the status line says the paste went nowhere")
        #expect(try t.exitStatus() == nil, "the q in the paste did not quit")
        try t.send("a")
        try t.waitFor("✓ marked a1 (Ada Lovelace) attended")
    }

    @Test func aPasteWhoseEndMarkerNeverComesBecomesTextAndTheConsoleGoesOn() throws {
        let cli = try practice()
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("+")
        try t.waitFor("How did you hear about us?")
        let before = try logBytes(cli)
        // The start marker and the text, with no end marker: after a pause it is the paste, and typing works again.
        try t.sendLiteral("\u{1B}[200~Kim\rn")
        try t.waitFor("Name  Kim n")
        try t.sendLiteral(" Lee")
        try t.waitFor("Name  Kim n Lee")
        #expect(try logBytes(cli) == before)
    }

    @Test func keysBehindTheTooSmallScreenRecordNothing() throws {
        let cli = try practice()
        let start = try EventLog.open(path: cli.log).practice.lastSeq
        let t = try console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        let before = try logBytes(cli)

        // On the panes (QA: `a` marked Ada attended unseen). Nothing on this screen changes, so the keys get a second
        // to be read before the resize (curses may report a resize ahead of keys it has not read yet).
        try t.resize(width: 60, height: 20)
        try t.waitFor("make the window at least 80×24")
        try t.send("a", "n", "c", "+")
        try t.sendKey("Enter")
        try t.paste("a\nn\n", via: cli.dir)
        Thread.sleep(forTimeInterval: 1)
        #expect(try logBytes(cli) == before, "nothing was recorded behind the too-small screen")
        try t.resize(width: 80, height: 24)
        var screen = try t.waitFor("Today's diary")
        #expect(try logBytes(cli) == before)
        #expect(!screen.contains("New client"), "the + opened no form")

        // In a half-filled form: nothing is typed, saved or closed; q asks (that question shows every key before it
        // was handled), n keeps the form.
        try t.send("+")
        try t.waitFor("How did you hear about us?")
        try t.sendLiteral("Kim")
        try t.waitFor("Name  Kim")
        try t.resize(width: 60, height: 20)
        try t.waitFor("make the window at least 80×24")
        try t.send("a")
        try t.sendKey("Enter", "Escape", "Tab")
        try t.paste("x\ny", via: cli.dir)
        try t.send("q")
        try t.waitFor("A form is half filled in: y quits and loses it, n keeps it.")
        try t.send("n")
        try t.waitFor("Keys wait until it is bigger; q quits.")
        try t.resize(width: 80, height: 24)
        screen = try t.waitFor("New client")
        #expect(screen.contains("Name  Kim "), "only what was typed before the window shrank is in the form: \(screen)")
        #expect(try logBytes(cli) == before)
        try t.sendKey("C-u", "Escape")
        try t.waitUntil("the form closed") { !$0.contains("New client") }

        try t.send("a")
        try t.waitFor("✓ marked a1 (Ada Lovelace) attended")
        #expect(try events(cli, after: start) == [.appointmentAttended(AppointmentID(1))])
        try t.resize(width: 60, height: 20)
        try t.waitFor("Keys wait until it is bigger; q quits.")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
