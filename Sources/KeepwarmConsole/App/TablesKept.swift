import KeepwarmCore

/// Which reports screen tables the model is waiting for. The tables themselves are the snapshot's (`ConsoleData.reports`,
/// which the drill-down reads); `R` never works them out itself: it shows the screen at once ("Working out the
/// reports…") and asks the loop for them (`ConsoleAction.workOutTables`), which works them out on another thread, puts
/// them in the snapshot (`ConsoleData.takeReports`) and tells the model (`ConsoleMessage.tablesWorkedOut`). They are
/// kept for their practice seq and day, so switching tabs or leaving the screen and coming back costs nothing until the
/// log or the day changes.
public struct TablesKept: Sendable {
    /// The practice the tables being worked out are for; nil when none are asked for. While set over tables already
    /// shown, those are marked "updating…".
    public internal(set) var asked: ChartsKey?

    public init() {}
}

extension ConsoleData {
    /// Tables worked out by the loop, put in the snapshot unless those there are for the same or a newer practice
    /// (another desk wrote while these were worked out, and the newer came back first): a late result never puts old
    /// figures back. True when taken.
    public mutating func takeReports(_ r: ReportsData) -> Bool {
        if let shown = reports, r.key <= shown.key { return false }
        reports = r
        return true
    }
}

extension ConsoleModel {
    /// Asks for the tables of `p` as it stands now, unless they are shown or already being worked out.
    mutating func wantTables(_ data: ConsoleData, _ p: Practice, now: Instant) -> [ConsoleAction] {
        let key = ChartsKey(p, now: now)
        guard data.reports?.key != key, tables.asked != key else { return [] }
        tables.asked = key
        return [.workOutTables]
    }

    /// Tables for the practice at `key` are in the snapshot (or a newer one's already were): nothing older is awaited.
    mutating func tablesWorkedOut(_ key: ChartsKey) {
        if let asked = tables.asked, asked <= key { tables.asked = nil }
    }

    /// After the log or the clock moved on: the tables on screen are asked for again, for the practice as it is now.
    mutating func tablesAfterRefresh(_ data: ConsoleData, _ p: Practice, now: Instant) -> [ConsoleAction] {
        guard case .reports = overlays.last else { return [] }
        return wantTables(data, p, now: now)
    }
}
