import CNcurses
import Glibc
import KeepwarmConsole

/// The real terminal, through ncurses: the only code in Keepwarm that calls curses.
public final class CursesTerminal: Terminal {
    /// How long curses waits after ESC for the rest of a key sequence. Long enough for a local or ssh terminal to
    /// deliver a sequence in one go, short enough that a lone Escape still feels instant.
    private static let escapeDelayMilliseconds: Int32 = 25
    /// An unknown CSI sequence longer than this is garbage, not a key; stop draining it.
    private static let longestSequence = 32

    private let wantsColor: Bool
    private var colorOn = false
    private var started = false
    /// True once newterm made the screen; curses keeps it for the life of the process.
    private var opened = false
    private var cursorShown: Bool?
    private var fatalSignals: FatalSignals?
    private var replacement = wchar_t(UInt8(ascii: "?"))
    /// ASCII unless the locale is UTF-8, decided once at start.
    public private(set) var charset: Charset = .unicode
    /// One row of curses cells, kept between frames so drawing does not allocate per row.
    private var row: [cchar_t] = []

    /// `useColor` is false under NO_COLOR; colour is also left off when the terminal has none.
    public init(useColor: Bool) {
        wantsColor = useColor
    }

    deinit { stop() }

    /// Takes over the terminal. Call it before starting other threads: the stop signals are blocked per thread.
    /// Throws `UnknownTerminal`, with the screen untouched, when terminfo has no entry for `TERM`.
    public func start() throws {
        guard !started else { return }
        // Before newterm, or curses decides the terminal is ASCII-only and wide characters come out as escapes.
        setlocale(LC_ALL, "")
        charset = Self.localeCharset()
        // The first start opens the screen; after stop() (endwin) curses restores it on the next refresh.
        if !opened {
            guard kw_newterm() != nil else { throw UnknownTerminal(name: getenv("TERM").map { String(cString: $0) }) }
            opened = true
        }
        StopSignals.block()
        fatalSignals = FatalSignals.install()
        started = true
        let win = kw_stdscr()
        raw()  // Ctrl-C and Ctrl-Z arrive as keys; the console decides what they mean.
        noecho()
        nonl()  // lets curses move the cursor down with a bare line feed; Enter then arrives as 13
        keypad(win, true)
        scrollok(win, false)  // writing the bottom-right cell must never scroll the screen
        set_escdelay(Self.escapeDelayMilliseconds)
        // Clicks and the wheel, reported at once: no waiting to tell a click from a press (a click is the press).
        // Selecting text with the mouse then takes Shift, as in every terminal program that uses the mouse.
        mousemask(kw_mouse_events(), nil)
        mouseinterval(0)
        BracketedPasteMode.set(on: true)
        setCursor(shown: false)
        replacement = CursesGlyph.replacement()
        if wantsColor, has_colors() { startColor() }
    }

    /// Gives the terminal back to the shell. Safe to call twice, and called again on deinit.
    public func stop() {
        guard started else { return }
        started = false
        BracketedPasteMode.set(on: false)
        endwin()
        fatalSignals?.restore()
        fatalSignals = nil
        cursorShown = nil  // endwin showed it again; a later start() must hide it anew
        colorOn = false
    }

