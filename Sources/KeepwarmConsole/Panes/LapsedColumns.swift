import KeepwarmCore

/// The lapsed pane's narrow and medium layouts: the weekly review needs the due date and the last contact at 80
/// columns, so the days, sessions and source columns go first.
enum LapsedColumns {
    static let narrowHeader = [Column("CLIENT", nil), Column("DUE", 5), Column("LAST CONTACT", 13), Column("NEXT", 6)]
    static let mediumHeader = [Column("CLIENT", nil), Column("DAYS", 5), Column("DUE", 10), Column("LAST CONTACT", 20), Column("NEXT", 6)]

    static func row(_ r: LapsedRow, _ p: Practice, medium: Bool, tier: Style) -> [Column] {
        let today = dueStyle(r, p)
        let next = switch r.next {
        case .reEngage: "re-eng"
        case .reactivationLetter: "letter"
        case .followUpCall: "call"
        case .review: "review"
        }
        if medium {
            return [Column(r.name, nil), Column("\(r.daysSince)d", 5, tier), Column(Civil.string(ofDay: r.nextDue), 10, today),
                    Column(lastContact(r, p, long: true), 20, .muted), Column(next, 6, tier)]
        }
        return [Column(r.name, nil), Column(monthDay(r.nextDue), 5, today), Column(lastContact(r, p, long: false), 13, .muted),
                Column(next, 6, tier)]
    }

    /// Due today or before (the row's own today: its last visit plus its days since): bold; later: plain.
    static func dueStyle(_ r: LapsedRow, _ p: Practice) -> Style {
        r.nextDue <= p.calendar.day(of: r.lastVisit) + r.daysSince ? .bold : .plain
    }

    /// `11-30`: month and day, enough within a year.
    static func monthDay(_ day: Int) -> String { String(Civil.string(ofDay: day).dropFirst(5)) }

    /// How and when the client was last reached: the latest touchpoint (by its channel) or review contact, `—` if never.
    static func lastContact(_ r: LapsedRow, _ p: Practice, long: Bool) -> String {
        let c = p.clients[r.client.index]
        let review = c.reviews.last { if case .contacted = $0.outcome { true } else { false } }
        let touch = r.lastTouch
        let (how, at): (String, Instant)
        if let review, touch.map({ review.at >= $0.at }) ?? true {
            (how, at) = (review.detail.via.map(ChannelName.of) ?? ChannelName.notRecorded, review.at)
        } else if let touch {
            (how, at) = (touch.via.map(ChannelName.of) ?? touch.kind.rawValue, touch.at)
        } else if let contacted = c.lastContactedAt {
            (how, at) = (ChannelName.notRecorded, contacted)
        } else {
            return "—"
        }
        let day = p.calendar.day(of: at)
        return long ? "\(how) \(Civil.string(ofDay: day))" : "\(how.prefix(7)) \(monthDay(day))"
    }
}
