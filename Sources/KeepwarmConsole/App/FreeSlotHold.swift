import KeepwarmCore

/// The free-slot list holds the selected slot by what it is (its start and practitioner), not by its row number: the
/// slots are worked out afresh from the practice, so another desk's booking, new working hours or the clock can take
/// a slot away and shift every row under it. When the held slot leaves, the cursor goes to the next free time and the
/// status line (kept by `M`) says so; a key pressed at a screen that still showed it does nothing but that, so Enter
/// never books a time the person did not see selected. The same promise as `Selection.swift` for the other lists.
extension ConsoleModel {
    /// Puts the open free-slot list's cursor back on its slot; true when the slot has left the list since (the cursor
    /// is then on its neighbour and, with `announce`, the status line says why).
    mutating func followFreeSlot(_ p: Practice, now: Instant, announce: Bool) -> Bool {
        guard let at = overlays.lastIndex(where: { if case .freeSlots = $0 { true } else { false } }),
              case .freeSlots(var search, var cursor) = overlays[at] else { return false }
        let slots = (try? search.slots(p, now: now).get()) ?? []
        var left = false
        if let held = search.held {
            if let i = slots.firstIndex(of: held) {
                cursor.index = i
            } else {
                left = true
                // The next free time after the one that went (the rows are in time order), else the last.
                let next = slots.firstIndex { ($0.start, $0.practitioner) > (held.start, held.practitioner) }
                cursor.index = next ?? max(0, slots.count - 1)
                if announce {
                    let where_ = slots.isEmpty ? "no free time is left to offer" : next == nil ? "the cursor is on the last free time" : "the cursor is on the next free time"
                    status = StatusLine(text: "\(Self.gone(held, search, p, now: now)); \(where_)", isError: true)
                }
            }
        }
        cursor.clamp(count: slots.count)
        search.held = slots.indices.contains(cursor.index) ? slots[cursor.index] : nil
        overlays[at] = .freeSlots(search, cursor)
        return left
    }

    /// "13:30 on Mon 14 Dec with Anna Okafor": a slot, its time first (the part a cut status line keeps).
    static func slotName(_ s: FreeSlots.Slot, _ p: Practice) -> String {
        let who = p.practitioners.indices.contains(s.practitioner.index) ? p.practitioners[s.practitioner.index].name : s.practitioner.description
        return "\(p.calendar.timeString(s.start)) on \(Describe.day(s.start, p)) with \(who)"
    }

    /// What happened to a slot no longer offered, in the practice's words, the slot near the start so that a narrow
    /// status line (cut in the middle, `StatusFit`) still says which time went and why.
    static func gone(_ s: FreeSlots.Slot, _ search: FreeSlotSearch, _ p: Practice, now: Instant) -> String {
        let name = slotName(s, p)
        if s.start < now { return "\(name) has passed" }
        let end = s.start.adding(minutes: s.minutes)
        let day = p.calendar.day(of: s.start)
        if FreeSlots.booked(p, practitioner: s.practitioner, day: day).contains(where: { $0.start < end && s.start < $0.end }) {
            return "another desk booked \(name)"
        }
        if p.clientClash(search.client, start: s.start, minutes: s.minutes) != nil {
            return "another desk booked \(p.clients[search.client.index].name) at the time of \(name)"
        }
        if (try? FreeSlots.next(p, minutes: s.minutes, practitioner: s.practitioner, client: search.client, after: s.start, limit: 1))?.first == s {
            return "\(name) is still free, but earlier times came free and it is no longer among the first \(FreeSlotSearch.limit)"
        }
        return "\(name) is no longer free: another desk changed the working hours"
    }
}