    public var size: (width: Int, height: Int) {
        guard started else { return (0, 0) }
        var y: Int32 = 0, x: Int32 = 0
        kw_getmaxyx(kw_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    public var stopRequested: Bool { StopSignals.pending }

    public func draw(_ grid: Grid) {
        guard started, let win = kw_stdscr() else { return }
        let screen = size
        let width = min(grid.width, screen.width), height = min(grid.height, screen.height)
        // Everything outside the grid (after a resize the grid may be smaller than the screen) ends up blank; curses
        // compares with what is on screen, so erasing and rewriting sends only the cells that changed.
        werase(win)
        var text = [wchar_t](repeating: 0, count: CursesGlyph.capacity + 1)
        for y in 0..<height {
            row.removeAll(keepingCapacity: true)
            var x = 0
            while x < width {
                let cell = grid[x, y]
                // A cell is two columns wide when the next one continues it; one cut off by the screen edge shows blank.
                let wide = x + 1 < grid.width && grid[x + 1, y].text.isEmpty
                let columns = wide && x + 1 < width ? 2 : 1
                let glyph = wide && columns == 1
                    ? CursesGlyph("", width: 1, replacement: replacement)
                    : CursesGlyph(cell.text, width: columns, replacement: replacement)
                let (attributes, pair) = curses(cell.style)
                append(glyph.scalars, attributes, pair, buffer: &text)
                if glyph.padded { append([CursesGlyph.blank], attributes, pair, buffer: &text) }
                x += columns
            }
            // wadd_wchnstr stores whole cells (each with its own style) without moving the cursor, wrapping or
            // scrolling, so one call per row is both the fastest write and safe in the bottom-right corner.
            mvwadd_wchnstr(win, Int32(y), 0, row, Int32(row.count))
        }
        if let c = grid.cursor, c.x >= 0, c.y >= 0, c.x < width, c.y < height {
            leaveok(win, false)
            wmove(win, Int32(c.y), Int32(c.x))
            setCursor(shown: true)
        } else {
            leaveok(win, true)  // no cursor to place, so curses need not move it back after each update
            setCursor(shown: false)
        }
        wnoutrefresh(win)
        doupdate()
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard started, let win = kw_stdscr() else { return nil }
        wtimeout(win, Int32(clamping: timeoutMilliseconds))
        var value: wint_t = 0
        let result = wget_wch(win, &value)
        if result == KEY_CODE_YES, Int32(bitPattern: value) == KEY_MOUSE { return mouse() }
        if result == KEY_CODE_YES { return CursesKeys.key(code: Int32(bitPattern: value)) }
        guard result == OK else { return nil }
        if value == 27 { return escapeOrSequence(win) }
        return CursesKeys.key(character: value)
    }

    /// The mouse event curses decoded; nil for ones the console has no use for (releases, other buttons).
    private func mouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        return CursesKeys.mouse(kind: kw_mouse_kind(event.bstate), x: Int(event.x), y: Int(event.y))
    }

    /// Ctrl-Z: the terminal goes back to the shell and the process stops until `fg`. On return the next `draw` repaints
    /// every cell, whatever the shell left on the screen meanwhile.
    public func suspend() {
        guard started, let win = kw_stdscr() else { return }
        BracketedPasteMode.set(on: false)
        endwin()  // also turns the mouse reports off; curses turns them back on with the next refresh
        SuspendSignal.stopUntilContinued()
        BracketedPasteMode.set(on: true)
        clearok(win, true)
        cursorShown = nil
    }

    /// After ESC, curses has already waited the escape delay and found no sequence it knows. Input that is already
    /// waiting and starts with "[" or "O" is the rest of a sequence this terminal's terminfo does not describe: either
    /// a common key sent another way (tmux sends Home as ESC [1~ whatever TERM says) or something the console has no
    /// use for (e.g. Ctrl-Up), which is swallowed so it never reaches a text field as "[1;5A". Anything else was typed
    /// after a real Escape and is left for the next read.
    private func escapeOrSequence(_ win: UnsafeMutablePointer<WINDOW>) -> Key? {
        wtimeout(win, 0)
        var next: wint_t = 0
        let result = wget_wch(win, &next)
        if result == ERR { return .escape }
        guard result == OK, next == wint_t(UInt8(ascii: "[")) || next == wint_t(UInt8(ascii: "O")) else {
            // ESC with a printable character already waiting is Alt (Meta) with that key, as terminals send it: one
            // key the console ignores, never an Escape that closes a half-filled form and then types the letter.
            if result == OK, case .char(let c)? = CursesKeys.key(character: UInt32(next)) { return .alt(c) }
            if result == KEY_CODE_YES { ungetch(Int32(bitPattern: next)) } else { unget_wch(wchar_t(bitPattern: next)) }
            return .escape
        }
        let csi = next == wint_t(UInt8(ascii: "["))
        var sequence = String(UnicodeScalar(UInt8(next)))
        wtimeout(win, Self.escapeDelayMilliseconds)
        for _ in 0..<(csi ? Self.longestSequence : 1) {
            guard wget_wch(win, &next) == OK, let scalar = Unicode.Scalar(next) else { break }
            sequence.unicodeScalars.append(scalar)
            if csi, (0x40...0x7E).contains(next) { break }  // a CSI sequence ends with its final byte
        }
        if sequence == BracketedPaste.startSequence { return readPaste(win) }
        return CursesKeys.key(sequence: sequence)
    }

    /// Everything up to the paste's end marker, as one key. Keypad decoding is off meanwhile, so pasted bytes that look
    /// like a key's sequence stay text (and the end marker is seen as the bytes it is). A paste that stops without its
    /// end marker ends after a pause; a huge one is cut (the rest is still read and dropped) rather than run as keys.
    private func readPaste(_ win: UnsafeMutablePointer<WINDOW>) -> Key {
        keypad(win, false)
        defer { keypad(win, true) }
        wtimeout(win, Int32(BracketedPaste.pauseMilliseconds))
        var paste = BracketedPaste()
        var next: wint_t = 0
        while true {
            let result = wget_wch(win, &next)
            if result == ERR { break }
            guard result == OK, let scalar = Unicode.Scalar(next) else { continue }
            if paste.add(scalar) { break }
        }
        return .paste(paste.finish())
    }

    /// Box drawing and symbols need UTF-8; any other encoding (C/POSIX's ASCII, Latin-1) gets the ASCII fallbacks.
    private static func localeCharset() -> Charset {
        guard let name = kw_codeset() else { return .ascii }
        let codeset = String(cString: name).lowercased().filter { $0 != "-" && $0 != "_" }
        return codeset == "utf8" ? .unicode : .ascii
    }

    /// Pair numbers are the roles' raw values; pair 0 (normal) is the terminal's own colours.
    private func startColor() {
        start_color()
        // Default colours keep the user's background (and transparency); terminals without them get white on black.
        let useDefault = use_default_colors() == OK
        let foreground = useDefault ? Int16(-1) : Int16(COLOR_WHITE)
        let background = useDefault ? Int16(-1) : Int16(COLOR_BLACK)
        for role in ColorRole.allCases where role != .normal {
            let color: Int16
            switch role {
            case .accent: color = Int16(COLOR_CYAN)
            case .good: color = Int16(COLOR_GREEN)
            case .warning: color = Int16(COLOR_YELLOW)
            case .danger: color = Int16(COLOR_RED)
            case .normal, .muted: color = foreground
            }
            init_pair(Int16(role.rawValue), color, background)
        }
        colorOn = true
    }

    /// Attributes apply with or without colour, so a monochrome screen still tells styles apart.
    private func curses(_ style: Style) -> (attr_t, Int16) {
        var bits = kw_a_normal()
        if style.attributes.contains(.bold) { bits |= kw_a_bold() }
        if style.attributes.contains(.dim) { bits |= kw_a_dim() }
        if style.attributes.contains(.reverse) { bits |= kw_a_reverse() }
        if style.attributes.contains(.underline) { bits |= kw_a_underline() }
        guard colorOn else { return (bits, 0) }
        if style.color == .muted { bits |= kw_a_dim() }
        return (bits, Int16(style.color.rawValue))
    }

    private func append(_ scalars: [wchar_t], _ attributes: attr_t, _ pair: Int16, buffer: inout [wchar_t]) {
        for i in buffer.indices { buffer[i] = i < scalars.count ? scalars[i] : 0 }
        var cell = cchar_t()
        setcchar(&cell, buffer, attributes, pair, nil)
        row.append(cell)
    }

    /// curs_set sends an escape sequence each time, so only call it when visibility changes.
    private func setCursor(shown: Bool) {
        guard cursorShown != shown else { return }
        curs_set(shown ? 1 : 0)
        cursorShown = shown
    }
}
