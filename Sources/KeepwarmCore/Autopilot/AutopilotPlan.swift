/// How the autopilot reaches a client's recorded details: the SMS number check lives with the SMS code (outside the
/// core), so it is passed in; without it any recorded phone counts.
public struct Reach: Sendable {
    /// The number to text for a recorded phone, or why it cannot be texted.
    public var sms: @Sendable (_ phone: String, _ country: String) -> Result<String, ChannelProblem>

    public init(sms: @escaping @Sendable (_ phone: String, _ country: String) -> Result<String, ChannelProblem> = { p, _ in .success(p) }) {
        self.sms = sms
    }
}

/// Why a recorded detail cannot carry a message.
public struct ChannelProblem: Error, Equatable, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// The autopilot's one rule (Docs/rules.md, "The autopilot"): which messages are due now under an `auto` policy,
/// which channel each takes, and what stops each. A pure function of the practice and now; `autopilot preview`,
/// `autopilot run` (again under the log's lock, just before each send) and the console's `A` all ask it.
public enum AutopilotPlan {
    /// A message retried after "try later" waits this long, at most `retries` times.
    public static let retryMinutes = 15
    public static let retries = 5
    /// An autopilot not heard from for this long is taken to be off: its messages go back on the desk's lists.
    public static let liveHours = 26
    /// A message more than this many days past its due day does not go by itself: the desk decides (a practice
    /// turning the autopilot on with a backlog, or a run that did not happen for days).
    public static let lateDays = 3

    /// Every message due now under an `auto` policy, in the order a run sends them.
    public static func messages(_ p: Practice, now: Instant, reach: Reach = Reach()) -> [PlannedMessage] {
        let today = p.calendar.day(of: now)
        var out: [PlannedMessage] = []
        for i in p.clients.indices { out += candidates(for: p.clients[i], in: p, now: now, today: today, reach: reach) }
        for r in p.unthankedReferrals { if let m = thankYou(r, in: p, now: now, today: today, reach: reach) { out.append(m) } }
        if p.settings.autopilot.policy(.reminder).policy == .auto {
            // From the next few days' diary, not every client's bookings: a million events hold few of them.
            for d in 0...reminderReachDays {
                for a in p.appointments(onDay: today + d) {
                    if let m = reminder(a, in: p, now: now, today: today, reach: reach) { out.append(m) }
                }
            }
        }
        out.sort(by: order)
        limit(&out, p, now: now, countingGoing: true)
        return out
    }

    /// One a day per client, the window and the practice's cap, applied in send order to messages still free to go.
    /// `countingGoing`: whether each message that goes counts towards the cap for the ones after it (the whole plan),
    /// or only the attempts already in the log do (one client's recheck, where the earlier ones were tried already).
    static func limit(_ out: inout [PlannedMessage], _ p: Practice, now: Instant, countingGoing: Bool) {
        let today = p.calendar.day(of: now)
        let w = p.settings.autopilot.window
        var sentToday = p.autopilot.perDay[today] ?? 0
        var going: [ClientID: AutopilotStep] = [:]
        let open = w.isOpen(day: today, minute: p.calendar.minuteOfDay(now))
        for k in out.indices where out[k].stop == nil {
            let c = out[k].client
            if let last = p.autopilot.clientDays[c], last.day == today, last.key != out[k].key {
                out[k].stop = .alreadyToday
            } else if let first = going[c] {
                out[k].stop = .oneADay(first)
            } else if !open {
                out[k].stop = .outsideWindow(opens: nextOpening(w, after: now, p.calendar))
            } else if sentToday >= w.cap {
                out[k].stop = .dailyCap(w.cap)
            } else {
                going[c] = out[k].step
                if countingGoing { sentToday += 1 }
            }
        }
    }

    /// Service messages first, then soonest due, then the step's priority.
    static func order(_ a: PlannedMessage, _ b: PlannedMessage) -> Bool {
        let pa = a.step.purpose == .service ? 0 : 1, pb = b.step.purpose == .service ? 0 : 1
        return (pa, a.dueDay, a.step.priority, a.client, a.key) < (pb, b.dueDay, b.step.priority, b.client, b.key)
    }

