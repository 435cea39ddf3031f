/// Puts an audit together for showing: the current (or last) audit's answers, this window's evidence, and the
/// previous audit's figures as they stood when it finished (replayed from the log, so they never drift).
public enum AuditReview {
    /// The audit to show: the one under way, else the last finished one.
    public static func current(_ p: Practice) -> Audit? { p.openAudit ?? p.finishedAudits.last }

    /// The finished audit before `audit` (or the last finished one while `audit` is still open).
    public static func previous(_ p: Practice, before audit: Audit?) -> Audit? {
        let done = p.finishedAudits
        guard let audit else { return nil }
        if audit.finishedAt == nil { return done.last }
        return done.last { $0.id < audit.id }
    }

    public static func summary(_ p: Practice, path: String, now: Instant, windowDays: Int = 90,
                               target: Double = AuditEvidence.defaultTarget) throws -> AuditSummary {
        let evidence = AuditEvidence.all(p, window: AuditWindow(end: now, days: windowDays), target: target)
        let audit = current(p)
        var previousEvidence: [Evidence]?
        let prior = previous(p, before: audit)
        if let prior, let finished = prior.finishedAt {
            let then = try EventLog.replay(path: path, until: finished)
            previousEvidence = AuditEvidence.all(then, window: AuditWindow(end: finished, days: windowDays), target: target)
        }
        return AuditSummary(evidence: evidence, answers: audit?.answers ?? [:], previous: previousEvidence,
                            previousAnswers: prior?.answers)
    }
}
