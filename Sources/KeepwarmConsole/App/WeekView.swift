import KeepwarmCore

/// `W`: a week of the practitioners' diaries, Monday to Sunday, booked and free time within working hours, so a
/// receptionist on the phone sees the free slots at a glance.
public struct WeekState: Sendable, Equatable {
    /// The Monday of the week shown (a local day number).
    public var monday: Int
    /// The first practitioner shown (an index among the active ones); Tab moves on when not all fit.
    public var first = 0

    public init(monday: Int) { self.monday = monday }
}

extension ConsoleModel {
    /// Opens the week containing `day`.
    mutating func openWeek(day: Int) {
        overlays.append(.week(WeekState(monday: WorkingHours.monday(of: day))))
    }

    /// Keys in the week view: weeks with ←/→ or [ ], practitioners with Tab, `b` finds a free slot, Esc closes.
    mutating func weekKey(_ action: KeyAction, _ w: WeekState, top: Int, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        var w = w
        let count = max(1, p.practitioners.filter { !$0.withdrawn }.count)
        switch action {
        case .close:
            overlays.removeLast()
            return []
        case .previousWeek: w.monday -= 7
        case .nextWeek: w.monday += 7
        case .thisWeek: w.monday = WorkingHours.monday(of: p.calendar.day(of: now))
        case .nextPractitioner: w.first = (w.first + 1) % count
        case .previousPractitioner: w.first = (w.first + count - 1) % count
        case .freeSlot:
            let shown = p.practitioners.filter { !$0.withdrawn }
            let who = shown.indices.contains(w.first) && shown.count > 1 ? shown[w.first].id : nil
            overlays[top] = .week(w)
            openForm(.findFreeSlot(client: nil, practitioner: who, afterDay: max(w.monday, p.calendar.day(of: now))), p, now)
            return []
        default: return nil
        }
        overlays[top] = .week(w)
        return []
    }
}

/// Draws the week: a time column, then seven day columns, each holding as many practitioners as fit side by side.
enum WeekView {
    /// A practitioner column narrower than this shows one practitioner at a time (Tab for the next).
    static let minColumn = 8

    /// What a cell of the grid holds.
    enum Cell: Equatable {
        case off, free, booked(Appointment, first: Bool)
    }

