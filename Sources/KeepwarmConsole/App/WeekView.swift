import KeepwarmCore

/// `W`: a week of the practitioners' diaries, Monday to Sunday, booked and free time within working hours, so a
/// receptionist on the phone sees the free slots at a glance.
public struct WeekState: Sendable, Equatable {
    /// The Monday of the week shown (a local day number).
    public var monday: Int
    /// The first practitioner shown (an index among the active ones); Tab moves on when not all fit.
    public var first = 0
    /// The minute of the day the top row shows, once scrolled; nil places it at the first working hour, or so that
    /// now is in view (`WeekLayout`).
    public var top: Int?

    public init(monday: Int) { self.monday = monday }
}

extension ConsoleModel {
    /// Opens the week containing `day`.
    mutating func openWeek(day: Int) {
        overlays.append(.week(WeekState(monday: WorkingHours.monday(of: day))))
    }

    /// Keys in the week view: weeks with ←/→ or [ ], time with ↑/↓ and PgUp/PgDn, practitioners with Tab, `b` finds a
    /// free slot, Esc closes.
    mutating func weekKey(_ action: KeyAction, _ w: WeekState, top: Int, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        var w = w
        // Those working at the site shown (`s`, shared with the diary and the free slots).
        let count = max(1, p.practitioners.filter { !$0.withdrawn && p.works($0, at: site) }.count)
        switch action {
        case .close:
            overlays.removeLast()
            return []
        case .previousWeek: w.monday -= 7
        case .nextWeek: w.monday += 7
        case .thisWeek:
            w.monday = WorkingHours.monday(of: p.calendar.day(of: now))
            w.top = nil
        case .down, .up, .pageDown, .pageUp, .first, .last:
            // The screen's layout as drawn, so scrolling stops at the day's ends and ↑ after End moves at once.
            let s = screen ?? ScreenSize(width: 80, height: 24)
            let l = WeekLayout(w, p, now, width: s.width, height: s.height, site: site)
            let page = max(1, l.visible - 1)
            let rows = switch action {
            case .down: 1
            case .up: -1
            case .pageDown: page
            case .pageUp: -page
            case .first: -l.rowCount
            default: l.rowCount
            }
            w.top = l.scrolled(by: rows)
        case .nextPractitioner, .previousPractitioner:
            // The time of day on screen stays (as another week keeps it), clamped to the next practitioner's rows:
            // pinned here, or one who works from midnight would open at 00:00.
            let s = screen ?? ScreenSize(width: 80, height: 24)
            let l = WeekLayout(w, p, now, width: s.width, height: s.height, site: site)
            w.top = l.minute(ofRow: l.firstRow)
            w.first = (w.first + (action == .nextPractitioner ? 1 : count - 1)) % count
        case .freeSlot:
            let shown = p.practitioners.filter { !$0.withdrawn && p.works($0, at: site) }
            let who = shown.indices.contains(w.first) && shown.count > 1 ? shown[w.first].id : nil
            overlays[top] = .week(w)
            openForm(.findFreeSlot(client: nil, practitioner: who, afterDay: max(w.monday, p.calendar.day(of: now))), p, now, names: data.names)
            return []
        case .nextSite:
            nextSite(p)
            w.first = 0
        default: return nil
        }
        overlays[top] = .week(w)
        return []
    }
}

/// Draws the week: a time column, then seven day columns, each holding as many practitioners as fit side by side;
/// the rows (`WeekLayout`) scroll when the day is longer than the screen.
enum WeekView {
    /// What a cell of the grid holds.
    enum Cell: Equatable {
        case off, free, booked(Appointment, first: Bool)
    }

