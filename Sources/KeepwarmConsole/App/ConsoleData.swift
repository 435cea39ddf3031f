import KeepwarmCore

/// What the screen shows, worked out once per change of the practice (or of the minute), not once per key press.
public struct ConsoleData: Sendable {
    public let today: Int
    public let minute: Int64
    public private(set) var seq: Int
    let settings: Settings
    public private(set) var diary: [DiaryRow]
    public private(set) var lapsed: [LapsedRow]
    public private(set) var thankYous: [ThankYouRow]
    public private(set) var followUps: [FollowUpRow]
    public private(set) var callbacks: [CallbackRow]
    /// Every client's name folded for search (case and accents ignored), by client index.
    public private(set) var names: FoldedNames
    /// The audit with its evidence; worked out by the app on its own schedule, because it walks every client.
    public var audit: AuditSummary?
    /// The three reports, worked out when the reports screen opens.
    public var reports: ReportsData?

    public init(_ p: Practice, now: Instant) {
        today = p.calendar.day(of: now)
        minute = now.ms / 60_000
        seq = p.lastSeq
        settings = p.settings
        diary = Diary.rows(p, day: today)
        lapsed = Lapsed.rows(p, now: now)
        thankYous = ThankYous.rows(p, now: now)
        followUps = FollowUps.rows(p, now: now)
        callbacks = CallbacksOwed.rows(p, now: now)
        names = FoldedNames(p)
    }

    /// The snapshot after some events, in the same minute: the lapsed and follow-up lists (which walk every client)
    /// are redone only for the clients those events changed, so a key press that records something stays fast.
    public static func updating(_ old: ConsoleData, _ p: Practice, now: Instant) -> ConsoleData {
        guard old.minute == now.ms / 60_000, old.settings == p.settings, p.lastSeq >= old.seq else { return ConsoleData(p, now: now) }
        var new = old
        new.seq = p.lastSeq
        new.diary = Diary.rows(p, day: old.today)
        new.thankYous = ThankYous.rows(p, now: now)
        new.callbacks = CallbacksOwed.rows(p, now: now)
        // A client's rows depend on their appointments too, which events stamp separately.
        var ids = Set(p.clients.lazy.filter { $0.lastChange > old.seq }.map(\.id))
        for a in p.appointments where a.lastChange > old.seq { ids.insert(a.client) }
        let changed = ids.sorted().map { p.clients[$0.index] }
        var lapsed = old.lapsed.filter { !ids.contains($0.client) }
        var followUps = old.followUps.filter { !ids.contains($0.client) }
        new.names.update(p, changed)
        for c in changed {
            if let row = Lapsed.row(for: c, in: p, now: now, today: old.today) { lapsed.append(row) }
            followUps += FollowUps.rows(for: c, in: p, now: now, today: old.today)
        }
        new.lapsed = lapsed.sorted(by: Lapsed.order)
        new.followUps = followUps.sorted(by: FollowUps.order)
        return new
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
