import CNcurses
import KeepwarmConsole

/// Translates what `wget_wch` returns into the console's `Key`, so no curses constant leaks past this target.
enum CursesKeys {
    /// The highest function key curses numbers (KEY_F(0)…KEY_F(63)).
    private static let maxFunctionKey: Int32 = 63

    /// A decoded special key (wget_wch returned KEY_CODE_YES); nil for keys the console has no use for (mouse, Ctrl-arrows…).
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        case kw_key_f(1)...kw_key_f(maxFunctionKey): return .function(Int(code - kw_key_f(0)))
        default: return nil
        }
    }

    /// A mouse event as `kw_mouse_kind` names it (1 the left button, 4 and 5 the wheel) at a cell; nil for the rest.
    static func mouse(kind: Int32, x: Int, y: Int) -> Key? {
        guard x >= 0, y >= 0 else { return nil }
        switch kind {
        case 1: return .mouse(MouseEvent(.click, x: x, y: y))
        case 4: return .mouse(MouseEvent(.wheelUp, x: x, y: y))
        case 5: return .mouse(MouseEvent(.wheelDown, x: x, y: y))
        default: return nil
        }
    }

    /// Sequences (after ESC) that terminals and multiplexers send for common keys when the terminfo entry names
    /// another one; curses only decodes the terminfo spelling.
    private static let sequences: [String: Key] = [
        "[A": .up, "[B": .down, "[C": .right, "[D": .left, "OA": .up, "OB": .down, "OC": .right, "OD": .left,
        "[H": .home, "[F": .end, "OH": .home, "OF": .end, "[1~": .home, "[7~": .home, "[4~": .end, "[8~": .end,
        "[3~": .delete, "[5~": .pageUp, "[6~": .pageDown, "[Z": .backTab,
        "OP": .function(1), "OQ": .function(2), "OR": .function(3), "OS": .function(4),
    ]

    /// An escape sequence curses did not decode, without its ESC; nil for the ones the console has no use for.
    static func key(sequence: String) -> Key? { sequences[sequence] }

    /// A plain character (wget_wch returned OK). Control characters the console has no name for come back nil so they
    /// can never be typed into a field and later echoed to a terminal.
    static func key(character value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0..<32, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
