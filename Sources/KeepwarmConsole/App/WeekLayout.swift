import KeepwarmCore

/// Where the week view's rows and columns fall on a screen of a given size, worked out once for drawing and for the
/// scrolling keys, so both agree on how many rows there are and which one is at the top.
///
/// Rows are never merged: each is half an hour, or finer when a working range or a booking starts or ends between
/// half hours (down to 5 minutes), so a row is never shown booked while part of it is free, nor blank while part of
/// it is working time. A long day scrolls instead.
struct WeekLayout {
    /// A day narrower than this many cells per practitioner shows one practitioner at a time (Tab for the next):
    /// side by side, each column then keeps at least 9 cells of text, enough for "Joshua B.".
    static let minColumn = 11
    /// The finest row: a booking at 10:07 shows from the 10:05 row.
    static let finestStep = 5

    let all: [Practitioner]
    let shown: [Practitioner]
    /// Index of the first shown practitioner among `all`.
    let first: Int
    /// How many practitioners sit side by side in a day.
    let fit: Int
    let area: ConsoleView.Rect
    /// The time column's width.
    let timeW = 6
    let dayW: Int
    let subW: Int
    /// The first row's minute of the day, the end of the last row, and each row's length in minutes.
    let lo: Int, hi: Int, step: Int
    /// Rows in the day and rows on screen.
    let rowCount: Int, visible: Int
    /// The first row shown, after scrolling.
    let firstRow: Int
    /// Today's row, when today is in this week and its time among the rows.
    let nowRow: Int?
    /// Each shown practitioner's bookings and working hours on each of the seven days ([practitioner][day]).
    let booked: [[[Appointment]]]
    let working: [[[(start: Instant, end: Instant)]]]

    init(_ w: WeekState, _ p: Practice, _ now: Instant, width: Int, height: Int, site: SiteID? = nil) {
        // At the site shown (`s`): those who work there now; nil is everyone.
        let all = p.practitioners.filter { !$0.withdrawn && p.works($0, at: site) }
        // The whole width, above the status line, so a refusal or a booking made stays in sight.
        area = ConsoleView.Rect(x: 0, y: 1, w: width, h: height - 3)
        let dayW = (width - 2 - 6) / 7
        let fit = max(1, min(all.count, dayW / Self.minColumn)), first = min(w.first, max(0, all.count - 1))
        let shown = all.isEmpty ? [] : (0..<fit).map { all[(first + $0) % all.count] }
        (self.all, self.dayW, self.fit, self.first, self.shown) = (all, dayW, fit, first, shown)
        subW = max(1, (dayW - 1) / fit)
        // Only the shown practitioners' seven days: the day index finds their appointments, never a walk of all.
        let booked = shown.map { pr in (0..<7).map { FreeSlots.booked(p, practitioner: pr.id, day: w.monday + $0) } }
        self.booked = booked
        working = shown.map { pr in (0..<7).map { FreeSlots.working(p, practitioner: pr.id, day: w.monday + $0) } }

        // The hours shown: every working hour and every booking of the week, from the hour; 09:00-17:00 if none.
        var lo = Int.max, hi = Int.min, step = 30, workStart = Int.max
        func edge(_ minute: Int) { step = Self.gcd(step, minute % 30) }
        for (k, pr) in shown.enumerated() {
            for i in 0..<7 {
                let day = w.monday + i
                for range in pr.hours?.ranges(onDay: day) ?? [] {
                    lo = min(lo, range.start); hi = max(hi, range.end); workStart = min(workStart, range.start)
                    edge(range.start); edge(range.end)
                }
                for a in booked[k][i] {
                    // A booking from the evening before shows from midnight; one into the next day to midnight.
                    let s = p.calendar.day(of: a.start) == day ? p.calendar.minuteOfDay(a.start) : 0
                    let e = p.calendar.day(of: a.end) == day ? p.calendar.minuteOfDay(a.end) : 24 * 60
                    lo = min(lo, s); hi = max(hi, e)
                    edge(s); edge(e)
                }
            }
        }
        if lo >= hi { lo = 9 * 60; hi = 17 * 60 }
        self.step = max(Self.finestStep, step)
        self.lo = lo / 60 * 60
        self.hi = min(24 * 60, (hi + 59) / 60 * 60)
        rowCount = max(1, (self.hi - self.lo + self.step - 1) / self.step)
        visible = max(1, area.h - 3 - (fit > 1 ? 1 : 0))

        let today = p.calendar.day(of: now), nowMinute = p.calendar.minuteOfDay(now)
        nowRow = (0..<7).contains(today - w.monday) && nowMinute >= self.lo && nowMinute < self.hi ? (nowMinute - self.lo) / self.step : nil
        let lastTop = max(0, rowCount - visible)
        if let top = w.top {
            firstRow = min(lastTop, max(0, (top - self.lo) / self.step))
        } else {
            // Opened: from the first working hour, or further down so that now is in view.
            var row = workStart == Int.max ? 0 : (workStart - self.lo) / self.step
            if let n = nowRow, n < row || n >= row + visible { row = n < row ? n : n - visible / 3 }
            firstRow = min(lastTop, max(0, row))
        }
    }

    /// The minute of the day at which `row` starts.
    func minute(ofRow row: Int) -> Int { lo + row * step }

    /// The top row's minute after moving `rows` rows (negative: up), kept within the day.
    func scrolled(by rows: Int) -> Int {
        minute(ofRow: min(max(0, rowCount - visible), max(0, firstRow + rows)))
    }

    /// What the rows above and below the screen cover, for the bottom edge: "↑ 00:00-09:00 above  ↓ 18:00-24:00 below".
    var moreText: String? {
        var parts: [String] = []
        if firstRow > 0 { parts.append("↑ \(WorkingHours.clock(lo))-\(WorkingHours.clock(minute(ofRow: firstRow))) above") }
        let end = firstRow + visible
        if end < rowCount { parts.append("↓ \(WorkingHours.clock(minute(ofRow: end)))-\(WorkingHours.clock(hi)) below") }
        return parts.isEmpty ? nil : parts.joined(separator: "  ") + ": ↑/↓ PgUp/PgDn"
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
