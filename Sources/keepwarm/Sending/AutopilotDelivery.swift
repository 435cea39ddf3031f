import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmMessages

/// How one autopilot message left, or why it did not: what the run records after the command ends.
enum Delivery {
    /// It went (exit 0, or the letter is in the print queue); the provider's id or the letter's file name.
    case sent(provider: String?)
    /// It did not go; `retry` when the command said "try again later" (exit 75).
    case failed(reason: String, retry: Bool)
    /// It may have gone: the command was stopped (its time ran out, or keepwarm was asked to stop: `signal`) or was
    /// killed by a signal keepwarm did not send. Never recorded as either: a person decides.
    case inDoubt(reason: String, signal: Int32?)
}

/// Sends the autopilot's messages through the desk's own paths: email through mail_command (as `keepwarm send`,
/// with a copy in the Maildir), SMS through sms_command, and letters into the letters folder (as `keepwarm letter`).
struct AutopilotDelivery {
    let desk: Desk
    let environment: [String: String]
    let mailArgv: [String]?
    let from: MailAddress?
    let smsArgv: [String]?

    /// The pieces each channel in `channels` needs, or the one line saying what is missing (then nothing is sent).
    init(desk: Desk, environment: [String: String], channels: Set<AutopilotChannel>) throws {
        self.desk = desk
        self.environment = environment
        mailArgv = channels.contains(.email) ? try desk.mailArgv() : nil
        from = channels.contains(.email) ? try desk.fromAddress() : nil
        smsArgv = channels.contains(.sms) ? try desk.smsArgv() : nil
    }

    /// The email's Message-ID left of the `@`: the attempt's key, with the `@` a reminder's key holds written `+`
    /// (a Message-ID may hold one `@` only), so the mail server's copy names the message the log names.
    static func messageIDPart(_ key: String) -> String {
        String(key.map { c -> Character in
            c.isASCII && (c.isLetter || c.isNumber || "-.".contains(c)) ? c : "+"
        })
    }

    /// The message's words for its client from the desk's templates (the SMS template for a text), about the
    /// attempt's own appointment for a reminder, with the opt-out line for its channel and purpose, and signed by the
    /// log (the practitioner, else the practice), never by whoever runs the autopilot.
    func render(_ a: AttemptStart, in p: Practice, now: Instant) throws -> RenderedMessage {
        let kind: MessageKind
        let recipient: ClientID
        if a.step == .referralThankYou, let r = a.referral {
            (kind, recipient) = (.thankYou, p.referrals[r.index].referrer)
        } else if let k = a.step.touchpoint {
            (kind, recipient) = (.touchpoint(k), a.client)
        } else {
            throw CommandError("\(a.step.rawValue) has no message")
        }
        let templates = TemplateSet(directory: desk.config.templatesDirectory.value)
        let context = MessageContext(appointment: a.appointment, channel: a.channel, purpose: a.step.purpose)
        let values = MessageValues.forClient(p, recipient, now: now, sender: "", config: desk.config.file, context: context)
        return try (a.channel == .sms ? templates.smsTemplate(kind) : templates.template(kind)).render(values)
    }

    /// How long the channel's command may run (letters are written here, at once).
    func timeout(_ channel: AutopilotChannel) -> Int {
        switch channel {
        case .email: desk.config.sendTimeoutSeconds
        case .sms: desk.config.smsTimeoutSeconds
        case .letter: 0
        }
    }

    /// Sends one attempted message; never throws: every way it can end is a `Delivery`.
    func deliver(_ a: AttemptStart, in p: Practice, now: Instant) -> Delivery {
        let rendered: RenderedMessage
        do { rendered = try render(a, in: p, now: now) } catch {
            return .failed(reason: "the message could not be written: \(userMessage(error))", retry: false)
        }
        switch a.channel {
        case .email: return email(a, rendered, in: p, now: now)
        case .sms: return sms(a, rendered, now: now)
        case .letter: return letter(a, rendered, in: p, now: now)
        }
    }

    func email(_ a: AttemptStart, _ m: RenderedMessage, in p: Practice, now: Instant) -> Delivery {
        guard let argv = mailArgv, let from else { return .failed(reason: "no mail command is set", retry: false) }
        guard let address = a.to, let to = MailAddress(address, name: MessageValues.clean(p.clients[a.client.index].name)) else {
            return .failed(reason: "\(DisplayText.visible(a.to ?? "no address")) is not one plain address like name@example.org", retry: false)
        }
        let unique = Self.messageIDPart(a.key)
        let bytes = MailMessage(from: from, to: to, subject: m.subject, body: m.body, date: now, uniquePart: unique).bytes
        var env = environment
        env["KEEPWARM_ATTEMPT"] = a.key
        let result: MailPipeResult
        do {
            result = try MailPipe.run(argv, input: bytes, environment: env, timeout: desk.config.sendTimeoutSeconds)
        } catch {
            return .failed(reason: error.description, retry: false)
        }
        let said = result.firstErrorLine.map { ": " + DisplayText.visible($0) } ?? ""
        switch (result.stopped, result.status) {
        case (.timedOut(let s)?, _):
            return .inDoubt(reason: "the mail command did not finish within \(s) s and was stopped; it may or may not have gone", signal: nil)
        case (.signal(let s)?, _):
            return .inDoubt(reason: "asked to stop (\(MailStopped.name(s))) while the mail command ran, so it was stopped; it may or may not have gone", signal: s)
        case (nil, nil):
            return .inDoubt(reason: "the mail command was killed by a signal\(said); it may or may not have gone", signal: nil)
        case (nil, 0?):
            // The copy is a courtesy: the message went whether or not it could be kept.
            if let root = desk.config.maildir.value {
                do {
                    _ = try SentMaildir(root: root, sharing: FileSharing.of(log: desk.path)).keep(bytes, seconds: now.ms / 1000, unique: unique)
                } catch {
                    Stderr.line("warning: \(a.id) was sent, but no copy was kept in the Maildir: \(error)")
                }
            }
            return .sent(provider: nil)
        case (nil, 75?):
            return .failed(reason: "the mail command asked to try again later (exit 75)\(said)", retry: true)
        case (nil, let status?):
            return .failed(reason: "the mail command exited with status \(status)\(said)", retry: false)
        }
    }

    func letter(_ a: AttemptStart, _ m: RenderedMessage, in p: Practice, now: Instant) -> Delivery {
        let day = p.calendar.day(of: now)
        let (y, mo, d) = Civil.date(fromDays: day)
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let text = LetterFile.text(practice: DisplayText.visible(p.settings.name), date: "\(d) \(months[mo - 1]) \(y)",
                                   to: MessageValues.clean(p.clients[a.client.index].name), body: m.body)
        let kind = a.step.touchpoint?.rawValue ?? "thank-you"
        do {
            let path = try LetterFile(directory: desk.lettersDirectory, sharing: FileSharing.of(log: desk.path))
                .write(text, named: LetterFile.name(day: day, client: a.client, kind: kind))
            return .sent(provider: (path as NSString).lastPathComponent)
        } catch {
            return .failed(reason: userMessage(error), retry: false)
        }
    }
}
