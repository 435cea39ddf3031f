extension Command {
    /// Checks the command against the practice as it stands and returns the one event that records it.
    public func event(in p: Practice, now: Instant) throws(CommandError) -> EventBody {
        switch self {
        case .changeSettings(var s):
            if let n = s.name { s.name = try Validate.name(n, what: "practice") }
            if let tz = s.timeZone, PracticeCalendar(identifier: tz) == nil {
                throw CommandError("unknown time zone '\(tz)': use a name like Europe/London or America/New_York")
            }
            for (label, v) in [("lapse days", s.lapseDays), ("rebook prompt days", s.rebookPromptDays), ("check-in days", s.checkInDays),
                               ("reactivation days", s.reactivationDays), ("follow-up call days", s.followUpCallDays),
                               ("thank-you hours", s.thankYouHours), ("stale thank-you days", s.staleThankYouDays)] {
                let r = LogBounds.setting
                if let v, !r.contains(v) { throw CommandError("\(label) must be between \(r.lowerBound) and \(r.upperBound), not \(v)") }
            }
            if let c = s.country {
                let code = c.trimmingCharacters(in: .whitespaces).uppercased()
                guard code.unicodeScalars.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                    throw CommandError("'\(c)' is not a country code: use its two letters (ISO 3166), like GB, IE or US")
                }
                s.country = code
            }
            return .settingsChanged(s)

        case .addPractitioner(let name):
            let n = try Validate.name(name, what: "practitioner")
            if p.practitioners.contains(where: { !$0.withdrawn && $0.name.lowercased() == n.lowercased() }) {
                throw CommandError("there is already a practitioner called '\(n)'; names must differ so --with can find them")
            }
            return .practitionerAdded(p.nextPractitionerID, name: n)

        case .editPractitioner(let ref, let name):
            let id = try p.resolvePractitioner(ref)
            let n = try Validate.name(name, what: "practitioner")
            if let other = p.practitioners.first(where: { !$0.withdrawn && $0.id != id && $0.name.lowercased() == n.lowercased() }) {
                throw CommandError("there is already a practitioner called '\(other.name)' (\(other.id)); names must differ so they can be told apart")
            }
            guard n != p.practitioners[id.index].name else { throw CommandError("\(id) is already called '\(n)'; nothing to change") }
            return .practitionerEdited(id, name: n)

        case .setHours(let ref, let days):
            let id = try p.resolvePractitioner(ref)
            guard !days.isEmpty else { throw CommandError("give at least one day's hours, like mon=09:00-17:00") }
            var hours = p.practitioners[id.index].hours ?? WorkingHours()
            for (d, ranges) in days {
                guard (0..<7).contains(d) else { throw CommandError("weekdays are numbered 0 (Monday) to 6 (Sunday), not \(d)") }
                // The same checks as reading them: a caller that skipped `parseDay` still cannot record nonsense.
                if case .failure(let e) = WorkingHours.parseDay(ranges.map(\.text).joined(separator: ",")) { throw CommandError(e.message) }
                if ranges.contains(where: { $0.start < 0 || $0.end > 24 * 60 }) { throw CommandError("working hours lie between 00:00 and 24:00") }
                hours.set(d, ranges.sorted { $0.start < $1.start })
            }
            return .practitionerHours(id, hours)

        case .addClient(let d):
            let name = try Validate.name(d.name, what: "client")
            let referrer = try d.referredBy.map { (r) throws(CommandError) in try p.resolveClient(r) }
            var source = Validate.optionalText(d.source)
            if referrer != nil && source == nil { source = "Client referral" }
            let c = NewClient(id: p.nextClientID, name: name, phone: try Validate.phone(d.phone),
                              email: try Validate.email(d.email), source: source, referredBy: referrer,
                              referral: referrer == nil ? nil : p.nextReferralID, contact: d.consentAsked ? d.contact : true,
                              newsletter: d.newsletter, cadence: try Validate.cadence(d.cadence), consentRecorded: d.consentAsked)
            if !d.evenIfDuplicate, let same = Ownership(p).sameClient(name: name, phone: c.phone, email: c.email, in: p) {
                throw CommandError("\(same.client.name) (\(same.client.id)) is already a client with the same name and \(same.by): use their record, or add a second client anyway (--even-if-duplicate)")
            }
            return .clientAdded(c)

        case .editClient(let ref, var edit):
            edit.client = try p.resolveClient(ref)
            if let n = edit.name { edit.name = try Validate.name(n, what: "client") }
            if let ph = edit.phone { edit.phone = ph.isEmpty ? "" : try Validate.phone(ph) }
            if let em = edit.email { edit.email = em.isEmpty ? "" : try Validate.email(em) }
            if let c = edit.cadence, c != 0 { _ = try Validate.cadence(c) }
            guard !edit.isEmpty else { throw CommandError("nothing to change: give at least one of --name, --phone, --email, --source, --cadence, --contact/--no-contact, --newsletter/--no-newsletter") }
            return .clientEdited(edit)

        case .setStatus(let ref, let status, let reason):
            let id = try p.resolveClient(ref)
            return .clientStatusChanged(id, status, reason: Validate.optionalText(reason))

        case .book(let ref, let who, let start, let minutes, let force):
            let client = try p.resolveClient(ref)
            let practitioner = try p.resolvePractitioner(who)
            try Validate.minutes(minutes)
            try checkSlot(p, client: client, practitioner: practitioner, start: start, minutes: minutes, now: now, force: force, ignoring: nil)
            return .appointmentBooked(p.nextAppointmentID, client: client, practitioner: practitioner, start: start, minutes: minutes)

        case .attend(let ref), .noShow(let ref):
            let id = try p.resolveAppointment(ref)
            let a = p.appointments[id.index]
            let verb = if case .attend = self { "attended" } else { "a no-show" }
            switch a.status {
            case .booked: break
            case .cancelled: throw CommandError("\(id) was cancelled, so it can't be marked \(verb); book a new appointment instead")
            case .attended, .noShow: throw CommandError("\(id) is already marked \(a.status.rawValue)")
            }
            if p.calendar.day(of: a.start) > p.calendar.day(of: now) {
                throw CommandError("\(id) is on \(p.describe(a.start)), which hasn't come yet; it can be marked \(verb) on the day")
            }
            if case .attend = self { return .appointmentAttended(id) }
            return .appointmentNoShow(id)

        case .cancel(let ref, let by, let late):
            let id = try p.resolveAppointment(ref)
            let a = p.appointments[id.index]
            guard a.status == .booked else { throw CommandError("\(id) is \(a.status.rawValue), so there is nothing to cancel") }
            return .appointmentCancelled(id, by: by, late: late)

        case .move(let ref, let to, let force):
            let id = try p.resolveAppointment(ref)
            let a = p.appointments[id.index]
            guard a.status == .booked else { throw CommandError("\(id) is \(a.status.rawValue); only a booked appointment can be moved") }
            try checkSlot(p, client: a.client, practitioner: a.practitioner, start: to, minutes: a.minutes, now: now, force: force, ignoring: id)
            return .appointmentMoved(id, start: to)

        case .rebook(let ref):
            let id = try p.resolveAppointment(ref)
            let r = try Rebook.propose(p, from: id, now: now)
            return .appointmentBooked(p.nextAppointmentID, client: r.client, practitioner: r.practitioner, start: r.start, minutes: r.minutes)

        case .refer(let referrerRef, let clientRef):
            let referrer = try p.resolveClient(referrerRef)
            let client = try p.resolveClient(clientRef)
            guard referrer != client else { throw CommandError("a client can't refer themselves; check the two ids") }
            if let r = p.clients[referrer.index].referralsMade.first(where: { p.referrals[$0.index].client == client }) {
                throw CommandError("that referral is already recorded as \(r)")
            }
            return .referralRecorded(p.nextReferralID, referrer: referrer, client: client)

        case .thank(let ref, let via, let note):
            let id = try p.resolveReferral(ref)
            if let refusal = Contactable.erasedRefusal(.referral(id), in: p) { throw refusal }
            if let at = p.referrals[id.index].thankedAt {
                throw CommandError("\(id) was already thanked on \(p.describe(at))")
            }
            return .referralThanked(id, via: via, note: Validate.optionalText(note))

        case .touch(let ref, let kind, let via, let note):
            let id = try p.resolveClient(ref)
            try Validate.contactable(p.clients[id.index])
            return .touchpointSent(id, kind: kind, via: via, note: Validate.optionalText(note))

        case .review(let ref, let choice, let note, let via, let reason):
            let id = try p.resolveClient(ref)
            let outcome: LapseOutcome
            switch choice {
            case .contacted: outcome = .contacted
            case .snooze(let day):
                guard day > p.calendar.day(of: now) else {
                    throw CommandError("a snooze must end after today; give a later date such as +2w")
                }
                outcome = .snoozed(untilDay: day)
            case .close(let status):
                guard status != .active else { throw CommandError("close with moved-away, do-not-contact or discharged") }
                outcome = .closed(status)
                try SecondClose.refuse(p, id)
            }
            return .lapseReviewed(id, outcome, note: Validate.optionalText(note),
                                  detail: try ReviewDetail.checked(p, id, outcome, via: via, reason: reason, now: now))

        case .milestone(let ref, let kind):
            return .milestoneReached(try p.resolveClient(ref), kind)

        case .feedback(let ref, let score, let comment):
            let id = try p.resolveClient(ref)
            guard LogBounds.score.contains(score) else {
                throw CommandError("the score must be \(LogBounds.score.lowerBound) to \(LogBounds.score.upperBound), not \(score)")
            }
            return .feedbackGiven(id, score: score, comment: Validate.optionalText(comment))

        case .addCallback(let name, let phone, let reason, let by):
            let n = try Validate.name(name, what: "caller")
            guard let ph = try Validate.phone(phone) else { throw CommandError("a callback needs a phone number to call back") }
            return .callbackAdded(p.nextCallbackID, name: n, phone: ph, reason: Validate.optionalText(reason), promisedBy: by)

        case .returnCallback(let ref):
            let id = try p.resolveCallback(ref)
            if let at = p.callbacks[id.index].returnedAt {
                throw CommandError("\(id) was already marked returned on \(p.describe(at))")
            }
            return .callbackReturned(id)

        case .undo(let by):
            guard let last = p.lastAction[by] else {
                throw CommandError("there is nothing of yours to undo")
            }
            if case .clientErased? = last.body {
                throw CommandError("your last action erased a client's details at their request; an erasure cannot be undone")
            }
            if let batch = p.lastImport[by], batch.contains(last.seq) {
                throw CommandError("your last action was an import (\(batch.count) events, seq \(batch.lowerBound)–\(batch.upperBound)); undo takes back one action, not a whole import: correct the records by hand, or restore a backup from before the import (keepwarm restore)")
            }
            guard now.ms - last.at.ms <= Command.undoWindowSeconds * 1000 else {
                throw CommandError("your last action (\(last.summary(in: p))) was more than 5 minutes ago; correct it directly instead")
            }
            if let changed = p.changedSince(last) {
                throw CommandError("\(changed) has changed since your last action (\(last.summary(in: p))); correct it directly instead")
            }
            return .undone(target: last.seq)

        case .redo(let by):
            guard let next = p.lastAction.redoable(by: by) else {
                throw CommandError("there is nothing of yours to redo: redo puts back what you have just undone, until you record something new")
            }
            guard now.ms - next.at.ms <= Command.undoWindowSeconds * 1000 else {
                throw CommandError("you undid \(next.summary(in: p)) more than 5 minutes ago; record it again instead")
            }
            if let changed = p.changedSince(next, stamp: next.prior) {
                throw CommandError("\(changed) has changed since you undid \(next.summary(in: p)); record it again instead if it is still right")
            }
            return .redone(target: next.seq)

        case .startAudit:
            if let open = p.openAudit { throw CommandError("audit \(open.id) is already under way; carry on with it (keepwarm audit walk)") }
            return .auditStarted(p.nextAuditID)

        case .answerAudit(let step, let answer, let note, let owner):
            guard let open = p.openAudit else { throw CommandError("no audit is under way: start one with `keepwarm audit walk`") }
            guard LogBounds.auditStep.contains(step) else {
                throw CommandError("audit steps are numbered 1 to \(AuditChecklist.steps.count), not \(step)")
            }
            return .auditAnswered(open.id, step: step, answer: answer, note: Validate.optionalText(note), owner: Validate.optionalText(owner))

        case .finishAudit(let inPlace, let met, let steps):
            guard let open = p.openAudit else { throw CommandError("no audit is under way to finish") }
            return .auditFinished(open.id, inPlace: inPlace, evidenceMet: met, evidenceSteps: steps)

        case .viewReport(let kind, let exported):
            return .reportViewed(kind, exported: exported)
        case .markReviewed(let kind):
            return .reportReviewed(kind)
        case .autopilotPolicy, .autopilotWindow, .holdAutopilot, .releaseAutopilot, .skipMessage, .consent, .resolveMessage:
            return try autopilotEvent(in: p, now: now)
        case .addSite, .editSite, .setPractitionerSite, .bookAtSite:
            return try siteEvent(in: p, now: now)
        }
    }

    /// Undo reaches back 5 minutes: long enough to catch a slip, short enough not to surprise a colleague.
    public static let undoWindowSeconds: Int64 = 300

    private func checkSlot(_ p: Practice, client: ClientID, practitioner: PractitionerID, start: Instant, minutes: Int,
                           now: Instant, force: Bool, ignoring: AppointmentID?) throws(CommandError) {
        if start < now && !force {
            throw CommandError("\(p.describe(start)) is in the past; pick a future time, or add --force to record a past appointment")
        }
        if let other = p.clash(practitioner: practitioner, start: start, minutes: minutes, ignoring: ignoring) {
            let who = p.practitioners[practitioner.index].name
            throw CommandError("\(who) is already booked then (\(other.id), \(p.describe(other.start)) for \(other.minutes) min); pick another time or practitioner")
        }
        if let other = p.clientClash(client, start: start, minutes: minutes, ignoring: ignoring) {
            throw CommandError("\(p.clients[client.index].name) already has \(other.id) at \(p.describe(other.start)); pick another time")
        }
    }
}

