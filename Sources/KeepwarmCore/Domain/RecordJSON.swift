/// The JSON shapes of a client's touchpoints, milestones and feedback, shared by `client show --json` and
/// `export-client` so the two never disagree about a field.
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
