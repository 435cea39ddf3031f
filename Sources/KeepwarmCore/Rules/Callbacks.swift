/// A call or message still waiting for a reply.
public struct CallbackRow: Equatable, Sendable {
    public let callback: Callback
    public let overdue: Bool
    /// The one client it was taken from by name or phone (`Ownership`, the diary's rule), when exactly one matches.
    public var client: ClientID? = nil
}

/// Callbacks owed, soonest promise first; none from a client whose details were erased (`Contactable`).
public enum CallbacksOwed {
    /// With `naming`, each row names the client it is from (`Ownership`); that looks at every client, so the console,
    /// which redoes the list after each event, leaves it out.
    public static func rows(_ p: Practice, now: Instant, naming: Bool = false) -> [CallbackRow] {
        let rule = Ownership(p)
        let open = p.openCallbacks.filter { Contactable.mayPrompt(.callback($0), in: p) }
        // Whose details each key is, for the callbacks owed only (a practice has few open at once).
        let wanted = !naming ? [] : open.reduce(into: Set<Ownership.Key>()) { $0.formUnion(rule.keys(Ownership.Details(p.callbacks[$1.index]))) }
        var owners: [Ownership.Key: Set<ClientID>] = [:]
        if !wanted.isEmpty {
            for i in p.clients.indices where Contactable.bar(client: p.clients[i]) != .withdrawn && p.clients[i].erasedAt == nil {
                for k in rule.keys(Ownership.Details(p.clients[i])) where wanted.contains(k) { owners[k, default: []].insert(p.clients[i].id) }
            }
        }
        return open.map { p.callbacks[$0.index] }
            .sorted { ($0.promisedBy, $0.id) < ($1.promisedBy, $1.id) }
            .map { cb in
                let ids = owners.isEmpty ? [] : rule.keys(Ownership.Details(cb)).reduce(into: Set<ClientID>()) { $0.formUnion(owners[$1] ?? []) }
                return CallbackRow(callback: cb, overdue: now > cb.promisedBy, client: ids.count == 1 ? ids.first : nil)
            }
    }
}
