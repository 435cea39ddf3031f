/// One number in a report, with what it was worked out from and how, so nobody has to take a percentage on trust.
///
/// `value` is nil when there was nothing to work it out from ("no data"): a rate over zero sessions is not 0%.
public struct Figure: Equatable, Sendable {
    /// What a figure counts or measures; it decides how the value is shown.
    public enum Unit: String, Sendable {
        /// A fraction from 0 to 1 (`numerator ÷ denominator`), shown as a percentage.
        case share
        /// Calendar days in the practice's time zone.
        case days
        case clients
        case referrals
        case hours
        /// A mean satisfaction score from 1 to 5 (`numerator` is the sum of scores, `denominator` how many).
        case score
    }

    /// A stable name for scripts (`rebookingRate`); the JSON and CSV use it.
    public let key: String
    /// The name a person reads (`Rebooking rate`).
    public let label: String
    public let value: Double?
    public let numerator: Int?
    public let denominator: Int?
    public let unit: Unit
    /// How the value was worked out, in words.
    public let formula: String
    /// The records behind the numerator and denominator (the drill-down); nil for a figure that does not count
    /// records (hours of diary time, a week's share of the busiest).
    public let members: FigureMembers?

    public init(key: String, label: String, value: Double?, numerator: Int? = nil, denominator: Int? = nil,
                unit: Unit, formula: String, members: FigureMembers? = nil) {
        self.key = key
        self.label = label
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.unit = unit
        self.formula = formula
        self.members = members
    }

    /// A share worked out from its records: the numerator and denominator are the lengths of the lists.
    public static func share(_ key: String, _ label: String, _ numerator: [FigureSubject], of denominator: [FigureSubject], formula: String) -> Figure {
        Figure(key: key, label: label, value: denominator.isEmpty ? nil : Double(numerator.count) / Double(denominator.count),
               numerator: numerator.count, denominator: denominator.count, unit: .share, formula: formula,
               members: FigureMembers(numerator: numerator, denominator: denominator))
    }

    /// A count worked out from its records.
    public static func count(_ key: String, _ label: String, _ counted: [FigureSubject], unit: Unit, formula: String) -> Figure {
        Figure(key: key, label: label, value: Double(counted.count), unit: unit, formula: formula, members: FigureMembers(counted: counted))
    }

    /// `numerator ÷ denominator`, or no data when the denominator is 0.
    public static func share(_ key: String, _ label: String, _ numerator: Int, of denominator: Int, formula: String) -> Figure {
        Figure(key: key, label: label, value: denominator > 0 ? Double(numerator) / Double(denominator) : nil,
               numerator: numerator, denominator: denominator, unit: .share, formula: formula)
    }

    /// A plain count. Counting nothing is a real answer (0 clients), so a count always has a value.
    public static func count(_ key: String, _ label: String, _ n: Int, unit: Unit, formula: String) -> Figure {
        Figure(key: key, label: label, value: Double(n), unit: unit, formula: formula)
    }

    /// True when the figure has a value to show.
    public var hasData: Bool { value != nil }

    /// The figure for a person: `61% (230 of 377)`, `21 days (412 gaps)`, `4.6 (32 scores)`, `12`, or `no data`.
    public var text: String {
        guard let v = value else { return "no data" }
        switch unit {
        case .share:
            return "\(Figure.percent(v)) (\(numerator ?? 0) of \(denominator ?? 0))"
        case .days:
            let d = Figure.decimal(v, places: 1)
            return denominator.map { "\(d) days (\($0) gaps)" } ?? "\(d) days"
        case .score:
            let d = Figure.decimal(v, places: 1)
            return denominator.map { "\(d) (\($0) score\($0 == 1 ? "" : "s"))" } ?? d
        case .hours:
            return Figure.decimal(v, places: 1, keepZeros: true) + " h"
        case .clients, .referrals:
            return Figure.decimal(v, places: 0)
        }
    }

    /// Whole percent, rounded half up: 0.615 → `62%`.
    public static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// A fixed number of decimals without Foundation's locale-dependent formatting; trailing zeros are dropped unless
    /// `keepZeros` (for columns that should line up).
    public static func decimal(_ v: Double, places: Int, keepZeros: Bool = false) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((v * scale).rounded())
        let whole = scaled / Int64(scale), frac = abs(scaled % Int64(scale))
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        guard places > 0, frac != 0 || keepZeros else { return sign + String(whole) }
        var f = String(frac)
        while f.count < places { f = "0" + f }
        while !keepZeros && f.hasSuffix("0") { f.removeLast() }
        return "\(sign)\(whole).\(f)"
    }

    /// The value as written in JSON and CSV: shares to 4 decimals, other measures to 2, counts whole.
    public var exportValue: Double? {
        guard let v = value else { return nil }
        let places: Double = unit == .share ? 10_000 : 100
        return (v * places).rounded() / places
    }
}
