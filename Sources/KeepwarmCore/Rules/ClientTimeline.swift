/// One thing that happened with a client, as the card's history lists it.
public struct TimelineEntry: Equatable, Sendable {
    public let at: Instant
    public let text: String
}

/// A client's whole history in time order (the client card's "History"): sessions, every touchpoint with its
/// channel, the weekly review's decisions with how contact was made and their notes, feedback scores, milestones and
/// referrals made and received.
public enum ClientTimeline {
    public static func entries(_ p: Practice, _ id: ClientID) -> [TimelineEntry] {
        let c = p.clients[id.index]
        var out: [TimelineEntry] = []
        func note(_ n: String?) -> String { n.map { ": \($0)" } ?? "" }
        for a in p.appointments(of: id) where !a.withdrawn {
            out.append(TimelineEntry(at: a.start, text: "session \(a.id) with \(p.practitioners[a.practitioner.index].name), \(a.status.rawValue)"))
        }
        for t in c.touchpoints {
            out.append(TimelineEntry(at: t.at, text: "\(t.kind.rawValue)\(t.via.map { " by \(ChannelName.of($0))" } ?? "")\(note(t.note))"))
        }
        for r in c.reviews {
            let what: String = switch r.outcome {
            case .contacted: "review: contacted"
            case .snoozed(let day): "review: snoozed until \(Civil.string(ofDay: day))"
            case .closed(let s): "review: closed, \(r.detail.reason?.label ?? s.rawValue)"
            }
            out.append(TimelineEntry(at: r.at, text: what + (r.detail.via.map { " by \($0.label)" } ?? "") + note(r.note)))
        }
        for f in c.feedback { out.append(TimelineEntry(at: f.at, text: "feedback \(f.score)/5\(note(f.comment))")) }
        for m in c.milestones { out.append(TimelineEntry(at: m.at, text: "milestone: \(m.kind.rawValue)")) }
        for r in p.referrals where !r.withdrawn && (r.referrer == id || r.client == id) {
            let text = r.referrer == id ? "referred \(p.clients[r.client.index].name) (\(r.id))" : "referred by \(p.clients[r.referrer.index].name) (\(r.id))"
            out.append(TimelineEntry(at: r.recordedAt, text: text + (r.thankedAt != nil && r.referrer == id ? ", thanked" : "")))
        }
        // Stable: what happened at the same moment keeps the order above (a session before the message about it).
        return out.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }
}
