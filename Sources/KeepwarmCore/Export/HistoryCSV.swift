/// Everything done with clients that the desk's lists and the autopilot count from, as a spreadsheet: touchpoints,
/// referrals and their thank-yous, lapse reviews, milestones, feedback, holds, skipped messages and the autopilot's
/// messages. With the clients and appointments exports it moves a practice without a message going twice
/// (`import history`; Docs/import.md, "Moving a whole practice").
public enum HistoryCSV {
    public static let header = [
        "what", "date", "time", "client id", "client name", "kind", "channel", "appointment id", "appointment start",
        "referred client id", "referred client name", "due", "reminder for", "outcome", "until", "settled at", "score",
        "to", "provider", "reason", "retry", "confirmed", "note", "value",
    ]

    /// The row kinds, in the order rows at the same moment are written (a referral before its thank-you, a message
    /// before the letter's posting is recorded).
    public enum What: String, CaseIterable, Sendable {
        /// A practice setting the lists or the autopilot consult (`HistorySettings`): no date, no client.
        case setting
        case referral, milestone, feedback, message, touchpoint
        case thankYou = "thank-you"
        case lapseReview = "lapse review"
        case hold, skip
        /// When the client's present status was set (the clients file has the status, not its date).
        case status
    }

    /// One row before it becomes cells: its moment and its place among rows at the same moment.
    struct Row {
        let at: Instant
        let what: What
        let seq: Int
        var cells: [String: CSVCell]
    }

    /// Dates and times are practice-local, to the second (`2026-11-24`, `10:00:05`): the rules compare them with
    /// appointment starts and a 48-hour thank-you window, so a minute's rounding could move one across a line.
    public static func table(_ p: Practice, logLines: [UInt8]) -> CSVSheet {
        let cal = p.calendar
        var rows: [Row] = []
        func live(_ c: ClientID) -> Bool { p.clients.indices.contains(c.index) && !p.clients[c.index].withdrawn }
        func erased(_ c: ClientID) -> Bool { p.clients[c.index].erasedAt != nil }
        func client(_ c: ClientID) -> [String: CSVCell] {
            ["client id": .made(c.description), "client name": .typed(p.clients[c.index].name)]
        }
        /// Personal text (notes, addresses) is left out for an erased client.
        func personal(_ text: String?, _ c: ClientID) -> CSVCell { .typed(erased(c) ? "" : text ?? "") }
        func appointment(_ a: AppointmentID?) -> [String: CSVCell] {
            guard let a, let appt = p.appointment(a) else { return [:] }
            return ["appointment id": .made(a.description), "appointment start": .made(localDateTime(appt.start, cal))]
        }
        func referred(_ r: ReferralID?) -> [String: CSVCell] {
            guard let r, let ref = p.referral(r) else { return [:] }
            return ["referred client id": .made(ref.client.description), "referred client name": .typed(p.clients[ref.client.index].name)]
        }

        // The autopilot's messages; a message that went made a touchpoint (or thanked a referral) that the import
        // makes again from the message, so those are not written twice.
        var delivered: Set<String> = []
        var thankedBy: [ReferralID: Instant] = [:]
        for a in p.autopilot.attempts where live(a.start.client) {
            let s = a.start
            var cells = client(s.client)
            cells.merge(appointment(s.appointment)) { $1 }
            cells.merge(referred(s.referral)) { $1 }
            cells["kind"] = .made(s.step.rawValue)
            cells["channel"] = .made(s.channel.rawValue)
            cells["due"] = .made(Civil.string(ofDay: s.dueDay))
            if let start = MessageKey(s.key)?.start { cells["reminder for"] = .made(start) }
            cells["to"] = personal(s.to, s.client)
            switch a.outcome {
            case .unresolved:
                cells["outcome"] = .made("unresolved")
            case .sent(let at, let provider, let confirmed):
                cells["outcome"] = .made("sent")
                cells["settled at"] = .made(localDateTime(at, cal) + ":" + seconds(at))
                // A gateway's id or a command's words may hold the number or address: left out once erased.
                cells["provider"] = personal(provider, s.client)
                cells["confirmed"] = .made(ClientsCSV.yesNo(confirmed))
                if s.channel != .letter {
                    if s.step == .referralThankYou, let r = s.referral { thankedBy[r] = at }
                    delivered.insert("\(s.client) \(at.ms) autopilot \(a.id)")
                }
            case .failed(let at, let reason, let retry, let confirmed):
                cells["outcome"] = .made("failed")
                cells["settled at"] = .made(localDateTime(at, cal) + ":" + seconds(at))
                cells["reason"] = personal(reason, s.client)
                cells["retry"] = .made(ClientsCSV.yesNo(retry))
                cells["confirmed"] = .made(ClientsCSV.yesNo(confirmed))
            }
            rows.append(Row(at: a.at, what: .message, seq: a.id.number, cells: cells))
        }

        for c in p.clients where !c.withdrawn {
            for t in c.touchpoints where !delivered.contains("\(c.id) \(t.at.ms) \(t.note ?? "")") {
                var cells = client(c.id)
                cells["kind"] = .made(t.kind.rawValue)
                cells["channel"] = .made(t.via?.rawValue ?? "")
                cells["note"] = personal(t.note, c.id)
                rows.append(Row(at: t.at, what: .touchpoint, seq: t.seq, cells: cells))
            }
            for m in c.milestones {
                var cells = client(c.id)
                cells["kind"] = .made(m.kind.rawValue)
                rows.append(Row(at: m.at, what: .milestone, seq: m.seq, cells: cells))
            }
            for f in c.feedback {
                var cells = client(c.id)
                cells["score"] = .made(String(f.score))
                cells["note"] = personal(f.comment, c.id)
                rows.append(Row(at: f.at, what: .feedback, seq: f.seq, cells: cells))
            }
        }

        for r in p.referrals where !r.withdrawn && live(r.referrer) && live(r.client) {
            var cells = client(r.referrer)
            cells.merge(referred(r.id)) { $1 }
            rows.append(Row(at: r.recordedAt, what: .referral, seq: r.id.number, cells: cells))
            if let at = r.thankedAt, thankedBy[r.id] != at {
                var thanks = cells
                thanks["channel"] = .made(r.thankedVia?.rawValue ?? "")
                thanks["note"] = .typed(erased(r.referrer) || erased(r.client) ? "" : r.note ?? "")
                rows.append(Row(at: at, what: .thankYou, seq: r.id.number, cells: thanks))
            }
        }

        rows += fromLog(p, logLines: logLines, client: client, personal: personal)
        rows.sort { ($0.at, rank($0.what), $0.seq) < ($1.at, rank($1.what), $1.seq) }

        var t = CSVSheet(header: header)
        for (name, value) in HistorySettings.values(p.settings) {
            t.append(header.map { ["what": CSVCell.made(What.setting.rawValue), "kind": .made(name), "value": .made(value)][$0] ?? .made("") })
        }
        for r in rows {
            var cells = r.cells
            cells["what"] = .made(r.what.rawValue)
            cells["date"] = .made(cal.dateString(r.at))
            cells["time"] = .made(cal.timeString(r.at) + ":" + seconds(r.at))
            t.append(header.map { cells[$0] ?? .made("") })
        }
        return t
    }

