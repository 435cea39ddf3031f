import KeepwarmCore

/// Draws the whole screen from the model and the practice: title, four panes (or one zoomed), status, key bar, and
/// any overlay on top. Pure: the same inputs always give the same grid.
public enum ConsoleView {
    public static let minWidth = 80
    public static let minHeight = 24

    /// `charset` is the terminal's (ASCII under a non-UTF-8 locale), given by the caller, never looked up here.
    public static func render(_ m: ConsoleModel, data: ConsoleData, practice p: Practice, now: Instant, width: Int, height: Int,
                              charset: Charset = .unicode) -> Grid {
        var g = Grid(width: width, height: height, charset: charset)
        guard fits(width: width, height: height) else {
            tooSmall(&g, m)
            return g
        }
        title(&g, p, now, user: m.user)
        StoreTroubleView.draw(&g, m, p, now)
        for (pane, rect) in layout(m, width: width, height: height) {
            drawPane(&g, pane, rect, m, data, p)
        }
        if let s = m.status {
            // Shortened without losing the fix (StatusFit); `M` shows it whole.
            let text = StatusFit.fit((s.isError ? "⚠ " : "") + s.text, width: width - 2)
            g.putFitted(text, x: 1, y: height - 2, width: width - 2, style: s.isError ? .danger : .good)
        }
        KeyBar.draw(&g, m, y: height - 1)
        // The find line sits on the status row, under the list it finds in (which stays in view).
        if case .find(let f) = m.overlays.last {
            if m.overlays.count > 1 { OverlayView.draw(&g, m.overlays[m.overlays.count - 2], m, data, p, now) }
            OverlayView.findLine(&g, f, m, data, p, y: height - 2)
        } else if let overlay = m.overlays.last {
            // The import's y/n sits over the report it would write, which stays in view.
            if case .confirm = overlay, m.overlays.count > 1, case .importFile(let s) = m.overlays[m.overlays.count - 2] { ImportView.draw(&g, s) }
            OverlayView.draw(&g, overlay, m, data, p, now)
        }
        return g
    }

    /// Rows in the focused pane's list at this size: what PgUp/PgDn move by.
    public static func listHeight(_ m: ConsoleModel, width: Int, height: Int) -> Int {
        // A list window (OverlayView.table) is as tall as the screen allows.
        switch m.listInView ?? m.findingIn {
        case .pane?, nil: break
        default: return max(1, height - 7)
        }
        guard let rect = layout(m, width: width, height: height).first(where: { $0.0 == m.focus })?.1 else { return 8 }
        return max(1, rect.h - 3)
    }

    struct Rect { var x, y, w, h: Int }

    static func layout(_ m: ConsoleModel, width: Int, height: Int) -> [(PaneID, Rect)] {
        let areaH = height - 3
        if m.zoomed { return [(m.focus, Rect(x: 0, y: 1, w: width, h: areaH))] }
        let leftW = width / 2, topH = areaH / 2
        return [
            (.diary, Rect(x: 0, y: 1, w: leftW, h: topH)),
            (.lapsed, Rect(x: leftW, y: 1, w: width - leftW, h: topH)),
            (.thankYous, Rect(x: 0, y: 1 + topH, w: leftW, h: areaH - topH)),
            (.audit, Rect(x: leftW, y: 1 + topH, w: width - leftW, h: areaH - topH)),
        ]
    }

    /// Whether the console can be drawn at this size; below it the "too small" screen shows and only q acts.
    public static func fits(width: Int, height: Int) -> Bool { width >= minWidth && height >= minHeight }

    static func tooSmall(_ g: inout Grid, _ m: ConsoleModel) {
        var asksToQuit = false
        if case .confirm(let prompt) = m.overlays.last, prompt.onConfirm == .quit { asksToQuit = true }
        let lines = ["Keepwarm needs a bigger window:", "make the window at least \(minWidth)×\(minHeight)", "(this one is \(g.width)×\(g.height)).",
                     asksToQuit ? "A form is half filled in: y quits and loses it, n keeps it." : "Keys wait until it is bigger; q quits."]
        for (i, l) in lines.enumerated() {
            let y = g.height / 2 - 1 + i
            g.put(l, x: max(0, (g.width - DisplayText.width(l)) / 2), y: y, style: i == 1 ? .bold : .plain)
        }
    }

