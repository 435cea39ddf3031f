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

extension Desk {
    /// The message for `request` from this desk's templates and config, as every way of showing or sending it renders it.
    func render(_ request: MessageRequest, in p: Practice, now: Instant) throws -> RenderedMessage {
        try Desk.render(request, in: p, now: now, templates: TemplateSet(directory: config.templatesDirectory.value),
                        sender: sender, config: config.file)
    }

    /// The same with the pieces given, for the console's previewer, which keeps them rather than the desk.
    static func render(_ request: MessageRequest, in p: Practice, now: Instant, templates: TemplateSet, sender: String,
                       config: UserConfig) throws -> RenderedMessage {
        if let refusal = Contactable.erasedRefusal(request.subject, in: p) { throw refusal }
        return switch request {
        case .followUp(let c, let k):
            try templates.template(.touchpoint(k)).render(MessageValues.forClient(p, c, now: now, sender: sender, config: config))
        case .thankYou(let r):
            try templates.template(.thankYou).render(MessageValues.forReferral(p, r, now: now, sender: sender, config: config))
        }
    }
}
