import KeepwarmCore

/// Which practice the reports screen's charts show: the seq of its last event and the local day (the charts count up
/// to today), ordered so a result for an older practice can be told from a newer one.
public struct ChartsKey: Comparable, Sendable {
    public let seq: Int
    public let day: Int

    public init(_ p: Practice, now: Instant) {
        seq = p.lastSeq
        day = p.calendar.day(of: now)
    }

    public static func < (a: ChartsKey, b: ChartsKey) -> Bool { (a.seq, a.day) < (b.seq, b.day) }
}

/// The reports screen's charts as the model keeps them. A chart key never works them out itself: it shows the screen
/// at once ("Working out the charts…") and asks the loop for them (`ConsoleAction.workOutCharts`), which works them
/// out on another thread and hands them back (`ConsoleMessage.chartsWorkedOut`). They are kept for their practice seq,
/// so switching between charts and tables, or leaving the screen and coming back, costs nothing until the log changes.
public struct ChartsKept: Sendable {
    /// The newest charts handed back.
    public internal(set) var shown: ReportCharts?
    /// The practice the charts being worked out are for; nil when none are asked for.
    public internal(set) var asked: ChartsKey?

    public init() {}
}

extension ConsoleModel {
    /// Asks for the charts of `p` as it stands now, unless they are shown or already being worked out.
    mutating func wantCharts(_ p: Practice, now: Instant) -> [ConsoleAction] {
        let key = ChartsKey(p, now: now)
        guard charts.shown?.key != key, charts.asked != key else { return [] }
        charts.asked = key
        return [.workOutCharts]
    }

    /// Charts worked out by the loop. One for an older practice than those shown (another desk wrote while it was
    /// worked out, and the newer one came back first) is dropped: a late result never puts old figures back.
    mutating func chartsWorkedOut(_ c: ReportCharts) {
        if let shown = charts.shown, c.key <= shown.key { return }
        charts.shown = c
        if let asked = charts.asked, asked <= c.key { charts.asked = nil }
    }

    /// After the log or the clock moved on: the charts on screen are asked for again, for the practice as it is now.
    mutating func chartsAfterRefresh(_ p: Practice, now: Instant) -> [ConsoleAction] {
        guard reportCharts, case .reports = overlays.last else { return [] }
        return wantCharts(p, now: now)
    }
}