    static func rank(_ w: What) -> Int { What.allCases.firstIndex(of: w)! }

    /// The seconds of an instant, two digits (every zone's offset is whole minutes, so they are the same everywhere).
    static func seconds(_ i: Instant) -> String {
        let s = Int(((i.ms / 1000) % 60 + 60) % 60)
        return s < 10 ? "0\(s)" : String(s)
    }

    /// What the practice keeps without its time: the snoozes and contacts of lapse reviews (with their notes), and
    /// holds and skipped messages, found on the log's lines that are still in force (not undone). A review that
    /// closed a client is not a row of its own: the clients file's status and reason carry it (replaying it could undo a
    /// later change of status); its time dates the `status` row when the status has no date of its own.
    static func fromLog(_ p: Practice, logLines: [UInt8], client: (ClientID) -> [String: CSVCell],
                        personal: (String?, ClientID) -> CSVCell) -> [Row] {
        var found: [Int: Row] = [:]
        var closed: [ClientID: (at: Instant, status: ClientStatus, seq: Int)] = [:]
        // How contact was made and why they left, with the close (why-left counts them; issue 16 item 4).
        var closeDetail: [Int: ReviewDetail] = [:]
        var undone: Set<Int> = []
        var held: [ClientID: [Int]] = [:]
        var skips: [String: [Int]] = [:]
        var scratch = DecodeScratch()
        Erasure.forEachLine(logLines) { line, _ in
            guard case .event(let e)? = try? EventCodec.decode(line, scratch: &scratch) else { return }
            let at = e.body.counted(at: e.at)
            switch e.body.present {
            case .lapseReviewed(let c, let outcome, let note, let detail) where p.clients.indices.contains(c.index) && !p.clients[c.index].withdrawn:
                var cells = client(c)
                // How contact was made travels with the review (the weekly review counts it); whose client it was is
                // worked out again from the sessions in the log it goes into.
                if let via = detail.via { cells["channel"] = .made(via.rawValue) }
                switch outcome {
                case .contacted: cells["outcome"] = .made("contacted")
                case .snoozed(let day): cells["outcome"] = .made("snoozed"); cells["until"] = .made(Civil.string(ofDay: day))
                case .closed(let status):
                    closed[c] = (at, status, e.seq)
                    closeDetail[e.seq] = detail
                    return
                }
                cells["note"] = personal(note, c)
                found[e.seq] = Row(at: at, what: .lapseReview, seq: e.seq, cells: cells)
            case .autopilotHeld(let c, _):
                held[c, default: []].append(e.seq)
                found[e.seq] = Row(at: at, what: .hold, seq: e.seq, cells: client(c))
            case .autopilotSkipped(let c, let key):
                skips["\(c) \(key)", default: []].append(e.seq)
                found[e.seq] = Row(at: at, what: .skip, seq: e.seq, cells: client(c))
                found[e.seq]?.cells["kind"] = .made(key)
            case .undone(let target):
                undone.insert(target)
            case .redone(let target):
                undone.remove(target)
            default:
                break
            }
        }
        let cal = p.calendar
        var out: [Row] = []
        for (seq, var row) in found where !undone.contains(seq) {
            guard case .made(let id)? = row.cells["client id"], let c = ClientID(text: id), p.clients.indices.contains(c.index),
                  !p.clients[c.index].withdrawn else { continue }
            let client = p.clients[c.index]
            switch row.what {
            case .hold:
                // Only the hold still in force, as it stands now.
                guard held[c]?.last(where: { !undone.contains($0) }) == seq, let hold = client.hold else { continue }
                if case .until(let d) = hold { row.cells["until"] = .made(Civil.string(ofDay: d)) }
            case .skip:
                guard case .made(let key)? = row.cells["kind"], client.skipped.contains(key), skips["\(c) \(key)"]?.last(where: { !undone.contains($0) }) == seq,
                      let k = MessageKey(key) else { continue }
                row.cells["kind"] = .made(k.step)
                row.cells["due"] = .made(k.due)
                if let a = k.appointment, let appt = p.appointment(a) {
                    row.cells["appointment id"] = .made(a.description)
                    row.cells["appointment start"] = .made(localDateTime(appt.start, cal))
                }
                if let r = k.referral, let ref = p.referral(r) {
                    row.cells["referred client id"] = .made(ref.client.description)
                    row.cells["referred client name"] = .typed(p.clients[ref.client.index].name)
                }
                if let s = k.start { row.cells["reminder for"] = .made(s) }
            default:
                break
            }
            out.append(row)
        }
        // A status set by a lapse review has no date of its own: the row has the review's time, and says so.
        for c in p.clients where !c.withdrawn && c.status != .active {
            let review = closed[c.id].flatMap { $0.status == c.status && !undone.contains($0.seq) ? $0 : nil }
            guard let at = c.statusChangedAt ?? review?.at else { continue }
            var cells = client(c.id)
            cells["kind"] = .made(c.status.rawValue)
            cells["note"] = personal(c.statusReason, c.id)
            if c.statusChangedAt == nil { cells["outcome"] = .made("closed by lapse review") }
            if c.statusChangedAt == nil, let review, let detail = closeDetail[review.seq] {
                if let via = detail.via { cells["channel"] = .made(via.rawValue) }
                if let reason = detail.reason { cells["reason"] = .made(reason.rawValue) }
            }
            out.append(Row(at: at, what: .status, seq: 0, cells: cells))
        }
        return out
    }
}

