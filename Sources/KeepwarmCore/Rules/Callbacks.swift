/// A call or message still waiting for a reply.
public struct CallbackRow: Equatable, Sendable {
    public let callback: Callback
    public let overdue: Bool
}

/// Callbacks owed, soonest promise first.
public enum CallbacksOwed {
    public static func rows(_ p: Practice, now: Instant) -> [CallbackRow] {
        p.openCallbacks.map { p.callbacks[$0.index] }
            .sorted { ($0.promisedBy, $0.id) < ($1.promisedBy, $1.id) }
            .map { CallbackRow(callback: $0, overdue: now > $0.promisedBy) }
    }
}
