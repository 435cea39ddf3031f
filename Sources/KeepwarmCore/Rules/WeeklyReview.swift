/// Which part of the lapsed list the weekly review is working through (`f` in the console, `--due`/`--new` on the CLI).
public enum LapsedFilter: String, Sendable, CaseIterable {
    /// Every lapsed client.
    case all
    /// Clients whose next step is due today or earlier.
    case dueNow = "due"
    /// Clients who became lapsed after the practitioner's last review.
    case newSinceReview = "new"

    /// How the console's pane title says it.
    public var label: String {
        switch self {
        case .all: "all"
        case .dueNow: "due now"
        case .newSinceReview: "new since last review"
        }
    }
}

/// How far this week's review has got: `reviewed` of `total` clients.
public struct ReviewProgress: Equatable, Sendable {
    public let reviewed: Int
    public let total: Int
    /// The first day of the week counted (the diary's week: Monday).
    public let weekStartDay: Int

    /// `12 of 60 reviewed this week`.
    public var line: String { "\(reviewed) of \(total) reviewed this week" }
}

/// The practitioner's weekly review of the lapsed list (Docs/rules.md, "The weekly review"): whose clients, what is
/// due, what is new since their last review, and how far this week's review has got. The console and the CLI both ask here.
public enum WeeklyReview {
    /// The local day the review week holding `now` starts: Monday, as the diary's week view.
    public static func weekStartDay(_ p: Practice, now: Instant) -> Int { WorkingHours.monday(of: p.calendar.day(of: now)) }

    /// The local day a lapsed client became lapsed: their last visit plus their threshold.
    public static func lapsedOnDay(_ r: LapsedRow, _ p: Practice) -> Int {
        p.calendar.day(of: r.lastVisit) + Lapsed.threshold(p.settings, cadence: p.clients[r.client.index].cadence)
    }

    /// When the practitioner (nil: anyone) last reviewed: their latest `lapse.reviewed` before this week began, so a
    /// review spread over several days of one week keeps the same "new since" list. Nil when they never reviewed.
    public static func lastReview(_ p: Practice, practitioner: PractitionerID?, now: Instant) -> Instant? {
        let weekStart = p.calendar.instant(day: weekStartDay(p, now: now), minute: 0)
        var last: Instant?
        for id in Set(p.reviewedClients) {
            let c = p.clients[id.index]
            guard !c.withdrawn else { continue }
            for r in c.reviews.reversed() where r.at < weekStart {
                if practitioner == nil || WhoseClient.practitioner(of: r, p, c.id) == practitioner {
                    if last == nil || r.at > last! { last = r.at }
                    break
                }
            }
        }
        return last
    }

    /// True when the row belongs to the practitioner (nil: everyone).
    public static func belongs(_ r: LapsedRow, to practitioner: PractitionerID?, _ p: Practice, now: Instant) -> Bool {
        practitioner == nil || WhoseClient.practitioner(p, r.client, atOrBefore: now) == practitioner
    }

    /// The lapsed rows the review shows: the practitioner's (nil: everyone's), narrowed by the filter.
    public static func rows(_ rows: [LapsedRow], _ p: Practice, now: Instant, practitioner: PractitionerID?,
                            filter: LapsedFilter) -> [LapsedRow] {
        let mine = practitioner == nil ? rows : rows.filter { belongs($0, to: practitioner, p, now: now) }
        switch filter {
        case .all: return mine
        case .dueNow:
            let today = p.calendar.day(of: now)
            return mine.filter { $0.nextDue <= today }
        case .newSinceReview:
            guard let last = lastReview(p, practitioner: practitioner, now: now) else { return mine }
            let lastDay = p.calendar.day(of: last)
            return mine.filter { lapsedOnDay($0, p) > lastDay }
        }
    }

    /// True when something counts as this client's review this week: a `lapse.reviewed`, or a lapsed step (re-engage,
    /// reactivation letter, follow-up call) recorded since the week began.
    public static func reviewedThisWeek(_ c: Client, since weekStart: Instant) -> Bool {
        if let r = c.reviews.last, r.at >= weekStart { return true }
        return c.touchpoints.reversed().prefix { $0.at >= weekStart }.contains { t in
            t.kind == .reEngage || t.kind == .reactivationLetter || t.kind == .followUpCall
        }
    }

    /// "12 of 60 reviewed this week" for the practitioner (nil: everyone): of the clients on their lapsed list now, plus
    /// those reviewed this week who have since left it (snoozed or closed), how many were reviewed this week. A client
    /// closed or snoozed who was never lapsed (no visit yet, or one too recent) left no list and is not counted: the
    /// total was one more than the list's own count beside it.
    /// `weekReviewed` is `reviewedThisWeek(p, now:)`, when the caller keeps it up to date itself (the console, after
    /// each change): finding it means reading everyone ever reviewed (30,000 clients at 1M events), 12 ms.
    public static func progress(_ lapsed: [LapsedRow], _ p: Practice, now: Instant, practitioner: PractitionerID?,
                                weekReviewed: Set<ClientID>? = nil) -> ReviewProgress {
        let startDay = weekStartDay(p, now: now)
        let weekStart = p.calendar.instant(day: startDay, minute: 0)
        var onList = Set<ClientID>()
        var reviewed = 0
        for r in lapsed where belongs(r, to: practitioner, p, now: now) {
            onList.insert(r.client)
            if reviewedThisWeek(p.clients[r.client.index], since: weekStart) { reviewed += 1 }
        }
        var left = 0
        let today = p.calendar.day(of: now)
        for id in weekReviewed ?? reviewedThisWeek(p, now: now) where !onList.contains(id) {
            let c = p.clients[id.index]
            guard let r = c.reviews.last else { continue }
            if case .contacted = r.outcome { continue }
            // Lapsed by their visits, whatever their snooze or status says: only then did the review take them off.
            guard Lapsed.row(p, c, now: now, today: today) != nil else { continue }
            if practitioner == nil || WhoseClient.practitioner(of: r, p, id) == practitioner { left += 1 }
        }
        return ReviewProgress(reviewed: reviewed + left, total: onList.count + left, weekStartDay: startDay)
    }

    /// The clients whose latest review falls in the review week holding `now`, up to `now`.
    public static func reviewedThisWeek(_ p: Practice, now: Instant) -> Set<ClientID> {
        let weekStart = p.calendar.instant(day: weekStartDay(p, now: now), minute: 0)
        var found = Set<ClientID>()
        // Read where they lie: copying each client retains every one of their fields.
        p.clients.withUnsafeBufferPointer { clients in
            for id in p.reviewedClients where latestReviewInWeek(clients[id.index], weekStart, now) { found.insert(id) }
        }
        return found
    }

    /// Whether `id` belongs in `reviewedThisWeek(p, now:)`: for keeping that set up to date one changed client at a time.
    public static func isReviewedThisWeek(_ id: ClientID, _ p: Practice, now: Instant) -> Bool {
        let weekStart = p.calendar.instant(day: weekStartDay(p, now: now), minute: 0)
        return p.clients.indices.contains(id.index) && latestReviewInWeek(p.clients[id.index], weekStart, now)
    }

    private static func latestReviewInWeek(_ c: Client, _ weekStart: Instant, _ now: Instant) -> Bool {
        guard !c.withdrawn, let at = c.reviews.last?.at else { return false }
        return at >= weekStart && at <= now
    }
}
