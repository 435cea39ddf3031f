/// Numbers for the cases of an enum shown as a numbered list (the panes, the reports), taken from the enum itself so
/// adding a case never leaves a count, a key range or a title list behind.
extension CaseIterable where Self: Equatable, AllCases == [Self] {
    /// The case's number on screen, from 1.
    public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }

    /// The case a digit key picks ("1" the first); nil for any other key, or a digit past the last case.
    public static func numbered(_ key: Character) -> Self? {
        guard key.isASCII, let n = key.wholeNumberValue, Self.allCases.indices.contains(n - 1) else { return nil }
        return Self.allCases[n - 1]
    }

    /// The next case, after the last the first (Tab).
    public var next: Self { Self.allCases[number % Self.allCases.count] }

    /// The case before, before the first the last (Shift-Tab).
    public var previous: Self { Self.allCases[(number + Self.allCases.count - 2) % Self.allCases.count] }

    /// "1-4": the digit keys that pick a case, as the key list names them.
    static var numberKeys: String { "1-\(Self.allCases.count)" }
}

extension PaneID {
    /// The pane's name in the key list: its title without counts or settings.
    var helpTitle: String {
        switch self {
        case .diary: "Today's diary"
        case .lapsed: "Lapsed clients"
        case .thankYous: "Thank-yous"
        case .audit: "Journey audit"
        }
    }
}
