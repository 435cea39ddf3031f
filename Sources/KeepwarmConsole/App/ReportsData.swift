import KeepwarmCore

/// The reports the console's reports screen shows, worked out together off the key press (`TableWork`).
public struct ReportsData: Sendable {
    public let seq: Int
    /// Which practice and day the tables show (`TablesKept`).
    public let key: ChartsKey
    public let sources: SourcesReport
    public let referrers: ReferrersReport
    public let retention: RetentionReport
    /// Why clients left, by practitioner and quarter (shown after retention).
    public let whyLeft: WhyLeftReport

    public init(_ p: Practice, now: Instant) {
        seq = p.lastSeq
        key = ChartsKey(p, now: now)
        sources = SourcesReport.build(p, now: now)
        referrers = ReferrersReport.build(p, now: now)
        retention = RetentionReport.build(p, now: now)
        whyLeft = WhyLeftReport.build(p, since: nil, now: now)
    }
}
