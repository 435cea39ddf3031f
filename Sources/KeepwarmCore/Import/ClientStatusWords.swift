import KeepwarmCore

/// What a client status column's word means for contact. Keepwarm's own words (active, moved-away, do-not-contact,
/// discharged, deceased) come back as themselves; the other systems' words for a client who is gone (Archived,
/// Deleted, Inactive …) mean do not contact: an archived client is never brought back contactable by an import.
enum ClientStatusWords {
    /// The status a word gives, or nil for a word Keepwarm does not know (listed in the dry run; the client is imported
    /// as active, since an unknown word must not hide a client from the desk, but the note says to check them).
    static func status(_ word: String) -> ClientStatus? {
        let t = ConsentWords.normal(word)
        if active.contains(t) { return .active }
        if doNotContact.contains(t) { return .doNotContact }
        if discharged.contains(t) { return .discharged }
        if deceased.contains(t) { return .deceased }
        if movedAway.contains(t) { return .movedAway }
        return nil
    }

    static let active: Set<String> = ["active", "current", "enabled", "open", "active client", "active patient", "live"]
    static let doNotContact: Set<String> = [
        "do not contact", "dnc", "archived", "archive", "deleted", "inactive", "deactivated", "disabled", "removed",
        "blocked", "banned", "suspended", "closed", "archived patient", "archived client", "inactive client",
    ]
    static let discharged: Set<String> = ["discharged", "treatment complete", "treatment completed", "completed care"]
    static let deceased: Set<String> = ["deceased", "died", "dead", "passed away"]
    static let movedAway: Set<String> = ["moved away", "moved", "relocated"]

    /// How strongly a status keeps the desk and the autopilot away: the strongest said by any column of a row wins.
    static func strength(_ s: ClientStatus) -> Int {
        switch s {
        case .active: 0
        case .movedAway: 1
        case .discharged: 2
        case .doNotContact: 3
        case .deceased: 4
        }
    }
}
