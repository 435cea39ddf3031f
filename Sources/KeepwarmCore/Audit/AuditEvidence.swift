/// Works out every audit step's figure from the log (Docs/audit.md says exactly how). One pass over the clients and
/// their own appointments; nothing rescans the events.
///
/// Every figure counts only what was recorded by the window's end: touchpoints, bookings, returns, thank-yous, report
/// views and audit answers after `end` are ignored, and a moment is counted only once its deadline has passed by `end`
/// (its "maturity"). What `Practice` holds as the present state (a client's status, contact choice and source, an
/// appointment's status) is read as it is now; a true as-of figure comes from replaying the log up to the date.
public enum AuditEvidence {
    public static let defaultTarget = 0.9
    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000
    /// The start of the re-engagement window: three weeks after the visit.
    static let reEngageFromDay = 21
    /// The messages that try to bring a client back for a next session.
    static let chaseKinds: Set<TouchpointKind> = [.rebookPrompt, .checkIn28, .reEngage, .reactivationLetter, .followUpCall]

    /// What a formula adds when callbacks or referrals were left out because the client was erased (`Contactable`):
    /// nobody may be prompted about them, so they are not owed. Nothing when there were none.
    static func erasedClause(_ n: Int, _ what: String, _ settled: String) -> String {
        n == 0 ? "" : "; not owed, counted as erased: \(n) \(n == 1 ? String(what.dropLast()) : what) about a client whose details were erased, not \(settled) by the end"
    }

