import Foundation
import KeepwarmCore
import KeepwarmMessages

extension Desk {
    /// The configured SMS command as words, or why there is none.
    func smsArgv() throws -> [String] {
        guard let text = config.smsCommand.value else {
            throw CommandError("no SMS command is set; add sms_command = \"/path/to/script\" to \(config.configPath), or take sms out of the autopilot's channels (Docs/messages.md)")
        }
        guard let argv = CommandWords.split(text), !argv.isEmpty else {
            throw CommandError("sms_command in \(config.configPath) has a quote that is never closed; fix it")
        }
        return argv
    }
}

extension AutopilotDelivery {
    /// Texts one attempted message through sms_command: the number (E.164, normalised with the practice's country
    /// when the plan chose it) and the attempt's key in its environment, a provider id from its standard output.
    func sms(_ a: AttemptStart, _ m: RenderedMessage, now: Instant) -> Delivery {
        guard let argv = smsArgv, let to = a.to else { return .failed(reason: "no sms_command is set", retry: false) }
        let result: SMSResult
        do {
            result = try SMSPipe.run(argv, text: m.body, to: to, attemptKey: a.key, environment: environment,
                                     timeout: desk.config.smsTimeoutSeconds)
        } catch {
            return .failed(reason: error.description, retry: false)
        }
        switch result {
        case .sent(let id): return .sent(provider: id)
        case .tryAgainLater: return .failed(reason: result.description, retry: true)
        case .failed: return .failed(reason: result.description, retry: false)
        case .stopped(.signal(let s), _): return .inDoubt(reason: result.description, signal: s)
        case .stopped, .killed: return .inDoubt(reason: result.description, signal: nil)
        }
    }

    /// How the plan checks a phone can be texted: PhoneNumber.e164 with the practice's country.
    static func reach() -> Reach {
        Reach(sms: { phone, country in
            do throws(PhoneNumberError) { return .success(try PhoneNumber.e164(phone, country: country)) } catch {
                return .failure(ChannelProblem(error.description))
            }
        })
    }
}
