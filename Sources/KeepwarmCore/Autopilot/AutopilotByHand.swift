extension AutopilotPlan {
    /// How long after the autopilot sent a message the desk sending the same one by hand is refused unless asked
    /// again on purpose (`--again`).
    public static let byHandDays = 7

    /// The autopilot's try at the message the desk is about to send by hand (the same client and step, or the same
    /// referral's thank-you), when sending it would make it go twice: a try still unresolved (it may be going out this
    /// second), or one sent in the last `byHandDays` days. Nil when the desk may send (QA: a desk `send` during a run
    /// sent the same rebook prompt twice).
    public static func autopilotTry(client: ClientID, step: AutopilotStep, referral: ReferralID?, in p: Practice,
                                    now: Instant) -> Attempt? {
        for id in (p.autopilot.byClient[client] ?? []).reversed() {
            let a = p.autopilot.attempts[id.index]
            guard a.start.step == step, referral == nil || a.start.referral == referral else { continue }
            switch a.outcome {
            case .unresolved: return a
            case .sent(let at, _, _) where now.ms - at.ms < Int64(byHandDays) * 86_400_000: return a
            case .sent, .failed: continue
            }
        }
        return nil
    }

    /// The one-line refusal for sending `a`'s message by hand, naming what the autopilot did and what to do.
    public static func byHandRefusal(_ a: Attempt, in p: Practice, again: String?) -> CommandError {
        let who = p.clients.indices.contains(a.start.client.index) ? p.clients[a.start.client.index].name : a.start.client.description
        let what = "\(who)'s \(a.start.step.rawValue)"
        switch a.outcome {
        case .sent(let at, _, _):
            let more = again.map { "; to send another anyway, add \($0)" } ?? ""
            return CommandError("the autopilot already sent \(what) by \(a.start.channel.rawValue) on \(p.describe(at)) (\(a.id)); nothing was sent\(more)")
        default:
            return CommandError("the autopilot is sending, or may have sent, \(what) (\(a.id)); nothing was sent: see keepwarm autopilot unresolved")
        }
    }
}
