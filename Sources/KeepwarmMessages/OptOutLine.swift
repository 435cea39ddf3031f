import Foundation
import KeepwarmCore

/// The line every marketing message ends with, telling the client how to stop them (Docs/messages.md, "The opt-out
/// line"). Worked out here rather than in each template so no edited template can word it wrongly for its channel.
public enum OptOutLine {
    /// Empty for a service message (a reminder is not marketing and carries no opt-out); one line per channel otherwise.
    public static func text(channel: AutopilotChannel, purpose: MessagePurpose, bookingPhone: String?) -> String {
        guard purpose == .marketing else { return "" }
        switch channel {
        case .email:
            let phone = bookingPhone.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            return "If you would rather not hear from us like this, reply STOP or let us know" + (phone.map { " on \($0)" } ?? "") + "."
        case .sms:
            return "Reply STOP to opt out"
        case .letter:
            return "If you would rather we did not write, let us know and we will stop."
        }
    }
}
