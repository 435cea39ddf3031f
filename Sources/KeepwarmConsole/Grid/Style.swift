/// Text attributes a terminal can show without colour, so a monochrome screen (or NO_COLOR) still tells things apart.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let reverse = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)
}

/// What a colour means on screen; the backend maps roles to terminal colours, or drops them under NO_COLOR.
public enum ColorRole: UInt8, Hashable, Sendable, CaseIterable {
    case normal, accent, good, warning, danger, muted
}

/// How one cell looks.
public struct Style: Hashable, Sendable {
    public var attributes: Attributes
    public var color: ColorRole

    public init(_ attributes: Attributes = [], _ color: ColorRole = .normal) {
        self.attributes = attributes
        self.color = color
    }

    public static let plain = Style()
    public static let bold = Style(.bold)
    public static let selected = Style(.reverse)
    public static let title = Style(.bold, .accent)
    public static let muted = Style(.dim, .muted)
    public static let warning = Style(.bold, .warning)
    public static let danger = Style(.bold, .danger)
    public static let good = Style([], .good)
}
