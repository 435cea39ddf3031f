import Foundation
import KeepwarmCore

/// How an SMS command ended, read by the exit-status contract (Docs/messages.md, "Text messages (SMS)").
public enum SMSResult: Equatable, Sendable, CustomStringConvertible {
    /// Exit 0: the gateway took the message. `providerID` is the first non-empty line the command printed, if any.
    case sent(providerID: String?)
    /// Exit 75 (EX_TEMPFAIL): nothing went; the command asks to be run again later.
    case tryAgainLater(reason: String?)
    /// Any other exit status: nothing went. `reason` is the command's first line on standard error.
    case failed(status: Int32, reason: String?)
    /// Keepwarm stopped the command (its time was up, or keepwarm was asked to stop): the message may have gone.
    case stopped(MailPipeStop, reason: String?)
    /// The command was ended by a signal keepwarm did not send: the message may have gone.
    case killed(signal: Int32, reason: String?)

    /// Whether the message may have reached the gateway though it was not confirmed: a person must decide.
    public var inDoubt: Bool {
        switch self {
        case .stopped, .killed: true
        case .sent, .tryAgainLater, .failed: false
        }
    }

    /// One line for the desk saying what happened (the command's own words made visible).
    public var description: String {
        func because(_ r: String?) -> String { r.map { ": " + $0 } ?? "" }
        switch self {
        case .sent(let id?): return "sent (the gateway's id is \(id))"
        case .sent(nil): return "sent"
        case .tryAgainLater(let r): return "not sent, the SMS command asks to try again later (exit 75)\(because(r))"
        case .failed(let s, let r): return "not sent, the SMS command failed with exit status \(s)\(because(r))"
        case .stopped(.timedOut(let s), let r):
            return "the SMS command was stopped after \(s) seconds; the text may or may not have gone\(because(r))"
        case .stopped(.signal(let s), let r):
            return "the SMS command was stopped because keepwarm was asked to stop (signal \(s)); the text may or may not have gone\(because(r))"
        case .killed(let s, let r): return "the SMS command was ended by signal \(s); the text may or may not have gone\(because(r))"
        }
    }
}

/// Runs `sms_command` the way `MailPipe` runs the mail command (the same spawn, session, timeout and kill of the
/// whole process group on timeout or SIGINT/SIGTERM/SIGHUP): argv directly with no shell, the text on standard input,
/// and in the environment `KEEPWARM_SMS_TO` (the number, E.164) and `KEEPWARM_ATTEMPT` (the attempt's key, so a
/// gateway that takes an idempotency key can refuse a second send of the same attempt), with `KEEPWARM_SMS_ALPHABET`
/// (`GSM-7` or `UCS-2`) and `KEEPWARM_SMS_SEGMENTS` from `SMSText`, so a script need not count them itself.
public enum SMSPipe {
    /// EX_TEMPFAIL from sysexits.h: "try again later".
    public static let tryAgainLaterStatus: Int32 = 75
    /// The longest provider id kept, in characters.
    public static let providerIDLimit = 200

    /// Sends `text` to `to` (E.164, e.g. `+447700900123`, from `PhoneNumber.e164`) through `argv`. `environment` is
    /// the command's whole environment apart from the two variables set here. Throws when the command cannot be
    /// started, or `to` is not E.164; nothing went then.
    public static func run(_ argv: [String], text: String, to: String, attemptKey: String, environment: [String: String],
                           timeout: Int = 60) throws(MailPipeError) -> SMSResult {
        guard to.hasPrefix("+"), (8...16).contains(to.count), to.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw MailPipeError(description: "\(DisplayText.visible(to)) is not a number in E.164 (+ and the country code, e.g. +447700900123)")
        }
        guard !attemptKey.isEmpty, !attemptKey.contains("\0") else {
            throw MailPipeError(description: "the attempt key for the SMS command is empty or holds a NUL")
        }
        var env = environment
        env["KEEPWARM_SMS_TO"] = to
        env["KEEPWARM_ATTEMPT"] = attemptKey
        let counted = SMSText(text)
        env["KEEPWARM_SMS_ALPHABET"] = counted.characterSet.description
        env["KEEPWARM_SMS_SEGMENTS"] = "\(counted.segments)"
        let (result, output, signal) = try MailPipe.spawn(argv, input: Array(text.utf8), environment: env, timeout: timeout,
                                                  naming: "SMS command", keepingOutput: true)
        let reason = result.firstErrorLine.map(visible)
        if let stop = result.stopped { return .stopped(stop, reason: reason) }
        guard let status = result.status else {
            return .killed(signal: signal ?? 0, reason: reason)
        }
        switch status {
        case 0: return .sent(providerID: providerID(output))
        case tryAgainLaterStatus: return .tryAgainLater(reason: reason)
        default: return .failed(status: status, reason: reason)
        }
    }

    /// The first non-empty line of standard output, trimmed, made visible and cut to `providerIDLimit` characters.
    static func providerID(_ output: [UInt8]) -> String? {
        let line = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        return line.map { String(visible($0).prefix(providerIDLimit)) }
    }

    private static func visible(_ s: String) -> String { DisplayText.visible(s) }
}
