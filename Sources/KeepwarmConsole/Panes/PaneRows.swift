import KeepwarmCore

/// How each pane lays out its rows, narrow (a quarter of the screen) or wide (zoomed or a big window).
enum PaneRows {
    /// A quarter of an 80-column screen is narrow; half of a big window is medium; a zoomed pane is wide.
    static let medium = 60
    static let wide = 100

    static func header(_ pane: PaneID, width: Int) -> [Column] {
        switch (pane, width) {
        case (.diary, wide...):
            return [Column("TIME", 5), Column("CLIENT", nil), Column("WITH", 16), Column("MIN", 3), Column("STATUS", 9), Column("FLAGS", 40)]
        case (.diary, medium...):
            return [Column("TIME", 5), Column("CLIENT", nil), Column("WITH", 12), Column("STATUS", 9), Column("FLAGS", 14)]
        case (.diary, _):
            return [Column("TIME", 5), Column("CLIENT", nil), Column("STATUS", 9), Column("FLAGS", 8)]
        case (.lapsed, wide...):
            return [Column("CLIENT", nil), Column("DAYS", 5), Column("SESS", 4), Column("SOURCE", 18), Column("LAST TOUCH", 30), Column("NEXT", 19), Column("DUE", 10)]
        case (.lapsed, medium...):
            return LapsedColumns.mediumHeader
        case (.lapsed, _):
            return LapsedColumns.narrowHeader
        case (.thankYous, wide...):
            return [Column("REFERRER", nil), Column("REFERRED", 24), Column("RECORDED", 16), Column("DUE BY", 16), Column("LEFT", 12)]
        case (.thankYous, medium...):
            return [Column("REFERRER", nil), Column("REFERRED", 22), Column("LEFT", 12)]
        case (.thankYous, _):
            return [Column("REFERRER → REFERRED", nil), Column("LEFT", 12)]
        case (.audit, wide...):
            return [Column("#", 2), Column("STEP", 22), Column("QUESTION", nil), Column("EVIDENCE", 24), Column("ANSWER", 9)]
        case (.audit, medium...):
            return [Column("#", 2), Column("STEP", 22), Column("EVIDENCE", nil), Column("ANSWER", 9)]
        case (.audit, _):
            return [Column("#", 2), Column("STEP", nil), Column("FIG", 4), Column("ANSWER", 9)]
        }
    }

    static func diary(_ r: DiaryRow, _ p: Practice, width: Int) -> [Column] {
        let a = r.appointment
        let (statusText, statusStyle): (String, Style) = switch a.status {
        case .booked: ("booked", .plain)
        case .attended: ("attended", .good)
        case .noShow: ("no-show", .danger)
        case .cancelled: ("cancelled", .muted)
        }
        // A deceased client's booked visit is for the desk to cancel: the word goes first, in red, so no width hides it.
        // Worked out here from the client's status (no core flag: the diary rule is the lead's).
        let deceased = a.status == .booked && p.clients.indices.contains(a.client.index) && p.clients[a.client.index].status == .deceased
        let flagStyle: Style = deceased ? .danger
            : r.flags.contains(.secondVisit) || r.flags.contains(.thankYouOwed) ? .warning : .plain
        let time = Column(p.calendar.timeString(a.start), 5, a.status == .cancelled ? .muted : .plain)
        let name = Column(r.clientName, nil, a.status == .cancelled ? .muted : .plain)
        let status = Column(statusText, 9, statusStyle)
        if width >= wide {
            return [time, name, Column(r.practitionerName, 16), Column(String(a.minutes), 3), status,
                    Column(((deceased ? ["deceased: cancel"] : []) + r.flags.map(longFlag)).joined(separator: ", "), 40, flagStyle)]
        }
        let flags = ((deceased ? ["deceased"] : []) + r.flags.map(shortFlag)).joined(separator: " ")
        if width >= medium {
            return [time, name, Column(r.practitionerName, 12), status, Column(flags, 14, flagStyle)]
        }
        // Eight cells hold the word alone; the visit's other flags wait until it is cancelled.
        return [time, name, status, Column(deceased ? "deceased" : flags, 8, flagStyle)]
    }

    static func shortFlag(_ f: DiaryFlag) -> String {
        switch f {
        case .firstVisit: "1st"
        case .secondVisit: "2nd"
        case .thankYouOwed: "TY"
        case .callbackOwed: "CB"
        }
    }

    static func longFlag(_ f: DiaryFlag) -> String {
        switch f {
        case .firstVisit: "first visit"
        case .secondVisit: "2nd visit"
        case .thankYouOwed: "thank-you owed"
        case .callbackOwed: "callback owed"
        }
    }

    /// Colour by tier: amber while re-engagement can still work, red once a letter is due.
    static func tierStyle(_ step: LapseStep) -> Style {
        switch step {
        case .reEngage: .warning
        case .reactivationLetter: .danger
        case .followUpCall: Style([], .accent)
        case .review: .muted
        }
    }

    static func lapsed(_ r: LapsedRow, _ p: Practice, width: Int) -> [Column] {
        let tier = tierStyle(r.next)
        if width >= wide {
            let touch = r.lastTouch.map { "\($0.kind.rawValue) \(p.calendar.dateString($0.at))" } ?? "—"
            return [Column(r.name, nil), Column("\(r.daysSince)d", 5, tier), Column(String(r.sessions), 4), Column(r.source ?? "—", 18),
                    Column(touch, 30, .muted), Column(r.next.rawValue, 19, tier), Column(Civil.string(ofDay: r.nextDue), 10)]
        }
        return LapsedColumns.row(r, p, medium: width >= medium, tier: tier)
    }

    static func thankYou(_ r: ThankYouRow, _ p: Practice, width: Int) -> [Column] {
        let left = Column(ThankYous.timeLeft(hours: r.hoursLeft), 12, r.overdue ? .danger : (r.hoursLeft < 12 ? .warning : .plain))
        if width >= wide {
            func when(_ i: Instant) -> String { "\(Describe.day(i, p)) \(p.calendar.timeString(i))" }
            return [Column(r.referrerName, nil), Column(r.referredName, 24), Column(when(r.referral.recordedAt), 16),
                    Column(when(r.dueBy), 16), left]
        }
        if width >= medium { return [Column(r.referrerName, nil), Column(r.referredName, 22), left] }
        return [Column("\(r.referrerName) → \(r.referredName)", nil), left]
    }

    static func audit(_ s: AuditStep, _ summary: AuditSummary?, width: Int) -> [Column] {
        let a = summary?.answers[s.number]?.answer
        let answer: Column = switch a {
        case .yes?: Column("in place", 9, .good)
        case .no?: Column("gap", 9, .danger)
        case .unsure?: Column("not sure", 9, .warning)
        case nil: Column("—", 9, .muted)
        }
        let e = summary?.evidence[s.number - 1]
        let figStyle: Style = e?.meetsTarget == false ? .warning : (e?.meetsTarget == true ? .good : .muted)
        let short = e?.value.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
        let long = e.map { $0.value == nil ? ($0.detail ?? "no data") : $0.text } ?? "…"
        let n = Column(String(s.number), 2)
        if width >= wide { return [n, Column(s.title, 22), Column(s.question, nil), Column(long, 24, figStyle), answer] }
        if width >= medium { return [n, Column(s.title, 22), Column(long, nil, figStyle), answer] }
        return [n, Column(s.title, nil), Column(short, 4, figStyle), answer]
    }
}
