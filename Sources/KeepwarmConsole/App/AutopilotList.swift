import KeepwarmCore

/// What `A` shows: the autopilot's last run, and every message it has in hand in four sections: tries nobody knows
/// the outcome of, what goes on the next run, what waits for a later run, and what needs a person. Worked out from
/// the one rule (`AutopilotPlan.messages`) when the screen opens and again whenever the practice or the minute
/// changes while it is open; never on the front desk's screens, because it walks every client.
public struct AutopilotList: Sendable {
    /// The four parts of the screen, in the order it shows them.
    public enum Section: Int, CaseIterable, Sendable {
        case unresolved, willGo, waiting, needsPerson

        /// The heading over the section's rows, its count early so a narrow screen keeps it.
        func title(_ count: Int) -> String {
            switch self {
            case .unresolved: "Unresolved (\(count)): tried, and nobody knows if it went — s it went, n it did not"
            case .willGo: "Will go on the next run (\(count))"
            case .waiting: "Waiting (\(count)): goes by itself later"
            case .needsPerson: "Needs a person (\(count)): held, no way to reach them, failed, too late or not marked"
            }
        }
    }

    /// One message (or one unresolved try) on the screen.
    public struct Row: Sendable, Equatable {
        public let section: Section
        public let key: RowKey
        public let client: ClientID
        public let name: String
        public let step: AutopilotStep
        public let channel: AutopilotChannel?
        /// The due date, or for an unresolved try when it was made, practice-local.
        public let when: String
        /// The stop or the reason, short enough for the table.
        public let note: String
        /// The whole of it, for the line under the list when the row is selected.
        public let full: String
        /// The message's key (for `x`), when it is a planned message.
        public let messageKey: String?
        /// The try (for `s`/`n`), when it is unresolved.
        public let attempt: AttemptID?
        /// What stops a planned message (its try being sent, failed…), so `s`/`n` can say why they do not apply.
        public var stop: AutopilotStop? = nil
    }

    public let seq: Int
    public let minute: Int64
    public let rows: [Row]
    /// Whether the autopilot has run recently enough that its messages are off the desk's lists.
    public let live: Bool
    /// The lines above the list: the last run and the next, or why the desk has the messages.
    public let header: [String]

    public init(_ p: Practice, now: Instant) {
        seq = p.lastSeq
        minute = now.ms / 60_000
        live = AutopilotPlan.isLive(p, now: now)
        header = Self.header(p, now: now, live: live)
        let cal = p.calendar
        var rows: [Row] = []
        for id in p.autopilot.unresolved {
            guard let a = p.autopilot.attempt(id) else { continue }
            // Being sent by a run right now: not in doubt yet; it is under "Waiting" until its run ends.
            if let until = a.start.sendingUntil, now < until { continue }
            let s = a.start
            let name = Self.name(s.client, p)
            let when = "\(Describe.day(a.at, p)) \(cal.timeString(a.at))"
            // `23 Nov 10:05`: the table's 12 cells.
            let (_, month, day) = Civil.date(fromDays: cal.day(of: a.at))
            rows.append(Row(section: .unresolved, key: .attempt(id), client: s.client, name: name, step: s.step, channel: s.channel,
                            when: "\(day) \(Describe.months[month - 1]) \(cal.timeString(a.at))", note: "\(id) tried: did it go?",
                            full: "\(id) may have gone: s if the client got it, n if not "
                                + "(\(s.step.rawValue) by \(s.channel.rawValue) to \(name) \(s.client), tried \(when) by \(a.by))",
                            messageKey: nil, attempt: id))
        }
        var bySection: [Section: [Row]] = [:]
        for m in AutopilotPlan.messages(p, now: now) {
            // A message stopped by an unresolved try is that try, listed above.
            if case .unresolved? = m.stop { continue }
            let section: Section = m.stop == nil ? .willGo : m.stop!.waitsForAutopilot ? .waiting : .needsPerson
            let reason = m.stop.map { $0.text(cal) } ?? m.why
            let via = m.channel.map { " by \($0.rawValue)" } ?? ""
            // The reason first; who, how and the address (which the row's columns mostly show) last, in brackets, which
            // a narrow status row drops before the reason (`StatusFit`).
            let to = m.to.map { ", to \($0)" } ?? ""
            bySection[section, default: []].append(Row(
                section: section, key: .planned(m.key), client: m.client, name: m.name, step: m.step, channel: m.channel,
                when: Civil.string(ofDay: m.dueDay), note: m.stop.map { Self.short($0, cal) } ?? m.why,
                full: "\(reason) (\(m.name) \(m.client), \(m.step.rawValue)\(via), due \(Civil.string(ofDay: m.dueDay))\(to))",
                messageKey: m.key, attempt: nil, stop: m.stop))
        }
        for s in Section.allCases where s != .unresolved { rows += bySection[s] ?? [] }
        self.rows = rows
    }

