import KeepwarmCore

/// One status-line message, kept whole for the message log (`M`), with when it was shown.
public struct LoggedMessage: Sendable, Equatable {
    public var at: Instant
    public var text: String
    public var isError: Bool
}

extension ConsoleModel {
    /// Keeps the status line's message in the session's log when it is new (called after every key and before
    /// every frame, so a message shown for a moment, such as "waiting for another desk", is kept once).
    public mutating func logStatus(at now: Instant) {
        logFormError(at: now)
        guard status != lastLogged else { return }
        lastLogged = status
        if let s = status { messages.append(LoggedMessage(at: now, text: s.text, isError: s.isError)) }
    }

    /// A form's error line is shortened to fit the form, so the whole text goes into the log too, once each time it
    /// appears (an edit clears it; the same mistake made again is logged again).
    mutating func logFormError(at now: Instant) {
        // The innermost form, even under a question asked over it (closing the question shows the same error again).
        var error: String?
        for o in overlays.reversed() { if case .form(_, let f) = o { error = f.error; break } }
        guard error != lastFormError else { return }
        lastFormError = error
        if let error { messages.append(LoggedMessage(at: now, text: error, isError: true)) }
    }

    /// `M`: every message of this session, newest last, opened on the newest.
    mutating func openMessageLog() {
        var c = ListCursor()
        c.index = max(0, messages.count - 1)
        overlays.append(.messageLog(c))
    }
}
