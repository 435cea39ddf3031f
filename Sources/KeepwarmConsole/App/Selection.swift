import KeepwarmCore

/// The record a list row stands for, so the highlight stays on that record when other rows come and go.
public enum RowKey: Hashable, Sendable {
    case appointment(AppointmentID)
    case client(ClientID)
    case referral(ReferralID)
    case callback(CallbackID)
    case followUp(ClientID, TouchpointKind, AppointmentID?)
    case step(Int)
    /// A message in the session's message log, by its place (messages are only ever added).
    case message(Int)
    /// An autopilot message by its key (the same message keeps its key from run to run).
    case planned(String)
    /// An autopilot try nobody has settled.
    case attempt(AttemptID)
}

/// A list the console keeps a cursor in: the four panes and the two list windows.
public enum ListName: Hashable, Sendable {
    case pane(PaneID)
    case followUps
    case callbacks
    case messageLog
    case missedThankYous
    /// `A`, the autopilot screen.
    case autopilot
    /// The records behind a figure (DrillView.swift).
    case drill
}

/// One list of a snapshot seen as keys and labels, read in place (nothing is copied).
struct ListRows {
    /// "the diary", as the status line names the list.
    let title: String
    let count: Int
    let key: (Int) -> RowKey
    /// "a3 (Ada Lovelace)": how the status line names the row.
    let label: (Int) -> String

    /// Where `key` stands now: where it was (the usual case, no search), else wherever the rows moved it.
    func find(_ wanted: RowKey, near hint: Int) -> Int? {
        if hint >= 0 && hint < count && key(hint) == wanted { return hint }
        for i in 0..<count where key(i) == wanted { return i }
        return nil
    }
}

extension ConsoleModel {
    static let lists: [ListName] = PaneID.allCases.map { .pane($0) } + [.followUps, .callbacks, .messageLog, .missedThankYous, .autopilot]
        + [.drill]

    func rows(_ list: ListName, _ data: ConsoleData) -> ListRows {
        switch list {
        case .pane(.diary):
            let r = data.diary
            return ListRows(title: "the diary", count: r.count, key: { .appointment(r[$0].appointment.id) },
                            label: { "\(r[$0].appointment.id) (\(r[$0].clientName))" })
        case .pane(.lapsed):
            let r = data.lapsed
            return ListRows(title: "the lapsed list", count: r.count, key: { .client(r[$0].client) },
                            label: { "\(r[$0].client) (\(r[$0].name))" })
        case .pane(.thankYous):
            let r = data.thankYous
            return ListRows(title: "the thank-yous", count: r.count, key: { .referral(r[$0].referral.id) },
                            label: { "\(r[$0].referral.id) (\(r[$0].referrerName) → \(r[$0].referredName))" })
        case .pane(.audit):
            let steps = auditOrder(data)
            return ListRows(title: "the audit", count: steps.count, key: { .step(steps[$0].number) },
                            label: { "step \(steps[$0].number)" })
        case .followUps:
            let r = data.followUps
            return ListRows(title: "the follow-ups", count: r.count, key: { .followUp(r[$0].client, r[$0].kind, r[$0].appointment) },
                            label: { "\(r[$0].name)'s \(r[$0].kind.rawValue)" })
        case .callbacks:
            let r = data.callbacks
            return ListRows(title: "the callbacks", count: r.count, key: { .callback(r[$0].callback.id) },
                            label: { "\(r[$0].callback.id) (\(r[$0].callback.name))" })
        case .messageLog:
            return ListRows(title: "the messages", count: messages.count, key: { .message($0) }, label: { "message \($0 + 1)" })
        case .missedThankYous:
            let r = data.missedThankYous
            return ListRows(title: "the missed thank-yous", count: r.count, key: { .referral(r[$0].referral.id) },
                            label: { "\(r[$0].referral.id) (\(r[$0].referrerName) → \(r[$0].referredName))" })
        case .autopilot:
            let r = data.autopilot?.rows ?? []
            return ListRows(title: "the autopilot's list", count: r.count, key: { r[$0].key },
                            label: { "\(r[$0].name)'s \(r[$0].step.rawValue)" })
        case .drill:
            let s = drillSubjects(data)
            return ListRows(title: "the list behind the figure", count: s.count, key: { s[$0].rowKey },
                            label: { s[$0].client?.description ?? Self.plain(s[$0].rowKey) })
        }
    }

