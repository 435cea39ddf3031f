import KeepwarmCore

/// What a message is for: one of the retention touchpoints, or the thank-you for a referral.
public enum MessageKind: Hashable, Sendable, CaseIterable {
    case touchpoint(TouchpointKind)
    case thankYou

    public static var allCases: [MessageKind] { TouchpointKind.allCases.map { .touchpoint($0) } + [.thankYou] }

    /// The word used on the command line and in the template's file name.
    public var name: String {
        switch self {
        case .touchpoint(let k): k.rawValue
        case .thankYou: "thank-you"
        }
    }

    public var fileName: String { name + ".mustache" }

    /// The SMS template's file name, e.g. `reminder.sms.mustache`.
    public var smsFileName: String { name + ".sms.mustache" }

    /// Whether it can go by SMS: every message to a client can; a call is the desk's task and has no text to send.
    public var hasSMS: Bool {
        if case .touchpoint(let k) = self { return k.audience == .client }
        return true
    }

    public init?(name: String) {
        if name == "thank-you" { self = .thankYou } else if let k = TouchpointKind(rawValue: name) { self = .touchpoint(k) } else { return nil }
    }

    /// `a, b or c`, for error messages.
    public static var choices: String { TouchpointKind.choices.replacingOccurrences(of: " or ", with: ", ") + " or thank-you" }
}
