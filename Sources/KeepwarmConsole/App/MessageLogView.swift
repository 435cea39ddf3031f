import KeepwarmCore

/// `M`: every status message of the session, whole (wrapped, never cut), newest last, each with its local time.
enum MessageLogView {
    static func draw(_ g: inout Grid, _ messages: [LoggedMessage], _ cursor: ListCursor, _ p: Practice) {
        let r = OverlayView.frame(&g, title: "Messages this session (\(messages.count))", width: g.width - 2, height: g.height - 2)
        let inner = r.w - 4, h = r.h - 2
        guard !messages.isEmpty else {
            g.put("No messages yet.", x: r.x + 2, y: r.y + 1, style: .muted)
            return
        }
        let timeWidth = 9
        // Each message's lines; the selected message is shown whole, as low down as the list allows.
        let blocks = messages.map { m in wrap(DisplayText.visible(m.text), max(8, inner - timeWidth)) }
        let selected = min(cursor.index, messages.count - 1)
        var first = selected, used = blocks[selected].count
        while first > 0 && used + blocks[first - 1].count <= h {
            first -= 1
            used += blocks[first].count
        }
        var y = r.y + 1
        for i in first..<messages.count {
            let m = messages[i]
            let style: Style = i == selected ? .selected : m.isError ? .danger : .plain
            for (j, line) in blocks[i].enumerated() {
                guard y < r.y + 1 + h else { return }
                let lead = j == 0 ? (p.calendar.timeString(m.at) + (m.isError ? " ⚠" : "")) : ""
                g.putFitted(lead.padding(toLength: timeWidth, withPad: " ", startingAt: 0) + line, x: r.x + 2, y: y, width: inner, style: style)
                y += 1
            }
        }
    }

    /// Breaks at spaces so each line fits `width` cells, and breaks a word longer than a line (a path) too, so
    /// nothing is cut.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var out: [String] = [], line = ""
        func flush() { if !line.isEmpty { out.append(line); line = "" } }
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayText.width(candidate) <= width { line = candidate; continue }
            flush()
            var rest = word
            while DisplayText.width(rest) > width {
                let head = StatusFit.prefix(rest, width: width)
                out.append(head)
                rest = String(rest.dropFirst(head.count))
            }
            line = rest
        }
        flush()
        return out.isEmpty ? [""] : out
    }
}