    public static func all(_ p: Practice, window w: AuditWindow, target: Double = defaultTarget) -> [Evidence] {
        var t = Tally()
        let cal = p.calendar
        let s = p.settings
        /// The start of a local day: "by day n" means before the start of day n + 1.
        func midnight(_ d: Int) -> Instant { cal.instant(day: d, minute: 0) }

        /// Every step looks at most this many days past a visit (a day more for a clock change), so an older visit
        /// cannot count in this window: skipping it keeps a decade of history from costing the audit anything.
        func reach(_ cadence: Int?) -> Int64 {
            Int64(max(s.checkInDays, s.reactivationDays + 22, Lapsed.threshold(s, cadence: cadence) + 1) + 2)
        }
        /// Read through the client's address, field by field: handing the client itself to this function copied it
        /// (a retain per field), 12 ms of the console's first frame at 1M events.
        func counts(_ c: UnsafePointer<Client>) -> Bool {
            if w.contains(c.pointee.firstSeen) {
                let id = c.pointee.id
                t.newClients.append(.client(id))
                if c.pointee.source != nil { t.withSource.append(.client(id)) }
                if c.pointee.consentRecorded { t.withConsent.append(.client(id)) }
            }
            let reach = reach(c.pointee.cadence), start = w.start.ms
            let recent = c.pointee.appointments.contains { p.appointments[$0.index].start.ms + reach * day > start }
            return recent || c.pointee.milestones.contains(where: { w.contains($0.at) })
        }
        // The clients with something in reach of the window: most have nothing recent and are only looked at in place.
        let inReach = p.clients.withUnsafeBufferPointer { b in
            b.indices.filter { k in !b[k].withdrawn && counts(b.baseAddress! + k) }
        }

        for k in inReach {
            let c = p.clients[k]
            let reach = reach(c.cadence)
            let all = ClientHistory(p, c).appointments
            let attended = all.filter { $0.status == .attended }
            let touches = c.touchpoints.filter { $0.at <= w.end }
            // The practice keeps a client's status and consent as they are now, not when they changed. Anything recorded
            // for the client at or after a moment shows they could be contacted then; otherwise a client who has not
            // agreed to contact, or is marked do-not-contact, is left out of the message steps.
            let consentNow = c.contact && c.status != .doNotContact
            func messageable(since moment: Instant) -> Bool {
                consentNow || c.touchpoints.contains { $0.at >= moment } || (c.lastContactedAt.map { $0 >= moment } ?? false)
            }
            // A client discharged or moved away had their care end at their last visit if a discharge milestone was
            // recorded for it, or if nothing was done to bring them back after it (no prompt, check-in, re-engagement,
            // reactivation letter, call or recorded contact). A client closed at a lapsed review after being chased
            // still counts: in Keepwarm's flow the review comes at the end of the sequence.
            let closed = c.status == .discharged || c.status == .movedAway
            func careEnded(at a: Appointment) -> Bool {
                closed && a.id == attended.last?.id
                    && (c.milestones.contains { $0.kind == .discharge && $0.at >= a.start }
                        || !(c.touchpoints.contains { chaseKinds.contains($0.kind) && $0.at > a.start }
                             || (c.lastContactedAt.map { $0 > a.start } ?? false)))
            }

            /// Whether, at `at`, the client had come back after visit `a` or had a later session booked that still
            /// stood: a booking made before `at`, for after `a`, that was attended, or had not yet passed, been
            /// cancelled or been missed by `at`. A booked session left unmarked after it passed does not stand.
            func bookedAhead(after a: Appointment, at: Instant) -> Bool {
                all.contains { b in
                    guard b.start > a.start, b.bookedAt < at else { return false }
                    switch b.status {
                    case .attended: return true
                    case .booked, .noShow: return b.start >= at
                    case .cancelled: return (b.settledAt ?? at) >= at
                    }
                }
            }
            /// A message that fell `due` while the client was still unbooked: met if sent by `deadline`; left out if
            /// the client booked before `deadline` without it (the need went away on its own); otherwise missed.
            func chase(_ a: Appointment, due: Instant, deadline: Instant, sent: Bool) -> Bool? {
                if bookedAhead(after: a, at: due) { return nil }
                if sent { return true }
                return bookedAhead(after: a, at: deadline) ? nil : false
            }

            for (i, a) in attended.enumerated() where a.start.ms + reach * day > w.start.ms {
                let d0 = cal.day(of: a.start)
                let endedCare = careEnded(at: a)
                let session = FigureSubject.session(a.id, client: c.id)
                /// Steps 6 and 8–10: owed unless care ended here, to a client who could be contacted when it fell due.
                func chased(_ due: Instant) -> Bool { !endedCare && messageable(since: due) }
                // Step 4: the client left with a later session booked (made at checkout or before), by the end of the day.
                let dayOver = midnight(d0 + 1)
                if w.contains(a.start) && dayOver <= w.end && !endedCare {
                    t.sessions.append(session)
                    if bookedAhead(after: a, at: dayOver) { t.rebookedAtCheckout.append(session) }
                }
                // Step 5: a post-session message within 24 hours of the session ending.
                let due5 = Instant(ms: a.end.ms + 24 * hour)
                if messageable(since: a.start) && w.contains(a.start) && due5 <= w.end {
                    t.postSessionOwed.append(session)
                    if touches.contains(where: { $0.kind == .postSession && $0.at >= a.start && $0.at <= due5 }) { t.postSessionSent.append(session) }
                }
                // Step 6: left without a booking, still unbooked when the prompt fell due; sent by the end of the next day.
                let promptDue = midnight(d0 + s.rebookPromptDays), promptBy = midnight(d0 + s.rebookPromptDays + 2)
                if chased(promptDue) && w.contains(a.start) && promptBy <= w.end {
                    let sent = touches.contains { $0.kind == .rebookPrompt && $0.at > a.start && $0.at < promptBy }
                    t.add(chase(a, due: promptDue, deadline: promptBy, sent: sent), \.promptOwed, \.promptSent, session)
                }
                // Step 8: still unbooked on day 28; a check-in from day 25 to day 35.
                let due8 = midnight(d0 + s.checkInDays), by8 = midnight(d0 + s.checkInDays + 8)
                if chased(due8) && w.contains(due8) && by8 <= w.end {
                    let from = midnight(d0 + s.checkInDays - 3)
                    let sent = touches.contains { $0.kind == .checkIn28 && $0.at > a.start && $0.at >= from && $0.at < by8 }
                    t.add(chase(a, due: due8, deadline: by8, sent: sent), \.checkInOwed, \.checkInSent, session)
                }
                // Step 9: still unbooked at the client's lapse threshold; contact from day 21 to that day.
                let lapse = Lapsed.threshold(s, cadence: c.cadence)
                let due9 = midnight(d0 + lapse), by9 = midnight(d0 + lapse + 1)
                if chased(due9) && w.contains(due9) && by9 <= w.end {
                    let from = midnight(d0 + reEngageFromDay)
                    func inWeeks3to6(_ at: Instant) -> Bool { at > a.start && at >= from && at < by9 }
                    let sent = touches.contains { ($0.kind == .reEngage || $0.kind == .checkIn28) && inWeeks3to6($0.at) }
                        || c.lastContactedAt.map { $0 <= w.end && inWeeks3to6($0) } ?? false
                    t.add(chase(a, due: due9, deadline: by9, sent: sent), \.reEngageOwed, \.reEngageSent, session)
                }
                // Step 10: still unbooked on day 60; a letter by day 67, then a call within 14 days unless they booked first.
                let due10 = midnight(d0 + s.reactivationDays), letterBy = midnight(d0 + s.reactivationDays + 8)
                if chased(due10) && w.contains(due10) && midnight(d0 + s.reactivationDays + 22) <= w.end && !bookedAhead(after: a, at: due10) {
                    if let letter = touches.first(where: { $0.kind == .reactivationLetter && $0.at > a.start && $0.at < letterBy }) {
                        let callBy = min(Instant(ms: letter.at.ms + 14 * day), w.end)
                        let called = touches.contains { $0.kind == .followUpCall && $0.at > letter.at && $0.at <= callBy }
                        t.add(called || bookedAhead(after: a, at: callBy), \.reactivationOwed, \.reactivationDone, session)
                    } else {
                        t.add(bookedAhead(after: a, at: letterBy) ? nil : false, \.reactivationOwed, \.reactivationDone, session)
                    }
                }
                // Step 7 (and its 1 → 2 detail): the first and second visits, given four weeks to book the next.
                let fourWeeks = Instant(ms: a.start.ms + 28 * day)
                if (i == 0 || i == 1) && !endedCare && w.contains(a.start) && fourWeeks <= w.end {
                    let booked = all.contains { b in
                        guard b.start > a.start, b.bookedAt <= fourWeeks else { return false }
                        switch b.status {
                        case .attended, .booked: return true
                        // Cancelled or missed only after the window's end: at the end it was still booked.
                        case .cancelled, .noShow: return (b.settledAt ?? w.end) > w.end
                        }
                    }
                    if i == 0 { t.firsts.append(.client(c.id)); if booked { t.firstToSecond.append(.client(c.id)) } }
                    if i == 1 { t.seconds.append(.client(c.id)); if booked { t.secondToThird.append(.client(c.id)) } }
                }
            }
            // Step 11: no-shows and late cancellations by the client, followed up (or rebooked) by the end of that day.
            for a in all where messageable(since: min(a.settledAt ?? a.start, a.start)) && (a.status == .noShow || (a.status == .cancelled && a.lateCancellation && a.cancelledBy == .client)) {
                let dayOver = midnight(cal.day(of: a.start) + 1)
                guard w.contains(a.start) && dayOver <= w.end else { continue }
                t.missedOwed.append(.session(a.id, client: c.id))
                // A late cancellation is known before its start time, so the follow-up can come before it too.
                let from = min(a.settledAt ?? a.start, a.start)
                if touches.contains(where: { $0.kind == .noShowFollowUp && $0.at >= from && $0.at < dayOver })
                    || all.contains(where: { $0.id != a.id && $0.bookedAt >= from && $0.bookedAt < dayOver }) {
                    t.missedFollowed.append(.session(a.id, client: c.id))
                }
            }
            // Step 12: a referral ask within 7 days of a milestone.
            for m in c.milestones where messageable(since: m.at) && w.contains(m.at) && m.at.ms + 7 * day <= w.end.ms {
                t.milestones.append(.milestone(client: c.id, at: m.at))
                if touches.contains(where: { $0.kind == .referralAsk && $0.at >= m.at && $0.at.ms <= m.at.ms + 7 * day }) { t.asked.append(.milestone(client: c.id, at: m.at)) }
            }
        }
        var callbackHours: [Double] = []
        var callbacksDue: [FigureSubject] = [], callbacksKept: [FigureSubject] = [], callbacksErased = 0
        for cb in p.callbacks where !cb.withdrawn && w.contains(cb.addedAt) && cb.promisedBy <= w.end {
            // Not returned by the end and taken from a client since erased: nobody may be prompted to call, so not owed.
            if Contactable.isErased(.callback(cb.id), in: p) && (cb.returnedAt.map { $0 > w.end } ?? true) {
                callbacksErased += 1
                continue
            }
            callbacksDue.append(.callback(cb.id))
            if let r = cb.returnedAt, r <= w.end {
                if r <= cb.promisedBy { callbacksKept.append(.callback(cb.id)) }
                callbackHours.append(cb.addedAt.hours(until: r))
            }
        }
        var thankHours: [Double] = []
        var referrals: [FigureSubject] = [], thankedInTime: [FigureSubject] = [], referralsErased = 0
        for r in p.referrals where !r.withdrawn && w.contains(r.recordedAt) && r.recordedAt.adding(hours: s.thankYouHours) <= w.end {
            if Contactable.isErased(.referral(r.id), in: p) && (r.thankedAt.map { $0 > w.end } ?? true) {
                referralsErased += 1
                continue
            }
            referrals.append(.referral(r.id, referrer: r.referrer))
            if let at = r.thankedAt, at <= w.end {
                thankHours.append(r.recordedAt.hours(until: at))
                if at <= r.recordedAt.adding(hours: s.thankYouHours) { thankedInTime.append(.referral(r.id, referrer: r.referrer)) }
            }
        }

        return [
            Evidence.share(1, callbacksKept, callbacksDue, target: target,
                           formula: "callbacks taken in the window whose promised time has passed, returned by that time\(erasedClause(callbacksErased, "callbacks", "returned"))",
                           detail: median(callbackHours).map { "median \(hours($0)) to return" }, empty: "no callbacks were noted in the window"),
            Evidence.share(2, t.withSource, t.newClients, target: target, formula: "new clients in the window with a \"how did you hear about us?\" source",
                           empty: "no new clients in the window"),
            Evidence.share(3, t.withConsent, t.newClients, target: target, formula: "new clients in the window whose contact consent and newsletter choice were recorded",
                           empty: "no new clients in the window"),
            Evidence.share(4, t.rebookedAtCheckout, t.sessions, target: target,
                           formula: "attended sessions after which the client had a later session booked by the end of the day" + rebookingDifference,
                           empty: "no attended sessions in the window"),
            Evidence.share(5, t.postSessionSent, t.postSessionOwed, target: target, formula: "attended sessions with a post-session message within 24 h of the end",
                           empty: "no attended sessions at least a day old in the window"),
            Evidence.share(6, t.promptSent, t.promptOwed, target: target,
                           formula: "sessions left without a booking (still none on day \(s.rebookPromptDays)) with a rebooking prompt by day \(s.rebookPromptDays + 1)",
                           empty: "nobody left without a booking in the window"),
            Evidence.share(7, t.secondToThird, t.seconds, target: target,
                           formula: "clients whose 2nd session (at least 4 weeks ago) was followed by a 3rd booked within 4 weeks" + conversionDifference,
                           detail: !t.firsts.isEmpty ? "1 → 2: \(percent(t.firstToSecond.count, t.firsts.count)) (\(t.firstToSecond.count) of \(t.firsts.count))" : nil,
                           empty: "no second sessions at least 4 weeks old in the window"),
            Evidence.share(8, t.checkInSent, t.checkInOwed, target: target,
                           formula: "visits followed by \(s.checkInDays) days without a booking, with a check-in from day \(s.checkInDays - 3) to day \(s.checkInDays + 7)",
                           empty: "nobody reached day \(s.checkInDays) without a booking in the window"),
            Evidence.share(9, t.reEngageSent, t.reEngageOwed, target: target,
                           formula: "visits followed by \(s.lapseDays) days without a booking (longer for a slow cadence), with a re-engagement message, check-in or recorded contact from day \(reEngageFromDay) to that day",
                           empty: "nobody reached \(s.lapseDays) days without a booking in the window"),
            Evidence.share(10, t.reactivationDone, t.reactivationOwed, target: target,
                           formula: "visits followed by \(s.reactivationDays) days without a booking, with a reactivation letter by day \(s.reactivationDays + 7) and a follow-up call within 14 days of it (unless they booked first)",
                           empty: "nobody reached \(s.reactivationDays) days without a booking (at least 3 weeks ago) in the window"),
            Evidence.share(11, t.missedFollowed, t.missedOwed, target: target,
                           formula: "no-shows and late cancellations by the client followed up (or rebooked) by the end of that day",
                           empty: "no no-shows or late cancellations in the window"),
            Evidence.share(12, t.asked, t.milestones, target: target, formula: "milestones followed by a referral ask within 7 days",
                           empty: "no milestones recorded in the window"),
            Evidence.share(13, thankedInTime, referrals, target: target,
                           formula: "referrals recorded in the window thanked within \(s.thankYouHours) hours\(erasedClause(referralsErased, "referrals", "thanked"))",
                           detail: median(thankHours).map { "median \(hours($0)) to thank" }, empty: "no referrals in the window"),
        ] + ownersAndReviews(p, window: w)
    }

