import ArgumentParser
import KeepwarmCore

/// `keepwarm consent CLIENT --channel C --given|--withdrawn --how H`: records what a client agreed to, per channel.
struct ConsentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "Record a client's consent to be contacted by one channel (or all), given or withdrawn, and how.",
        discussion: """
            Marketing messages (rebook prompt, check-in, re-engage, reactivation letter,
            referral ask) need consent for their channel; service messages (reminders,
            post-session) go unless it was withdrawn. See Docs/autopilot.md.
            Example:
              keepwarm consent c12 --channel email --given --how intake-form
              keepwarm consent c12 --channel all --withdrawn --how told-desk
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Option(help: ArgumentHelp("email, sms, post, phone or all.", valueName: "channel")) var channel: String
    @Flag(help: "They agreed.") var given = false
    @Flag(help: "They withdrew it (or refused).") var withdrawn = false
    @Option(help: ArgumentHelp("How it was recorded: intake-form, import, told-desk (opt-out with --withdrawn).", valueName: "how")) var how: String

    func run() throws {
        try guarded {
            guard given != withdrawn else { throw CommandError("give one of --given or --withdrawn") }
            let channel = try ConsentInput.channel(self.channel)
            let how = try ConsentInput.how(self.how)
            let (e, log) = try Desk(global).record { _, _ in .consent(client: client, channel, given: given, how: how) }
            guard case .consentChanged(let id, let ch, let g, let h) = e.body else { return }
            try Stdout.answer("\(id): \(log.practice.clients[id.index].name)'s consent for \(ConsentInput.name(ch)) \(g ? "given" : "withdrawn") (\(h.rawValue))")
        }
    }
}

/// `keepwarm optout (CLIENT | --email E | --phone N) [--channel C]`: a client asked not to be contacted; the inbound
/// STOP handler runs it with the number a STOP came from.
struct OptOutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optout",
        abstract: "Record that a client opted out (every channel, or one), found by id or name, email address or phone number.",
        discussion: """
            --email matches an address exactly (ignoring case); --phone matches the
            digits, with the practice's own country code read as the national number (+44
            7700 900123 is 07700 900123). Every client that matches is opted out and
            listed; when none does, nothing is written and the exit status is 1. A client
            already opted out is left as they are.
            Example:
              keepwarm optout c12
              keepwarm optout --phone +447700900123 --channel sms
              keepwarm optout --email ada@example.com --channel email
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String?
    @Option(help: ArgumentHelp("Every client with this email address.", valueName: "address")) var email: String?
    @Option(help: ArgumentHelp("Every client with this phone number.", valueName: "number")) var phone: String?
    @Option(help: ArgumentHelp("email, sms, post, phone or all (default all).", valueName: "channel")) var channel: String = "all"

    func run() throws {
        try guarded {
            guard [client != nil, email != nil, phone != nil].filter({ $0 }).count == 1 else {
                throw CommandError("give one of a client (id or name), --email ADDRESS or --phone NUMBER")
            }
            let channel = try ConsentInput.channel(self.channel)
            let desk = Desk(global)
            let log = try desk.open()
            defer { desk.report(log, damage: false) }
            let d = try desk.dates(log)
            let p = log.practice
            let found: [ClientID]
            if let client {
                found = [try p.resolveClient(client)]
            } else if let email {
                guard let key = Ownership.emailKey(email) else { throw CommandError("--email is empty: give the address they wrote from") }
                found = p.clients.filter { !$0.withdrawn && $0.erasedAt == nil && $0.email.flatMap(Ownership.emailKey) == key }.map(\.id)
                if found.isEmpty { throw CommandError("no client has the email address \(email); nothing was written") }
            } else {
                let rule = Ownership(p)
                guard let phone, let key = rule.phoneKey(phone) else {
                    throw CommandError("--phone '\(phone ?? "")' is not a phone number (at least 5 digits); nothing was written")
                }
                found = p.clients.filter { !$0.withdrawn && $0.erasedAt == nil && $0.phone.flatMap(rule.phoneKey) == key }.map(\.id)
                if found.isEmpty { throw CommandError("no client has the phone number \(phone); nothing was written") }
            }
            let channels = channel.map { [$0] } ?? ConsentChannel.allCases
            var lines: [String] = []
            for id in found {
                let c = log.practice.clients[id.index]
                if channels.allSatisfy({ Consent.state(c, $0).isWithdrawn }) {
                    lines.append("\(id): \(c.name) had already opted out of \(ConsentInput.name(channel)); nothing to record")
                    continue
                }
                // One client at a time, each checked again under the lock: a log has no batch kind for this, and
                // every line that is written is a whole opt-out on its own.
                do {
                    try log.append(by: desk.user, at: d.now) { p in
                        try Command.consent(client: id.description, channel, given: false, how: .optOut).event(in: p, now: d.now)
                    }
                } catch {
                    for l in lines { Stdout.line(l) }
                    throw CommandError("\(id): \(c.name)'s opt-out could not be recorded (\(userMessage(error))); run keepwarm optout \(id)\(self.channel == "all" ? "" : " --channel \(self.channel)") again")
                }
                lines.append("\(id): \(c.name) opted out of \(ConsentInput.name(channel)) (recorded)")
            }
            try Stdout.answer(Array(lines.map { Visible.lines($0) + "\n" }.joined().utf8), saying: lines.joined(separator: "; "))
        }
    }
}

/// Consent's words as typed, with one line saying what to type instead.
enum ConsentInput {
    /// `email`, `sms`, `post`, `phone`, or `all` (nil).
    static func channel(_ text: String) throws(CommandError) -> ConsentChannel? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "all" { return nil }
        guard let c = ConsentChannel(rawValue: t) else { throw CommandError("--channel '\(text)' is not a channel: use email, sms, post, phone or all") }
        return c
    }

    static func how(_ text: String) throws(CommandError) -> ConsentHow {
        guard let h = ConsentHow(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw CommandError("--how '\(text)' is not a way consent is recorded: use intake-form, import or told-desk")
        }
        return h
    }

    /// `every channel`, `email`.
    static func name(_ c: ConsentChannel?) -> String { c?.rawValue ?? "every channel" }

    /// `email,sms` as typed after `client add --consent`: each channel once.
    static func channels(_ text: String) throws(CommandError) -> [ConsentChannel] {
        var out: [ConsentChannel] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let t = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let c = ConsentChannel(rawValue: t) else {
                throw CommandError("--consent: '\(part)' is not a channel: list the ones they agreed to from \(ConsentChannel.choices), e.g. --consent email,sms")
            }
            guard !out.contains(c) else { throw CommandError("--consent: \(c.rawValue) is given twice; give each channel once") }
            out.append(c)
        }
        return out
    }
}
