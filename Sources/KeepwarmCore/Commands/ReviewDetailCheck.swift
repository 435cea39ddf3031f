extension ReviewDetail {
    /// The detail a review records, checked: a reason only with a close, and whose list the client is on now
    /// (`WhoseClient`), so "new since my last review" still knows whose review it was if they later see someone else.
    static func checked(_ p: Practice, _ c: ClientID, _ outcome: LapseOutcome, via: ReviewContact?, reason: LeftReason?,
                        now: Instant) throws(CommandError) -> ReviewDetail {
        if reason != nil, case .closed = outcome {} else if reason != nil {
            throw CommandError("a reason for leaving goes with closing the client (--close); leave it out to record contact or a snooze")
        }
        return ReviewDetail(via: via, reason: reason, practitioner: WhoseClient.practitioner(p, c, atOrBefore: now))
    }
}
