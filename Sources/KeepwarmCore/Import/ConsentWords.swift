/// The many ways practice systems write a yes or a no about consent and flags, read generously ("Opted in", "Opted
/// out", "Subscribed", "Unsubscribed", "TRUE", "Y", "✓"), and nothing else: a word that is neither is a rejected row
/// naming its column, never a guess.
enum ConsentWords {
    /// What one cell says.
    enum Answer: Equatable {
        case yes, no
        /// Says nothing either way: consent stays as it was ("unknown", "not asked", "pending").
        case nothing
    }

    static let yes: Set<String> = [
        "yes", "y", "true", "t", "1", "x", "✓", "✔", "☑", "on", "opted in", "opt in", "optin", "optedin", "subscribed",
        "given", "granted", "agreed", "accepted", "accepts", "allowed", "allow", "consented", "confirmed", "ok",
    ]
    static let no: Set<String> = [
        "no", "n", "false", "f", "0", "✗", "✘", "off", "opted out", "opt out", "optout", "optedout", "unsubscribed",
        "not subscribed", "withdrawn", "declined", "refused", "revoked", "denied", "never", "do not contact",
    ]
    static let nothing: Set<String> = ["unknown", "not asked", "not set", "n/a", "na", "pending", "?", "none given"]

    /// The answer a yes/no cell gives, or nil for a word that is neither (the row is rejected).
    static func answer(_ s: String) -> Answer? {
        let t = normal(s)
        if t.isEmpty || nothing.contains(t) { return .nothing }
        if yes.contains(t) { return .yes }
        if no.contains(t) { return .no }
        return nil
    }

    /// A flag column (archived, do not contact, unsubscribed) is set by a yes, by a word saying the same thing as the
    /// column ("Archived" in an archived column, "Opted out" in an unsubscribed one) or by a date or time (Cliniko
    /// writes when it happened); it is clear for a no, for the opposite word ("Subscribed", "Active") and when empty.
    /// Anything else is nil: the row is rejected rather than a client's opt-out guessed away.
    static func flag(_ s: String, setBy: Set<String>, clearedBy: Set<String>) -> Bool? {
        let t = normal(s)
        if t.isEmpty { return false }
        if setBy.contains(t) { return true }
        if clearedBy.contains(t) { return false }
        if t.contains(where: \.isNumber) && t != "0" && t != "1" { return true }
        switch answer(t) {
        case .yes?: return true
        case .no?, .nothing?: return false
        case nil: return nil
        }
    }

    /// Words that set or clear each flag column besides yes and no.
    static let archivedWords: (set: Set<String>, clear: Set<String>) = (
        ["archived", "deleted", "inactive", "deactivated", "disabled", "removed"], ["active", "current", "not archived"])
    static let doNotContactWords: (set: Set<String>, clear: Set<String>) = (
        ["do not contact", "dnc", "blocked", "opted out", "opt out", "withdrawn", "unsubscribed"],
        ["opted in", "opt in", "subscribed", "given", "contactable", "ok to contact"])
    static let unsubscribedWords: (set: Set<String>, clear: Set<String>) = (
        ["unsubscribed", "opted out", "opt out", "optout", "withdrawn", "not subscribed"],
        ["subscribed", "opted in", "opt in", "optin", "given"])

    /// Lower case, with `_` and `-` as spaces (scalar by scalar: Foundation's `replacingOccurrences` was a hot spot).
    static func spaced(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.lowercased().unicodeScalars { out.append(u == "_" || u == "-" ? " " : u) }
        return String(out)
    }

    /// Lower case, `_` and `-` as spaces, spaces evened out, a final dot dropped.
    static func normal(_ s: String) -> String {
        var t = spaced(s).words.joined(separator: " ")
        if t.count > 1, t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