    /// Steps 14 to 16, read from the audit's own records (the sources review, the answers and their owners) rather
    /// than the clients: cheap, so whoever shows evidence worked out earlier (the console keeps it for a minute) takes
    /// these afresh from this one function, and the console, `keepwarm audit`, `--json` and the printable page agree.
    public static func ownersAndReviews(_ p: Practice, window w: AuditWindow) -> [Evidence] {
        // The latest audit started by the end, with the owners named by then.
        let audit = p.audits.last { !$0.withdrawn && $0.startedAt <= w.end }
        let owners = audit.map { a in a.answers.values.count { $0.owner != nil && $0.at <= w.end } } ?? 0
        // Opening or exporting the report is a look, not a review: the owner marks it reviewed (`report.reviewed`).
        let lastLook = p.reportReviewed[.sources].flatMap { $0 <= w.end ? $0 : nil }
        return [
            sourcesReviewed(lastLook, end: w.end, cal: p.calendar),
            Evidence(step: 15, numerator: nil, denominator: nil, target: nil, formula: "the owner's judgement: the log cannot show how easy rescheduling feels",
                     detail: nil, noData: "no data: the owner's judgement"),
            Evidence(step: 16, numerator: nil, denominator: nil, target: nil, formula: "the owner's judgement; each step's owner is recorded with its answer",
                     detail: "owners named for \(owners) of \(AuditChecklist.steps.count) steps", noData: nil),
        ]
    }

