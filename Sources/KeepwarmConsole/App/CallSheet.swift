import KeepwarmCore

/// `m` on a follow-up call: a task for the desk, never a message. Who to ring and their number, the script (for
/// staff only), and the keys for how it went: answered and voicemail record the call, no answer records nothing.
public struct CallSheet: Sendable, Equatable {
    public var client: ClientID
    public var kind: TouchpointKind
    public var name: String
    public var phone: String?
    /// The call script from the templates, or nil when it could not be rendered (`problem` says why).
    public var script: String?
    public var problem: String?

    /// The sheet for `client`, with the script the previewer rendered (or the reason it could not).
    public init(client: ClientID, kind: TouchpointKind, in p: Practice, rendered: MessagePreview?) {
        self.client = client
        self.kind = kind
        name = p.clients[client.index].name
        phone = p.clients[client.index].phone
        if let rendered, rendered.error == nil {
            script = rendered.body
        } else {
            problem = rendered?.error ?? "the call script is not available here"
        }
    }

    /// The outcome each key records; the key bar and the window's last line say the same.
    static let keys: [(key: Character, outcome: CallOutcome, label: String)] = [
        ("a", .answered, "answered"), ("v", .voicemail, "left voicemail"), ("n", .noAnswer, "no answer"),
    ]

    /// What pressing `key` on the sheet does: record the call, say nothing was recorded, or nothing (nil: not a sheet key).
    func outcome(for key: Key) -> CallOutcome? {
        guard case .char(let c) = key else { return nil }
        return CallSheet.keys.first { $0.key == c }?.outcome
    }

    /// The status line after no answer: nothing was written and the call is still due.
    var noAnswerStatus: String { "No answer from \(name): nothing recorded; the call stays due" }
}

/// The call sheet's window: phone number first, then the script, then the outcome keys.
enum CallSheetView {
    static func draw(_ g: inout Grid, _ s: CallSheet) {
        let w = min(g.width - 4, 76)
        var lines: [(String, Style)] = [("Phone: " + (s.phone ?? "no number on file: add one on the client card (e)"), s.phone == nil ? .danger : .bold), ("", .plain)]
        if let script = s.script {
            lines.append(("Script (for the desk; never sent):", .muted))
            for para in script.split(separator: "\n", omittingEmptySubsequences: false) {
                lines += MessagePreviewView.wrap(String(para), w - 4).map { ($0, .plain) }
            }
            while lines.last?.0.isEmpty == true { lines.removeLast() }
        } else if let problem = s.problem {
            lines += MessagePreviewView.wrap(problem, w - 4).map { ($0, .danger) }
        }
        let keys = CallSheet.keys.map { "\($0.key) \($0.label)" }.joined(separator: "   ") + "   Esc close"
        let r = OverlayView.frame(&g, title: "Call \(s.name) – \(s.kind.rawValue)", width: w, height: min(g.height - 4, lines.count + 4))
        for (i, (l, style)) in lines.prefix(r.h - 4).enumerated() {
            g.putFitted(l, x: r.x + 2, y: r.y + 1 + i, width: r.w - 4, style: style)
        }
        // The outcome keys stay on the last line, however long the script.
        g.putFitted(keys, x: r.x + 2, y: r.y + r.h - 2, width: r.w - 4, style: .bold)
    }
}
