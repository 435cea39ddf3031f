import Foundation
import Testing

/// Proves the tmux helper itself works, so an end-to-end failure points at the console and not at the harness.
@Suite struct TmuxSmokeTests {
    /// Wide text and the terminal settings come through, typed keys reach the program, and a resize is seen by it.
    @Test func drivesAProgramInAPrivateTmuxSession() throws {
        let script = #"""
            printf 'héllo 李 %s %s\n' "$TERM" "$LC_ALL"
            IFS= read -r line; printf 'got [%s]\n' "$line"
            IFS= read -r _; stty size
            sleep 30
            """#
        let t = try Tmux(width: 40, height: 10, command: ["bash", "-c", script])
        var screen = try t.waitFor("héllo 李 xterm-256color C.UTF-8")
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).count == 10)

        try t.send("Ada Lovelace", "Enter")
        screen = try t.waitFor("got [Ada Lovelace]")

        try t.resize(width: 50, height: 12)
        try t.sendKey("Enter")
        screen = try t.waitFor("12 50")
        #expect(try t.exitStatus() == nil)
    }
}
