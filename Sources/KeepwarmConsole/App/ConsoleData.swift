import KeepwarmCore

/// What the screen shows, worked out once per change of the practice (or of the minute), not once per key press.
public struct ConsoleData: Sendable {
    public let today: Int
    public let minute: Int64
    public let seq: Int
    public let diary: [DiaryRow]
    public let lapsed: [LapsedRow]
    public let thankYous: [ThankYouRow]
    public let followUps: [FollowUpRow]
    public let callbacks: [CallbackRow]
    /// The audit with its evidence; worked out by the app on its own schedule, because it walks every client.
    public var audit: AuditSummary?
    /// The three reports, worked out when the reports screen opens.
    public var reports: ReportsData?

    public init(_ p: Practice, now: Instant) {
        today = p.calendar.day(of: now)
        minute = now.ms / 60_000
        seq = p.lastSeq
        diary = Diary.rows(p, day: today)
        lapsed = Lapsed.rows(p, now: now)
        thankYous = ThankYous.rows(p, now: now)
        followUps = FollowUps.rows(p, now: now)
        callbacks = CallbacksOwed.rows(p, now: now)
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
