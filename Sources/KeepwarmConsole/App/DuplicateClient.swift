import KeepwarmCore

/// `+` with the name and phone or email of a client already on the books: offer that client instead of a second
/// record, by the one rule that says who is already a client (`Ownership.sameClient`, as `client add` and imports).
enum DuplicateClient {
    /// The question to ask before adding `draft`, or nil when nobody on the books matches.
    static func prompt(_ draft: ClientDraft, _ p: Practice) -> ChoicePrompt? {
        guard !draft.evenIfDuplicate,
              let same = Ownership(p).sameClient(name: draft.name, phone: draft.phone, email: draft.email, in: p) else { return nil }
        var anyway = draft
        anyway.evenIfDuplicate = true
        return ChoicePrompt(title: "Already a client (same name and \(same.by)): \(ClientSuggestions.label(same.client))", options: [
            ChoiceOption(key: "o", label: "open their card (\(same.client.id))", then: .card(same.client.id)),
            ChoiceOption(key: "a", label: "add a second client anyway", then: .record(.addClient(anyway))),
        ])
    }
}
