import ArgumentParser
import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmMessages

/// `keepwarm templates`: which template each message uses, and `--write` to copy the defaults out for editing.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the message templates in use; --write copies the defaults into the templates directory to edit.",
        discussion: """
            A file named KIND.mustache in the templates directory (templates_dir in config.toml) replaces the default
            email (and letter); KIND.sms.mustache replaces the default SMS. --write never overwrites a file that is
            already there. Variables and defaults: Docs/messages.md.
            Example:
              keepwarm templates
              keepwarm templates --write
              keepwarm templates --variables
            """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Write each default template (email and SMS) that is missing into the templates directory.") var write = false
    @Flag(help: "List the variables a template may use.") var variables = false

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let set = TemplateSet(directory: desk.config.templatesDirectory.value)
            if variables {
                var table = Table(["VARIABLE", "HOLDS"], TemplateVariable.allCases.map { ["{{\($0.rawValue)}}", $0.meaning] })
                table.maxColumnWidth = 500
                table.print()
                return
            }
            if write {
                let written = try set.writeDefaults()
                for p in written { Stdout.line("wrote \(p)") }
                Stdout.line("\(written.count) written, \(set.defaultFiles.count - written.count) already there and left alone, in \(set.directory!)")
                return
            }
            var rows: [[String]] = []
            var broken: [String] = []
            for kind in MessageKind.allCases {
                rows.append([kind.name, set.source(kind), set.smsSource(kind)])
                do { _ = try set.template(kind) } catch { broken.append("\(error)") }
                if kind.hasSMS { do { _ = try set.smsTemplate(kind) } catch { broken.append("\(error)") } }
            }
            var table = Table(["KIND", "IN USE", "SMS"], rows)
            table.maxColumnWidth = 500
            table.print()
            for b in broken { Stderr.line(b) }
            if !broken.isEmpty { throw ExitCode(1) }
        }
    }
}

/// `keepwarm preview`: one message rendered for one client from the log, as it would be sent.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show a message for a client (--kind) or a referral's thank-you (--referral), as it would be sent.",
        discussion: """
            Example:
              keepwarm preview c1 --kind rebook-prompt
              keepwarm preview --referral r1
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The client: an id like c12, or their exact name.", valueName: "client")) var client: String?
    @Option(help: ArgumentHelp("The message: \(TouchpointKind.choices).", valueName: "kind")) var kind: TouchpointKind?
    @Option(help: ArgumentHelp("The referral to thank its referrer for, e.g. r3.", valueName: "referral")) var referral: String?

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let log = try desk.openLog()
            let p = log.practice
            let now = try desk.now(p.calendar)
            let request = try MessageRequest.chosen(client: client, kind: kind, referral: referral, in: p,
                                                    usage: ("preview", "rebook-prompt"), sending: false)
            let message = try desk.render(request, in: p, now: now)
            if case .followUp(let c, let k) = request, k.audience == .desk {
                // A call script is for staff: labelled as one, with the number to ring, never headed like an email.
                let client = p.clients[c.index]
                Stdout.line("Call script (for the desk; never sent to the client): \(k.rawValue) for \(DisplayText.visible(client.name)) (\(c))")
                Stdout.line("Phone: " + DisplayText.visible(client.phone ?? "none on file; add one with keepwarm client edit \(c) --phone NUMBER"))
                Stdout.line("Record it with: keepwarm touch \(c) --kind \(k.rawValue) --via phone --outcome answered|voicemail|no-answer")
            } else {
                Stdout.line("Subject: " + DisplayText.visible(message.subject))
            }
            Stdout.line("")
            for l in message.body.split(separator: "\n", omittingEmptySubsequences: false).dropLast(message.body.hasSuffix("\n") ? 1 : 0) {
                Stdout.line(DisplayText.visible(String(l)))
            }
        }
    }
}

extension Desk {
    /// Who signs a message sent by hand: display_name from config.toml if set, else nobody here, and the message is
    /// signed by the log (`MessageValues.signature`: the practitioner, else the practice). Never the login name.
    var sender: String { config.displayName.value ?? "" }

    /// The console's message preview: the same templates and values as `keepwarm preview`.
    func previewer() -> MessagePreviewer {
        let set = TemplateSet(directory: config.templatesDirectory.value)
        let sender = sender, file = config.file
        return { request, p, now in
            let title = switch request {
            case .followUp(let c, let k): "\(k.rawValue) for \(p.clients[c.index].name)"
            case .thankYou(let r): "thank-you to \(p.clients[p.referrals[r.index].referrer.index].name)"
            }
            do {
                let m = try Desk.render(request, in: p, now: now, templates: set, sender: sender, config: file)
                return MessagePreview(title: "Message: " + title, subject: m.subject, body: m.body)
            } catch {
                return MessagePreview(title: "Message: " + title, subject: "", body: "", error: "\(error)")
            }
        }
    }
}
