/// One line of a drill-down: the record a figure counted, the client it leads to, and what it was, in words.
public struct DrillRow: Equatable, Sendable {
    public let subject: FigureSubject
    /// The client whose card Enter opens; nil for a callback from someone who is not a client.
    public let client: ClientID?
    /// The client's name (or the caller's, for a callback).
    public let name: String
    /// What was counted: `session 2026-11-03 14:00, Sam`, `referred Ada Lee 2026-10-02`, `score 4 on 2026-09-30`.
    public let what: String
}

/// The records behind one figure, ready to list: the CLI's `--clients` and the console's drill-down view show this.
/// Its records are the figure's own list (`FigureMembers`), so their number is the figure's by construction. A row is
/// described only when asked for (`row(_:in:)`), so a screen of a long list costs a screenful.
public struct DrillDown: Equatable, Sendable {
    /// `Post-session message, 68% (732 of 1084)`.
    public let title: String
    /// The dates the figure covers.
    public let period: String
    public let list: FigureList
    public let subjects: [FigureSubject]
    /// What the list is, with its count: `352 missed of 1084`, `732 counted of 1084`, `281 clients`.
    public let caption: String

    /// The rows behind `figure`'s chosen list, described from the practice; nil when the figure counts no records.
    public static func of(_ figure: PlacedFigure, list: FigureList, in p: Practice) -> DrillDown? {
        guard let m = figure.figure.members else { return nil }
        let subjects = list.subjects(m)
        let f = figure.figure
        let isShare = m.numerator != nil && f.unit == .share
        let caption: String
        switch list {
        case _ where !isShare: caption = "\(subjects.count) \(noun(subjects, count: subjects.count))"
        case .counted: caption = "\(subjects.count) \(m.names?.counted ?? "counted") of \(m.denominator.count)"
        case .missed: caption = "\(subjects.count) \(m.names?.missed ?? "missed") of \(m.denominator.count)"
        case .all: caption = "all \(subjects.count)"
        }
        return DrillDown(title: "\(figure.title), \(f.text)", period: figure.period, list: list, subjects: subjects, caption: caption)
    }

    /// Row `i`, described from the practice.
    public func row(_ i: Int, in p: Practice) -> DrillRow { Self.row(subjects[i], p) }

    /// Every row, described from the practice.
    public func rows(in p: Practice) -> [DrillRow] { subjects.map { Self.row($0, p) } }

    static func noun(_ s: [FigureSubject], count: Int) -> String {
        let one = count == 1
        switch s.first {
        case .session: return one ? "session" : "sessions"
        case .referral: return one ? "referral" : "referrals"
        case .callback: return one ? "callback" : "callbacks"
        case .milestone: return one ? "milestone" : "milestones"
        case .score: return one ? "score" : "scores"
        case .client, nil: return one ? "client" : "clients"
        }
    }

    /// One record in words, practice-local.
    public static func row(_ s: FigureSubject, _ p: Practice) -> DrillRow {
        let cal = p.calendar
        func name(_ c: ClientID) -> String { p.client(c)?.name ?? c.description }
        func when(_ i: Instant) -> String { "\(cal.dateString(i)) \(cal.timeString(i))" }
        switch s {
        case .client(let c):
            let cl = p.client(c)
            let seen = cl.map { "first seen \(cal.dateString($0.firstSeen))" } ?? ""
            let source = cl?.source.map { ", source \($0)" } ?? ""
            return DrillRow(subject: s, client: c, name: name(c), what: seen + source)
        case .session(let a, let c):
            guard let ap = p.appointment(a) else { return DrillRow(subject: s, client: c, name: name(c), what: "session \(a)") }
            let with = p.practitioner(ap.practitioner).map { ", \($0.name)" } ?? ""
            return DrillRow(subject: s, client: c, name: name(c), what: "session \(when(ap.start))\(with), \(ap.status.rawValue)")
        case .referral(let r, let c):
            let ref = p.referral(r)
            let what = ref.map { "referred \(name($0.client)) \(cal.dateString($0.recordedAt))" + ($0.thankedAt.map { ", thanked \(cal.dateString($0))" } ?? ", not thanked") }
            return DrillRow(subject: s, client: c, name: name(c), what: what ?? "referral \(r)")
        case .callback(let cb):
            guard p.callbacks.indices.contains(cb.index) else { return DrillRow(subject: s, client: nil, name: cb.description, what: "callback") }
            let b = p.callbacks[cb.index]
            let back = b.returnedAt.map { ", returned \(when($0))" } ?? ", not returned"
            return DrillRow(subject: s, client: nil, name: b.name, what: "callback \(b.phone) noted \(when(b.addedAt)), promised by \(when(b.promisedBy))\(back)")
        case .milestone(let c, let at):
            let kind = p.client(c)?.milestones.first { $0.at == at }?.kind.rawValue ?? "milestone"
            return DrillRow(subject: s, client: c, name: name(c), what: "\(kind) \(cal.dateString(at))")
        case .score(let c, let at):
            let score = p.client(c)?.feedback.first { $0.at == at }?.score
            return DrillRow(subject: s, client: c, name: name(c), what: "score \(score.map(String.init) ?? "?") on \(cal.dateString(at))")
        }
    }
}
