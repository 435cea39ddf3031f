import Foundation
import Testing
@testable import KeepwarmCore

extension Tmux {
    /// The left button pressed at a cell (0-based), as xterm reports it in SGR mouse mode (what ncurses asks an
    /// xterm-256color terminal for): ESC [ < 0 ; column ; row M, counted from 1.
    func click(x: Int, y: Int) throws { try sendLiteral("\u{1B}[<0;\(x + 1);\(y + 1)M") }

    /// One notch of the wheel over a cell (buttons 64 up, 65 down in SGR mouse mode).
    func wheel(down: Bool, x: Int, y: Int) throws { try sendLiteral("\u{1B}[<\(down ? 65 : 64);\(x + 1);\(y + 1)M") }
}

/// The mouse and Ctrl-Z through the real binary in tmux: a click focuses a pane and selects the record on the row
/// clicked (and the next key acts on that record), the wheel scrolls the list under the pointer, and Ctrl-Z hands the
/// terminal to the shell until `fg`, which brings the whole screen back.
@Suite(.serialized) struct MouseTmuxTests {
    let tests = ConsoleTmuxTests()
    let at = ["--now", "2026-11-23T08:00:00Z"]

    /// At 80×24 the diary's rows start on screen row 3 (title, border, header); the lapsed pane starts at column 40.
    static let firstRow = 3, lapsedX = 45

    @Test func aClickSelectsTheRowsRecordAndTheNextKeyActsOnIt() throws {
        let cli = try tests.practice()
        try cli.ok(["book", "c2", "--at", "2026-11-23 14:00"] + at)  // a3, on the diary's second row
        let t = try tests.console(cli)
        defer { t.kill() }
        let screen = try t.waitFor("Grace Hopper")
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        // Where the screen drew her (the diary's "now" line sits among the rows, so not simply the second row).
        let y = try #require(screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Grace Hopper") })
        #expect(y > Self.firstRow, "Ada's appointment is drawn above hers")
        try t.click(x: 6, y: y)
        try t.send("a")
        try t.waitFor("✓ marked a3 (Grace Hopper) attended")
        #expect(try tests.events(cli, after: before) == [.appointmentAttended(AppointmentID(3))],
                "the click selected Grace's appointment, not Ada's on the first row")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func aClickInAnotherPaneFocusesItAndSelectsTheRow() throws {
        let cli = try tests.practice()
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Mo Farah")
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        try t.click(x: Self.lapsedX, y: Self.firstRow)
        // The key bar is the lapsed pane's, and Enter opens the card of the client clicked.
        try t.waitFor("s sent next step")
        try t.sendKey("Enter")
        try t.waitFor("Mo Farah  (c3)")
        #expect(try tests.events(cli, after: before) == [], "a click records nothing")
        try t.sendKey("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func theWheelScrollsTheListUnderThePointerNotTheFocusedOne() throws {
        let cli = try tests.practice()
        // Eleven appointments today: more than the diary's seven rows at 80×24.
        for hour in 8...18 where hour != 10 {
            try cli.ok(["book", "c\(hour % 3 + 1)", "--at", "2026-11-23 \(hour):00", "--force"] + at)
        }
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("1/11")
        try t.send("3")  // focus the thank-yous; the pointer is over the diary
        try t.waitFor("t thank")
        for _ in 0..<3 { try t.wheel(down: true, x: 6, y: Self.firstRow + 2) }
        let screen = try t.waitFor("10/11")
        #expect(!screen.contains("08:00"), "the diary scrolled: its first rows are off screen")
        #expect(screen.contains("t thank"), "the focus stayed on the thank-yous")
        try t.wheel(down: false, x: 6, y: Self.firstRow)
        try t.waitFor("7/11")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func ctrlZStopsTheConsoleAndFgBringsTheWholeScreenBack() throws {
        let cli = try tests.practice()
        // An interactive shell with job control, as a receptionist's terminal has.
        let raw = cli.dir + "/terminal.raw"
        let t = try Tmux(width: 80, height: 24, command: ["bash", "--norc", "--noprofile", "-i"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam", "PS1": "desk$ "], pipeTo: raw)
        defer { t.kill() }
        try t.waitFor("desk$")
        try t.sendLiteral("'\(CLI.binary)' --now '2026-11-23 11:00' console")
        try t.sendKey("Enter")
        let console = try t.waitFor("Ada Lovelace")
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        try t.sendKey("C-z")
        let shell = try t.waitFor("Stopped")
        #expect(!shell.contains("Today's diary"), "the shell has the terminal: the console's screen is gone")
        // The shell gets its terminal back without mouse reports (xterm's 1000 mode, turned on at start).
        let bytes = try String(contentsOfFile: raw, encoding: .isoLatin1)
        let on = try #require(bytes.range(of: "1000h", options: .backwards), "the console turned mouse reports on")
        let off = try #require(bytes.range(of: "1000l", options: .backwards), "and off again when it stopped")
        #expect(off.lowerBound > on.lowerBound)
        try t.sendLiteral("echo still-here")
        try t.sendKey("Enter")
        try t.waitFor("still-here\ndesk$")
        try t.sendLiteral("fg")
        try t.sendKey("Enter")
        let back = try t.waitUntil("the console's whole screen to come back") { $0 == console }
        #expect(!back.contains("desk$") && !back.contains("Stopped"), "nothing the shell wrote is left on the screen")
        // It runs as before: keys act, and the mouse still reports.
        try t.click(x: 6, y: Self.firstRow)
        try t.send("a")
        try t.waitFor("✓ marked a1 (Ada Lovelace) attended")
        #expect(try tests.events(cli, after: before) == [.appointmentAttended(AppointmentID(1))])
        try t.send("q")
        try t.waitFor("desk$")
    }
}