    /// Whether this still shows `p` at `now`.
    public func isCurrent(_ p: Practice, now: Instant) -> Bool { seq == p.lastSeq && minute == now.ms / 60_000 }

    static func name(_ c: ClientID, _ p: Practice) -> String {
        p.clients.indices.contains(c.index) ? p.clients[c.index].name : c.description
    }

    /// A stop in a few words, for the table's last column (the whole text is under the list).
    static func short(_ stop: AutopilotStop, _ cal: PracticeCalendar) -> String {
        switch stop {
        case .held(let d?): "held to \(Civil.string(ofDay: d))"
        case .held(nil): "held until released"
        case .noChannel(let r): "no way: " + r.map { "\($0.channel.rawValue) \($0.reason)" }.joined(separator: "; ")
        case .unresolved(let id): "\(id) unresolved"
        case .sending(let id, _): "\(id) being sent now"
        case .unmarked(let a): "mark \(a) first"
        case .late(let d): "due \(Civil.string(ofDay: d)): too late"
        case .beforeImport(let d): "due before import \(Civil.string(ofDay: d))"
        case .failed(let id, let reason): "\(id) failed: \(reason)"
        case .retryLater(_, let from): "retry from \(cal.timeString(from))"
        case .outsideWindow(let opens?): "window opens \(cal.timeString(opens))"
        case .outsideWindow(nil): "no send day set"
        case .alreadyToday: "one a day: tomorrow"
        case .oneADay(let s): "after their \(s.rawValue)"
        case .dailyCap(let n): "cap of \(n) reached"
        }
    }

    /// "Last run 10:05 — 3 sent, 0 failed · next: window opens Mon 09:00" and the window, or (not live) why the desk has
    /// the autopilot's messages.
    static func header(_ p: Practice, now: Instant, live: Bool) -> [String] {
        let cal = p.calendar, w = p.settings.autopilot.window
        func when(_ i: Instant) -> String {
            cal.day(of: i) == cal.day(of: now) ? cal.timeString(i) : "\(Describe.day(i, p)) \(cal.timeString(i))"
        }
        let window = "Window \(w.summary)"
        guard live, let last = p.autopilot.lastRun else {
            let since = p.autopilot.lastRun.map { "has not run since \(when($0))" } ?? "has not run yet"
            return ["The autopilot \(since) — its messages are on the desk's lists; see Docs/autopilot.md to turn it on", window]
        }
        let s = p.autopilot.lastRunSummary ?? RunSummary()
        var run = "Last run \(when(last)) — \(s.sent) sent, \(s.failed) failed"
        if s.unresolved > 0 { run += ", \(s.unresolved) unresolved" }
        if s.waiting > 0 { run += ", \(s.waiting) waiting" }
        return [run + " · next: " + next(w, now: now, cal, p), window]
    }

    /// When the next run can send: now (the window is open) or when the window next opens.
    static func next(_ w: AutopilotWindow, now: Instant, _ cal: PracticeCalendar, _ p: Practice) -> String {
        let today = cal.day(of: now), minute = cal.minuteOfDay(now)
        if w.isOpen(day: today, minute: minute) { return "the next run (the window is open until \(WorkingHours.clock(w.to)))" }
        for d in today..<(today + 8) where w.days.contains(Civil.weekday(ofDay: d)) {
            if d == today && minute >= w.from { continue }
            let opens = cal.instant(day: d, minute: w.from)
            return "window opens \(d == today ? "" : Describe.weekdays[Civil.weekday(ofDay: d)] + " ")\(cal.timeString(opens))"
        }
        return "no send day is set"
    }
}

/// The autopilot's counts the desk should see without opening `A`: letters waiting to be printed and tries nobody knows
/// the outcome of. Shown on the title bar whenever either is not zero.
enum AutopilotCounts {
    static func text(_ p: Practice) -> String {
        var parts: [String] = []
        let letters = p.autopilot.printQueue.count, unresolved = p.autopilot.unresolved.count
        if letters > 0 { parts.append("\(letters) letter\(letters == 1 ? "" : "s") to print") }
        if unresolved > 0 { parts.append("\(unresolved) unresolved") }
        return parts.isEmpty ? "" : parts.joined(separator: " · ") + ": A"
    }
}
