import KeepwarmCore

/// Clients offered as you type a name in a form, each with a second detail (id, the last digits of their phone) so two
/// clients with the same name can be told apart, and chosen by id: picking one never fails because of a namesake.
enum ClientSuggestions {
    /// A client-name field: it matches ignoring case and accents, as search does, and submits the chosen client's id.
    /// `names` are the console's folded names when it has them (else folded here, once).
    static func field(key: String, label: String, practice p: Practice, names: FoldedNames?, value: String = "",
                      required: Bool = false, hint: String? = nil) -> FormField {
        var f = FormField(key: key, label: label, value: value, required: required, hint: hint)
        f.clientChoices = ClientChoices(p, names: names ?? FoldedNames(p))
        return f
    }

    /// `Zoë Brontë · c12 · ☎ …0123`: the name, then what tells namesakes apart.
    static func label(_ c: Client) -> String {
        "\(c.name) · \(detail(c))"
    }

    /// `c12 · ☎ …0123`, or `c12 · no phone`.
    static func detail(_ c: Client) -> String {
        "\(c.id) · " + (c.phone.map { "☎ …" + String($0.filter(\.isNumber).suffix(4)) } ?? "no phone")
    }

    /// The search overlay's row: the name, the detail, and the last visit.
    static func searchRow(_ c: Client, _ p: Practice) -> String {
        let last = ClientHistory(p, c.id).lastAttended.map { "last visit \(p.calendar.dateString($0.start))" } ?? "no visit yet"
        return "\(c.name)  \(detail(c))  \(last)\(c.status == .active ? "" : "  \(c.status.rawValue)")"
    }
}