    /// Whether the autopilot has run recently enough to be trusted with its messages.
    public static func isLive(_ p: Practice, now: Instant) -> Bool {
        guard let last = p.autopilot.lastRun else { return false }
        return now.ms - last.ms <= Int64(liveHours) * 3_600_000
    }

    /// The message's key: the same message always has the same key, so no two runs send it.
    public static func key(client: ClientID, step: AutopilotStep, dueDay: Int, appointment: AppointmentID?, start: Instant?,
                           referral: ReferralID?, _ cal: PracticeCalendar) -> String {
        var k = "\(client).\(step.rawValue).\(Civil.string(ofDay: dueDay))"
        if let a = appointment { k += ".\(a)" }
        // A reminder names the time too: a moved appointment is a new reminder, and the old one must not go.
        if let s = start { k += startSuffix(s, cal) }
        if let r = referral { k += ".\(r)" }
        return k
    }

    /// The key of a follow-up row, as the plan would make it.
    public static func key(_ row: FollowUpRow, _ p: Practice) -> String? {
        guard let step = AutopilotStep(touchpoint: row.kind) else { return nil }
        return key(client: row.client, step: step, dueDay: row.dueDay, appointment: row.appointment, start: nil, referral: nil, p.calendar)
    }

    /// Whether a follow-up belongs on a person's list: its step is the desk's, or the autopilot cannot or did not
    /// send it (not running, no way to reach the client, failed, or told "not sent" by a person). A message the
    /// autopilot will send, or the desk skipped, is not listed; an unresolved one is on the unresolved list instead.
    public static func forDesk(_ row: FollowUpRow, _ p: Practice, now: Instant) -> Bool {
        guard let step = AutopilotStep(touchpoint: row.kind) else { return true }
        guard let k = key(row, p) else { return true }
        return forDesk(step: step, key: k, client: row.client, dueDay: row.dueDay, p, now: now, appointment: row.appointment)
    }

    /// The same for a referral thank-you.
    public static func forDesk(_ row: ThankYouRow, _ p: Practice, now: Instant) -> Bool {
        // Too late for the autopilot (it never thanks out of the blue weeks later): the desk's missed list keeps it.
        if row.hoursLeft < -Double(p.settings.staleThankYouDays) * 24 { return true }
        let r = row.referral
        let k = key(client: r.referrer, step: .referralThankYou, dueDay: p.calendar.day(of: r.recordedAt), appointment: nil, start: nil,
                    referral: r.id, p.calendar)
        return forDesk(step: .referralThankYou, key: k, client: r.referrer, dueDay: p.calendar.day(of: r.recordedAt), p, now: now,
                       referral: r.id)
    }

    static func forDesk(step: AutopilotStep, key: String, client: ClientID, dueDay: Int, _ p: Practice, now: Instant,
                        appointment: AppointmentID? = nil, referral: ReferralID? = nil) -> Bool {
        let policy = p.settings.autopilot.policy(step)
        switch policy.policy {
        case .off: return false
        case .desk: return true
        case .auto: break
        }
        let c = p.clients[client.index]
        if c.skipped.contains(key) { return false }
        let tries = p.autopilot.attempts(key: key)
        if let last = tries.last {
            switch last.outcome {
            case .sent, .unresolved: return false
            // After the last "try later" the plan gives up too (`planned`): the desk has it, never nobody.
            case .failed(_, _, let retry, let confirmed): if !retry || confirmed || tries.count >= retries { return true }
            }
        }
        if !isLive(p, now: now) { return true }
        if c.hold?.holds(on: p.calendar.day(of: now)) == true { return true }
        if p.calendar.day(of: now) - dueDay > lateDays { return true }
        if dueBeforeImport(step, c, dueDay: dueDay, appointment: appointment, referral: referral, p) != nil { return true }
        if needsMarking(step, c, p, now: now) != nil { return true }
        return channel(for: step, c, p, reach: Reach()).channel == nil
    }

