import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmMessages

/// What happened to one email that went out: it was sent and recorded; the Maildir copy may have failed.
struct SentEmail {
    let to: MailAddress
    let event: Event
    let keptAt: String?
    let keepProblem: String?
}

extension Desk {
    /// Sends one message through the configured mail command and, only when the command exits 0, records it
    /// (a touchpoint or the thank-you, via email) and keeps a copy in the Maildir's sent folder. Every check that can
    /// refuse — the settings, the client's consent and address, the template, the log's state, the command itself
    /// against the fresh practice — runs before anything is sent, so a refusal sends and writes nothing.
    func sendEmail(_ request: MessageRequest, environment: [String: String], at clock: Instant? = nil, again: Bool = false) throws -> SentEmail {
        // A call script is for the desk: refused before the config, the log or the mail command is looked at.
        if let refusal = request.refusalToSend { throw refusal }
        let argv = try mailArgv()
        let from = try fromAddress()
        let log = try open()
        if let first = log.damage.first { throw LogError.damaged(first, more: log.damage.count - 1) }
        let now = try clock ?? self.now(log.practice.calendar)
        let command: Command = switch request {
        case .followUp(let c, let k): .touch(client: c.description, kind: k, via: .email, note: nil)
        case .thankYou(let r): .thank(r.description, via: .email, note: nil)
        }
        // Everything is checked holding the log's lock, taken as the write after sending will take it (says who holds
        // it, gives up at `--wait`), then let go: a desk kept waiting refuses here, before any email leaves, rather
        // than after it went, when it could no longer be recorded.
        let (to, rendered) = try log.checkAsWriter { p in
            // Under the lock, so a run's attempt written a moment ago is seen: the same message never goes twice.
            try request.refuseIfAutopilotHasIt(in: p, now: now, again: again)
            let to = try EmailRecipient.address(p, request.recipient(in: p))
            let rendered = try render(request, in: p, now: now)
            _ = try command.event(in: p, now: now)
            return (to, rendered)
        }

        let unique = UUID().uuidString.lowercased()
        let message = MailMessage(from: from, to: to, subject: rendered.subject, body: rendered.body, date: now, uniquePart: unique)
        let bytes = message.bytes
        let result = try MailPipe.run(argv, input: bytes, environment: environment, timeout: config.sendTimeoutSeconds)
        if let stopped = result.stopped { throw MailStopped(how: stopped, to: to.address) }
        guard result.succeeded else {
            let how = result.status.map { "exited with status \($0)" } ?? "was killed by a signal"
            let said = result.firstErrorLine.map { ": \($0)" } ?? ""
            throw CommandError("the mail command (\(argv.joined(separator: " "))) \(how)\(said); nothing was sent or recorded; fix it and send again")
        }
        let event: Event
        do {
            event = try log.append(by: user, at: now) { p in try command.event(in: p, now: now) }
        } catch {
            let again = switch request {
            case .followUp(let c, let k): "keepwarm touch \(c) --kind \(k.rawValue) --via email"
            case .thankYou(let r): "keepwarm thank \(r) --via email"
            }
            throw CommandError("the email to \(to.address) was sent but could not be recorded (\(userMessage(error))); record it with \(again)")
        }
        do {
            let path = try SentMaildir(root: config.maildir.value!, sharing: log.fileSharing).keep(bytes, seconds: now.ms / 1000, unique: unique)
            return SentEmail(to: to, event: event, keptAt: path, keepProblem: nil)
        } catch {
            return SentEmail(to: to, event: event, keptAt: nil, keepProblem: "\(error)")
        }
    }

    /// The console's `s` in the message preview: the same sending as `keepwarm send`, its outcome for the status line.
    func mailSender(environment: [String: String]) -> MessageSender {
        let desk = self
        return { request, now in
            do {
                let sent = try desk.sendEmail(request, environment: environment, at: now)
                let kept = sent.keepProblem.map { "; no copy was kept: \($0)" } ?? ""
                return MessageSendOutcome(text: "Sent by email to \(sent.to.address) and recorded\(kept)", sent: true)
            } catch let stopped as MailStopped {
                // The console holds its stop signals to read them between keys; hand the one taken back, so it closes.
                if case .signal(let s) = stopped.how { kill(getpid(), s) }
                return MessageSendOutcome(text: "Not recorded: " + stopped.description, sent: false)
            } catch {
                return MessageSendOutcome(text: "Not sent: " + userMessage(error), sent: false)
            }
        }
    }

    /// The configured mail command as words, or why there is none.
    func mailArgv() throws -> [String] {
        guard let text = config.mailCommand.value else {
            throw CommandError("no mail command is set; add mail_command = \"msmtp -t\" (or \"sendmail -t\") to \(config.configPath) (Docs/messages.md, Sending)")
        }
        guard let argv = CommandWords.split(text), !argv.isEmpty else {
            throw CommandError("mail_command in \(config.configPath) has a quote that is never closed; fix it, e.g. mail_command = \"msmtp -t\"")
        }
        return argv
    }

    /// `from` in config.toml: `desk@example.org` or `Riverside Therapy <desk@example.org>`.
    func fromAddress() throws -> MailAddress {
        guard let text = config.from.value else {
            throw CommandError("no From address is set; add from = \"Your Practice <desk@example.org>\" to \(config.configPath) (Docs/messages.md, Sending)")
        }
        var name = "", address = text
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        }
        guard let a = MailAddress(address, name: name) else {
            throw CommandError("from in \(config.configPath) is not an address like desk@example.org or \"Riverside Therapy <desk@example.org>\"; fix it")
        }
        return a
    }
}

/// The mail command was stopped before it finished: its time ran out, or keepwarm was asked to stop. Nothing was
/// recorded, but the mail server may already have the message, so the person is told to look before sending again.
struct MailStopped: Error, CustomStringConvertible {
    let how: MailPipeStop
    let to: String

    var description: String {
        let what = switch how {
        case .timedOut(let seconds): "the mail command did not finish within \(seconds) s and was stopped"
        case .signal(let s): "asked to stop (\(MailStopped.name(s))) while the mail command was running, so it was stopped too"
        }
        return "\(what); nothing was recorded; the email to \(to) may or may not have been sent: check the practice's sent mail (or ask the client) before sending again"
    }

    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "Ctrl-C"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }
}
