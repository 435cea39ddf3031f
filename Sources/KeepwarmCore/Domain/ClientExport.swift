/// Everything the practice holds about one client, as one JSON document: the answer to a subject access request.
/// It holds the client's record as it stands and every line of the log that concerns them, exactly as written.
/// Other clients appear only by id (a referral names who was referred by its id, not their name).
public enum ClientExport {
    public static func json(_ client: ClientID, in p: Practice, logLines: [UInt8], at: Instant) -> [UInt8] {
        let c = p.clients[client.index]
        var b = LineBuilder()
        b.string("exportedAt", at.iso)
        b.string("practice", p.settings.name)
        b.raw("client", record(c))
        b.raw("appointments", LineBuilder.array(p.appointments(of: client).map { appointment($0, p) }))
        b.raw("touchpoints", LineBuilder.array(c.touchpoints.map { t in
            var o = t.jsonFields
            o.string("by", t.by)
            return o.finishedObject()
        }))
        b.raw("milestones", LineBuilder.array(c.milestones.map(\.json)))
        b.raw("feedback", LineBuilder.array(c.feedback.map(\.json)))
        let referrals = p.referrals.filter { !$0.withdrawn && ($0.referrer == client || $0.client == client) }
        b.raw("referrals", LineBuilder.array(referrals.map { r in
            var o = LineBuilder()
            o.string("id", r.id.description)
            o.string("role", r.referrer == client ? "referrer" : "referred")
            o.string(r.referrer == client ? "referred" : "referrer", (r.referrer == client ? r.client : r.referrer).description)
            o.string("recordedAt", r.recordedAt.iso)
            o.string("thankedAt", r.thankedAt?.iso)
            o.string("thankedVia", r.thankedVia?.rawValue)
            if r.referrer == client { o.string("thankYouNote", r.note) }
            return o.finishedObject()
        }))
        let rule = Ownership(p)
        let callbacks = p.callbacks.filter { !$0.withdrawn && rule.callback($0, belongsTo: Ownership.Details(c)) }
        b.raw("callbacks", LineBuilder.array(callbacks.map { cb in
            var o = LineBuilder()
            o.string("id", cb.id.description)
            o.string("name", cb.name)
            o.string("phone", cb.phone)
            o.string("reason", cb.reason)
            o.string("addedAt", cb.addedAt.iso)
            o.string("promisedBy", cb.promisedBy.iso)
            o.string("returnedAt", cb.returnedAt?.iso)
            return o.finishedObject()
        }))
        b.raw("events", LineBuilder.array(events(about: client, in: p, logLines: logLines)))
        return b.finishedObject()
    }

    static func record(_ c: Client) -> [UInt8] {
        var o = c.jsonFields
        o.bool("consentRecorded", c.consentRecorded)
        o.string("addedAt", c.addedAt.iso)
        o.string("lastContactedAt", c.lastContactedAt?.iso)
        o.string("erasedAt", c.erasedAt?.iso)
        return o.finishedObject()
    }

    static func appointment(_ a: Appointment, _ p: Practice) -> [UInt8] {
        var o = a.jsonFields(p)
        o.string("bookedAt", a.bookedAt.iso)
        o.string("settledAt", a.settledAt?.iso)
        o.string("cancelledBy", a.cancelledBy?.rawValue)
        if a.status == .cancelled { o.bool("late", a.lateCancellation) }
        return o.finishedObject()
    }

    /// The log's lines about the client, each as the JSON object it is (its checksum included).
    static func events(about client: ClientID, in p: Practice, logLines: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var scratch = DecodeScratch()
        let c = p.clients[client.index]
        Erasure.forEachLine(logLines) { line, _ in
            guard case .event(let e)? = try? EventCodec.decode(line, scratch: &scratch), concerns(e.body, client, c, p) else { return }
            out.append(Array(line))
        }
        return out
    }

    static func concerns(_ body: EventBody, _ id: ClientID, _ c: Client, _ p: Practice) -> Bool {
        switch body {
        case .callbackAdded(let cb, _, _, _, _), .callbackReturned(let cb):
            return p.callbacks.indices.contains(cb.index) && Ownership(p).callback(p.callbacks[cb.index], belongsTo: Ownership.Details(c))
        case .referralThanked(let r, _, _):
            return p.referrals.indices.contains(r.index) && (p.referrals[r.index].referrer == id || p.referrals[r.index].client == id)
        case .referralRecorded(_, let referrer, let referred):
            return referrer == id || referred == id
        case .clientAdded(let n):
            // Not the line of a client they referred: that line is the other client's record.
            return n.id == id
        case .past(let inner, _):
            return concerns(inner, id, c, p)
        default:
            return p.records(of: body).contains { r in
                switch r {
                case .client(let x): x == id
                case .appointment(let a): p.appointments.indices.contains(a.index) && p.appointments[a.index].client == id
                default: false
                }
            }
        }
    }
}
