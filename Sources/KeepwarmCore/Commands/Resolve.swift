/// Finding clients, practitioners and other records from what a person typed: an id, or an exact name.
extension Practice {
    public func resolveClient(_ text: String) throws(CommandError) -> ClientID {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let id = ClientID(text: t), let c = client(id), !c.withdrawn { return id }
        let matches = clientsByName[t.lowercased()] ?? []
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw CommandError("\(matches.count) clients are called '\(t)' (\(matches.map(\.description).joined(separator: ", "))); give the id instead")
        }
        throw CommandError("no client '\(t)': use an id from `keepwarm client list`, or the exact name")
    }

    public func resolvePractitioner(_ text: String?) throws(CommandError) -> PractitionerID {
        guard let text else {
            let practitioners = practitioners.filter { !$0.withdrawn }
            if practitioners.count == 1 { return practitioners[0].id }
            if practitioners.isEmpty {
                throw CommandError("there are no practitioners yet: add one with `keepwarm practitioner add --name NAME`")
            }
            throw CommandError("there are \(practitioners.count) practitioners: say which with --with (\(practitioners.map { "\($0.id) \($0.name)" }.joined(separator: ", ")))")
        }
        let t = text.trimmingCharacters(in: .whitespaces)
        if let id = PractitionerID(text: t), let pr = practitioner(id), !pr.withdrawn { return id }
        let matches = practitioners.filter { !$0.withdrawn && $0.name.lowercased() == t.lowercased() }
        if matches.count == 1 { return matches[0].id }
        throw CommandError("no practitioner '\(t)': use an id or exact name from `keepwarm practitioner list`")
    }

    public func resolveAppointment(_ text: String) throws(CommandError) -> AppointmentID {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let id = AppointmentID(text: t), let a = appointment(id), !a.withdrawn else {
            throw CommandError("no appointment '\(t)': use an id like a12 from `keepwarm diary` or `keepwarm client show`")
        }
        return id
    }

    public func resolveReferral(_ text: String) throws(CommandError) -> ReferralID {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let id = ReferralID(text: t), let r = referral(id), !r.withdrawn else {
            throw CommandError("no referral '\(t)': use an id like r3 from `keepwarm thankyous`")
        }
        return id
    }

    public func resolveCallback(_ text: String) throws(CommandError) -> CallbackID {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let id = CallbackID(text: t), let c = callback(id), !c.withdrawn else {
            throw CommandError("no callback '\(t)': use an id like cb4 from `keepwarm callbacks`")
        }
        return id
    }

    /// The appointment that would clash with `start`…`start+minutes` for a practitioner, if any.
    public func clash(practitioner: PractitionerID, start: Instant, minutes: Int, ignoring: AppointmentID? = nil) -> Appointment? {
        let end = start.adding(minutes: minutes)
        let day = calendar.day(of: start)
        // An appointment can only overlap if it starts on this day or the day before (sessions are under a day long).
        for d in [day - 1, day] {
            for id in appointmentsByDay[d] ?? [] where id != ignoring {
                let a = appointments[id.index]
                if a.practitioner == practitioner, a.status != .cancelled, a.start < end, start < a.end { return a }
            }
        }
        return nil
    }

    /// `2026-11-24 10:00`, in the practice's time zone, for messages.
    public func describe(_ instant: Instant) -> String {
        "\(calendar.dateString(instant)) \(calendar.timeString(instant))"
    }
}