    /// A past appointment of the client's that nobody marked, when it decides what the step should say: whether they
    /// came changes every message but the reminder (about a future appointment) and the referral thank-you.
    static func needsMarking(_ step: AutopilotStep, _ c: Client, _ p: Practice, now: Instant) -> AppointmentID? {
        guard step != .reminder && step != .referralThankYou else { return nil }
        for id in c.appointments.reversed() {
            let a = p.appointments[id.index]
            if a.status == .booked && !a.withdrawn && a.start <= now { return a.id }
        }
        return nil
    }

    /// The first channel of the step's policy that reaches the client, its address, and why each one before it does not.
    static func channel(for step: AutopilotStep, _ c: Client, _ p: Practice, reach: Reach)
        -> (channel: AutopilotChannel?, to: String?, refusals: [ChannelRefusal]) {
        var refusals: [ChannelRefusal] = []
        for ch in p.settings.autopilot.policy(step).channels {
            let state = Consent.state(c, ch.consent)
            if state.isWithdrawn {
                refusals.append(ChannelRefusal(channel: ch, reason: "consent withdrawn"))
                continue
            }
            if step.purpose == .marketing && !state.isGiven {
                refusals.append(ChannelRefusal(channel: ch, reason: "no consent for marketing"))
                continue
            }
            switch ch {
            case .email:
                guard let e = c.email, !e.isEmpty else { refusals.append(ChannelRefusal(channel: ch, reason: "no address")); continue }
                return (ch, e, refusals)
            case .sms:
                guard let phone = c.phone, !phone.isEmpty else { refusals.append(ChannelRefusal(channel: ch, reason: "no phone")); continue }
                switch reach.sms(phone, p.settings.country) {
                case .success(let n): return (ch, n, refusals)
                case .failure(let e): refusals.append(ChannelRefusal(channel: ch, reason: e.reason))
                }
            case .letter:
                return (ch, nil, refusals)
            }
        }
        return (nil, nil, refusals)
    }

    /// Whether nothing may go to this client at all, or only the referral ask at discharge.
    static func allowed(_ step: AutopilotStep, _ c: Client) -> Bool {
        if Contactable.bar(client: c) == nil { return true }
        return step == .referralAsk && Contactable.mayAskAtDischarge(c)
    }

    /// A client's due messages under `auto`, with what stops each from going (before the one-a-day and cap checks).
    static func candidates(for c: Client, in p: Practice, now: Instant, today: Int, reach: Reach) -> [PlannedMessage] {
        guard !c.withdrawn, c.erasedAt == nil, c.status != .deceased else { return [] }
        let settings = p.settings.autopilot
        var out: [PlannedMessage] = []
        for row in FollowUps.all(for: c, in: p, now: now, today: today) {
            guard let step = AutopilotStep(touchpoint: row.kind), settings.policy(step).policy == .auto, allowed(step, c) else { continue }
            let k = key(client: c.id, step: step, dueDay: row.dueDay, appointment: row.appointment, start: nil, referral: nil, p.calendar)
            out.append(contentsOf: planned(k, c, step: step, dueDay: row.dueDay, appointment: row.appointment, referral: nil,
                                           why: why(row, step, c, p), p, now: now, reach: reach))
        }
        return out
    }

    /// How many days ahead a reminder can go: the day before, or the last send day of the three before (a window
    /// without weekends reminds on Friday for Monday).
    static let reminderReachDays = 3
    /// A reminder that did not go before the appointment's day goes that morning, if the appointment is this far off.
    static let sameDayReminderHours = 3

    /// The local day a reminder for an appointment on `day` goes: the last day the window is open among the three
    /// before it, else the day before.
    public static func reminderDay(forAppointmentOn day: Int, _ w: AutopilotWindow) -> Int {
        for d in stride(from: day - 1, through: day - reminderReachDays, by: -1) where w.days.contains(Civil.weekday(ofDay: d)) { return d }
        return day - 1
    }

