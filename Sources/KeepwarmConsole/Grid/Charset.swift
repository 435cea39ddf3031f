/// Which characters the screen may draw its borders and symbols with: everything (a UTF-8 locale) or ASCII only (any
/// other locale, where curses would show each box-drawing line and symbol as "?"). The terminal decides it once at
/// start and the view draws with it; the grid swaps symbols as it stores them.
public enum Charset: Sendable, Equatable {
    case unicode
    case ascii

    /// The character stored for `ch`. In ASCII, each border piece and symbol the console draws becomes one ASCII
    /// character of the same one-column width, so every width the views computed from the Unicode text still holds;
    /// anything else (a client's name) is left for the terminal to show as its locale can.
    public func shown(_ ch: Character) -> Character {
        guard self == .ascii, !ch.isASCII, let ascii = Self.asciiFallback[ch] else { return ch }
        return ascii
    }

    /// A key's name as the key bar and help show it: in ASCII, Enter by its name rather than "<", the one-column
    /// stand-in for ⏎ (the callers measure the name they are given, so it may be wider than the symbol).
    public func keyName(_ key: String) -> String {
        self == .ascii ? String(key.flatMap { $0 == "⏎" ? Array("Enter") : [$0] }) : key
    }

    /// One-column symbols and their one-column ASCII stand-ins.
    static let asciiFallback: [Character: Character] = {
        var table: [Character: Character] = [:]
        func map(_ from: String, _ to: Character) { for c in from { table[c] = to } }
        map("┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬╭╮╯╰", "+")
        map("─━═", "-")
        map("│┃║", "|")
        map("●•✓✔", "*")
        map("⚠", "!")
        map("✗✘×", "x")
        map("…", "~")
        map("→›»▶", ">")
        map("←‹«◀↶⏎", "<")
        map("↑▲", "^")
        map("↓▼", "v")
        map("—–", "-")
        map("·", ".")
        map("“”„", "\"")
        map("‘’", "'")
        map("█▌▐▒░", "#")
        return table
    }()
}
