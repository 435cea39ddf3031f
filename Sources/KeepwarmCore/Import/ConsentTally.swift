import KeepwarmCore

/// The dry run's count of what a clients file said about contact, so a practice sees before committing that its
/// opt-outs came across: "consent from the file: 12 do not contact, 3 archived, 40 unsubscribed from email, 200
/// consent unknown …".
struct ConsentTally {
    private var counts: [ConsentSaid: Int] = [:]
    /// Clients of whom the file said nothing about contact at all.
    private var unknown = 0
    private var unknownStatuses: [String: Int] = [:]
    private var unknownStatusOrder: [String] = []

    mutating func count(_ row: ClientRow) {
        for s in row.said { counts[s, default: 0] += 1 }
        let saysNothing = !row.client.consentRecorded && row.consent.isEmpty && row.status == nil
            && !row.said.contains { if case .noMarketing = $0 { false } else { true } }
        if saysNothing { unknown += 1 }
        if let w = row.unknownStatus {
            if unknownStatuses[w] == nil { unknownStatusOrder.append(w) }
            unknownStatuses[w, default: 0] += 1
        }
    }

    /// True when some row said something about contact: otherwise the older "no contact or newsletter answer" note
    /// says all there is.
    var anythingSaid: Bool { !counts.isEmpty || !unknownStatuses.isEmpty }

    /// The notes for the dry run and the commit.
    var notes: [String] {
        var parts: [String] = []
        func add(_ s: ConsentSaid, _ words: String) { if let n = counts[s], n > 0 { parts.append("\(n) \(words)") } }
        add(.doNotContact, "do not contact")
        let archivedWords = counts.keys.compactMap { if case .archived(let w) = $0 { w } else { nil } }.sorted()
        for w in archivedWords { add(.archived(w), w) }
        add(.deceased, "deceased")
        add(.discharged, "discharged")
        add(.movedAway, "moved away")
        for ch in ConsentChannel.allCases { add(.withdrew(ch), ch == .email ? "unsubscribed from email" : "withdrew \(Self.name(ch)) consent") }
        add(.noMarketing, "no marketing")
        for ch in ConsentChannel.allCases { add(.gave(ch), "gave \(Self.name(ch)) consent") }
        var out: [String] = []
        if unknown > 0 {
            parts.append("\(unknown) consent unknown (not asked: no marketing until they say yes; ask them at their next visit)")
        }
        if !parts.isEmpty {
            out.append("consent from the file: " + parts.joined(separator: ", "))
        }
        if !unknownStatusOrder.isEmpty {
            let listed = unknownStatusOrder.prefix(8).map { "'\($0)' (\(unknownStatuses[$0]!))" }.joined(separator: ", ")
            out.append("statuses Keepwarm does not know, imported as active: \(listed); if one means the client must not be contacted, set it after the import with keepwarm client status CLIENT do-not-contact")
        }
        return out
    }

    static func name(_ ch: ConsentChannel) -> String {
        switch ch {
        case .email: "email"
        case .sms: "text"
        case .post: "post"
        case .phone: "phone"
        }
    }
}