    /// Whether a reminder for `a` is due today. It goes on its reminder day; and one that never went (booked after
    /// the window closed, moved after its reminder went, its day missed) goes on the appointment's own day, when the
    /// appointment is still `sameDayReminderHours` away (QA: such reminders were dropped without trace).
    static func reminderDue(_ a: Appointment, in p: Practice, now: Instant, today: Int) -> Bool {
        guard a.status == .booked, !a.withdrawn else { return false }
        let day = p.calendar.day(of: a.start)
        if day > today { return reminderDay(forAppointmentOn: day, p.settings.autopilot.window) == today }
        guard day == today, a.start.ms - now.ms >= Int64(sameDayReminderHours) * 3_600_000 else { return false }
        let at = startSuffix(a.start, p.calendar)
        return !(p.autopilot.reminderKeys[a.id] ?? []).contains { $0.hasSuffix(at) }
    }

    /// `@2026-12-08T1400`, the end of a reminder's key: which start time it was for.
    static func startSuffix(_ start: Instant, _ cal: PracticeCalendar) -> String {
        "@" + cal.dateString(start) + "T" + cal.timeString(start).replacingOccurrences(of: ":", with: "")
    }

    static func reminder(_ a: Appointment, in p: Practice, now: Instant, today: Int, reach: Reach) -> PlannedMessage? {
        guard reminderDue(a, in: p, now: now, today: today) else { return nil }
        let c = p.clients[a.client.index]
        guard !c.withdrawn, Contactable.bar(client: c) == nil else { return nil }
        let k = key(client: c.id, step: .reminder, dueDay: today, appointment: a.id, start: a.start, referral: nil, p.calendar)
        let with = p.practitioner(a.practitioner).map { " with \($0.name)" } ?? ""
        let day = p.calendar.day(of: a.start)
        let when = day == today ? "today's, as none went before" : day == today + 1 ? "reminders go the day before"
            : "reminders go on the last send day before it"
        let why = "\(p.calendar.dateString(a.start)) \(p.calendar.timeString(a.start))\(with) (\(a.id)); \(when)"
        return planned(k, c, step: .reminder, dueDay: today, appointment: a.id, referral: nil, why: why, p, now: now, reach: reach).first
    }

    static func thankYou(_ r: ReferralID, in p: Practice, now: Instant, today: Int, reach: Reach) -> PlannedMessage? {
        guard p.settings.autopilot.policy(.referralThankYou).policy == .auto, Contactable.mayPrompt(.referral(r), in: p) else { return nil }
        let ref = p.referrals[r.index]
        let referrer = p.clients[ref.referrer.index]
        guard Contactable.bar(client: referrer) == nil else { return nil }
        let due = ref.recordedAt.adding(hours: p.settings.thankYouHours)
        // Too late to thank is the desk's missed list, not a message out of the blue weeks later.
        guard now.hours(until: due) >= -Double(p.settings.staleThankYouDays) * 24 else { return nil }
        let day = p.calendar.day(of: ref.recordedAt)
        let k = key(client: referrer.id, step: .referralThankYou, dueDay: day, appointment: nil, start: nil, referral: r, p.calendar)
        let why = "referral \(r) recorded \(p.calendar.dateString(ref.recordedAt)); thank within \(p.settings.thankYouHours) hours"
        return planned(k, referrer, step: .referralThankYou, dueDay: day, appointment: nil, referral: r, why: why, p, now: now, reach: reach).first
    }

