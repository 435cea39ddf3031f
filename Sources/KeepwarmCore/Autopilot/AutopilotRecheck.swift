extension AutopilotPlan {
    /// The message with `key` as the plan has it now, worked out from its client's records alone: `autopilot run`
    /// asks this under the log's lock just before each send, so the check costs one client, not the whole practice,
    /// however large the log. Nil when it is no longer due at all (booked since, recorded, sent, skipped, the
    /// appointment moved or cancelled, the client erased or deceased).
    ///
    /// It agrees with `messages(_:now:reach:)` on every stop but one: the daily cap counts only the attempts already
    /// in the log, not messages earlier in the plan's order that have not been tried yet. A run sends in that order,
    /// so by the time it asks about a message each earlier one was tried or is no longer due.
    public static func recheck(_ key: String, client: ClientID, in p: Practice, now: Instant, reach: Reach = Reach()) -> PlannedMessage? {
        guard p.clients.indices.contains(client.index) else { return nil }
        let c = p.clients[client.index]
        let today = p.calendar.day(of: now)
        var mine = candidates(for: c, in: p, now: now, today: today, reach: reach)
        for r in c.referralsMade where p.referrals[r.index].thankedAt == nil {
            if let m = thankYou(r, in: p, now: now, today: today, reach: reach) { mine.append(m) }
        }
        if p.settings.autopilot.policy(.reminder).policy == .auto {
            for a in p.appointments(of: client) {
                if let m = reminder(a, in: p, now: now, today: today, reach: reach) { mine.append(m) }
            }
        }
        guard mine.contains(where: { $0.key == key }) else { return nil }
        mine.sort(by: order)
        limit(&mine, p, now: now, countingGoing: false)
        return mine.first { $0.key == key }
    }
}
