/// A client's history as another system exported it, for a practice that brings only its client list: how many
/// visits, the first and the last, when that system added the client and when it last contacted them. The rules
/// count it as visits before the log's own (`ClientHistory`), so lapsed and follow-ups are right on the first day.
public struct ImportedHistory: Equatable, Sendable {
    /// Visits in the other system, up to and including `lastVisit`.
    public var visits: Int?
    /// Local day numbers (`Civil.days`).
    public var firstVisit: Int?
    public var lastVisit: Int?
    /// The day the other system added the client.
    public var since: Int?
    /// When the other system last contacted the client.
    public var contacted: Instant?

    public init(visits: Int? = nil, firstVisit: Int? = nil, lastVisit: Int? = nil, since: Int? = nil, contacted: Instant? = nil) {
        self.visits = visits
        self.firstVisit = firstVisit
        self.lastVisit = lastVisit
        self.since = since
        self.contacted = contacted
    }

    /// Nothing recorded: written as no fields at all.
    public var isEmpty: Bool { self == ImportedHistory() }
}