    /// The message with its channel and its stop (if any), or nothing when it already went or the desk skipped it.
    static func planned(_ k: String, _ c: Client, step: AutopilotStep, dueDay: Int, appointment: AppointmentID?, referral: ReferralID?,
                        why: String, _ p: Practice, now: Instant, reach: Reach) -> [PlannedMessage] {
        if c.skipped.contains(k) { return [] }
        var stop: AutopilotStop?
        let tries = p.autopilot.attempts(key: k)
        if let last = tries.last {
            switch last.outcome {
            case .sent: return []
            case .unresolved:
                if let until = last.start.sendingUntil, now < until { stop = .sending(last.id, until: until) } else { stop = .unresolved(last.id) }
            case .failed(let at, let reason, let retry, let confirmed):
                let from = at.adding(minutes: retryMinutes)
                if !retry || confirmed || tries.count >= retries {
                    stop = .failed(last.id, reason: reason)
                } else if now < from {
                    stop = .retryLater(last.id, from: from)
                }
            }
        }
        if stop == nil, let hold = c.hold, hold.holds(on: p.calendar.day(of: now)) {
            if case .until(let d) = hold { stop = .held(untilDay: d) } else { stop = .held(untilDay: nil) }
        }
        // Too late is said first: it would stop the message whichever system it was due in, so a practice moved with
        // its history reads the same reason as before the move.
        if stop == nil, p.calendar.day(of: now) - dueDay > lateDays { stop = .late(dueDay: dueDay) }
        if stop == nil, let d = dueBeforeImport(step, c, dueDay: dueDay, appointment: appointment, referral: referral, p) {
            stop = .beforeImport(importedDay: d)
        }
        if stop == nil, let a = needsMarking(step, c, p, now: now) { stop = .unmarked(a) }
        let (channel, to, refusals) = channel(for: step, c, p, reach: reach)
        if stop == nil && channel == nil { stop = .noChannel(refusals) }
        var m = PlannedMessage(key: k, client: c.id, name: c.name, step: step, dueDay: dueDay, appointment: appointment,
                               referral: referral, why: why, stopsIf: stopsIf(step), channel: channel, to: to, stop: stop)
        m.stop = stop
        return [m]
    }

    /// The next instant the window is open after `now`, within a week.
    static func nextOpening(_ w: AutopilotWindow, after now: Instant, _ cal: PracticeCalendar) -> Instant? {
        let today = cal.day(of: now), minute = cal.minuteOfDay(now)
        for d in today..<(today + 8) where w.days.contains(Civil.weekday(ofDay: d)) {
            if d == today && minute >= w.from { continue }
            return cal.instant(day: d, minute: w.from)
        }
        return nil
    }

    static func why(_ row: FollowUpRow, _ step: AutopilotStep, _ c: Client, _ p: Practice) -> String {
        let s = p.settings, cal = p.calendar
        let session = row.appointment.flatMap { p.appointment($0) }
        // A visit another system recorded (client-only export) has no appointment: its day, said to be imported.
        let seen = session.map { "\(cal.dateString($0.start)) (\($0.id))" }
            ?? ClientHistory(p, c.id).importedLast.map { "\(cal.dateString($0)) (imported)" } ?? "-"
        switch step {
        case .postSession: return "attended \(seen); post-session goes the day of the session"
        case .rebookPrompt: return "last visit \(seen), nothing booked; rebook prompt \(s.rebookPromptDays) days after"
        case .checkIn28: return "last visit \(seen), nothing booked; check-in \(s.checkInDays) days after"
        case .reEngage: return "last visit \(seen), nothing booked; lapsed at \(Lapsed.threshold(s, cadence: c.cadence)) days"
        case .reactivationLetter: return "last visit \(seen), nothing booked; reactivation \(s.reactivationDays) days after"
        case .noShowFollowUp: return "missed \(seen); follow up within \(FollowUps.noShowWindowDays) days"
        case .referralAsk:
            if c.status == .discharged { return "discharged \(c.statusChangedAt.map(cal.dateString) ?? "-"); asked once" }
            let m = c.milestones.last
            return "\(m?.kind.rawValue ?? "milestone") on \(m.map { cal.dateString($0.at) } ?? "-"); ask within \(FollowUps.referralAskWindowDays) days"
        case .reminder, .referralThankYou: return ""
        }
    }

    static func stopsIf(_ step: AutopilotStep) -> String {
        switch step {
        case .reminder: "the appointment is cancelled, moved or marked; the client is held, erased or opts out"
        case .postSession, .noShowFollowUp: "the desk records it; the client is held, erased or opts out"
        case .rebookPrompt, .checkIn28, .reEngage, .reactivationLetter:
            "they book; the desk records it; consent is withdrawn; status changes; held or erased"
        case .referralAsk: "the desk records it; consent is withdrawn; held or erased"
        case .referralThankYou: "the desk thanks them; the referrer opts out, is held or erased"
        }
    }
}
