import KeepwarmCore

/// Which message to show before it is sent: a follow-up due to a client, or a referral's thank-you.
public enum MessageRequest: Sendable, Equatable {
    case followUp(ClientID, TouchpointKind)
    case thankYou(ReferralID)

    /// Who the message would contact someone about, for `Contactable`.
    public var subject: Contactable.Subject {
        switch self {
        case .followUp(let c, _): .client(c)
        case .thankYou(let r): .referral(r)
        }
    }

    /// Why this cannot go to the client (a call is a task for the desk), as `TouchpointKind.audience` says; nil when it may.
    public var refusalToSend: CommandError? {
        switch self {
        case .followUp(let c, let k): k.refusalToSend(client: c.description)
        case .thankYou: nil
        }
    }
}

/// A message as it would be sent, or why it cannot be shown (a template with a mistake in it).
public struct MessagePreview: Sendable, Equatable {
    public var title: String
    public var subject: String
    public var body: String
    public var error: String?
    /// What `s` would send; set by the app only when it was given a sender and the message rendered.
    public var request: MessageRequest?

    public init(title: String, subject: String, body: String, error: String? = nil) {
        self.title = title
        self.subject = subject
        self.body = body
        self.error = error
    }
}

/// Renders a message for the console. The executable passes one in, so the console itself reads no templates and
/// no config.toml.
public typealias MessagePreviewer = @Sendable (MessageRequest, Practice, Instant) -> MessagePreview

/// The preview window: subject, then the body wrapped to the window, or the template's error.
enum MessagePreviewView {
    static func draw(_ g: inout Grid, _ m: MessagePreview) {
        let w = min(g.width - 4, 76)
        var lines: [(String, Style)] = []
        if let e = m.error {
            lines = wrap(e, w - 4).map { ($0, .danger) }
        } else {
            lines = [("Subject: " + m.subject, .bold), ("", .plain)]
            for para in m.body.split(separator: "\n", omittingEmptySubsequences: false) {
                lines += wrap(String(para), w - 4).map { ($0, .plain) }
            }
            while lines.last?.0.isEmpty == true { lines.removeLast() }
        }
        let r = OverlayView.frame(&g, title: m.title, width: w, height: min(g.height - 4, lines.count + 2))
        for (i, (l, style)) in lines.prefix(r.h - 2).enumerated() {
            g.putFitted(l, x: r.x + 2, y: r.y + 1 + i, width: r.w - 4, style: style)
        }
    }

    /// Breaks at spaces so each line fits `width` display cells; a word longer than a line is cut by the grid.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        guard DisplayText.width(text) > width else { return [text] }
        var out: [String] = [], line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if DisplayText.width(candidate) > width && !line.isEmpty {
                out.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { out.append(line) }
        return out
    }
}
