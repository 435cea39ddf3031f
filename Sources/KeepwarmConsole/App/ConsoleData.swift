import KeepwarmCore

/// What the screen shows, worked out once per change of the practice (or of the minute), not once per key press.
public struct ConsoleData: Sendable {
    public let today: Int
    public let minute: Int64
    public private(set) var seq: Int
    let settings: Settings
    public internal(set) var diary: [DiaryRow]
    /// The day the diary pane shows, as the model asked (nil: today, whichever day that is now).
    public internal(set) var diaryChoice: Int?
    /// The site the diary pane shows, as the model asked (nil: every site).
    public internal(set) var diarySite: SiteID?
    /// Appointments from earlier days never marked, oldest first (`Unmarked`); on today they lead `diary`.
    public internal(set) var unmarked: [DiaryRow] = []
    public internal(set) var lapsed: [LapsedRow]
    /// The whole lapsed list; `lapsed` is the part the weekly review's scope shows (`LapsedReview.swift`).
    public internal(set) var allLapsed: [LapsedRow] = []
    public internal(set) var lapsedScope = LapsedScope()
    /// "12 of 60 reviewed this week" for whose clients the lapsed pane shows.
    public internal(set) var reviewProgress: ReviewProgress?
    /// The clients whose latest review is in this review week (`WeeklyReview.reviewedThisWeek`), kept up to date one
    /// changed client at a time: finding them afresh reads everyone ever reviewed, too slow for every key that records.
    var weekReviewed: Set<ClientID> = []
    public private(set) var thankYous: [ThankYouRow]
    /// Thank-yous too late to send (overdue by more than `staleThankYouDays`), out of the pane (`T` lists them).
    public private(set) var missedThankYous: [ThankYouRow] = []
    public private(set) var followUps: [FollowUpRow]
    public private(set) var callbacks: [CallbackRow]
    /// Every client's name folded for search (case and accents ignored), by client index.
    public private(set) var names: FoldedNames
    /// The audit with its evidence; worked out by the app on its own schedule, because it walks every client.
    public var audit: AuditSummary?
    /// The three reports, worked out when the reports screen opens.
    public var reports: ReportsData?
    /// The autopilot screen's list, worked out while `A` is open (`AutopilotList`).
    public var autopilot: AutopilotList?
    /// Whether the autopilot was running when the lists were made: its messages are then off the desk's lists, for
    /// every client at once, so a run that starts or stops it (`autopilot.ran`) means every client's rows again.
    let autopilotLive: Bool

    public init(_ p: Practice, now: Instant) { self.init(p, now: now, diaryDay: nil) }

    /// The snapshot with the diary pane on `diaryDay` (nil: today); only that one day's rows are worked out.
    public init(_ p: Practice, now: Instant, diaryDay: Int?) { self.init(p, now: now, diaryDay: diaryDay, followUps: nil) }

    /// The same, with the follow-ups already worked out (`followUps(_:now:)`, on another core) unless nil.
    init(_ p: Practice, now: Instant, diaryDay: Int?, followUps given: [FollowUpRow]?) {
        today = p.calendar.day(of: now)
        diaryChoice = diaryDay
        unmarked = Unmarked.rows(p, today: today)
        minute = now.ms / 60_000
        seq = p.lastSeq
        settings = p.settings
        autopilotLive = AutopilotPlan.isLive(p, now: now)
        diary = []
        lapsed = Lapsed.rows(p, now: now)
        allLapsed = lapsed
        thankYous = ThankYous.rows(p, now: now)
        (thankYous, missedThankYous) = ThankYous.split(thankYous, staleDays: p.settings.staleThankYouDays)
        followUps = given ?? Self.followUps(p, now: now)
        callbacks = CallbacksOwed.rows(p, now: now)
        names = FoldedNames(p)
        diary = diaryRows(p)
        weekReviewed = WeeklyReview.reviewedThisWeek(p, now: now)
        narrowLapsed(p, now: now)
    }

    /// The follow-ups pane's rows, in its order.
    static func followUps(_ p: Practice, now: Instant) -> [FollowUpRow] {
        FollowUps.rows(p, now: now).sorted(by: byKind)
    }

    /// Takes the follow-ups worked out beside a snapshot made with none (`followUps: []`).
    mutating func adopt(followUps rows: [FollowUpRow]) { followUps = rows }

