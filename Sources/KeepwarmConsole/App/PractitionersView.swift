import KeepwarmCore

extension ConsoleModel {
    /// Keys on the practitioners screen: add, rename, set hours, Esc closes.
    mutating func practitionersKey(_ action: KeyAction, _ cursor: ListCursor, top: Int, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        var cursor = cursor
        let list = p.practitioners.filter { !$0.withdrawn }
        if cursor.perform(action, count: list.count, page: pageSize) {
            overlays[top] = .practitioners(cursor)
            return []
        }
        switch action {
        case .close:
            overlays.removeLast()
            return []
        case .addPractitioner:
            overlays[top] = .practitioners(cursor)
            openForm(.addPractitioner, p, now)
            return []
        case .renamePractitioner, .workingHours:
            cursor.clamp(count: list.count)
            overlays[top] = .practitioners(cursor)
            guard list.indices.contains(cursor.index) else {
                status = StatusLine(text: "no practitioner yet: press a to add one", isError: true)
                return []
            }
            openForm(action == .renamePractitioner ? .renamePractitioner(list[cursor.index].id) : .practitionerHours(list[cursor.index].id), p, now)
            return []
        default: return nil
        }
    }
}

extension ConsoleModel {
    /// A practitioner added from the practitioners screen is the one highlighted next, by id (the next `h` sets their
    /// hours, not the first row's).
    mutating func selectAddedPractitioner(_ id: PractitionerID, in p: Practice) {
        guard case .practitioners(var cursor) = overlays.last,
              let row = p.practitioners.filter({ !$0.withdrawn }).firstIndex(where: { $0.id == id }) else { return }
        cursor.index = row
        overlays[overlays.count - 1] = .practitioners(cursor)
    }
}

/// Draws the practitioners screen: each one's id, name and working week.
enum PractitionersView {
    static func draw(_ g: inout Grid, _ cursor: ListCursor, _ p: Practice) {
        let list = p.practitioners.filter { !$0.withdrawn }
        let rows = list.map { pr in
            [Column(pr.id.description, 4), Column(pr.name, 20),
             Column(pr.hours.map { $0.isEmpty ? "no working days" : compact($0) } ?? "no hours set: h to set them", nil, pr.hours == nil ? .warning : .plain)]
        }
        OverlayView.table(&g, title: "Practitioners (\(list.count))", header: [Column("ID", 4), Column("NAME", 20), Column("WORKING HOURS", nil)],
                          rows, cursor, empty: "No practitioners yet: press a to add one.")
    }

    /// `Mon-Thu 09:00-17:00, Fri 09:00-13:00`: runs of days with the same hours, days off left out.
    static func compact(_ h: WorkingHours) -> String {
        var parts: [String] = []
        var d = 0
        while d < 7 {
            var e = d
            while e + 1 < 7 && h.days[e + 1] == h.days[d] { e += 1 }
            if !h.days[d].isEmpty {
                let days = d == e ? Describe.weekdays[d] : "\(Describe.weekdays[d])-\(Describe.weekdays[e])"
                parts.append("\(days) \(h.text(d).replacingOccurrences(of: ",", with: " "))")
            }
            d = e + 1
        }
        return parts.joined(separator: ", ")
    }
}

/// What an empty practice shows in place of today's diary: the first steps, each with its key, ticked once done.
enum GettingStarted {
    /// One step: whether it is done, the key that does it, and what it is.
    typealias Step = (done: Bool, key: String, text: String)

    static func steps(_ p: Practice) -> [Step] {
        let practitioners = p.practitioners.filter { !$0.withdrawn }
        return [
            (!practitioners.isEmpty, "P", "add a practitioner"),
            (practitioners.contains { !($0.hours?.isEmpty ?? true) }, "P h", "set their working hours"),
            (p.clients.contains { !$0.withdrawn }, "+", "add a client"),
            (p.appointments.contains { !$0.withdrawn }, "F", "book the next free slot"),
        ]
    }

    /// Shown while the practice has no practitioner, no client or no appointment yet.
    static func applies(_ p: Practice) -> Bool {
        !p.practitioners.contains { !$0.withdrawn } || !p.clients.contains { !$0.withdrawn } || !p.appointments.contains { !$0.withdrawn }
    }

    static func draw(_ g: inout Grid, _ p: Practice, x: Int, y: Int, width: Int, height: Int) {
        g.putFitted("Getting started:", x: x, y: y, width: width, style: .bold)
        for (i, s) in steps(p).enumerated() where i + 1 < height {
            let line = "\(s.done ? "✓" : "·") \(s.key.padding(toLength: 4, withPad: " ", startingAt: 0)) \(s.text)"
            g.putFitted(line, x: x, y: y + 1 + i, width: width, style: s.done ? .muted : .plain)
        }
    }
}
