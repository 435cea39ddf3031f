/// One audit step's figure from the practice's own log: a share with its numerator and denominator, a target, and the
/// formula in words. A step without data says so instead of showing 0%.
public struct Evidence: Equatable, Sendable {
    public let step: Int
    public let numerator: Int?
    public let denominator: Int?
    public let target: Double?
    /// What is counted, in words, printed beside the figure.
    public let formula: String
    /// A second figure or a date ("median 3.5 h", "last viewed 2026-10-02").
    public let detail: String?
    /// Why there is no figure, when there is none.
    public let noData: String?
    /// The records behind the numerator and denominator (the drill-down); nil for a step the log cannot count.
    public var members: FigureMembers? = nil

    /// The share, or nil when there is nothing to count.
    public var value: Double? {
        guard let n = numerator, let d = denominator, d > 0 else { return nil }
        return Double(n) / Double(d)
    }

    /// The share as a whole percentage, as shown (`86`); nil when there is nothing to count.
    public var percent: Int? { value.map { Int(($0 * 100).rounded()) } }

    public var meetsTarget: Bool? {
        guard let v = value, let t = target else { return nil }
        return v >= t
    }

    /// Clients or visits the gap touched in the window: the leak.
    public var missed: Int {
        guard let n = numerator, let d = denominator else { return 0 }
        return d - n
    }

    /// `86% (43 of 50)`, or the reason there is no figure.
    public var text: String {
        if let pc = percent, let n = numerator, let d = denominator { return "\(pc)% (\(n) of \(d))" }
        return noData ?? detail ?? "no data"
    }

    /// A step's share worked out from its records: the numerator and denominator are the lengths of the lists.
    static func share(_ step: Int, _ n: [FigureSubject], _ d: [FigureSubject], target: Double, formula: String, detail: String? = nil, empty: String) -> Evidence {
        var e = share(step, n.count, d.count, target: target, formula: formula, detail: detail, empty: empty)
        e.members = FigureMembers(numerator: n, denominator: d)
        return e
    }

    static func share(_ step: Int, _ n: Int, _ d: Int, target: Double, formula: String, detail: String? = nil, empty: String) -> Evidence {
        Evidence(step: step, numerator: d == 0 ? nil : n, denominator: d == 0 ? nil : d, target: target, formula: formula,
                 detail: detail, noData: d == 0 ? "no data: \(empty)" : nil)
    }
}

/// The period an audit looks at: the `days` × 24 hours up to and including `end` (the start itself is outside).
public struct AuditWindow: Equatable, Sendable {
    public let start: Instant
    public let end: Instant
    public let days: Int

    public init(end: Instant, days: Int = 90) {
        self.end = end
        self.days = days
        start = Instant(ms: end.ms - Int64(days) * 86_400_000)
    }

    public func contains(_ i: Instant) -> Bool { i > start && i <= end }
}
