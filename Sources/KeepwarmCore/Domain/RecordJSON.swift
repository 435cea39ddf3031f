/// The JSON shapes of a client and their appointments, touchpoints, milestones and feedback, shared by
/// `client list --json`, `client show --json` and `export-client` so they never disagree about a field.
extension Client {
    /// The client's own details, unfinished, so a caller can add its own fields before closing the object.
    public var jsonFields: LineBuilder {
        var b = LineBuilder()
        b.string("id", id.description)
        b.string("name", name)
        b.stringOrNull("phone", phone)
        b.stringOrNull("email", email)
        b.stringOrNull("source", source)
        b.stringOrNull("referredBy", referredBy?.description)
        b.bool("contact", contact)
        b.bool("newsletter", newsletter)
        b.intOrNull("cadence", cadence)
        b.string("status", status.rawValue)
        b.stringOrNull("statusReason", statusReason)
        return b
    }
}

extension Touchpoint {
    /// The fields, unfinished, so a caller can add its own before closing the object.
    public var jsonFields: LineBuilder {
        var o = LineBuilder()
        o.string("kind", kind.rawValue)
        o.string("at", at.iso)
        o.stringOrNull("via", via?.rawValue)
        o.stringOrNull("note", note)
        return o
    }
}

extension Milestone {
    public var json: [UInt8] {
        var o = LineBuilder()
        o.string("kind", kind.rawValue)
        o.string("at", at.iso)
        return o.finishedObject()
    }
}

extension Feedback {
    public var json: [UInt8] {
        var o = LineBuilder()
        o.int("score", score)
        o.stringOrNull("comment", comment)
        o.string("at", at.iso)
        return o.finishedObject()
    }
}

extension Appointment {
    /// The fields every listing of a client's appointments shows, unfinished, so a caller can add its own.
    public func jsonFields(_ p: Practice) -> LineBuilder {
        var o = LineBuilder()
        o.string("id", id.description)
        o.string("start", start.iso)
        o.int("minutes", minutes)
        o.string("practitioner", p.practitioners[practitioner.index].name)
        o.string("status", status.rawValue)
        return o
    }
}
