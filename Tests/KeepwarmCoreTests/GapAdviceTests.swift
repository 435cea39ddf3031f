import Testing
@testable import KeepwarmCore

/// Every gap leads somewhere: a next action in the practice's words, with the practice's own figure, the owner named
/// in the audit answer and the count it touched, for gaps the log counts and for gaps only the owner's answer shows.
@Suite struct GapAdviceTests: AuditFigures {
    @Test func theIssuesExampleReadsInThePracticesWords() throws {
        let s = AuditSummary(evidence: figures([5: (732, 1084)]), answers: answers([5: .yes], owner: "Sam"))
        let a = try #require(s.nextActions.first)
        #expect(a.step == 5 && a.title == "Post-session message")
        #expect(a.touched == 352)
        #expect(a.figure == "352 sessions had no post-session message within 24 hours")
        #expect(a.sentence == "352 sessions had no post-session message within 24 hours: turn on the autopilot for it, or work the follow-ups list (f) each afternoon")
        #expect(a.evidence == "68% (732 of 1084)")
        #expect(a.owner == "Sam" && a.answer == .yes)
        // One of a thing is one, not "1 sessions".
        let one = AuditSummary(evidence: figures([11: (0, 1)]), answers: [:]).nextActions
        #expect(one.map(\.figure) == ["1 no-show or late cancellation had no follow-up the same day"])
        #expect(one.first?.owner == nil)
    }

    /// All sixteen steps answered no or not sure are all listed, each with an action (the console showed only 8).
    @Test func everyGapHasAnActionIncludingAnswersAlone() {
        var a = answers(Dictionary(uniqueKeysWithValues: (1...16).map { ($0, $0 % 2 == 0 ? AuditAnswer.no : .unsure) }), owner: "Anna")
        a[16] = AuditStepAnswer(answer: .no, note: nil, owner: nil, at: Instant(ms: 0), by: "test")
        let s = AuditSummary(evidence: figures([1: (10, 10), 4: (1, 4)]), answers: a)
        let actions = s.nextActions
        #expect(actions.count == 16)
        #expect(actions.map(\.step) == s.gaps.map(\.step))
        #expect(actions.first?.step == 4)  // the one the log counts comes first: 3 missed
        #expect(Set(actions.map(\.nextStep)).count == 16, "each step has its own next step")
        for x in actions { #expect(!x.nextStep.isEmpty && !x.figure.isEmpty) }
        let step1 = actions.first { $0.step == 1 }!
        #expect(step1.figure == "answered not sure; the log shows 100% (10 of 10)")
        let step15 = actions.first { $0.step == 15 }!
        #expect(step15.figure == "answered not sure; no figure from the log (nothing to count)")
        #expect(actions.first { $0.step == 16 }?.owner == nil)
        #expect(actions.first { $0.step == 2 }?.owner == "Anna")
    }

    /// Step 14 is a yes-or-no figure: its sentence says the review did not happen, with the date it last did.
    @Test func theSourcesReviewSaysWhenItLastHappened() {
        var ev = figures([:])
        ev[13] = Evidence(step: 14, numerator: 0, denominator: 1, target: 1, formula: "f", detail: "last viewed 2026-06-02", noData: nil)
        let a = AuditSummary(evidence: ev, answers: [:]).nextActions
        #expect(a.map(\.figure) == ["the sources report was not reviewed this quarter (last viewed 2026-06-02)"])
    }
}
