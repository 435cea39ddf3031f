/// A fingerprint of a replayed practice: two stores whose histories replay to the same digest hold the same practice
/// (`keepwarm migrate` checks the copy with it). Only for comparing within one Keepwarm version: it follows the
/// records' fields, which a new version may change. Dictionaries and sets are taken in sorted order: their own order
/// differs between two equal values.
public enum PracticeDigest {
    /// 16 hex digits of FNV-1a over every record, the settings, the audits, the autopilot's record and the seqs.
    public static func of(_ p: Practice) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            hash ^= 0x1F
            hash &*= 0x0000_0100_0000_01B3
        }
        feed("\(p.lastSeq) \(p.eventCount)")
        feed(stable(p.settings))
        for r in p.practitioners { feed(stable(r)) }
        for r in p.clients { feed(stable(r)) }
        for r in p.appointments { feed(stable(r)) }
        for r in p.referrals { feed(stable(r)) }
        for r in p.callbacks { feed(stable(r)) }
        for r in p.audits { feed(stable(r)) }
        feed(stable(p.autopilot))
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The value's fields as text, in a fixed order whatever order its dictionaries and sets keep.
    static func stable(_ value: Any) -> String {
        let m = Mirror(reflecting: value)
        switch m.displayStyle {
        case .dictionary?, .set?:
            return "{" + m.children.map { stable($0.value) }.sorted().joined(separator: ",") + "}"
        case .struct?, .class?, .tuple?, .collection?, .enum?, .optional?:
            if m.children.isEmpty { return String(describing: value) }
            let inner = m.children.map { ($0.label ?? "") + ":" + stable($0.value) }.joined(separator: ",")
            return "\(m.subjectType)(" + inner + ")"
        default:
            return String(describing: value)
        }
    }
}
