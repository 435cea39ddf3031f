import Foundation
import Testing

/// The console on terminals other than a modern UTF-8 xterm: an unknown terminal type, a plain C locale.
@Suite(.serialized) struct AnyTerminalTmuxTests {
    func practice() throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"] + at)
        try cli.ok(["client", "add", "--name", "Zoë Brontë"] + at)
        try cli.ok(["book", "c1", "--at", "2026-11-23 10:00"] + at)
        try cli.ok(["book", "c2", "--at", "2026-11-23 12:00"] + at)
        return cli
    }

    /// A TERM terminfo does not know gets one line naming it and what to do, and exit status 1, instead of ncurses'
    /// own "Error opening terminal: xterm-unknown-foo." and its exit.
    @Test func anUnknownTerminalTypeIsNamedWithWhatToDo() throws {
        let cli = try practice()
        let t = try Tmux(width: 200, command: [CLI.binary, "--now", "2026-11-23 11:00"],
                         env: ["KEEPWARM_LOG": cli.log, "TERM": "xterm-unknown-foo"])
        defer { t.kill() }
        #expect(try t.waitForExit() == 1)
        let lines = try t.capture().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines == [#"keepwarm: the terminal type "xterm-unknown-foo" (TERM) is not known on this computer; try TERM=xterm-256color keepwarm, or install ncurses-term"#],
                "one line naming the type and what to do: \(lines)")
    }

    /// Under LANG=C curses cannot draw box-drawing lines or symbols (each came out as "?"): the borders are +, - and |,
    /// the symbols ASCII, and a name with letters ASCII lacks shows them as "?" without moving the border after it.
    @Test func aCLocaleDrawsAsciiBordersAndSymbols() throws {
        let cli = try practice()
        let t = try Tmux(command: [CLI.binary, "--now", "2026-11-23 11:00"],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam", "LANG": "C", "LC_ALL": "C"])
        defer { t.kill() }
        var screen = try t.waitFor("Ada Lovelace")
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[1].hasPrefix("+ 1 Today's diary (2) ---"), "an ASCII box top: \(rows[1])")
        #expect(rows[0].hasSuffix("* sam"), "the user's mark is ASCII: \(rows[0])")
        for row in rows[1...21] {
            #expect(row.count == 80 && "+|".contains(row.first!) && "+|".contains(row.last!), "every pane row is bordered and 80 wide: \(row)")
            #expect(!row.contains("?") || row.contains("Zo? Bront?"), "no box-drawing character became ?: \(row)")
        }
        #expect(rows.contains { $0.contains("Zo? Bront?") }, "the name shows as curses can in ASCII, in its columns")
        try t.send("a")
        screen = try t.waitFor("marked a1 (Ada Lovelace) attended")
        #expect(screen.contains("* marked a1 (Ada Lovelace) attended"), "the tick is ASCII")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
