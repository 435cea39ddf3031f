/// One decision of the weekly lapsed review about a client, as `lapse.reviewed` recorded it.
public struct LapseReview: Equatable, Sendable {
    public let outcome: LapseOutcome
    /// Cleared when the client's details are erased, as touchpoint notes are.
    public var note: String?
    public let detail: ReviewDetail
    public let at: Instant
    public let by: String
    public let seq: Int
}
