/// A missing optional number or time stored without its presence byte (`Client`, `Appointment`): a value no record
/// can hold stands for none, so the field takes 8 bytes instead of 16 with its padding.
enum Unset {
    /// Ids start at 1, cadences and days are bounded (`LogBounds`), so none is ever this.
    static let noNumber = Int.min
    /// No stored time is this far back (`LogBounds.instant`).
    static let noMs = Int64.min

    static func number(_ n: Int) -> Int? { n == noNumber ? nil : n }
    static func number(_ n: Int?) -> Int { n ?? noNumber }
    static func instant(_ ms: Int64) -> Instant? { ms == noMs ? nil : Instant(ms: ms) }
    static func ms(_ i: Instant?) -> Int64 { i?.ms ?? noMs }
}
