import KeepwarmCore

/// The store could not be read (a database whose connection dropped: "reconnecting…"). The trouble is kept apart from
/// the status line and shown in the title bar until a read succeeds again, so it never covers what the receptionist
/// must see: an action refused meanwhile ("not recorded … nothing was written") stays on the status line until the
/// next key.
extension ConsoleModel {
    /// A read of the store failed: what to say.
    mutating func storeUnreachable(_ text: String) {
        storeTrouble = text
        // An error already on the status line (a refused action) is not covered: the title bar says "reconnecting…".
        if let s = status, s.isError, s.text != text { return }
        status = StatusLine(text: text, isError: true)
    }

    /// A read of the store worked again: the trouble is gone from the title bar, and from the status line if it is
    /// what that line still says.
    mutating func storeReadAgain() {
        if let t = storeTrouble, status?.text == t { status = nil }
        storeTrouble = nil
    }
}

/// The title bar's mark while the store cannot be read, left of the day, time and user.
enum StoreTroubleView {
    /// The mark's words: short enough for an 80-column title bar beside the practice's name.
    static func mark(_ trouble: String) -> String {
        trouble.hasSuffix("reconnecting…") ? " ⚠ reconnecting… " : " ⚠ not up to date "
    }

    static func draw(_ g: inout Grid, _ m: ConsoleModel, _ p: Practice, _ now: Instant) {
        guard let trouble = m.storeTrouble else { return }
        // Just left of the title bar's right-hand part.
        let right = ConsoleView.titleRight(p, now, user: m.user)
        let rw = DisplayText.width(DisplayText.visible(right))
        let text = mark(trouble), w = DisplayText.width(text)
        g.put(text, x: max(0, g.width - rw - w - 1), y: 0, style: Style([.reverse, .bold], .danger))
    }
}
