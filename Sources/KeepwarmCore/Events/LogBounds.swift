/// The allowed range of every number the log holds, defined once: the reader refuses a line with a number outside it
/// (as damage naming the field and the range), `EventLog` refuses to write one, and the commands check typed values
/// against the same ranges. Inside these ranges every sum and difference the rules take fits in an `Int` many times
/// over, so no value read from a log can overflow a calculation (Docs/event-log.md, "Numbers").
public enum LogBounds {
    /// `seq` and an undo's `target`: what the reader's 18-digit whole numbers can hold.
    public static let seq = 1...999_999_999_999_999_999
    /// The number in an id like `c12`: at most `idDigits` digits, which is what both readers check.
    public static let idDigits = 12
    public static let idNumber = 1...999_999_999_999
    /// An appointment's length.
    public static let minutes = 5...600
    /// The practice's rule settings, in days (`thankYouHours` in hours).
    public static let setting = 1...3650
    /// A client's usual gap between sessions, in days; a `client.edited` may give 0 to clear it.
    public static let cadence = 1...365
    public static let cadenceEdit = 0...365
    /// Visits another system counted for a client (an import's history).
    public static let visits = 0...999_999
    /// A feedback score.
    public static let score = 1...5
    /// An audit step's number.
    public static let auditStep = 1...AuditChecklist.steps.count
    /// A finished audit's counts of steps (in place, evidence met, steps with evidence).
    public static let auditSteps = 0...AuditChecklist.steps.count
    /// How many events a `batch.begun` opens (an import's rows, an audit's first answers).
    public static let batchEvents = 1...999_999_999
    /// A run's counts on its `autopilot.ran` line.
    public static let runCount = 0...999_999_999
    /// The header's format version.
    public static let version = 1...999_999
    /// Every instant (`at`, `start`, `promisedBy`): the milliseconds the log's form `YYYY-MM-DDTHH:MM:SS.mmmZ` can
    /// write, years 0000 to 9999 UTC.
    public static let instant = DateInput.storable
    /// A `lapse.reviewed` snooze's `until` day (days since 1970-01-01): the days `YYYY-MM-DD` can write.
    public static let day = Civil.days(0, 1, 1)...Civil.days(9999, 12, 31)

    /// `"minutes" must be 5 to 600, not 100000`: the one wording for a number out of its range, on reading and writing.
    static func outOfRange(_ key: StaticString, _ range: ClosedRange<Int>, _ value: String) -> String {
        "\"\(key)\" must be \(range.lowerBound) to \(range.upperBound), not \(value)"
    }
}
