import KeepwarmConsole
import KeepwarmCore
import KeepwarmMessages

extension MessageRequest {
    /// The message `preview`, `send` and `letter` were asked for: a client with `--kind`, or `--referral` alone.
    /// `usage` is the command and an example kind, for the one-line error when the arguments are neither. `sending`
    /// (send, letter, letter posted) refuses a desk task such as a call; preview shows its script to the desk.
    static func chosen(client: String?, kind: TouchpointKind?, referral: String?, in p: Practice,
                       usage: (command: String, kind: String), sending: Bool) throws -> MessageRequest {
        let request: MessageRequest
        switch (client, kind, referral) {
        case (let c?, let k?, nil): request = .followUp(try p.resolveClient(c), k)
        case (nil, nil, let r?): request = .thankYou(try p.resolveReferral(r))
        default:
            let (verb, example) = usage
            throw CommandError("give a client and --kind (e.g. keepwarm \(verb) c1 --kind \(example)), or --referral alone (e.g. keepwarm \(verb) --referral r1)")
        }
        // Nobody is contacted about an erased client: refused before anything is rendered, written or sent.
        if let refusal = Contactable.erasedRefusal(request.subject, in: p) { throw refusal }
        if let refusal = Contactable.deceasedRefusal(p.clients[request.recipient(in: p).index]) { throw refusal }
        if sending, let refusal = request.refusalToSend { throw refusal }
        return request
    }

    /// The client the message is for (a thank-you goes to the referrer).
    func recipient(in p: Practice) -> ClientID {
        switch self {
        case .followUp(let c, _): c
        case .thankYou(let r): p.referrals[r.index].referrer
        }
    }
}

extension MessageRequest {
    /// What the message is about, for its values: a marketing step carries the opt-out line for `channel`, and a
    /// reminder is about the client's next booking (the autopilot names the appointment itself).
    func context(in p: Practice, now: Instant, channel: AutopilotChannel) -> MessageContext {
        switch self {
        case .followUp(let c, let k):
            MessageContext(appointment: k == .reminder ? ClientHistory(p, c).nextBooking(after: now)?.id : nil, channel: channel,
                           purpose: AutopilotStep(touchpoint: k)?.purpose ?? .service)
        case .thankYou:
            MessageContext(channel: channel, purpose: AutopilotStep.referralThankYou.purpose)
        }
    }
}

extension Desk {
    /// The message for `request` from this desk's templates and config, as every way of showing or sending it renders
    /// it; `channel` is how it goes (a printed letter's opt-out line differs from an email's).
    func render(_ request: MessageRequest, in p: Practice, now: Instant, channel: AutopilotChannel = .email) throws -> RenderedMessage {
        try Desk.render(request, in: p, now: now, templates: TemplateSet(directory: config.templatesDirectory.value),
                        sender: sender, config: config.file, channel: channel)
    }

    /// The same with the pieces given, for the console's previewer, which keeps them rather than the desk. An empty
    /// `sender` signs by the log (`MessageValues.signature`).
    static func render(_ request: MessageRequest, in p: Practice, now: Instant, templates: TemplateSet, sender: String,
                       config: UserConfig, channel: AutopilotChannel = .email) throws -> RenderedMessage {
        if let refusal = Contactable.erasedRefusal(request.subject, in: p) { throw refusal }
        let context = request.context(in: p, now: now, channel: channel)
        return switch request {
        case .followUp(let c, let k):
            try templates.template(.touchpoint(k)).render(MessageValues.forClient(p, c, now: now, sender: sender, config: config, context: context))
        case .thankYou(let r):
            try templates.template(.thankYou).render(MessageValues.forReferral(p, r, now: now, sender: sender, config: config, context: context))
        }
    }
}
