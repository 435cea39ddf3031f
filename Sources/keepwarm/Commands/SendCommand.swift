import ArgumentParser
import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmMessages

/// `keepwarm send`: email a follow-up or a thank-you through the mail command, and record it only once it has gone.
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Email a client their message (--kind) or a referral's thank-you (--referral) through mail_command.",
        discussion: """
            The message is the one keepwarm preview shows. It is piped to mail_command from config.toml (e.g.
            msmtp -t); only when that exits 0 is the touchpoint (or the thank-you) recorded via email, and a copy
            kept in the Maildir's sent folder. Setup: Docs/messages.md, "Sending".
            Example:
              keepwarm send c1 --kind rebook-prompt
              keepwarm send --referral r1
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The client: an id like c12, or their exact name.", valueName: "client")) var client: String?
    @Option(help: ArgumentHelp("The message: \(TouchpointKind.choices).", valueName: "kind")) var kind: TouchpointKind?
    @Option(help: ArgumentHelp("The referral whose referrer to thank, e.g. r3.", valueName: "referral")) var referral: String?
    @Flag(help: "Send it even though the autopilot sent the same message in the last 7 days.") var again = false

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let request = try MessageRequest.chosen(client: client, kind: kind, referral: referral, in: try desk.open().practice,
                                                    usage: ("send", "rebook-prompt"), sending: true)
            let sent: SentEmail
            do {
                sent = try desk.sendEmail(request, environment: ProcessInfo.processInfo.environment, again: again)
            } catch let stopped as MailStopped {
                Stderr.line(stopped.description)
                if case .signal(let s) = stopped.how { SendCommand.end(by: s) }
                throw ExitCode(1)
            }
            switch request {
            case .followUp(let c, let k): try Stdout.answer("\(c): \(k.rawValue) sent by email to \(DisplayText.visible(sent.to.address)) and recorded")
            case .thankYou(let r): try Stdout.answer("\(r): thank-you sent by email to \(DisplayText.visible(sent.to.address)) and recorded")
            }
            if let path = sent.keptAt { Stdout.line("copy kept in \(path)") }
            if let problem = sent.keepProblem { Stderr.line("warning: sent and recorded, but no copy was kept: \(problem)") }
        }
    }

    /// Ends keepwarm by the signal that asked it to stop (once the mail command is stopped and that is said), so the
    /// shell sees the usual status (130 for Ctrl-C, 143 for SIGTERM).
    static func end(by signal: Int32) -> Never {
        Glibc.signal(signal, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(signal)
        Glibc.exit(128 + signal)
    }
}
