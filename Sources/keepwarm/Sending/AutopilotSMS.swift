import Foundation
import KeepwarmCore
import KeepwarmMessages

extension Desk {
    /// The configured SMS command as words, or why there is none.
    func smsArgv() throws -> [String] {
        throw CommandError("no sms_command is set; SMS arrives with the SMS work (Docs/messages.md)")
    }
}

extension AutopilotDelivery {
    /// Texts one attempted message through sms_command.
    func sms(_ a: AttemptStart, _ m: RenderedMessage, now: Instant) -> Delivery {
        .failed(reason: "no sms_command is set", retry: false)
    }

    /// How the plan checks a phone can be texted.
    static func reach() -> Reach { Reach() }
}