    /// `evidence` (worked out at some earlier moment) with steps 14 to 16 taken afresh for `window` (`ownersAndReviews`).
    public static func refreshingOwnersAndReviews(_ evidence: [Evidence], _ p: Practice, window w: AuditWindow) -> [Evidence] {
        let fresh = ownersAndReviews(p, window: w)
        return evidence.map { e in fresh.first { $0.step == e.step } ?? e }
    }

    /// Step 14: yes if the owner marked the sources report reviewed in the calendar quarter of `end`, by `end`.
    static func sourcesReviewed(_ last: Instant?, end: Instant, cal: PracticeCalendar) -> Evidence {
        let formula = "the sources report marked reviewed this quarter (keepwarm report sources --mark-reviewed, or v on the reports screen)"
        guard let last, last <= end else {
            return Evidence(step: 14, numerator: nil, denominator: nil, target: 1, formula: formula, detail: nil,
                            noData: "no data: the sources report has never been marked reviewed")
        }
        func quarter(_ i: Instant) -> Int { let (y, m, _) = Civil.date(fromDays: cal.day(of: i)); return y * 4 + (m - 1) / 3 }
        let inQuarter = quarter(last) == quarter(end)
        return Evidence(step: 14, numerator: inQuarter ? 1 : 0, denominator: 1, target: 1, formula: formula,
                        detail: "last reviewed \(cal.dateString(last))", noData: nil)
    }