    static func draw(_ g: inout Grid, _ w: WeekState, _ p: Practice, _ now: Instant, site: SiteID? = nil) {
        let l = WeekLayout(w, p, now, width: g.width, height: g.height, site: site)
        let all = l.all, shown = l.shown, r = l.area, fit = l.fit, dayW = l.dayW, subW = l.subW, timeW = l.timeW
        let (y, m, d) = Civil.date(fromDays: w.monday)
        let innerW = r.w - 2, x0 = r.x + 1
        let today = p.calendar.day(of: now)
        // Whose week it is, and how to see the others.
        let names = shown.map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
        let more = (all.count > fit ? ", Tab \(l.first + 1)/\(all.count)" : "")
            + (shown.contains { $0.hours == nil } ? "; no working hours set: P, then h" : "")
        g.fill(x: r.x, y: r.y, width: r.w, height: r.h)
        g.box(x: r.x, y: r.y, width: r.w, height: r.h, title: "Week of Mon \(d) \(Describe.months[m - 1]) \(y)\(ConsoleModel.siteSuffix(site, p)): \(names)\(more)",
              style: Style([], .accent), titleStyle: .title)
        guard !all.isEmpty else {
            if let site {
                g.put("Nobody works at \(ConsoleModel.siteName(site, p)) yet: s for the next site; keepwarm practitioner edit NAME --site \(site)",
                      x: x0 + 1, y: r.y + 2, style: .muted, maxWidth: innerW - 1)
                return
            }
            g.put("No practitioners yet: press P to add one and set their working hours.", x: x0 + 1, y: r.y + 2, style: .muted, maxWidth: innerW - 1)
            return
        }

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
                    g.putFitted(name(pr.name, width: subW - 1), x: x0 + timeW + i * dayW + 1 + k * subW, y: hy + 1, width: subW - 1, style: .muted)
                }
            }
        }
        let gridY = hy + (fit > 1 ? 2 : 1)

        for row in l.firstRow..<min(l.rowCount, l.firstRow + l.visible) {
            let minute = l.minute(ofRow: row)
            let ry = gridY + row - l.firstRow
            let nowRow = row == l.nowRow
            g.put(WorkingHours.clock(minute) + (nowRow ? "›" : ""), x: x0, y: ry, style: nowRow ? .title : (minute % 60 == 0 ? .plain : .muted))
            for i in 0..<7 {
                let day = w.monday + i
                let from = p.calendar.instant(day: day, minute: minute), to = p.calendar.instant(day: day, minute: min(24 * 60, minute + l.step))
                let past = to <= now
                for k in shown.indices {
                    let cx = x0 + timeW + i * dayW + 1 + k * subW
                    let cw = max(1, subW - (fit > 1 ? 1 : 0))
                    var c = cell(p, day: day, booked: l.booked[k][i], working: l.working[k][i], from: from, to: to)
                    // A booking that began above the screen is named on the first row shown, not just `│`.
                    if row == l.firstRow, case .booked(let a, first: false) = c { c = .booked(a, first: true) }
                    let (text, style) = cellText(c, p, past: past, width: cw)
                    g.fill(x: cx, y: ry, width: cw, height: 1, style: style)
                    g.putFitted(text, x: cx, y: ry, width: cw, style: style)
                }
            }
        }
        // More of the day above or below: said on the bottom edge, with the keys that scroll to it.
        if let text = l.moreText {
            g.put(" \(text) ", x: r.x + 2, y: r.y + r.h - 1, style: .bold, maxWidth: r.w - 4)
        }
    }

    /// What the practitioner has from `from` to `to`: a booking if any overlaps, free if it lies in working hours.
    /// (The day's bookings and working hours come from the layout, found once per screen, not once per cell.)
    static func cell(_ p: Practice, day: Int, booked: [Appointment], working: [(start: Instant, end: Instant)], from: Instant, to: Instant) -> Cell {
        if let a = booked.first(where: { $0.start < to && from < $0.end }) {
            return .booked(a, first: a.start >= from || p.calendar.day(of: a.start) != day && p.calendar.minuteOfDay(from) == 0)
        }
        let inHours = working.contains { $0.start <= from && to <= $0.end }
        return inHours ? .free : .off
    }

    static func cellText(_ c: Cell, _ p: Practice, past: Bool, width: Int) -> (String, Style) {
        switch c {
        case .off: return ("", .plain)
        case .free: return past ? ("", .muted) : ("free", .good)
        case .booked(let a, let first):
            let text = first ? name(p.clients[a.client.index].name, width: width) : "│"
            return (text, past ? Style([.dim, .reverse], .muted) : Style(.reverse, .accent))
        }
    }

    /// As much of a name as `width` cells hold: `Joshua Abbott`, else `Joshua A.` (enough to recognise on the
    /// phone), else `Joshua`, else the first name cut with `…`.
    static func name(_ name: String, width: Int) -> String {
        let parts = name.split(separator: " ")
        if DisplayText.width(name) <= width || parts.count < 2 { return name }
        // The surname's capital (or first letter), not a control sequence or stray mark before it.
        if let last = parts.last, let initial = last.first(where: \.isUppercase) ?? last.first(where: \.isLetter) ?? last.first {
            let short = "\(parts[0]) \(initial)."
            if DisplayText.width(short) <= width { return short }
        }
        return String(parts[0])
    }
}
