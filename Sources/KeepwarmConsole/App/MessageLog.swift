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
        guard status != lastLogged else { return }
        lastLogged = status
        if let s = status { messages.append(LoggedMessage(at: now, text: s.text, isError: s.isError)) }
    }

    /// `M`: every message of this session, newest last, opened on the newest.
    mutating func openMessageLog() {
        var c = ListCursor()
        c.index = max(0, messages.count - 1)
        overlays.append(.messageLog(c))
    }
}
