/// An audit read together with its evidence: the two scores, the gaps ranked by how many clients they touched, and
/// what changed since the audit before.
public struct AuditSummary: Equatable, Sendable {
    public let evidence: [Evidence]
    public let answers: [Int: AuditStepAnswer]
    /// The same figures as they stood when the previous audit finished, if there was one.
    public let previous: [Evidence]?
    public let previousAnswers: [Int: AuditStepAnswer]?

    public init(evidence: [Evidence], answers: [Int: AuditStepAnswer], previous: [Evidence]? = nil,
                previousAnswers: [Int: AuditStepAnswer]? = nil) {
        self.evidence = evidence
        self.answers = answers
        self.previous = previous
        self.previousAnswers = previousAnswers
    }

    /// "Rate yourself": steps answered yes, out of every step.
    public var inPlace: Int { answers.values.count { $0.answer == .yes } }
    public var total: Int { AuditChecklist.steps.count }

    /// Steps whose figure meets its target, out of the steps that have a figure.
    public var evidenceMet: Int { evidence.count { $0.meetsTarget == true } }
    public var evidenceSteps: Int { evidence.count { $0.meetsTarget != nil } }

    /// Steps not in place (answered no or not sure, or a figure below target), the biggest leak first.
    public var gaps: [Evidence] {
        evidence.filter { e in
            let answer = answers[e.step]?.answer
            return answer == .no || answer == .unsure || e.meetsTarget == false
        }.sorted { ($1.missed, $0.step) < ($0.missed, $1.step) }
    }

    /// Every gap with its next action, its owner and its figure, in the gaps' order (Docs/audit.md, "Next actions").
    public var nextActions: [GapAction] { gaps.map { GapAdvice.action(for: $0, answer: answers[$0.step]) } }

    /// Change in a step's share since the previous audit, in percentage points: the difference between the two
    /// percentages as shown, so "50% → 67%" is +17 whatever the unrounded shares were.
    public func trend(_ step: Int) -> Int? {
        guard let now = evidence.first(where: { $0.step == step })?.percent,
              let then = previous?.first(where: { $0.step == step })?.percent else { return nil }
        return now - then
    }

    /// What is different from the audit before, one line per step that changed: its answer, and its figure against
    /// the figure as it stood when that audit finished.
    public var changes: [String] {
        guard previous != nil || previousAnswers != nil else { return [] }
        var out: [String] = []
        for step in AuditChecklist.steps {
            var parts: [String] = []
            let before = previousAnswers?[step.number]?.answer, now = answers[step.number]?.answer
            if before != now, let now { parts.append("answer \(before?.rawValue ?? "none") → \(now.rawValue)") }
            if let previous {
                let then = previous.first { $0.step == step.number }?.percent
                let current = evidence.first { $0.step == step.number }?.percent
                switch (then, current) {
                case let (t?, c?) where t != c: parts.append("figure \(c > t ? "+" : "")\(c - t) points (\(t)% → \(c)%)")
                case let (nil, c?): parts.append("figure \(c)% (no figure before)")
                case let (t?, nil): parts.append("no figure now (\(t)% before)")
                default: break
                }
            }
            if !parts.isEmpty { out.append("\(step.number). \(step.title): \(parts.joined(separator: ", "))") }
        }
        return out
    }
}