/// A message's key taken apart (`AutopilotPlan.key`): `c12.post-session.2026-11-24.a5`, a reminder's
/// `c3.reminder.2026-12-07.a9@2026-12-08T1400`, a thank-you's `c4.referral-thank-you.2026-11-20.r2`. The ids in it
/// are the log's own, so a move to another log builds the key again from the ids there.
public struct MessageKey: Equatable, Sendable {
    public let client: ClientID
    public let step: String
    /// `YYYY-MM-DD`.
    public let due: String
    public let appointment: AppointmentID?
    /// A reminder's appointment start as its key names it, `YYYY-MM-DD HH:MM` on the practice's clock.
    public let start: String?
    public let referral: ReferralID?

    public init?(_ key: String) {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let c = ClientID(text: parts[0]) else { return nil }
        client = c
        step = parts[1]
        due = parts[2]
        var appt: AppointmentID?, start: String?, ref: ReferralID?
        for part in parts.dropFirst(3) {
            let bits = part.split(separator: "@", maxSplits: 1).map(String.init)
            if let a = AppointmentID(text: bits[0]) {
                appt = a
                if bits.count == 2 {
                    let s = bits[1]  // 2026-12-08T1400
                    guard s.count == 15 else { return nil }
                    start = String(s.prefix(10)) + " " + String(s.dropFirst(11).prefix(2)) + ":" + String(s.suffix(2))
                }
            } else if let r = ReferralID(text: bits[0]), bits.count == 1 {
                ref = r
            } else {
                return nil
            }
        }
        appointment = appt
        self.start = start
        referral = ref
    }
}
