import KeepwarmCore

/// How sending a message went, for the status line: `sent` only when it went out and was recorded.
public struct MessageSendOutcome: Sendable, Equatable {
    public var text: String
    public var sent: Bool

    public init(text: String, sent: Bool) {
        self.text = text
        self.sent = sent
    }
}

/// Sends a previewed message and records it (`s` in the preview window). The executable passes one in, so the console
/// itself starts no process and reads no config.toml; it only learns what happened.
public typealias MessageSender = @Sendable (MessageRequest, Instant) -> MessageSendOutcome