    /// How step 4 differs from the retention report's rebooking rate, said beside both so nobody compares them blind.
    public static let rebookingDifference =
        " (the retention report's rebooking rate differs: it counts a booking made on the visit's own day, even if cancelled later that day, and the visit that ended care)"
    /// How step 7 differs from the retention report's 2nd → 3rd visit.
    public static let conversionDifference =
        " (the retention report's 2nd → 3rd visit differs: a 3rd attended within \(RetentionReport.conversionWindowDays) days)"

    static func median(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func hours(_ h: Double) -> String {
        h < 48 ? "\((h * 10).rounded() / 10) h" : "\((h / 24 * 10).rounded() / 10) days"
    }

    static func percent(_ n: Int, _ d: Int) -> String { "\(Int((Double(n) / Double(d) * 100).rounded()))%" }

    /// The records counted so far for the steps that walk the clients: each figure is the lengths of its two lists,
    /// and the lists are its drill-down.
    struct Tally {
        var newClients: [FigureSubject] = [], withSource: [FigureSubject] = [], withConsent: [FigureSubject] = []
        var sessions: [FigureSubject] = [], rebookedAtCheckout: [FigureSubject] = []
        var postSessionOwed: [FigureSubject] = [], postSessionSent: [FigureSubject] = []
        var promptOwed: [FigureSubject] = [], promptSent: [FigureSubject] = []
        var firsts: [FigureSubject] = [], firstToSecond: [FigureSubject] = [], seconds: [FigureSubject] = [], secondToThird: [FigureSubject] = []
        var checkInOwed: [FigureSubject] = [], checkInSent: [FigureSubject] = []
        var reEngageOwed: [FigureSubject] = [], reEngageSent: [FigureSubject] = []
        var reactivationOwed: [FigureSubject] = [], reactivationDone: [FigureSubject] = []
        var missedOwed: [FigureSubject] = [], missedFollowed: [FigureSubject] = []
        var milestones: [FigureSubject] = [], asked: [FigureSubject] = []

        /// Counts one owed moment: nil when it was not owed after all, else whether it was met.
        mutating func add(_ met: Bool?, _ owed: WritableKeyPath<Tally, [FigureSubject]>, _ done: WritableKeyPath<Tally, [FigureSubject]>, _ s: FigureSubject) {
            guard let met else { return }
            self[keyPath: owed].append(s)
            if met { self[keyPath: done].append(s) }
        }
    }
}
