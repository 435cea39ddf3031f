import KeepwarmCore

/// What a client field's text names when Enter saves the form: the text is resolved as the suggestions match it
/// (accents and case ignored, the console's folded names), so what the person typed and what the list offered agree.
enum TypedClient: Equatable, Sendable {
    /// A picked suggestion or a typed id: the form submits it as it stands.
    case asIs
    /// Exactly one client matches: the field becomes that client's suggestion, submitted by id.
    case one(ClientID)
    /// Several clients match: the person picks one from the suggestions.
    case several(Int)
    /// No client matches.
    case none

    /// A name whose folded form is exactly the typed text wins over names that only contain it ("Ann" beside
    /// "Anna"); otherwise every name the suggestions would offer counts.
    static func resolve(_ typed: String, in choices: ClientChoices) -> TypedClient {
        if choices.client(labelled: typed) != nil { return .asIs }
        if let id = ClientID(text: typed), choices.clients.indices.contains(id.index), !choices.clients[id.index].withdrawn {
            return .asIs
        }
        let needle = FoldedNames.bytes(typed)
        guard !needle.isEmpty else { return .asIs }
        var exact: [Int] = [], matching: [Int] = []
        for i in 0..<choices.count where !choices.folded[i].isEmpty {
            if choices.folded[i] == needle { exact.append(i) }
            if FoldedNames.contains(choices.folded[i], needle) { matching.append(i) }
        }
        let found = exact.isEmpty ? matching : exact
        switch found.count {
        case 0: return .none
        case 1: return .one(choices.clients[found[0]].id)
        default: return .several(found.count)
        }
    }

    /// The form's error for a name that does not settle on one client, fix first; nil when it does.
    func error(_ typed: String) -> String? {
        switch self {
        case .asIs, .one: nil
        case .several(let n): "\(n) clients match '\(typed)': pick one with ↓ (each shows its id and phone)"
        case .none: "no client matches '\(typed)': check the spelling, or press Esc then + to add them"
        }
    }
}