    /// The snapshot after some events, in the same minute: the lapsed and follow-up lists (which walk every client)
    /// are redone only for the clients those events changed, so a key press that records something stays fast.
    public static func updating(_ old: ConsoleData, _ p: Practice, now: Instant) -> ConsoleData {
        var new = old
        new.update(p, now: now)
        return new
    }

    /// The same, in place: the snapshot's arrays are not shared with an old copy, so nothing is copied to change them.
    public mutating func update(_ p: Practice, now: Instant) {
        guard minute == now.ms / 60_000, settings == p.settings, p.lastSeq >= seq, autopilotLive == AutopilotPlan.isLive(p, now: now) else {
            let autopilot = self.autopilot
            let scope = lapsedScope
            let site = diarySite
            self = ConsoleData(p, now: now, diaryDay: diaryChoice)
            _ = followSite(site, p)
            self.autopilot = autopilot
            _ = followReview(scope, p, now: now)
            return
        }
        let since = seq
        seq = p.lastSeq
        // The rows below are updated on the whole lapsed list, then narrowed to the review's scope again.
        lapsed = allLapsed
        defer { allLapsed = lapsed; narrowLapsed(p, now: now) }
        thankYous = ThankYous.rows(p, now: now)
        (thankYous, missedThankYous) = ThankYous.split(thankYous, staleDays: p.settings.staleThankYouDays)
        callbacks = CallbacksOwed.rows(p, now: now)
        // The practice keeps the clients its latest events touched; only after a long absence (thousands of events
        // from another desk) are the change stamps of every client and appointment read instead.
        let ids = p.recentChanges.clients(after: since) ?? Self.changed(p, since: since)
        updateUnmarked(p, ids)
        diary = diaryRows(p)
        guard !ids.isEmpty else { return }
        for id in ids {
            if WeeklyReview.isReviewedThisWeek(id, p, now: now) { weekReviewed.insert(id) } else { weekReviewed.remove(id) }
        }
        let changed = ids.sorted().map { p.clients[$0.index] }
        lapsed.removeAll { ids.contains($0.client) }
        followUps.removeAll { ids.contains($0.client) }
        names.update(p, changed)
        // The lists are already in order: the few new rows are put in their places rather than sorting thousands
        // of rows again (both orders end on the client id, so this is the order a full sort gives).
        for c in changed {
            if let row = Lapsed.row(for: c, in: p, now: now, today: today) { Self.insert(row, into: &lapsed, by: Lapsed.order) }
            for row in FollowUps.rows(for: c, in: p, now: now, today: today) { Self.insert(row, into: &followUps, by: Self.byKind) }
        }
    }

    /// The follow-ups list's order: grouped by kind (in the journey's order), each group as `FollowUps.order` has it.
    static func byKind(_ a: FollowUpRow, _ b: FollowUpRow) -> Bool {
        let ka = TouchpointKind.allCases.firstIndex(of: a.kind)!, kb = TouchpointKind.allCases.firstIndex(of: b.kind)!
        return ka != kb ? ka < kb : FollowUps.order(a, b)
    }

    /// Clients changed after `seq`, from every client's and appointment's change stamp (a client's rows depend on
    /// their appointments too, which events stamp separately).
    static func changed(_ p: Practice, since seq: Int) -> Set<ClientID> {
        var ids = Set<ClientID>()
        for i in p.clients.indices where p.clients[i].lastChange > seq { ids.insert(p.clients[i].id) }
        for i in p.appointments.indices where p.appointments[i].lastChange > seq { ids.insert(p.appointments[i].client) }
        return ids
    }

    /// Puts `row` after every row that comes before it.
    private static func insert<Row>(_ row: Row, into rows: inout [Row], by before: (Row, Row) -> Bool) {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if before(rows[mid], row) { lo = mid + 1 } else { hi = mid }
        }
        rows.insert(row, at: lo)
    }

    /// Whether this snapshot still shows `p` at `now`.
    public func isCurrent(_ p: Practice, now: Instant) -> Bool {
        p.lastSeq == seq && now.ms / 60_000 == minute
    }

    public func count(_ pane: PaneID) -> Int {
        switch pane {
        case .diary: diary.count
        case .lapsed: lapsed.count
        case .thankYous: thankYous.count
        case .audit: AuditChecklist.steps.count
        }
    }
}
