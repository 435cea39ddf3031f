@testable import KeepwarmCore

/// Audit figures and answers set by hand, for the suites that check what the audit makes of them (the summary and
/// its next actions).
protocol AuditFigures {}

extension AuditFigures {
    /// Sixteen figures: the ones given as (numerator, denominator), every other step without data.
    func figures(_ shares: [Int: (Int, Int)]) -> [Evidence] {
        AuditChecklist.steps.map { s in
            let (n, d) = shares[s.number] ?? (0, 0)
            return Evidence.share(s.number, n, d, target: 0.9, formula: "counted", empty: "nothing to count")
        }
    }

    func answers(_ a: [Int: AuditAnswer], owner: String? = nil) -> [Int: AuditStepAnswer] {
        a.mapValues { AuditStepAnswer(answer: $0, note: nil, owner: owner, at: Instant(ms: 0), by: "test") }
    }
}