    static func draw(_ g: inout Grid, _ w: WeekState, _ p: Practice, _ now: Instant) {
        let all = p.practitioners.filter { !$0.withdrawn }
        let (y, m, d) = Civil.date(fromDays: w.monday)
        // The whole width, above the status line, so a refusal or a booking made stays in sight.
        let r = ConsoleView.Rect(x: 0, y: 1, w: g.width, h: g.height - 3)
        let innerW = r.w - 2, x0 = r.x + 1
        let timeW = 6
        let dayW = (innerW - timeW) / 7
        let fit = max(1, min(all.count, dayW / minColumn))
        let first = min(w.first, max(0, all.count - 1))
        let shown = all.isEmpty ? [] : (0..<fit).map { all[(first + $0) % all.count] }
        let subW = max(1, (dayW - 1) / fit)
        let today = p.calendar.day(of: now)
        // Whose week it is, and how to see the others.
        let names = shown.map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
        let more = (all.count > fit ? ", Tab \(first + 1)/\(all.count)" : "")
            + (shown.contains { $0.hours == nil } ? "; no working hours set: P, then h" : "")
        g.fill(x: r.x, y: r.y, width: r.w, height: r.h)
        g.box(x: r.x, y: r.y, width: r.w, height: r.h, title: "Week of Mon \(d) \(Describe.months[m - 1]) \(y): \(names)\(more)",
              style: Style([], .accent), titleStyle: .title)
        guard !all.isEmpty else {
            g.put("No practitioners yet: press P to add one and set their working hours.", x: x0 + 1, y: r.y + 2, style: .muted, maxWidth: innerW - 1)
            return
        }

        // The hours shown: every working hour and every booking of the week, on the hour; 09:00-17:00 if none.
        var lo = Int.max, hi = Int.min
        for pr in shown {
            for day in w.monday..<(w.monday + 7) {
                for range in pr.hours?.ranges(onDay: day) ?? [] { lo = min(lo, range.start); hi = max(hi, range.end) }
                for a in FreeSlots.booked(p, practitioner: pr.id, day: day) where p.calendar.day(of: a.start) == day {
                    let s = p.calendar.minuteOfDay(a.start)
                    lo = min(lo, s); hi = max(hi, min(24 * 60, s + a.minutes))
                }
            }
        }
        if lo >= hi { lo = 9 * 60; hi = 17 * 60 }
        lo = lo / 60 * 60
        hi = (hi + 59) / 60 * 60
        let rowsAvailable = r.h - 3 - (fit > 1 ? 1 : 0)
        let step = (hi - lo) / 30 <= rowsAvailable ? 30 : 60
        let rows = min(rowsAvailable, (hi - lo) / step)

        // Day headers: today stands out, past days are dim.
        let hy = r.y + 1
        for i in 0..<7 {
            let day = w.monday + i
            let (_, _, dd) = Civil.date(fromDays: day)
            let label = day == today ? "Today \(dd)" : "\(Describe.weekdays[i]) \(dd)"
            let style: Style = day == today ? .title : day < today ? .muted : .bold
            g.putFitted(label, x: x0 + timeW + i * dayW + 1, y: hy, width: dayW - 1, style: Style(style.attributes.union(.underline), style.color))
        }
        // Side by side, each day's columns are headed with whose they are.
        if fit > 1 {
            for i in 0..<7 {
                for (k, pr) in shown.enumerated() {
                    g.putFitted(short(pr.name), x: x0 + timeW + i * dayW + 1 + k * subW, y: hy + 1, width: subW - 1, style: .muted)
                }
            }
        }
        let gridY = hy + (fit > 1 ? 2 : 1)

        for row in 0..<rows {
            let minute = lo + row * step
            let ry = gridY + row
            let nowRow = (0..<7).contains(today - w.monday) && p.calendar.minuteOfDay(now) >= minute && p.calendar.minuteOfDay(now) < minute + step
            g.put(WorkingHours.clock(minute) + (nowRow ? "›" : ""), x: x0, y: ry, style: nowRow ? .title : (minute % 60 == 0 ? .plain : .muted))
            for i in 0..<7 {
                let day = w.monday + i
                let from = p.calendar.instant(day: day, minute: minute), to = p.calendar.instant(day: day, minute: minute + step)
                let past = to <= now
                for (k, pr) in shown.enumerated() {
                    let cx = x0 + timeW + i * dayW + 1 + k * subW
                    let cw = max(1, subW - (fit > 1 ? 1 : 0))
                    let (text, style) = cellText(cell(p, pr, from: from, to: to), p, past: past)
                    g.fill(x: cx, y: ry, width: cw, height: 1, style: style)
                    g.putFitted(text, x: cx, y: ry, width: cw, style: style)
                }
            }
        }
    }

    /// What the practitioner has from `from` to `to`: a booking if any overlaps, free if it lies in working hours.
    static func cell(_ p: Practice, _ pr: Practitioner, from: Instant, to: Instant) -> Cell {
        let day = p.calendar.day(of: from)
        if let a = FreeSlots.booked(p, practitioner: pr.id, day: day).first(where: { $0.start < to && from < $0.end }) {
            return .booked(a, first: a.start >= from || p.calendar.day(of: a.start) != day && p.calendar.minuteOfDay(from) == 0)
        }
        let inHours = FreeSlots.working(p, practitioner: pr.id, day: day).contains { $0.start <= from && to <= $0.end }
        return inHours ? .free : .off
    }

    static func cellText(_ c: Cell, _ p: Practice, past: Bool) -> (String, Style) {
        switch c {
        case .off: return ("", .plain)
        case .free: return past ? ("", .muted) : ("free", .good)
        case .booked(let a, let first):
            let text = first ? short(p.clients[a.client.index].name) : "│"
            return (text, past ? Style([.dim, .reverse], .muted) : Style(.reverse, .accent))
        }
    }

    /// `Ada Lovelace` → `Ada L.`: enough to recognise on the phone, short enough for a column.
    static func short(_ name: String) -> String {
        let parts = name.split(separator: " ")
        guard parts.count > 1, let initial = parts.last?.first else { return name }
        return "\(parts[0]) \(initial)."
    }
}
