/// Names as people write them: "Brontë, Zoë" is Zoë Brontë, and a greeting says "Zoë", never "Brontë,".
///
/// The one place that answers "what is this client called in full" for an imported name, and "what does a greeting
/// call them". A title (Dr, Mrs, Prof …) stays in the full name, because it is how the client gave it, but is never
/// the greeting's word: "Dr. Ann Lee" is greeted "Ann", as every Keepwarm greeting uses the first name.
public enum PersonName {
    /// A whole name from one column, with a given name when the writing says which it is: "Brontë, Zoë Anne" (family
    /// name, comma, given names) is "Zoë Anne Brontë" with given name "Zoë Anne"; a single word is a given name. For
    /// "Zoë Brontë" the given name is not known (some write the family name first) and is left nil for the greeting
    /// to guess. "Smith, Jr." and names with more than one comma are kept exactly as written.
    /// Any other name is kept exactly as written, spacing and all (the duplicate rule evens spacing out itself).
    public static func whole(_ text: String) -> (name: String, given: String?) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { spaced(String($0)) }
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !isSuffix(parts[1]) {
            let given = withoutTitle(parts[1])
            return (parts[1] + " " + parts[0], given.isEmpty ? nil : given)
        }
        let w = words(text)
        if w.count == 1, !text.utf8.contains(UInt8(ascii: ",")) { return (text, String(w[0])) }
        return (text, nil)
    }

    /// A name from separate first and last columns: joined with a space; the first column is the given name (without
    /// a title: a first column of "Dr Ann" is greeted "Ann").
    public static func parts(first: String?, last: String?) -> (name: String, given: String?) {
        // One column holding the whole name ("Brontë, Zoë" under First Name, the last empty) is read as a whole name.
        let f = first.map(spaced) ?? "", l = last.map(spaced) ?? ""
        if f.isEmpty != l.isEmpty, (f + l).utf8.contains(UInt8(ascii: ",")) { return whole(f + l) }
        let name = [first, last].compactMap { $0 }.joined(separator: " ")
        let given = withoutTitle(spaced(first ?? ""))
        return (name, given.isEmpty ? nil : given)
    }

    /// What a greeting calls the client: their recorded given name when there is one, else the first word of their
    /// name that is not a title, with the punctuation around it taken off ("Brontë, Zoë" from an older import still
    /// reads "Zoë"). Never empty for a non-empty name.
    public static func greeting(name: String, given: String?) -> String {
        if let g = given.map(spaced), !g.isEmpty { return g }
        let w = whole(name)
        if let g = w.given { return firstWord(g) }
        return firstWord(w.name)
    }

    /// Whether a greeting of `name` alone already says `given` (so the given name need not be kept). The common case,
    /// a one-word given name that starts the name ("Ada" of "Ada Lovelace"), is answered without splitting the name
    /// into words: an import asks once per row (Docs/performance.md, "Imports").
    public static func greets(name: String, as given: String) -> Bool {
        if !given.isEmpty, name.hasPrefix(given + " "), !name.utf8.contains(UInt8(ascii: ",")), !given.contains(where: { $0 == " " || $0 == "." }),
           !titles.contains(given.lowercased()) {
            return true
        }
        return greeting(name: name, given: nil) == given
    }

    /// Honorifics and titles written before a name, compared without case or a final dot.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "rev", "revd", "reverend", "fr", "sir",
        "dame", "lady", "lord", "sr", "sra", "srta", "herr", "frau", "mme", "mlle",
    ]

    /// Words written after a name that are not a given name ("Smith, Jr.").
    static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "esq", "jnr", "snr", "obe", "mbe", "cbe"]

    static func isTitle(_ word: Substring) -> Bool {
        // The longest title ("professor") has 9 letters and a dot: a longer word is a name, told without lower-casing it.
        word.utf8.count <= 20 && titles.contains(bare(word))
    }

    static func isSuffix(_ text: String) -> Bool { words(text).allSatisfy { suffixes.contains(bare($0)) } }

    /// The word lower-cased without dots: "Dr." is "dr".
    static func bare(_ word: Substring) -> String { word.lowercased().filter { $0 != "." } }

    /// The text without leading titles, unless it is nothing but titles ("Dr Ann" is "Ann"; "Lady" stays "Lady").
    static func withoutTitle(_ text: String) -> String {
        let w = words(text)
        let kept = w.drop { isTitle($0) }
        if kept.count == w.count && isSpaced(text) { return text }
        return kept.isEmpty ? text : kept.joined(separator: " ")
    }

    /// The first word of the text after any titles, without punctuation at either end ("Brontë," is "Brontë").
    static func firstWord(_ text: String) -> String {
        let w = words(withoutTitle(text))
        guard let first = w.first else { return text }
        let trimmed = first.trimmingEnds { $0.isPunctuation && $0 != "'" }
        return trimmed.isEmpty ? String(first) : trimmed
    }

    static func words(_ text: String) -> [Substring] { text.words }

    /// Runs of spaces as one space, none at the ends.
    static func spaced(_ text: String) -> String {
        if isSpaced(text) { return text }
        return words(text).joined(separator: " ")
    }

    /// True when the text is already its words joined by single spaces (most names are): no white space at the ends,
    /// none but a space between words, never two together.
    static func isSpaced(_ text: String) -> Bool {
        var previous: Unicode.Scalar = " "
        for s in text.unicodeScalars {
            if s == " " {
                if previous == " " { return false }
            } else if s.isWhiteSpace {
                return false
            }
            previous = s
        }
        return previous != " "
    }
}

extension Substring {
    /// The text with characters matching `drop` taken off both ends.
    fileprivate func trimmingEnds(_ drop: (Character) -> Bool) -> String {
        String(self.drop(while: drop).reversed().drop(while: drop).reversed())
    }
}
