/// Works out every audit step's figure from the log (Docs/audit.md says exactly how). One pass over the clients and
/// their own appointments; nothing rescans the events.
public enum AuditEvidence {
    public static let defaultTarget = 0.9
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    public static func all(_ p: Practice, window w: AuditWindow, target: Double = defaultTarget) -> [Evidence] {
        var t = Tally()
        let cal = p.calendar
        let s = p.settings
        for c in p.clients where !c.withdrawn {
            if w.contains(c.addedAt) {
                t.newClients += 1
                if c.source != nil { t.withSource += 1 }
                if c.consentRecorded { t.withConsent += 1 }
            }
            let all = ClientHistory(p, c.id).appointments
            let attended = all.filter { $0.status == .attended }
            for (i, a) in attended.enumerated() {
                let d0 = cal.day(of: a.start)
                // Step 4: a booking made on the day of the visit, for a later appointment.
                if w.contains(a.start) {
                    t.sessions += 1
                    if all.contains(where: { $0.start > a.start && $0.bookedAt >= a.start && cal.day(of: $0.bookedAt) == d0 }) {
                        t.rebookedAtCheckout += 1
                    }
                }
                // Step 5: a post-session message within 24 hours of the session ending.
                let due5 = Instant(ms: a.end.ms + 24 * hour)
                if w.contains(a.start) && due5 <= w.end {
                    t.postSessionOwed += 1
                    if c.touchpoints.contains(where: { $0.kind == .postSession && $0.at >= a.start && $0.at <= due5 }) { t.postSessionSent += 1 }
                }
                // Step 6: left without a booking, and still unbooked when the prompt fell due.
                let promptDue = cal.instant(day: d0 + s.rebookPromptDays, minute: 0)
                let bookedBy = { (limit: Instant) in all.contains { $0.start > a.start && $0.bookedAt >= a.start && $0.bookedAt < limit } }
                if w.contains(a.start) && Instant(ms: a.start.ms + 3 * day) <= w.end && !bookedBy(promptDue) {
                    t.promptOwed += 1
                    if c.touchpoints.contains(where: { $0.kind == .rebookPrompt && $0.at > a.start && $0.at.ms <= a.start.ms + 3 * day }) {
                        t.promptSent += 1
                    }
                }
                // Steps 8–10: how long the gap after this visit ran before the next booking was made.
                let nextBooked = all.filter { $0.start > a.start && $0.bookedAt >= a.start }.map(\.bookedAt).min()
                func reached(_ n: Int) -> Instant? {
                    let at = cal.instant(day: d0 + n, minute: 0)
                    guard w.contains(at), nextBooked.map({ $0 >= at }) ?? true else { return nil }
                    return at
                }
                func touched(_ kinds: Set<TouchpointKind>, fromDay: Int, toDay: Int) -> Touchpoint? {
                    c.touchpoints.first { kinds.contains($0.kind) && $0.at > a.start && (d0 + fromDay...d0 + toDay).contains(cal.day(of: $0.at)) }
                }
                let reachable = c.contact && c.status != .doNotContact
                if reachable, let day28 = reached(s.checkInDays), Instant(ms: day28.ms + 7 * day) <= w.end {
                    t.checkInOwed += 1
                    if touched([.checkIn28], fromDay: s.checkInDays - 3, toDay: s.checkInDays + 7) != nil { t.checkInSent += 1 }
                }
                if reachable, reached(s.lapseDays) != nil {
                    t.reEngageOwed += 1
                    let contacted = c.lastContactedAt.map { $0 > a.start && (d0 + 21...d0 + s.lapseDays).contains(cal.day(of: $0)) } ?? false
                    if contacted || touched([.reEngage, .checkIn28], fromDay: 21, toDay: s.lapseDays) != nil { t.reEngageSent += 1 }
                }
                if reachable, let day60 = reached(s.reactivationDays), Instant(ms: day60.ms + 21 * day) <= w.end {
                    t.reactivationOwed += 1
                    if let letter = touched([.reactivationLetter], fromDay: 0, toDay: s.reactivationDays + 7),
                       c.touchpoints.contains(where: { $0.kind == .followUpCall && $0.at > letter.at && $0.at.ms <= letter.at.ms + 14 * day }) {
                        t.reactivationDone += 1
                    }
                }
                // Steps 7 and 2→3: the first and second visits, given four weeks to book the next.
                if (i == 0 || i == 1) && w.contains(a.start) && a.start.ms + 28 * day <= w.end.ms {
                    let booked = all.contains { $0.start > a.start && $0.status != .cancelled && $0.status != .noShow }
                    if i == 0 { t.firsts += 1; if booked { t.firstToSecond += 1 } }
                    if i == 1 { t.seconds += 1; if booked { t.secondToThird += 1 } }
                }
            }
            // Step 11: no-shows and late cancellations by the client, followed up the same day.
            for a in all where w.contains(a.start) && (a.status == .noShow || (a.status == .cancelled && a.lateCancellation && a.cancelledBy == .client)) {
                t.missedOwed += 1
                let from = min(a.settledAt ?? a.start, a.start)
                if c.touchpoints.contains(where: { $0.kind == .noShowFollowUp && $0.at >= from && cal.day(of: $0.at) == cal.day(of: a.start) }) {
                    t.missedFollowed += 1
                }
            }
            // Step 12: a referral ask within 7 days of a milestone.
            for m in c.milestones where w.contains(m.at) && m.at.ms + 7 * day <= w.end.ms {
                t.milestones += 1
                if c.touchpoints.contains(where: { $0.kind == .referralAsk && $0.at >= m.at && $0.at.ms <= m.at.ms + 7 * day }) { t.asked += 1 }
            }
        }
        var callbackHours: [Double] = []
        var callbacksDue = 0, callbacksKept = 0
        for cb in p.callbacks where !cb.withdrawn && w.contains(cb.addedAt) && cb.promisedBy <= w.end {
            callbacksDue += 1
            if let r = cb.returnedAt, r <= w.end {
                if r <= cb.promisedBy { callbacksKept += 1 }
                callbackHours.append(cb.addedAt.hours(until: r))
            }
        }
        var thankHours: [Double] = []
        var referrals = 0, thankedInTime = 0
        for r in p.referrals where !r.withdrawn && w.contains(r.recordedAt) && r.recordedAt.adding(hours: s.thankYouHours) <= w.end {
            referrals += 1
            if let at = r.thankedAt, at <= w.end {
                thankHours.append(r.recordedAt.hours(until: at))
                if at <= r.recordedAt.adding(hours: s.thankYouHours) { thankedInTime += 1 }
            }
        }
        let owners = (p.openAudit ?? p.finishedAudits.last).map { a in a.answers.values.filter { $0.owner != nil }.count } ?? 0
        let lastLook = [p.reportViewed[.sources], p.reportExported[.sources]].compactMap { $0 }.max()

        return [
            Evidence.share(1, callbacksKept, callbacksDue, target: target,
                           formula: "callbacks taken in the window whose promised time has passed, returned by that time",
                           detail: median(callbackHours).map { "median \(hours($0)) to return" }, empty: "no callbacks were noted in the window"),
            Evidence.share(2, t.withSource, t.newClients, target: target, formula: "new clients in the window with a \"how did you hear about us?\" source",
                           empty: "no new clients in the window"),
            Evidence.share(3, t.withConsent, t.newClients, target: target, formula: "new clients in the window whose contact consent and newsletter choice were recorded",
                           empty: "no new clients in the window"),
            Evidence.share(4, t.rebookedAtCheckout, t.sessions, target: target, formula: "attended sessions followed by a booking made the same day",
                           empty: "no attended sessions in the window"),
            Evidence.share(5, t.postSessionSent, t.postSessionOwed, target: target, formula: "attended sessions with a post-session message within 24 h of the end",
                           empty: "no attended sessions at least a day old in the window"),
            Evidence.share(6, t.promptSent, t.promptOwed, target: target,
                           formula: "sessions left without a booking (still none when the prompt fell due) with a rebooking prompt within 3 days",
                           empty: "nobody left without a booking in the window"),
            Evidence.share(7, t.secondToThird, t.seconds, target: target,
                           formula: "clients whose 2nd session (at least 4 weeks ago) was followed by a 3rd booked or attended",
                           detail: t.firsts > 0 ? "1 → 2: \(percent(t.firstToSecond, t.firsts)) (\(t.firstToSecond) of \(t.firsts))" : nil,
                           empty: "no second sessions at least 4 weeks old in the window"),
            Evidence.share(8, t.checkInSent, t.checkInOwed, target: target,
                           formula: "visits followed by 28 days without a booking, with a 28-day check-in by day 35",
                           empty: "nobody reached day 28 without a booking in the window"),
            Evidence.share(9, t.reEngageSent, t.reEngageOwed, target: target,
                           formula: "visits followed by 6 weeks without a booking, with a re-engagement message (or contact) in weeks 3–6",
                           empty: "nobody reached 6 weeks without a booking in the window"),
            Evidence.share(10, t.reactivationDone, t.reactivationOwed, target: target,
                           formula: "visits followed by 60 days without a booking, with a reactivation letter by day 67 and a follow-up call within 14 days of it",
                           empty: "nobody reached 2 months without a booking (at least 3 weeks ago) in the window"),
            Evidence.share(11, t.missedFollowed, t.missedOwed, target: target,
                           formula: "no-shows and late cancellations by the client followed up the same day",
                           empty: "no no-shows or late cancellations in the window"),
            Evidence.share(12, t.asked, t.milestones, target: target, formula: "milestones followed by a referral ask within 7 days",
                           empty: "no milestones recorded in the window"),
            Evidence.share(13, thankedInTime, referrals, target: target,
                           formula: "referrals recorded in the window thanked within \(s.thankYouHours) hours",
                           detail: median(thankHours).map { "median \(hours($0)) to thank" }, empty: "no referrals in the window"),
            sourcesReviewed(lastLook, end: w.end, cal: cal),
            Evidence(step: 15, numerator: nil, denominator: nil, target: nil, formula: "the owner's judgement: the log cannot show how easy rescheduling feels",
                     detail: nil, noData: "no data: the owner's judgement"),
            Evidence(step: 16, numerator: nil, denominator: nil, target: nil, formula: "the owner's judgement; each step's owner is recorded with its answer",
                     detail: "owners named for \(owners) of \(AuditChecklist.steps.count) steps", noData: nil),
        ]
    }

