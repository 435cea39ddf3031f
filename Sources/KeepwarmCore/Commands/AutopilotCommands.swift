extension Command {
    /// The autopilot's and consent's commands, checked against the practice as it is.
    func autopilotEvent(in p: Practice, now: Instant) throws(CommandError) -> EventBody {
        switch self {
        case .autopilotPolicy(let step, let policy):
            if policy.policy == .auto && policy.channels.isEmpty {
                throw CommandError("--auto needs at least one channel, e.g. --auto email,sms")
            }
            if Set(policy.channels).count != policy.channels.count {
                throw CommandError("give each channel once, e.g. --auto email,sms")
            }
            return .autopilotPolicy(step, policy)
        case .autopilotWindow(let w):
            guard w.from < w.to else { throw CommandError("the window must end after it starts, e.g. 09:00-18:00") }
            guard !w.days.isEmpty else { throw CommandError("give at least one day, e.g. --days mon-fri") }
            guard AutopilotWindow.caps.contains(w.cap) else {
                throw CommandError("--cap must be \(AutopilotWindow.caps.lowerBound) to \(AutopilotWindow.caps.upperBound) messages a day, not \(w.cap)")
            }
            return .autopilotWindow(w)
        case .holdAutopilot(let ref, let until):
            let id = try p.resolveClient(ref)
            try Validate.notErased(p.clients[id.index])
            if let d = until, d <= p.calendar.day(of: now) {
                throw CommandError("--until must be a day after today (\(Civil.string(ofDay: p.calendar.day(of: now)))); without it the hold lasts until released")
            }
            if let d = until, !LogBounds.day.contains(d) { throw CommandError("--until must be a date like 2027-01-31") }
            return .autopilotHeld(id, untilDay: until)
        case .releaseAutopilot(let ref):
            let id = try p.resolveClient(ref)
            guard let hold = p.clients[id.index].hold, hold.holds(on: p.calendar.day(of: now)) else {
                throw CommandError("\(p.clients[id.index].name) (\(id)) is not held; nothing was written")
            }
            return .autopilotReleased(id)
        case .skipMessage(let ref, let key):
            let id = try p.resolveClient(ref)
            guard let m = AutopilotPlan.messages(p, now: now).first(where: { $0.client == id && $0.key == key }) else {
                throw CommandError("no message \(key) is due to \(p.clients[id.index].name) (\(id)); see the keys with keepwarm autopilot preview")
            }
            // A message already tried is settled, not skipped: skipping would hide a try that may have gone.
            switch m.stop {
            case .sending(let a, _), .unresolved(let a):
                throw CommandError("\(key) was already tried (\(a)): settle that try instead (keepwarm autopilot resolve \(a) --sent or --not-sent, once no run is sending it); nothing was written")
            default: break
            }
            return .autopilotSkipped(id, key: key)
        case .consent(let ref, let channel, let given, let how):
            let id = try p.resolveClient(ref)
            try Validate.notErased(p.clients[id.index])
            if given && how == .optOut { throw CommandError("an opt-out withdraws consent; to record consent given, say how: --how intake-form, import or told-desk") }
            return .consentChanged(id, channel, given: given, how: how)
        case .resolveMessage(let ref, let sent):
            guard let id = AttemptID(text: ref.trimmingCharacters(in: .whitespaces)), let a = p.autopilot.attempt(id) else {
                throw CommandError("\(ref) is not a message attempt; see them with keepwarm autopilot unresolved")
            }
            guard a.isUnresolved else {
                throw CommandError("\(id) is already resolved; nothing was written")
            }
            if let until = a.start.sendingUntil, now < until {
                throw CommandError("\(id) is being sent by a run right now (until \(p.calendar.timeString(until)) at the latest); wait, then see keepwarm autopilot unresolved; nothing was written")
            }
            return sent ? .messageSent(id, provider: nil, confirmed: true)
                : .messageFailed(id, reason: "a person said it was not sent", retry: false, confirmed: true)
        default:
            throw CommandError("not an autopilot command")
        }
    }
}
