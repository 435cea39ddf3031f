/// A client's initials for a calendar others can see (a shared screen, a phone on the desk): "Zoë Brontë" is "Z.B.".
///
/// The first letter of the given name and of the family name: the first and last words of the name, or, for a name
/// written "Brontë, Zoë", the words after and before the comma. A trailing Jr, Sr or II–IV is no family name. When
/// an import recorded the given name (`Client.given`, for a name that does not start with it), that name comes first
/// and the family name is the last of the other words: "Wang Xiaoming" with given name Xiaoming is "X.W.".
public enum ICSInitials {
    /// The initials, or nil when the name has no letter to take one from (the caller then shows the client's id).
    public static func of(_ name: String, given: String? = nil) -> String? {
        if let given, let g = given.first(where: \.isLetter) {
            var rest = name.split(whereSeparator: { $0.isWhitespace || $0 == "," })
            for w in given.split(whereSeparator: \.isWhitespace) {
                if let i = rest.firstIndex(of: w) { rest.remove(at: i) }
            }
            while let last = rest.last, suffixes.contains(last.filter(\.isLetter).lowercased()) { rest.removeLast() }
            let family = rest.last?.first(where: \.isLetter)
            return ([g] + (family.map { [$0] } ?? [])).map { $0.uppercased() + "." }.joined()
        }
        var words: [Substring]
        if let comma = name.firstIndex(of: ","), !suffixes.contains(name[comma...].filter(\.isLetter).lowercased()) {
            let family = name[..<comma].split(whereSeparator: \.isWhitespace)
            let given = name[name.index(after: comma)...].split(whereSeparator: \.isWhitespace)
            words = Array(given.prefix(1)) + Array(family.suffix(1))
        } else {
            words = name.split(whereSeparator: { $0.isWhitespace || $0 == "," })
            while words.count > 1, let last = words.last, suffixes.contains(last.filter(\.isLetter).lowercased()) {
                words.removeLast()
            }
        }
        let letters = [words.first, words.count > 1 ? words.last : nil].compactMap { $0?.first(where: \.isLetter) }
        guard !letters.isEmpty else { return nil }
        return letters.map { $0.uppercased() + "." }.joined()
    }

    static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]
}
