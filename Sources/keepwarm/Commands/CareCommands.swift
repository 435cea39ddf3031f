import ArgumentParser
import KeepwarmCore

/// `keepwarm refer`.
struct Refer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refer",
        abstract: "Record that one client referred another; prints the referral id.",
        discussion: "Example:\n  keepwarm refer c3 --client c12")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The referring client (id or exact name).") var referrer: String
    @Option(help: "The client they referred.") var client: String

    func run() throws {
        try guarded {
            let e = try Desk(global).record { _ in .refer(referrer: referrer, client: client) }
            if case .referralRecorded(let id, _, _) = e.body { try Stdout.answer(id.description) }
        }
    }
}

/// `keepwarm thank`.
struct Thank: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thank",
        abstract: "Record the thank-you for a referral.",
        discussion: "Example:\n  keepwarm thank r4 --via phone --note \"Called to say thanks\"")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Referral id.") var referral: String
    @Option(help: "email, phone, text, letter or in-person.") var via: Channel = .email
    @Option(help: "A note.") var note: String?

    func run() throws {
        try guarded {
            _ = try Desk(global).record { _ in .thank(referral, via: via, note: note) }
            try Stdout.answer("\(referral): thanked by \(via.rawValue)")
        }
    }
}

/// `keepwarm touch`.
struct Touch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touch",
        abstract: "Record a touchpoint sent to a client.",
        discussion: """
            Kinds: \(TouchpointKind.choices).
            A call (follow-up-call) takes --outcome: answered or voicemail records it via phone (a voicemail with the
            note "Left voicemail"); no-answer records nothing, so the call stays due.
            Example:
              keepwarm touch c12 --kind post-session --via email
              keepwarm touch c12 --kind follow-up-call --via phone --outcome voicemail
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Option(help: "Which touchpoint.") var kind: TouchpointKind
    @Option(help: "email, phone, text, letter or in-person.") var via: Channel?
    @Option(help: "A note.") var note: String?
    @Option(help: ArgumentHelp("How the call went: \(CallOutcome.choices) (calls only).", valueName: "outcome")) var outcome: CallOutcome?

    func run() throws {
        try guarded {
            if let outcome {
                guard kind.audience == .desk else {
                    throw CommandError("--outcome is for a call (--kind follow-up-call); \(kind.rawValue) is a message: record it without --outcome")
                }
                if let via, via != .phone {
                    throw CommandError("a call's outcome is recorded via phone; drop --via \(via.rawValue) or give --via phone")
                }
                guard let command = outcome.command(client: client, kind: kind, note: note) else {
                    // Nothing to record, but the name is still checked, so a typo is not taken for a call made.
                    let id = try Desk(global).open().practice.resolveClient(client)
                    try Stdout.answer("\(id): no answer, so nothing was recorded; the \(kind.rawValue) stays due")
                    return
                }
                let e = try Desk(global).record { _ in command }
                if case .touchpointSent(let id, let k, _, _) = e.body {
                    try Stdout.answer("\(id): \(k.rawValue) recorded (\(outcome == .voicemail ? "voicemail" : "answered"))")
                }
                return
            }
            let e = try Desk(global).record { _ in .touch(client: client, kind: kind, via: via, note: note) }
            if case .touchpointSent(let id, let k, _, _) = e.body { try Stdout.answer("\(id): \(k.rawValue) recorded") }
        }
    }
}

/// `keepwarm review`.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record the lapsed review of a client: contacted, snoozed until a date, or closed.",
        discussion: """
            Example:
              keepwarm review c12 --contacted --note "Left a voicemail"
              keepwarm review c12 --snooze-until +3w
              keepwarm review c12 --close moved-away
              keepwarm review c12 --contacted --via voicemail --note "Left a message about the new times"
              keepwarm review c12 --reason cost --via phone --note "Can't afford it since the rise"

            --reason closes the client and says why they left (the why-left report); with no --close, moved-away closes
            them as moved away and any other reason as discharged.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Flag(help: "They were contacted.") var contacted = false
    @Option(help: "Hide them from the lapsed list until this date.") var snoozeUntil: String?
    @Option(help: ArgumentHelp("Close them: moved-away, do-not-contact or discharged.", valueName: "status")) var close: ClientStatus?
    @Option(help: "A note.") var note: String?
    @Option(help: ArgumentHelp("How contact was made: email, sms, letter, phone or voicemail.", valueName: "how")) var via: ReviewContact?
    @Option(help: ArgumentHelp("Why they left (closes them): \(LeftReason.choices).", valueName: "reason")) var reason: LeftReason?

    func validate() throws {
        // A reason alone closes; with --contacted or --snooze-until the core refuses it in words (exit 1).
        let chosen = [contacted, snoozeUntil != nil, close != nil || (reason != nil && !contacted && snoozeUntil == nil)].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give exactly one of --contacted, --snooze-until DATE or --close REASON") }
    }

    func run() throws {
        try guarded {
            let e = try Desk(global).record { d in
                let choice: ReviewChoice
                if let s = snoozeUntil { choice = .snooze(untilDay: try d.day(s)) }
                else if let c = close ?? (contacted ? nil : reason?.status) { choice = .close(c) }
                else { choice = .contacted }
                return .review(client: client, choice, note: note, via: via, reason: reason)
            }
            if case .lapseReviewed(let id, let outcome, _, _) = e.body {
                switch outcome {
                case .contacted: try Stdout.answer("\(id): contacted")
                case .snoozed(let day): try Stdout.answer("\(id): snoozed until \(Civil.string(ofDay: day))")
                case .closed(let s):
                    try Stdout.answer("\(id): closed (\(s.rawValue)\(reason.map { ", \($0.label)" } ?? ""))")
                }
            }
        }
    }
}