/// Field checks shared by the CLI and the console, so both say the same words.
public enum Validate {
    public static func name(_ s: String, what: String) throws(CommandError) -> String {
        let t = s.trimmed
        guard !t.isEmpty else { throw CommandError("the \(what) needs a name") }
        guard t.unicodeScalars.count <= 10_000 else { throw CommandError("the \(what)'s name is longer than 10,000 characters; shorten it") }
        return t
    }

    public static func optionalText(_ s: String?) -> String? {
        guard let t = s?.trimmed, !t.isEmpty else { return nil }
        return t
    }

    public static func phone(_ s: String?) throws(CommandError) -> String? {
        guard let t = optionalText(s) else { return nil }
        // By bytes: every allowed character is ASCII, so any other byte (of an accent, a letter, anything) refuses it.
        let digits = t.utf8.count { (0x30...0x39).contains($0) }
        guard digits >= 5, t.utf8.allSatisfy({ (0x30...0x39).contains($0) || " +-().".utf8.contains($0) }) else {
            throw CommandError("'\(t)' doesn't look like a phone number; use digits, spaces and + - ( ) only")
        }
        return t
    }

    public static func email(_ s: String?) throws(CommandError) -> String? {
        guard let t = optionalText(s) else { return nil }
        let parts = t.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].utf8.contains(UInt8(ascii: ".")), !t.unicodeScalars.contains(where: \.isWhiteSpace) else {
            throw CommandError("'\(t)' doesn't look like an email address (name@example.com)")
        }
        return t
    }

    public static func cadence(_ c: Int?) throws(CommandError) -> Int? {
        guard let c else { return nil }
        let r = LogBounds.cadence
        guard r.contains(c) else { throw CommandError("the cadence is in days, from \(r.lowerBound) to \(r.upperBound); \(c) is out of range") }
        return c
    }

    public static func minutes(_ m: Int) throws(CommandError) {
        let r = LogBounds.minutes
        guard r.contains(m) else { throw CommandError("an appointment lasts \(r.lowerBound) to \(r.upperBound) minutes, not \(m)") }
    }

    /// Refuses a client whose details were erased.
    public static func notErased(_ c: Client) throws(CommandError) {
        if c.erasedAt != nil { throw Contactable.erasedClientRefusal(c.id) }
    }

    public static func contactable(_ c: Client) throws(CommandError) {
        if case .erased? = Contactable.bar(client: c) { throw Contactable.erasedClientRefusal(c.id) }
        if let refusal = Contactable.deceasedRefusal(c) { throw refusal }
        guard c.status != .doNotContact && c.status != .movedAway && c.status != .deceased else {
            throw CommandError("\(c.name) (\(c.id)) is marked \(c.status.rawValue); no touchpoints go to them")
        }
        guard c.contact else {
            throw CommandError("\(c.name) (\(c.id)) has not agreed to be contacted; if they have now, record it with `keepwarm client edit \(c.id) --contact`")
        }
    }
}
