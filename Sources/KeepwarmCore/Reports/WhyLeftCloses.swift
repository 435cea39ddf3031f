/// Which of a client's closes the why-clients-left report counts: one per client, the last in the period. Logs
/// written before a second close was refused (QA D2: two desks closed the same client) can hold two; the later one
/// is what the practice last said about why they left, so it alone counts.
enum WhyLeftCloses {
    static func counted(_ c: Client, in period: ReportPeriod) -> [LapseReview] {
        guard let last = c.reviews.last(where: { r in
            guard period.contains(r.at), case .closed = r.outcome else { return false }
            return true
        }) else { return [] }
        return [last]
    }
}