/// `keepwarm milestone`.
struct MilestoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone", abstract: "Record a milestone: the moment to ask for a referral.",
        discussion: "Example:\n  keepwarm milestone c12 --kind goal-reached")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Option(help: "goal-reached, discharge or significant-session.") var kind: MilestoneKind

    func run() throws {
        try guarded {
            let e = try Desk(global).record { _ in .milestone(client: client, kind) }
            if case .milestoneReached(let id, let k) = e.body { try Stdout.answer("\(id): \(k.rawValue) recorded") }
        }
    }
}

/// `keepwarm feedback`.
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback", abstract: "Record a satisfaction score from 1 to 5.",
        discussion: "Example:\n  keepwarm feedback c12 --score 5 --comment \"Felt heard\"")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Client id or exact name.") var client: String
    @Option(help: "1 to 5.") var score: Int
    @Option(help: "What they said.") var comment: String?

    func run() throws {
        try guarded {
            let e = try Desk(global).record { _ in .feedback(client: client, score: score, comment: comment) }
            if case .feedbackGiven(let id, let s, _) = e.body { try Stdout.answer("\(id): feedback \(s)/5 recorded") }
        }
    }
}

/// `keepwarm callback add|done`.
struct CallbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callback", abstract: "Callbacks owed: voicemails and messages that need a reply.",
        discussion: "Example:\n  keepwarm callback add --name \"Mo Farah\" --phone \"07700 900777\"\n  keepwarm callback done cb4",
        subcommands: [Add.self, Done.self])
    @OptionGroup var global: GlobalOptions

    /// `keepwarm callback add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Note a call to return; prints the callback id.",
            discussion: "Example:\n  keepwarm callback add --name \"Mo Farah\" --phone \"07700 900777\" --reason \"Wants a Saturday\" --by \"today 17:00\"")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Who called.") var name: String
        @Option(help: "The number to call back.") var phone: String
        @Option(help: "What it is about.") var reason: String?
        @Option(help: "When the reply was promised by (default: 24 hours from now).") var by: String?

        func run() throws {
            try guarded {
                let e = try Desk(global).record { d in
                    let promised = try by.map { (t) throws(InputError) in try d.instant(t) } ?? d.now.adding(hours: 24)
                    return .addCallback(name: name, phone: phone, reason: reason, by: promised)
                }
                if case .callbackAdded(let id, _, _, _, _) = e.body { try Stdout.answer(id.description) }
            }
        }
    }

    /// `keepwarm callback done`.
    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            abstract: "Mark a callback returned.", discussion: "Example:\n  keepwarm callback done cb4")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Callback id.") var callback: String

        func run() throws {
            try guarded {
                _ = try Desk(global).record { _ in .returnCallback(callback) }
                try Stdout.answer("\(callback): returned")
            }
        }
    }
}
