/// A key press as the console understands it, whatever terminal it came from.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    /// Alt (Meta) with a key, which terminals send as ESC then the key. The console gives Alt no meaning: it is ignored
    /// everywhere, and above all it is never an Escape, so it cannot close a form or a list.
    case alt(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// The window changed size.
    case resize
    /// A whole bracketed paste, delivered as one event so nothing in it (a newline, an Escape, a letter) acts as a key.
    /// It only ever goes into the focused text field; anywhere else it is ignored.
    case paste(String)
    /// A click or a turn of the wheel (`MouseEvent`): a click focuses and selects, the wheel scrolls; never typed.
    case mouse(MouseEvent)
}

/// Where the console draws and reads keys: ncurses in real use, an in-memory screen in tests.
public protocol Terminal: AnyObject {
    /// Current size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows the grid on screen.
    func draw(_ grid: Grid)
    /// Waits up to `timeoutMilliseconds` for a key; nil if none came (the loop then checks the log and the clock).
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// True once SIGTERM, SIGHUP or SIGINT asked the console to stop.
    var stopRequested: Bool { get }
    /// What the screen can draw borders and symbols with, known once the terminal has started.
    var charset: Charset { get }
    /// Ctrl-Z: gives the terminal back to the shell and stops the process until `fg`; returns once it runs again, after
    /// which the next `draw` must repaint every cell.
    func suspend()
}

extension Terminal {
    /// A terminal that does not say (a test's) draws in Unicode.
    public var charset: Charset { .unicode }

    /// A terminal that is not a tty (a test's) has no shell to go back to.
    public func suspend() {}
}