    /// The cursor of a list, if the list is open (a list window's cursor lives in its overlay, the innermost one).
    func cursor(_ list: ListName) -> ListCursor? {
        switch list {
        case .pane(let pane): return cursors[pane] ?? ListCursor()
        case .followUps:
            for o in overlays.reversed() { if case .followUps(let c) = o { return c } }
        case .callbacks:
            for o in overlays.reversed() { if case .callbacks(let c) = o { return c } }
        case .messageLog:
            for o in overlays.reversed() { if case .messageLog(let c) = o { return c } }
        case .missedThankYous:
            for o in overlays.reversed() { if case .missedThankYous(let c) = o { return c } }
        case .autopilot:
            for o in overlays.reversed() { if case .autopilot(let c) = o { return c } }
        case .drill:
            return drillState?.cursor
        }
        return nil
    }

    mutating func setCursor(_ c: ListCursor, _ list: ListName) {
        switch list {
        case .pane(let pane): cursors[pane] = c
        case .followUps:
            if let i = overlays.lastIndex(where: { if case .followUps = $0 { true } else { false } }) { overlays[i] = .followUps(c) }
        case .callbacks:
            if let i = overlays.lastIndex(where: { if case .callbacks = $0 { true } else { false } }) { overlays[i] = .callbacks(c) }
        case .messageLog:
            if let i = overlays.lastIndex(where: { if case .messageLog = $0 { true } else { false } }) { overlays[i] = .messageLog(c) }
        case .missedThankYous:
            if let i = overlays.lastIndex(where: { if case .missedThankYous = $0 { true } else { false } }) { overlays[i] = .missedThankYous(c) }
        case .autopilot:
            if let i = overlays.lastIndex(where: { if case .autopilot = $0 { true } else { false } }) { overlays[i] = .autopilot(c) }
        case .drill:
            if let i = overlays.lastIndex(where: { if case .drill = $0 { true } else { false } }), case .drill(var s) = overlays[i] {
                s.cursor = c
                overlays[i] = .drill(s)
            }
        }
    }

    /// The list the person is looking at: the list window on top, else the focused pane.
    var listInView: ListName? {
        switch overlays.last {
        case nil: .pane(focus)
        case .followUps?: .followUps
        case .callbacks?: .callbacks
        case .messageLog?: .messageLog
        case .missedThankYous?: .missedThankYous
        case .autopilot?: .autopilot
        case .drill?: .drill
        default: nil
        }
    }

    /// The snapshot changed (another desk's event, this desk's own, a new minute): every cursor goes back to the record
    /// it was on, wherever the rows put it now. A record that left its list leaves the cursor on the row now standing
    /// where it was; when another desk took it away and it is the list in view, the status line says so.
    public mutating func handle(refreshed data: ConsoleData, practice p: Practice, byAnotherDesk: Bool) {
        for list in Self.lists { _ = follow(list, data, p, announce: byAnotherDesk && list == listInView) }
    }

    /// Before a key acts: if the record highlighted on the screen the person saw has left the list in view since, the
    /// key does nothing but move the cursor to its neighbour and say so, so it never acts on a row they did not see.
    mutating func recordLeftBeforeKey(_ data: ConsoleData, _ p: Practice) -> Bool {
        guard let list = listInView else { return false }
        return follow(list, data, p, announce: true)
    }

    /// Where each open list's cursor stands, taken before a key so `pinSelection` can tell which ones the key moved.
    var cursorRows: [ListName: Int] {
        var rows: [ListName: Int] = [:]
        for list in Self.lists { rows[list] = cursor(list)?.index }
        return rows
    }

    /// After a key: a cursor the key moved (or a list window it opened) takes the record on its new row; every other
    /// cursor stays on its record, wherever the key re-sorted it (`v` in the audit pane).
    mutating func pinSelection(_ data: ConsoleData, _ p: Practice, before: [ListName: Int]) {
        for list in Self.lists {
            guard var c = cursor(list) else { continue }
            if c.id != nil, before[list] == c.index {
                _ = follow(list, data, p, announce: false)
                continue
            }
            let rows = rows(list, data)
            c.clamp(count: rows.count)
            c.id = rows.count > 0 ? rows.key(c.index) : nil
            c.label = rows.count > 0 ? rows.label(c.index) : nil
            setCursor(c, list)
        }
    }

