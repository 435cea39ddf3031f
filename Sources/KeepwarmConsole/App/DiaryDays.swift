import KeepwarmCore

/// The diary on any day: which day the pane shows, the morning-after group on today, and the keys that move the day.
extension ConsoleData {
    /// The local day the diary pane shows.
    public var diaryDay: Int { diaryChoice ?? today }

    /// How many of the diary's first rows are the morning-after group (earlier days, never marked); none on other days.
    public var unmarkedCount: Int { diaryDay == today ? unmarkedAtSite.count : 0 }

    /// The diary pane's rows: on today, the unmarked appointments of earlier days first, then the day's own.
    func diaryRows(_ p: Practice) -> [DiaryRow] {
        let day = Diary.rows(p, day: diaryDay).filter { p.isAt($0.appointment, diarySite) }
        return diaryDay == today ? unmarkedAtSite + day : day
    }

    /// Shows the diary on another day (nil: today): only that day's rows are worked out, nothing else.
    public mutating func showDiary(_ day: Int?, _ p: Practice) {
        diaryChoice = day == today ? nil : day
        diary = diaryRows(p)
    }

    /// After events: the morning-after rows of the clients they changed are redone (one client's appointments each),
    /// so a key that records something never walks every appointment.
    mutating func updateUnmarked(_ p: Practice, _ changed: Set<ClientID>) {
        guard !changed.isEmpty else { return }
        let rows = unmarked.filter { !changed.contains($0.appointment.client) }.map(\.appointment)
        var all = rows
        for c in changed { all += Unmarked.appointments(of: c, p, today: today) }
        // The flags of the rows kept may change with any event too (a referral thanked, a callback returned).
        unmarked = Diary.rows(p, of: all.sorted(by: Unmarked.order))
    }
}

extension ConsoleModel {
    /// `[` `]` (anywhere among the panes; ←/→ in the diary), `t` and `g` in the diary: the day the diary shows. The day
    /// lives here; the app then asks the snapshot for that day's rows (`ConsoleData.follow`, then `.diaryShown`).
    mutating func diaryDayAction(_ action: KeyAction, _ data: ConsoleData, _ p: Practice, _ now: Instant) {
        switch action {
        case .previousDay: showDay(data.diaryDay - 1, data)
        case .nextDay: showDay(data.diaryDay + 1, data)
        case .today: showDay(data.today, data)
        default: openForm(.goToDay, p, now)
        }
    }

    /// Puts the diary on `day`; the cursor goes to the day's first row once the snapshot has it.
    mutating func showDay(_ day: Int, _ data: ConsoleData) {
        // Already there (`t` on today): the highlight stays where it is.
        guard day != data.diaryDay else { return }
        diaryDay = day == data.today ? nil : day
        cursors[.diary] = ListCursor()
    }

    /// The go-to-date form was filled in: the day it names, or the one-line reason it can't be read (shown in the form).
    mutating func goToDay(_ form: Form, _ p: Practice, _ now: Instant, _ data: ConsoleData) -> String? {
        do {
            let day = try DateInput(calendar: p.calendar, now: now).day(form.value("day"))
            overlays.removeLast()
            showDay(day, data)
            return nil
        } catch {
            return error.message
        }
    }

    /// The snapshot now shows the model's day: the diary cursor takes its first row (the other lists are untouched).
    mutating func diaryShown(_ data: ConsoleData, practice p: Practice) {
        var c = ListCursor()
        let rows = rows(.pane(.diary), data)
        if rows.count > 0 {
            c.id = rows.key(0)
            c.label = rows.label(0)
        }
        cursors[.diary] = c
    }
}

extension ConsoleData {
    /// Brings the snapshot to the diary day the model chose (nil: today); true if it had to, and the model must then
    /// hear `.diaryShown` so its diary cursor takes the new day's first row.
    public mutating func follow(_ day: Int?, _ p: Practice) -> Bool {
        guard diaryChoice != day else { return false }
        showDiary(day, p)
        return true
    }
}
