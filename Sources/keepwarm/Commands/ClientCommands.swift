import ArgumentParser
import KeepwarmCore

/// `keepwarm client add|list|show|edit|status`.
struct ClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "Add, list, show and change clients.",
        discussion: "Example:\n  keepwarm client add --name \"Ada Lovelace\" --source Google\n  keepwarm client show c12",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Status.self])
    @OptionGroup var global: GlobalOptions

    /// `keepwarm client add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a client; prints the client id.",
            discussion: """
                Example:
                  keepwarm client add --name "Ada Lovelace" --phone "07700 900123" --email ada@example.com --source Instagram --contact
                  keepwarm client add --name "Grace Hopper" --referred-by c12
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Full name.") var name: String
        @Option(help: "Phone number.") var phone: String?
        @Option(help: "Email address.") var email: String?
        @Option(help: "How did you hear about us? (Google, Instagram, GP: Riverside Surgery …)") var source: String?
        @Option(help: "The client who referred them (id or exact name).") var referredBy: String?
        @Flag(inversion: .prefixedNo, help: "They agree (--contact) or do not agree (--no-contact) to be contacted; ask them. Without either, consent is recorded as not asked.")
        var contact: Bool?
        @Flag(help: "They want the newsletter.") var newsletter = false
        @Option(help: "Their usual interval between sessions, in days.") var cadence: Int?
        @Flag(help: "Add them even though a client with the same name and phone or email is already on the books.")
        var evenIfDuplicate = false
        @Option(help: ArgumentHelp("The channels they agreed to be contacted by, from email, sms, post and phone (the others are recorded as not agreed); instead of --contact.", valueName: "channels"))
        var consent: String?
        @Option(help: ArgumentHelp("How they agreed, with --consent: intake-form or told-desk.", valueName: "how"))
        var consentHow: String?

        func run() throws {
            try guarded {
                let consents = try ClientConsentAtIntake(channels: consent, how: consentHow, contact: contact)
                let desk = Desk(global)
                var draft = ClientDraft(name: name, phone: phone, email: email, source: source, referredBy: referredBy,
                                        contact: contact ?? true, newsletter: newsletter, cadence: cadence)
                draft.consentAsked = contact != nil || consents != nil
                draft.evenIfDuplicate = evenIfDuplicate
                var now = Instant(ms: 0)
                let (e, log) = try desk.record { d, _ in
                    now = d.now
                    return .addClient(draft)
                }
                guard case .clientAdded(let c) = e.body else { return }
                try consents?.record(c.id, in: log, by: desk.user, at: now)
                try Stdout.answer(c.id.description)
            }
        }
    }

    /// `keepwarm client list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List clients.", discussion: "Example:\n  keepwarm client list --json")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            try guarded {
                let desk = Desk(global)
                let log = try desk.openLog()
                let p = log.practice
                let now = try desk.now(p.calendar)
                let summaries = p.clients.filter { !$0.withdrawn }.map { ClientSummary(p, $0, now: now) }
                if json {
                    Stdout.bytes(LineBuilder.array(summaries.map { $0.json() }))
                } else {
                    Table(["ID", "NAME", "PHONE", "SOURCE", "STATUS", "SESSIONS", "LAST VISIT", "NEXT"], summaries.map {
                        [$0.client.id.description, $0.client.name, $0.client.phone ?? "", $0.client.source ?? "",
                         $0.client.status.rawValue, String($0.sessions), $0.lastVisit ?? "", $0.next ?? ""]
                    }).print()
                }
            }
        }
    }

    /// `keepwarm client show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show everything about one client.", discussion: "Example:\n  keepwarm client show c12")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Client id or exact name.") var client: String
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            try guarded {
                let desk = Desk(global)
                let p = try desk.openLog().practice
                let id = try p.resolveClient(client)
                let card = ClientCardOutput(p, id, now: try desk.now(p.calendar))
                if json { Stdout.bytes(card.json()) } else { card.printText() }
            }
        }
    }

    /// `keepwarm client edit`.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a client's details (an empty value clears a field; --cadence 0 clears the cadence).",
            discussion: "Example:\n  keepwarm client edit c12 --phone \"07700 900456\" --cadence 14")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Client id or exact name.") var client: String
        @Option(help: "New name.") var name: String?
        @Option(help: "New phone number (\"\" clears it).") var phone: String?
        @Option(help: "New email address (\"\" clears it).") var email: String?
        @Option(help: "How they heard about us (\"\" clears it).") var source: String?
        @Option(help: "Usual interval in days (0 clears it).") var cadence: Int?
        @Flag(inversion: .prefixedNo, help: "Whether they agree to be contacted.") var contact: Bool?
        @Flag(inversion: .prefixedNo, help: "Whether they want the newsletter.") var newsletter: Bool?

        func run() throws {
            try guarded {
                let edit = ClientEdit(client: ClientID(1), name: name, phone: phone, email: email, source: source,
                                      contact: contact, newsletter: newsletter, cadence: cadence)
                let e = try Desk(global).record { _ in .editClient(client: client, edit) }
                if case .clientEdited(let c) = e.body { try Stdout.answer("\(c.client): updated") }
            }
        }
    }

    /// `keepwarm client status`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Set a client's status: active, moved-away, do-not-contact, discharged or deceased.",
            discussion: """
                A deceased client is never contacted again: every sequence and reminder ends,
                and send, letter, preview and touch refuse them. A discharged client is still
                asked for a referral once, at discharge.
                Example:
                  keepwarm client status c12 moved-away --reason "Moved to Leeds"
                  keepwarm client status c12 deceased
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Client id or exact name.") var client: String
        @Argument(help: "active, moved-away, do-not-contact, discharged or deceased.") var status: ClientStatus
        @Option(help: "Why.") var reason: String?

        func run() throws {
            try guarded {
                var now = Instant(ms: 0)
                let (e, log) = try Desk(global).record { d, _ in
                    now = d.now
                    return .setStatus(client: client, status, reason: reason)
                }
                guard case .clientStatusChanged(let id, let s, _) = e.body else { return }
                guard s == .deceased else { return try Stdout.answer("\(id): \(s.rawValue)") }
                // Said plainly, with what is left for a person to do: the diary still holds their bookings.
                let p = log.practice
                let booked = ClientHistory(p, id).appointments.filter { $0.status == .booked && !$0.withdrawn && $0.start >= now }
                var lines = ["\(id): \(p.clients[id.index].name) is recorded as deceased; every sequence and reminder has ended, and nothing will be sent to them"]
                for a in booked { lines.append("  still booked: \(a.id) \(p.describe(a.start)); cancel it with keepwarm cancel \(a.id) --by client") }
                try Stdout.answer(Array(lines.map { Visible.lines($0) + "\n" }.joined().utf8), saying: "\(id): deceased")
            }
        }
    }
}