    /// Puts one list's cursor back on its record; true when the record has left the list.
    private mutating func follow(_ list: ListName, _ data: ConsoleData, _ p: Practice, announce: Bool) -> Bool {
        guard var c = cursor(list) else { return false }
        let rows = rows(list, data)
        var left = false
        if let id = c.id {
            if let i = rows.find(id, near: c.index) {
                c.index = i
            } else {
                left = true
                let wasLast = c.index >= rows.count
                c.clamp(count: rows.count)
                if announce {
                    let where_ = rows.count == 0 ? "the list is empty now" : wasLast ? "the cursor is on the last row" : "the cursor is on the next row"
                    // A name read before an erasure is not shown after it: only the id.
                    let erased = Self.erased(id, p)
                    let name = erased ? Self.plain(id) : c.label ?? Self.plain(id)
                    let why = erased ? "their details were erased" : Self.why(id, left: data, p)
                    status = StatusLine(text: "\(name) left \(rows.title): \(why); \(where_)", isError: true)
                }
            }
        }
        c.clamp(count: rows.count)
        c.id = rows.count > 0 ? rows.key(c.index) : nil
        c.label = rows.count > 0 ? rows.label(c.index) : nil
        setCursor(c, list)
        return left
    }

    /// The record's id alone ("a3"), for when its name may not be shown.
    static func plain(_ key: RowKey) -> String {
        switch key {
        case .appointment(let id): id.description
        case .client(let id), .followUp(let id, _, _): id.description
        case .referral(let id): id.description
        case .callback(let id): id.description
        case .step(let n): "step \(n)"
        case .message(let n): "message \(n + 1)"
        case .planned(let key): key
        case .attempt(let id): id.description
        }
    }

    /// Whether the record is about a client whose details were erased (or is a callback taken from one).
    static func erased(_ key: RowKey, _ p: Practice) -> Bool {
        func gone(_ c: ClientID) -> Bool { p.clients.indices.contains(c.index) && p.clients[c.index].erasedAt != nil }
        switch key {
        case .appointment(let id): return p.appointments.indices.contains(id.index) && gone(p.appointments[id.index].client)
        case .client(let id), .followUp(let id, _, _): return gone(id)
        case .referral(let id):
            guard p.referrals.indices.contains(id.index) else { return false }
            return gone(p.referrals[id.index].referrer) || gone(p.referrals[id.index].client)
        case .callback(let id): return p.callbacks.indices.contains(id.index) && p.callbacks[id.index].erased
        case .step, .message: return false
        case .planned(let key): return gone(ClientID(text: String(key.prefix { $0 != "." })) ?? ClientID(0))
        case .attempt(let id): return p.autopilot.attempt(id).map { gone($0.start.client) } ?? false
        }
    }

    /// What another desk did that took a record off its list, in the practice's words.
    static func why(_ key: RowKey, left data: ConsoleData, _ p: Practice) -> String {
        switch key {
        case .appointment(let id) where p.appointments.indices.contains(id.index):
            let a = p.appointments[id.index]
            if a.status == .cancelled { return "another desk cancelled it" }
            if a.status == .attended || a.status == .noShow { return "another desk marked it \(a.status.rawValue)" }
            if p.calendar.day(of: a.start) != data.diaryDay { return "another desk moved it" }
            return "another desk changed it"
        case .referral(let id) where p.referrals.indices.contains(id.index):
            return p.referrals[id.index].thankedAt != nil ? "another desk thanked them" : "another desk changed it"
        case .callback(let id) where p.callbacks.indices.contains(id.index):
            return p.callbacks[id.index].returnedAt != nil ? "another desk marked it returned" : "another desk changed it"
        case .client: return "another desk booked, snoozed or closed them"
        case .followUp: return "another desk recorded it"
        case .attempt(let id): return p.autopilot.attempt(id)?.isUnresolved == false ? "another desk settled it" : "another desk changed it"
        case .planned: return "it went, or another desk skipped, booked or changed it"
        default: return "another desk changed it"
        }
    }
}
