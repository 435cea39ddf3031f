import KeepwarmCore

/// `client add --consent email,sms --consent-how intake-form`: the channels a new client agreed to, recorded as
/// `consent.changed` lines right after their `client.added` line. The channels not listed are recorded as not agreed
/// (so an old client's "agreed to contact" rule does not give them every channel).
///
/// They are separate appends, not one batch: a batch's `batch.begun` line names a kind, and the log has none for this
/// (Docs/event-log.md). If one cannot be written, the client is on the books and the line says the command to finish.
struct ClientConsentAtIntake {
    let agreed: [ConsentChannel]
    let how: ConsentHow

    /// Nil without `--consent`; refuses a half-given or contradictory pair before anything is written.
    init?(channels: String?, how: String?, contact: Bool?) throws(CommandError) {
        guard let channels else {
            if how != nil { throw CommandError("--consent-how goes with --consent CHANNELS (e.g. --consent email,sms --consent-how intake-form)") }
            return nil
        }
        if contact != nil {
            throw CommandError("give --consent CHANNELS or --contact/--no-contact, not both: --consent says which channels they agreed to")
        }
        guard let how else {
            throw CommandError("--consent needs --consent-how intake-form or told-desk: how they agreed, which is what a regulator asks for")
        }
        let h = how.trimmingCharacters(in: .whitespaces).lowercased()
        guard let way = ConsentHow(rawValue: h), way == .intakeForm || way == .toldDesk else {
            throw CommandError("--consent-how '\(how)' is not how a new client agrees: use intake-form or told-desk")
        }
        agreed = try ConsentInput.channels(channels)
        self.how = way
    }

    /// Every channel's line: all four agreed is one line for all of them.
    var changes: [(channel: ConsentChannel?, given: Bool)] {
        if Set(agreed) == Set(ConsentChannel.allCases) { return [(nil, true)] }
        return ConsentChannel.allCases.map { ($0, agreed.contains($0)) }
    }

    func record(_ id: ClientID, in log: any EventStore, by user: String, at now: Instant) throws {
        for (i, change) in changes.enumerated() {
            do {
                try log.append(by: user, at: now) { p in
                    try Command.consent(client: id.description, change.channel, given: change.given, how: how).event(in: p, now: now)
                }
            } catch {
                let rest = changes[i...].map { "keepwarm consent \(id) --channel \($0.channel?.rawValue ?? "all") --\($0.given ? "given" : "withdrawn") --how \(how.rawValue)" }
                throw CommandError("\(id) was added, but their consent could not be recorded (\(userMessage(error))); record it with: \(rest.joined(separator: "; "))")
            }
        }
    }
}
