import CNcurses
import Glibc

/// The wide characters curses stores for one grid cell, chosen so curses (which measures with the C library's
/// `wcwidth`) advances exactly as many columns as the grid gave the cell. If the two ever disagreed, curses would
/// place every later cell on the row one column off, and with it the cursor movements it sends to the terminal.
struct CursesGlyph {
    /// At most CCHARW_MAX scalars: a spacing character, then the combining marks curses keeps in the same cell.
    var scalars: [wchar_t]
    /// True when the grid gave two columns to something curses counts as one, so a blank fills the second.
    var padded: Bool

    /// How many scalars a curses cell holds (CCHARW_MAX).
    static let capacity = 5
    static let blank = wchar_t(0x20)
    private static let zeroWidthJoiner: UInt32 = 0x200D
    private static let emojiPresentation: UInt32 = 0xFE0F

    /// Stands in for anything curses cannot show in the grid's columns: U+FFFD when the locale is UTF-8, else "?".
    static func replacement() -> wchar_t {
        wcwidth(0xFFFD) == 1 ? 0xFFFD : wchar_t(UInt8(ascii: "?"))
    }

    /// The glyph for a cell holding `text` across `width` (1 or 2) grid columns.
    init(_ text: String, width: Int, replacement: wchar_t) {
        padded = false
        let units = text.unicodeScalars
        guard let first = units.first else {
            scalars = [Self.blank]
            padded = width == 2
            return
        }
        if first.value >= 0x20, first.value < 0x7F, units.index(after: units.startIndex) == units.endIndex {
            scalars = [wchar_t(first.value)]
            padded = width == 2
            return
        }
        let columns = wcwidth(wchar_t(bitPattern: first.value))
        // Control characters (-1), stray marks (0) and wide characters squeezed into one column cannot be shown
        // faithfully; wadd_wchnstr would send a control character to the terminal raw, so it never gets one.
        guard columns >= 1, columns <= width else {
            scalars = [replacement]
            padded = width == 2
            return
        }
        padded = Int(columns) < width
        scalars = [wchar_t(bitPattern: first.value)]
        for u in units.dropFirst() {
            if scalars.count == Self.capacity || u.value == Self.zeroWidthJoiner { break }
            // A two-column grid cell whose base curses counts as one lost its emoji presentation: show the text form
            // (plus a blank) rather than ask the terminal for a width curses does not expect.
            if u.value == Self.emojiPresentation, padded { continue }
            let w = wcwidth(wchar_t(bitPattern: u.value))
            if w != 0 { break }  // a second spacing character (e.g. a skin tone): curses cannot hold it in this cell
            if Self.isCombining(u) { scalars.append(wchar_t(bitPattern: u.value)) }
        }
    }

    /// Marks and variation selectors belong in the cell; other zero-width scalars (bidi and tag controls) are dropped.
    private static func isCombining(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return true
        default: break
        }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