    /// The title bar's right-hand part: the day, the time and who is signed in.
    static func titleRight(_ p: Practice, _ now: Instant, user: String) -> String {
        let (y, _, _) = Civil.date(fromDays: p.calendar.day(of: now))
        return "\(Describe.day(now, p)) \(y)  \(p.calendar.timeString(now))  ● \(user) "
    }

    static func title(_ g: inout Grid, _ p: Practice, _ now: Instant, user: String) {
        g.fill(x: 0, y: 0, width: g.width, height: 1, style: Style(.reverse))
        let right = titleRight(p, now, user: user)
        let rw = DisplayText.width(DisplayText.visible(right))
        // Letters to print and tries nobody settled, where the desk sees them without opening `A`; the name gives way.
        let counts = AutopilotCounts.text(p), cw = counts.isEmpty ? 0 : DisplayText.width(counts) + 2
        g.putFitted(" " + p.settings.name, x: 0, y: 0, width: max(1, g.width - rw - 1 - cw), style: Style([.reverse, .bold]))
        if cw > 0 { g.put(counts, x: g.width - rw - cw, y: 0, style: Style([.reverse, .bold], .warning)) }
        g.put(right, x: g.width - rw, y: 0, style: Style(.reverse))
    }


    static func drawPane(_ g: inout Grid, _ pane: PaneID, _ r: Rect, _ m: ConsoleModel, _ data: ConsoleData, _ p: Practice) {
        let focused = pane == m.focus && (m.overlays.isEmpty || m.findingIn == .pane(pane))
        let count = data.count(pane)
        let suffix = pane == .audit ? (data.audit.map { " \($0.inPlace)/\($0.total) in place" } ?? "") + (m.auditWorstFirst ? ", worst first" : "")
            : pane == .thankYous && !data.missedThankYous.isEmpty ? " (\(count), \(data.missedThankYous.count) missed: T)" : " (\(count))"
        let paneTitle = pane == .diary ? DiaryPane.title(data, p) : pane == .lapsed ? LapsedReview.title(data.lapsedScope, count: count, p)
            : pane.title(p.settings) + suffix
        g.box(x: r.x, y: r.y, width: r.w, height: r.h, title: "\(pane.number) \(paneTitle)",
              style: focused ? Style([], .accent) : .muted, titleStyle: focused ? .title : .bold)
        let innerW = r.w - 2, listH = r.h - 3
        if pane == .lapsed, let progress = data.reviewProgress, progress.total > 0, innerW > 30 {
            g.put(progress.line, x: r.x + 2, y: r.y + r.h - 1, style: .muted, maxWidth: innerW - 8)
        }
        guard innerW > 4, listH > 0 else { return }
        g.row(PaneRows.header(pane, width: innerW), x: r.x + 1, y: r.y + 1, width: innerW, base: Style(.underline))
        if count == 0, pane == .diary, GettingStarted.applies(p) {
            GettingStarted.draw(&g, p, x: r.x + 2, y: r.y + 2, width: innerW - 1, height: listH)
            return
        }
        if pane == .diary {
            DiaryPane.drawList(&g, r, m, data, p, focused: focused)
            return
        }
        // The diary was drawn above (`DiaryPane`, with its day, dividers and empty message); these lists are the rest.
        if count == 0 {
            let empty = switch pane {
            case .diary: ""
            case .lapsed: data.lapsedScope.narrows ? "No lapsed clients here (p, v: change)." : "No lapsed clients."
            case .thankYous: "No thank-yous owed."
            case .audit: ""
            }
            g.put(empty, x: r.x + 2, y: r.y + 2, style: .muted, maxWidth: innerW - 1)
            return
        }
        let selected = min(m.cursors[pane]?.index ?? 0, count - 1)
        let top = firstVisible(selected: selected, height: listH)
        for i in top..<min(count, top + listH) {
            let cols: [Column] = switch pane {
            case .diary: []
            case .lapsed: PaneRows.lapsed(data.lapsed[i], p, width: innerW)
            case .thankYous: PaneRows.thankYou(data.thankYous[i], p, width: innerW)
            case .audit: PaneRows.audit(m.auditOrder(data)[i], data.audit, width: innerW)
            }
            let base: Style = i == selected ? (focused ? Style(.reverse) : Style(.underline)) : .plain
            g.row(cols, x: r.x + 1, y: r.y + 2 + i - top, width: innerW, base: base)
        }
        if count > listH {
            g.put("\(selected + 1)/\(count)", x: r.x + r.w - 2 - DisplayText.width("\(selected + 1)/\(count)"), y: r.y + r.h - 1, style: .muted)
        }
    }
}
