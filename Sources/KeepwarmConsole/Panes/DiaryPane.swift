import KeepwarmCore

/// The diary pane on any day: its title names the day, a past day is dimmed, today shows a "now" line between the
/// appointments before and after the current time, and the morning-after group (earlier days, never marked) leads.
enum DiaryPane {
    /// One line of the pane's list: an appointment row (by its index in `data.diary`) or a divider between groups.
    enum Line: Equatable {
        case row(Int)
        case divider(String, Style)
    }

    /// "Today's diary (5)", "Today's diary (5) · 2 not marked", "Diary — Mon 7 Dec (3)", "Diary — Fri 4 Dec, past (3)".
    static func title(_ data: ConsoleData, _ p: Practice) -> String {
        let day = data.diaryDay
        let own = data.diary.count - data.unmarkedCount
        // The site shown, once `s` narrowed the diary to one (DiarySites.swift); nothing in a practice without sites.
        let site = ConsoleModel.siteSuffix(data.diarySite, p, width: 12)
        if day == data.today {
            return "Today's diary\(site) (\(own))" + (data.unmarkedCount > 0 ? " · \(data.unmarkedCount) not marked" : "")
        }
        return "Diary\(site) — \(dayName(day, today: data.today))\(day < data.today ? ", past" : "") (\(own))"
    }

    /// `Mon 7 Dec`, with the year when it is not this year's.
    static func dayName(_ day: Int, today: Int) -> String {
        let (y, m, d) = Civil.date(fromDays: day)
        let sameYear = Civil.date(fromDays: today).0 == y
        return "\(Describe.weekdays[Civil.weekday(ofDay: day)]) \(d) \(Describe.months[m - 1])\(sameYear ? "" : " \(y)")"
    }

    /// The lines in order: the morning-after group under its divider, then the day's rows, with "now" among them.
    static func lines(_ data: ConsoleData, _ p: Practice) -> [Line] {
        var out: [Line] = []
        let first = data.unmarkedCount
        if first > 0 {
            out.append(.divider("not marked yet (\(first)): a, n or c", .warning))
            out += (0..<first).map { .row($0) }
            out.append(.divider(data.diary.count > first ? "today" : "today: no appointments", .bold))
        }
        guard data.diaryDay == data.today else { return out + (first..<data.diary.count).map { .row($0) } }
        let now = Instant(ms: data.minute * 60_000)
        let nowLine = Line.divider("now \(p.calendar.timeString(now))", Style([.bold], .accent))
        var placed = false
        for i in first..<data.diary.count {
            if !placed && data.diary[i].appointment.start > now {
                out.append(nowLine)
                placed = true
            }
            out.append(.row(i))
        }
        if !placed { out.append(nowLine) }
        return out
    }

    /// Draws the list under the header (drawn by `ConsoleView.drawPane`).
    static func drawList(_ g: inout Grid, _ r: ConsoleView.Rect, _ m: ConsoleModel, _ data: ConsoleData, _ p: Practice, focused: Bool) {
        let innerW = r.w - 2, listH = r.h - 3
        let past = data.diaryDay < data.today
        let all = lines(data, p)
        let count = data.diary.count
        if count == 0 {
            let empty = data.diaryDay == data.today ? "No appointments today." : "No appointments on \(dayName(data.diaryDay, today: data.today))."
            g.put(empty, x: r.x + 2, y: r.y + 2, style: .muted, maxWidth: innerW - 1)
            if data.diaryDay == data.today, let now = all.first, case .divider(let text, let style) = now {
                divider(&g, text, style, x: r.x + 1, y: r.y + 3, width: innerW)
            }
            return
        }
        let selected = min(m.cursors[.diary]?.index ?? 0, count - 1)
        let at = all.firstIndex(of: .row(selected)) ?? 0
        let top = firstVisible(selected: at, height: listH)
        for (n, line) in all.dropFirst(top).prefix(listH).enumerated() {
            let y = r.y + 2 + n
            switch line {
            case .divider(let text, let style):
                divider(&g, text, style, x: r.x + 1, y: y, width: innerW)
            case .row(let i):
                var cols = PaneRows.diary(data.diary[i], p, width: innerW)
                if i < data.unmarkedCount { cols = unmarked(cols, data.diary[i], p) }
                // On its own past day an appointment nobody marked is "unmarked" (amber), as the morning-after group says.
                else if past, Unmarked.isUnmarked(data.diary[i].appointment, p, today: data.today) { cols = unmarkedOnItsDay(cols) }
                if past { cols = cols.map { var c = $0; c.style.attributes.insert(.dim); return c } }
                let base: Style = i == selected ? (focused ? Style(.reverse) : Style(.underline)) : (past ? Style(.dim) : .plain)
                g.row(cols, x: r.x + 1, y: y, width: innerW, base: base)
            }
        }
        if all.count > listH {
            let text = "\(selected + 1)/\(count)"
            g.put(text, x: r.x + r.w - 2 - DisplayText.width(text), y: r.y + r.h - 1, style: .muted)
        }
    }

    /// A morning-after row: its status column gives the day it was ("20 Nov", amber) instead of "booked", so the
    /// client's name keeps its room even a quarter of an 80-column screen wide.
    static func unmarked(_ cols: [Column], _ row: DiaryRow, _ p: Practice) -> [Column] {
        var out = cols
        let (_, m, d) = Civil.date(fromDays: p.calendar.day(of: row.appointment.start))
        if let s = out.firstIndex(where: { $0.text == "booked" }) {
            out[s].text = "\(d) \(Describe.months[m - 1])"
            out[s].style = .warning
        }
        return out
    }

    /// A row of a past day nobody marked: its status column says "unmarked" in amber instead of "booked" (the
    /// column is 9 cells, so not "not marked").
    static func unmarkedOnItsDay(_ cols: [Column]) -> [Column] {
        var out = cols
        if let s = out.firstIndex(where: { $0.text == "booked" }) {
            out[s].text = "unmarked"
            out[s].style = .warning
        }
        return out
    }

    /// `── now 10:30 ──────`: a rule across the pane with its words near the left.
    static func divider(_ g: inout Grid, _ text: String, _ style: Style, x: Int, y: Int, width: Int) {
        let rule = "─"
        let line = rule + rule + " " + text + " " + String(repeating: rule, count: max(0, width - DisplayText.width(text) - 4))
        g.putFitted(line, x: x, y: y, width: width, style: style)
    }
}
