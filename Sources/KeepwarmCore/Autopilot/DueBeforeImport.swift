extension AutopilotPlan {
    /// The local day the record a message follows from came in by import, when the message fell due before that
    /// moment; nil when the message is Keepwarm's to send. What fell due before the import is the old system's
    /// business: it may well have sent it, and a client getting the same message twice is the harm, so the autopilot
    /// never sends it by itself; it is listed for a person to send by hand or skip (Docs/autopilot.md, "Clients brought
    /// in by import").
    ///
    /// The import moment is when the batch that brought the record was appended: a client's `client.added` carrying
    /// the other system's id, history or file row (`Client.addedAt`), an appointment booked in an imported batch or
    /// given `appointment.history` (`Appointment.importedAt`). A message due on a day before the import's day is the
    /// old system's; one due on the import's day or later is Keepwarm's (the day a practice moves is the day the old
    /// system's automatic messages stop), so a reminder for an appointment still to come goes, unless its own reminder
    /// day was before the import. A post-session or no-show follow-up is the old system's when the session itself took
    /// place before the import.
    static func dueBeforeImport(_ step: AutopilotStep, _ c: Client, dueDay: Int, appointment: AppointmentID?,
                                referral: ReferralID?, _ p: Practice) -> Int? {
        let cal = p.calendar
        let session = appointment.flatMap { p.appointment($0) }
        func before(_ day: Int, _ imported: Instant?) -> Int? {
            guard let imported, day < cal.day(of: imported) else { return nil }
            return cal.day(of: imported)
        }
        switch step {
        case .reminder:
            guard let a = session else { return nil }
            return before(reminderDay(forAppointmentOn: cal.day(of: a.start), p.settings.autopilot.window), a.importedAt)
        case .postSession, .noShowFollowUp:
            // About one session: the old system's when the session took place before it came in (an imported
            // booking attended later in Keepwarm is Keepwarm's to follow up).
            // A visit only the imported history records (no appointment) took place in the old system.
            guard let a = session else { return importedAt(c).map { cal.day(of: $0) } }
            guard let imported = a.importedAt, a.start < imported else { return nil }
            return cal.day(of: imported)
        case .rebookPrompt, .checkIn28, .reEngage, .reactivationLetter:
            // Counted from the last visit: the later of the client's import and that visit's own.
            return before(dueDay, [importedAt(c), session?.importedAt].compactMap { $0 }.max())
        case .referralThankYou:
            // A referral recorded in the same batch as the referred client's import happened in the old system.
            guard let r = referral.flatMap({ p.referral($0) }), let referred = p.client(r.client),
                  let imported = importedAt(referred), r.recordedAt <= imported else { return nil }
            return cal.day(of: imported)
        case .referralAsk:
            // Asked at a milestone or a discharge recorded in Keepwarm.
            return nil
        }
    }

    /// When a client came in by import: added with the other system's id, history or a file row.
    static func importedAt(_ c: Client) -> Instant? {
        c.ref != nil || c.history != nil || c.importedRow != nil ? c.addedAt : nil
    }
}
