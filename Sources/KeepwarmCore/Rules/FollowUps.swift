/// A message due to a client now, from the retention sequence or around it.
public struct FollowUpRow: Equatable, Sendable {
    public let client: ClientID
    public let name: String
    public let kind: TouchpointKind
    /// The local day it became due.
    public let dueDay: Int
    /// The appointment or moment it follows from, when there is one.
    public let appointment: AppointmentID?
}

/// The follow-ups due (Docs/rules.md, "Follow-ups"). Each step of the sequence hands over to the next when the next
/// one falls due, so a client never has a stale rebook prompt sitting beside their 28-day check-in; from the lapse
/// threshold on, the steps match the lapsed list's next step.
public enum FollowUps {
    /// How long a no-show follow-up or a referral ask stays on the list before the moment has passed.
    public static let noShowWindowDays = 14
    public static let referralAskWindowDays = 30

    public static func rows(_ p: Practice, now: Instant) -> [FollowUpRow] {
        let today = p.calendar.day(of: now)
        // Lent through the buffer, so each client is not copied (a copy retains every field).
        let rows = EveryClient.collect(p.clients) { (c, rows: inout [FollowUpRow]) in
            // `all(for:)`'s first question, asked through the address so the clients it turns away are never copied
            // (as the lapsed list's walk does).
            guard mayBeDue(c) else { return }
            rows += self.rows(for: c.pointee, in: p, now: now, today: today)
        }
        return rows.sorted(by: order)
    }

    /// `all(for:)`'s first question, asked through the client's address; never inlined, as `Lapsed.mayBeLapsed`.
    @inline(never)
    static func mayBeDue(_ c: UnsafePointer<Client>) -> Bool {
        Contactable.bar(at: c) == nil || Contactable.mayAskAtDischarge(at: c)
    }

    /// The list's order: soonest due first, then by name.
    public static func order(_ a: FollowUpRow, _ b: FollowUpRow) -> Bool {
        (a.dueDay, a.name, a.client, a.kind.rawValue) < (b.dueDay, b.name, b.client, b.kind.rawValue)
    }

    /// One client's follow-ups for a person: lets a screen update only the clients an event changed. A message the
    /// autopilot sends is not listed (`AutopilotPlan.forDesk`).
    public static func rows(for c: Client, in p: Practice, now: Instant, today: Int) -> [FollowUpRow] {
        let due = all(for: c, in: p, now: now, today: today)
        return due.isEmpty ? due : due.filter { AutopilotPlan.forDesk($0, p, now: now) }
    }

    /// Every follow-up due to a client, whoever sends it. A discharged client is asked for a referral at their
    /// discharge, once; nothing else goes to them.
    public static func all(for c: Client, in p: Practice, now: Instant, today: Int) -> [FollowUpRow] {
        if Contactable.bar(client: c) == nil {
            guard !c.appointments.isEmpty || !c.milestones.isEmpty || c.history != nil else { return [] }
            return forClient(p, c, now: now, today: today)
        }
        guard Contactable.mayAskAtDischarge(c), let at = [c.statusChangedAt, c.milestones.last { $0.kind == .discharge }?.at].compactMap({ $0 }).max()
        else { return [] }
        let day = p.calendar.day(of: at)
        guard today - day < referralAskWindowDays, c.lastTouch(.referralAsk, since: at) == nil else { return [] }
        return [FollowUpRow(client: c.id, name: c.name, kind: .referralAsk, dueDay: day, appointment: nil)]
    }

    static func forClient(_ p: Practice, _ c: Client, now: Instant, today: Int) -> [FollowUpRow] {
        let s = p.settings
        let cal = p.calendar
        let h = ClientHistory(p, c.id)
        var out: [FollowUpRow] = []
        func add(_ kind: TouchpointKind, _ day: Int, _ appt: AppointmentID?) {
            out.append(FollowUpRow(client: c.id, name: c.name, kind: kind, dueDay: day, appointment: appt))
        }

        let last = h.lastVisit(atOrBefore: now)
        if let last {
            let d0 = cal.day(of: last.start)
            let age = today - d0
            if age < s.rebookPromptDays && c.lastTouch(.postSession, since: last.start) == nil {
                add(.postSession, d0, last.appointment)
            }
            if h.nextBooking(after: now) == nil && !c.isSnoozed(today: today) {
                let lapse = Lapsed.threshold(s, cadence: c.cadence)
                if let letter = c.lastTouch(.reactivationLetter, since: last.start) {
                    let callDay = cal.day(of: letter.at) + s.followUpCallDays
                    if today >= callDay && c.lastTouch(.followUpCall, since: letter.at) == nil {
                        add(.followUpCall, callDay, last.appointment)
                    }
                } else if age >= s.reactivationDays {
                    add(.reactivationLetter, d0 + s.reactivationDays, last.appointment)
                } else if age >= lapse {
                    let sent = c.lastTouch(.reEngage, since: last.start) != nil || (c.lastContactedAt ?? Instant(ms: .min)) >= last.start
                    if !sent { add(.reEngage, d0 + lapse, last.appointment) }
                } else if age >= s.checkInDays {
                    if c.lastTouch(.checkIn28, since: last.start) == nil { add(.checkIn28, d0 + s.checkInDays, last.appointment) }
                } else if age >= s.rebookPromptDays {
                    if c.lastTouch(.rebookPrompt, since: last.start) == nil { add(.rebookPrompt, d0 + s.rebookPromptDays, last.appointment) }
                }
            }
        }

        // A no-show, or a late cancellation by the client, since the last attended session.
        if let missed = h.appointments.last(where: {
            ($0.status == .noShow || ($0.status == .cancelled && $0.lateCancellation && $0.cancelledBy == .client))
                && $0.start <= now && $0.start > (last?.start ?? Instant(ms: .min))
        }) {
            let day = cal.day(of: missed.start)
            // A late cancellation is known before its start time, so the follow-up can come before it too.
            let since = min(missed.settledAt ?? missed.start, missed.start)
            if today - day < noShowWindowDays && c.lastTouch(.noShowFollowUp, since: since) == nil
                && !h.appointments.contains(where: { $0.status == .booked && $0.bookedAt >= since && $0.id != missed.id }) {
                add(.noShowFollowUp, day, missed.id)
            }
        }

        if let m = c.milestones.last {
            let day = cal.day(of: m.at)
            if today - day < referralAskWindowDays && c.lastTouch(.referralAsk, since: m.at) == nil {
                add(.referralAsk, day, nil)
            }
        }
        return out
    }
}
