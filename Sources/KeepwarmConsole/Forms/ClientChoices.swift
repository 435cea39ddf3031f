import KeepwarmCore

/// The clients a name field offers as you type. It holds the practice's client list and the console's folded names
/// as they stand (copies that share storage, so opening a form costs nothing however many clients there are), and
/// builds the label of a client (`Zoë Brontë · c12 · ☎ …0123`) only for the few it shows.
public struct ClientChoices: Equatable, Sendable {
    let clients: [Client]
    let folded: [[UInt8]]

    init(_ p: Practice, names: FoldedNames) {
        clients = p.clients
        folded = names.folded
    }

    /// How many clients it could offer, for sizing the form.
    var count: Int { min(clients.count, folded.count) }

    /// Up to `limit` labels of clients whose name starts with the typed text, then of those whose name contains it,
    /// case and accents ignored as in search (withdrawn clients have no folded name, so they never match).
    func matching(_ typed: String, limit: Int) -> [String] {
        let needle = FoldedNames.bytes(typed)
        guard !needle.isEmpty else { return [] }
        var prefixed: [Int] = [], containing: [Int] = []
        for i in 0..<count where !folded[i].isEmpty {
            if folded[i].starts(with: needle) {
                prefixed.append(i)
                if prefixed.count == limit { break }
            } else if containing.count < limit, FoldedNames.contains(folded[i], needle) {
                containing.append(i)
            }
        }
        return (prefixed + containing).prefix(limit).map { ClientSuggestions.label(clients[$0]) }
    }

    /// The client whose label is exactly `text` (a suggestion that was picked), if any.
    func client(labelled text: String) -> ClientID? {
        let parts = text.components(separatedBy: " · ")
        guard parts.count >= 3, let id = ClientID(text: parts[parts.count - 2]), clients.indices.contains(id.index),
              !clients[id.index].withdrawn, ClientSuggestions.label(clients[id.index]) == text else { return nil }
        return id
    }
}
