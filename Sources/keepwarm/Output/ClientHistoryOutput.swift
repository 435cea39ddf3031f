import KeepwarmCore

/// The History `client show` prints and its `--json` carries: the client card's History (`ClientTimeline`), oldest
/// first, and the weekly review's decisions with how contact was made, why a closed client left and the note.
extension ClientCardOutput {
    func printHistory() {
        let entries = ClientTimeline.entries(p, c.id)
        Stdout.line("\nHistory (\(entries.count), oldest first)")
        if entries.isEmpty { Stdout.line("  nothing yet") }
        for e in entries { Stdout.line("  \(p.describe(e.at))  \(DisplayText.visible(e.text))") }
    }

    /// `history`: each entry as the card says it; `reviews`: each review's parts, as words the log uses.
    func addHistory(_ b: inout LineBuilder) {
        b.raw("history", LineBuilder.array(ClientTimeline.entries(p, c.id).map { e in
            var o = LineBuilder()
            o.string("at", e.at.iso)
            o.string("text", e.text)
            return o.finishedObject()
        }))
        b.raw("reviews", LineBuilder.array(c.reviews.map { r in
            var o = LineBuilder()
            o.string("at", r.at.iso)
            o.string("by", r.by)
            switch r.outcome {
            case .contacted: o.string("outcome", "contacted")
            case .snoozed(let day): o.string("outcome", "snoozed"); o.string("until", Civil.string(ofDay: day))
            case .closed(let s): o.string("outcome", "closed"); o.string("status", s.rawValue)
            }
            o.stringOrNull("via", r.detail.via?.rawValue)
            o.stringOrNull("reason", r.detail.reason?.rawValue)
            o.stringOrNull("practitioner", r.detail.practitioner.map { p.practitioners[$0.index].name })
            o.stringOrNull("note", r.note)
            return o.finishedObject()
        }))
    }
}
