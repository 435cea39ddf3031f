import KeepwarmCore

/// "Next free slot": what was asked (client, length, practitioner or any, from when). The slots themselves are
/// worked out again from the practice whenever the list is drawn or a key is pressed, so a slot another desk has
/// just booked leaves the list instead of being offered stale.
public struct FreeSlotSearch: Sendable, Equatable {
    public var client: ClientID
    public var minutes: Int
    public var practitioner: PractitionerID?
    public var after: Instant
    /// The slot the cursor is on, held by start and practitioner (`FreeSlotHold.swift`); nil while none is offered.
    public var held: FreeSlots.Slot?
    /// The site searched (the form's Site, `FreeSlotSites.swift`); nil is every site.
    public var site: SiteID?

    /// How many slots the list offers.
    static let limit = 12

    /// The slots as the practice stands now, or why there are none to offer.
    func slots(_ p: Practice, now: Instant) -> Result<[FreeSlots.Slot], CommandError> {
        do throws(CommandError) {
            return .success(try FreeSlots.next(p, minutes: minutes, practitioner: practitioner, client: client,
                                               after: max(after, now), limit: Self.limit, site: site))
        } catch {
            return .failure(error)
        }
    }
}

extension ConsoleModel {
    /// The free-slot form was filled in: show the slots it finds, or say in the form why it cannot look.
    mutating func showFreeSlots(_ form: Form, top: Int, practice p: Practice, now: Instant) -> [ConsoleAction] {
        var form = form
        do {
            var preset: ClientID?
            if case .form(.findFreeSlot(let client, _, _), _) = overlays[top] { preset = client }
            var search = try ConsoleForms.freeSlotSearch(form, practice: p, now: now, preset: preset)
            search.site = try ConsoleForms.freeSlotSite(form, practitioner: search.practitioner, practice: p)
            // The one site choice: the diary and the week view now show where the slots were looked for.
            if ConsoleForms.siteField(p, shown: nil) != nil { site = search.site }
            // Worked out once: a refusal (no working hours, say) stays in the form, else the first slot is held.
            search.held = try search.slots(p, now: now).get().first
            overlays[top] = .freeSlots(search, ListCursor())
        } catch {
            form.error = ConsoleWords.formError(error)
        }
        if form.error != nil, case .form(let purpose, _) = overlays[top] { overlays[top] = .form(purpose, form) }
        return []
    }

    /// Keys in the free-slot list: move, Enter books the slot (checked again under the lock), Esc closes.
    mutating func freeSlotKey(_ action: KeyAction, _ search: FreeSlotSearch, _ cursor: ListCursor, top: Int, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        // A key pressed at a screen that still showed a slot now gone only moves to the next one and says so.
        if action != .close, followFreeSlot(p, now: now, announce: true) { return [] }
        guard case .freeSlots(var search, var cursor) = overlays[top] else { return nil }
        let slots = (try? search.slots(p, now: now).get()) ?? []
        if cursor.perform(action, count: slots.count, page: pageSize) {
            search.held = slots.indices.contains(cursor.index) ? slots[cursor.index] : nil
            overlays[top] = .freeSlots(search, cursor)
            return []
        }
        switch action {
        case .close:
            overlays.removeLast()
            status = StatusLine(text: "Nothing booked", isError: false)
            return []
        case .messageLog:
            openMessageLog()
            return []
        case .book:
            cursor.clamp(count: slots.count)
            guard slots.indices.contains(cursor.index) else {
                status = StatusLine(text: "no free slot to book: Esc, then try another length, practitioner or date", isError: true)
                return []
            }
            let s = slots[cursor.index]
            overlays[top] = .freeSlots(search, cursor)
            return [.record(.book(client: search.client.description, practitioner: s.practitioner.description,
                                  start: s.start, minutes: s.minutes, force: false))]
        default: return nil
        }
    }
}

/// Draws the free-slot list.
enum FreeSlotView {
    static func draw(_ g: inout Grid, _ search: FreeSlotSearch, _ cursor: ListCursor, _ p: Practice, _ now: Instant) {
        // The id too, so two clients of the same name are told apart.
        let client = "\(p.clients[search.client.index].name) (\(search.client))"
        let title = "Free \(search.minutes)-min slots for \(client)\(ConsoleModel.siteSuffix(search.site, p))"
        switch search.slots(p, now: now) {
        case .failure(let e):
            OverlayView.lines(&g, title: title, [e.message], width: 76)
        case .success(let slots):
            let rows = slots.map { s in
                [Column("\(Describe.day(s.start, p)) \(Civil.date(fromDays: p.calendar.day(of: s.start)).0)", 16),
                 Column(p.calendar.timeString(s.start) + "-" + p.calendar.timeString(s.start.adding(minutes: s.minutes)), 11),
                 Column(p.practitioners[s.practitioner.index].name, nil)]
            }
            var c = cursor
            c.clamp(count: rows.count)
            OverlayView.table(&g, title: title, header: [Column("DAY", 16), Column("TIME", 11), Column("WITH", nil)], rows, c,
                              empty: "No free time of \(search.minutes) min in the next \(FreeSlots.searchDays) days.")
        }
    }
}
