/// Whose client someone is (Docs/rules.md, "Whose client"): the practitioner of their last attended appointment.
/// The lapsed list's `p` filter, `keepwarm lapsed --practitioner`, the weekly review's progress and the why-clients-left
/// report all ask here, so they never disagree.
public enum WhoseClient {
    /// The practitioner who saw the client at their latest attended appointment that started by `now`; nil when they
    /// have none (only imported history, or never attended).
    public static func practitioner(_ p: Practice, _ c: ClientID, atOrBefore now: Instant) -> PractitionerID? {
        var best: Appointment?
        for a in p.clients[c.index].appointments {
            let appt = p.appointments[a.index]
            guard appt.status == .attended, !appt.withdrawn, appt.start <= now else { continue }
            // Appointments are in booking order, not time order: a move can put an earlier booking later.
            if best == nil || appt.start > best!.start || (appt.start == best!.start && appt.id > best!.id) { best = appt }
        }
        return best?.practitioner
    }

    /// Whose list a past review was made from: as it recorded, or for a line written before reviews recorded it,
    /// whose client they were when it was made.
    public static func practitioner(of review: LapseReview, _ p: Practice, _ c: ClientID) -> PractitionerID? {
        review.detail.practitioner ?? practitioner(p, c, atOrBefore: review.at)
    }

}