    /// Step 14: yes if the sources report was viewed or exported in the current calendar quarter.
    static func sourcesReviewed(_ last: Instant?, end: Instant, cal: PracticeCalendar) -> Evidence {
        let formula = "the sources report viewed or exported this quarter (keepwarm report sources)"
        guard let last else {
            return Evidence(step: 14, numerator: nil, denominator: nil, target: 1, formula: formula, detail: nil,
                            noData: "no data: the sources report has never been viewed")
        }
        func quarter(_ i: Instant) -> Int { let (y, m, _) = Civil.date(fromDays: cal.day(of: i)); return y * 4 + (m - 1) / 3 }
        let inQuarter = quarter(last) == quarter(end) && last <= end
        return Evidence(step: 14, numerator: inQuarter ? 1 : 0, denominator: 1, target: 1, formula: formula,
                        detail: "last viewed \(cal.dateString(last))", noData: nil)
    }

    static func median(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func hours(_ h: Double) -> String {
        h < 48 ? "\((h * 10).rounded() / 10) h" : "\((h / 24 * 10).rounded() / 10) days"
    }

    static func percent(_ n: Int, _ d: Int) -> String { "\(Int((Double(n) / Double(d) * 100).rounded()))%" }

    /// Running counts for the steps that walk the clients.
    struct Tally {
        var newClients = 0, withSource = 0, withConsent = 0
        var sessions = 0, rebookedAtCheckout = 0
        var postSessionOwed = 0, postSessionSent = 0
        var promptOwed = 0, promptSent = 0
        var firsts = 0, firstToSecond = 0, seconds = 0, secondToThird = 0
        var checkInOwed = 0, checkInSent = 0
        var reEngageOwed = 0, reEngageSent = 0
        var reactivationOwed = 0, reactivationDone = 0
        var missedOwed = 0, missedFollowed = 0
        var milestones = 0, asked = 0
    }
}
