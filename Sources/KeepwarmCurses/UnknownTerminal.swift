import KeepwarmCore

/// The terminal type in `TERM` has no terminfo entry here (or `TERM` is unset), so curses cannot draw on it.
public struct UnknownTerminal: Error, CustomStringConvertible {
    /// The value of `TERM`, nil when it is unset.
    public let name: String?

    /// One line naming the type and what to do: a type every terminal emulator understands, or the package that
    /// carries the rarer terminfo entries (Debian and Ubuntu ship only a few in ncurses-base).
    public var description: String {
        let what = name.map { $0.isEmpty ? "TERM is empty" : "the terminal type \"\(DisplayText.visible($0))\" (TERM) is not known on this computer" }
            ?? "TERM is not set"
        return "\(what); try TERM=xterm-256color keepwarm, or install ncurses-term"
    }
}
