/// The text of one bracketed paste (`ESC [200~ … ESC [201~`), gathered character by character as the terminal delivers
/// it, so the whole paste reaches the console as one `Key.paste` and none of it (a newline, an ESC) can act as a key.
///
/// The reader feeds every character after the start marker to `add`; the end marker may be split across reads, so a
/// possible start of it is held back until it either completes or turns out to be text. If the end marker never comes
/// (a terminal that died mid-paste, a hostile program), the reader stops after a pause and calls `finish`, and what
/// came is text; past `limit` characters the rest is dropped (still watching for the end marker), never typed as keys.
public struct BracketedPaste: Sendable {
    /// What the terminal sends, after ESC, before a paste when bracketed paste is on.
    public static let startSequence = "[200~"
    /// What ends a paste.
    public static let endMarker: [Unicode.Scalar] = Array("\u{1B}[201~".unicodeScalars)
    /// Characters kept from one paste: far more than a field takes (`TextField.maxLength`), so the field can say what
    /// it cut, but a bound on memory however much arrives.
    public static let limit = 64 * 1024
    /// How long the reader waits for the next character of a paste before it takes what came as the whole paste.
    public static let pauseMilliseconds = 500

    private var scalars: String.UnicodeScalarView = String.UnicodeScalarView()
    private var count = 0
    /// How much of the end marker the last characters matched.
    private var matched = 0
    /// True once characters were dropped because the paste passed `limit`.
    public private(set) var truncated = false
    /// True once the end marker arrived.
    public private(set) var isComplete = false

    public init() {}

    /// Takes the next character; true once the end marker has arrived (nothing more belongs to the paste).
    @discardableResult
    public mutating func add(_ scalar: Unicode.Scalar) -> Bool {
        guard !isComplete else { return true }
        if scalar == Self.endMarker[matched] {
            matched += 1
            if matched == Self.endMarker.count {
                matched = 0
                isComplete = true
            }
            return isComplete
        }
        // Not the marker after all: what was held back is text, and this character may start the marker again.
        flushHeld()
        if scalar == Self.endMarker[0] {
            matched = 1
        } else {
            keep(scalar)
        }
        return false
    }

    /// The paste's text: everything that came, with a held-back partial end marker counted as text (the marker never
    /// completed, so it was not one). Control characters are still in it; the field that takes the paste cleans it.
    public mutating func finish() -> String {
        flushHeld()
        return String(scalars)
    }

    private mutating func flushHeld() {
        for s in Self.endMarker.prefix(matched) { keep(s) }
        matched = 0
    }

    private mutating func keep(_ scalar: Unicode.Scalar) {
        guard count < Self.limit else {
            truncated = true
            return
        }
        scalars.append(scalar)
        count += 1
    }
}
