import Foundation
import Testing
@testable import KeepwarmCore

/// The two scores, the ranked gaps and the changes since the last audit, from figures and answers set by hand, and
/// once end to end from a real log.
@Suite struct AuditSummaryTests: AuditFigures {

    @Test func theTwoScores() {
        let s = AuditSummary(evidence: figures([1: (9, 10), 2: (3, 4), 5: (10, 10), 7: (0, 3)]),
                             answers: answers([1: .yes, 2: .yes, 3: .no, 4: .unsure, 15: .yes]))
        #expect(s.inPlace == 3)  // steps answered yes
        #expect(s.total == 16)
        #expect(s.evidenceMet == 2)  // 90% and 100% meet the 90% target; 75% and 0% do not
        #expect(s.evidenceSteps == 4)  // steps without data are left out of both
        let empty = AuditSummary(evidence: figures([:]), answers: [:])
        #expect(empty.inPlace == 0 && empty.evidenceMet == 0 && empty.evidenceSteps == 0)
    }

    @Test func gapsAreRankedByTheClientsTheyTouched() {
        let s = AuditSummary(
            evidence: figures([1: (9, 10), 2: (3, 8), 4: (10, 15), 5: (1, 6), 6: (20, 20), 8: (0, 5)]),
            answers: answers([1: .yes, 2: .yes, 3: .no, 6: .no, 11: .unsure, 15: .no, 16: .yes]))
        // Below target: 2 (missed 5), 4 (5), 5 (5), 8 (5). Answered no or not sure: 3, 11, 15 (no figure: missed 0),
        // 6 (meets its target, but the owner says no: missed 0). Step 1 meets its target and is answered yes.
        #expect(s.gaps.map(\.step) == [2, 4, 5, 8, 3, 6, 11, 15])
        #expect(s.gaps.map(\.missed) == [5, 5, 5, 5, 0, 0, 0, 0])

        let ranked = AuditSummary(evidence: figures([2: (1, 4), 9: (2, 12), 10: (0, 7)]), answers: [:])
        #expect(ranked.gaps.map(\.step) == [9, 10, 2])  // missed 10, 7, 3
    }

    @Test func trendIsInPointsBetweenThePercentagesShown() {
        let s = AuditSummary(evidence: figures([1: (2, 3), 2: (1, 3), 3: (5, 10), 4: (1, 2)]), answers: [:],
                             previous: figures([1: (1, 3), 2: (2, 3), 3: (5, 10), 5: (1, 2)]), previousAnswers: [:])
        // 33% → 67% is +34 points as read off the screen, though the shares differ by 33.3.
        #expect(s.trend(1) == 34)
        #expect(s.trend(2) == -34)
        #expect(s.trend(3) == 0)
        #expect(s.trend(4) == nil)  // no figure before
        #expect(s.trend(5) == nil)  // no figure now
        #expect(s.trend(6) == nil)
        #expect(AuditSummary(evidence: figures([1: (1, 1)]), answers: [:]).trend(1) == nil)  // no previous audit
    }

    @Test func changesListAnswersAndFiguresThatMoved() {
        let s = AuditSummary(
            evidence: figures([1: (9, 10), 2: (3, 4), 4: (1, 2), 7: (2, 3)]),
            answers: answers([1: .yes, 2: .no, 3: .yes, 5: .unsure]),
            previous: figures([1: (8, 10), 2: (3, 4), 5: (1, 4), 7: (1, 3)]),
            previousAnswers: answers([1: .no, 2: .no, 5: .no, 6: .yes]))
        #expect(s.changes == [
            "1. Enquiry callbacks: answer no → yes, figure +10 points (80% → 90%)",
            "3. Intake consent: answer none → yes",
            "4. Checkout rebooking: figure 50% (no figure before)",
            "5. Post-session message: answer no → not-sure, no figure now (25% before)",
            "7. Session 2 → 3: figure +34 points (33% → 67%)",
        ])
        // Step 2 is unchanged; step 6, answered last time and not yet this time, is not a change while walking.
        #expect(AuditSummary(evidence: figures([1: (1, 2)]), answers: answers([1: .yes])).changes == [])
        // With the previous answers but no previous figures, only answers are compared.
        let answersOnly = AuditSummary(evidence: figures([1: (1, 2)]), answers: answers([1: .yes]), previous: nil,
                                       previousAnswers: answers([1: .no]))
        #expect(answersOnly.changes == ["1. Enquiry callbacks: answer no → yes"])
    }

    @Test func aSummaryFromARealLogAgainstTheAuditBefore() throws {
        let f = try Fixture()
        func callback(_ at: String, returned: String?) throws {
            let e = try f.run(at, .addCallback(name: "Caller", phone: "07700 900123", reason: nil, by: f.t(at).adding(hours: 4)))
            guard case .callbackAdded(let id, _, _, _, _) = e.body else { fatalError() }
            if let returned { try f.run(returned, .returnCallback(id.description)) }
        }
        // First audit, 1 May: two callbacks, one returned in time.
        try callback("2026-04-20 09:00", returned: "2026-04-20 10:00")
        try callback("2026-04-21 09:00", returned: nil)
        try f.run("2026-05-01 09:00", .startAudit)
        try f.run("2026-05-01 09:01", .answerAudit(step: 1, .no, note: "Voicemail piles up", owner: "Sam"))
        try f.run("2026-05-01 09:02", .answerAudit(step: 2, .yes, note: nil, owner: "Anna"))
        let firstFinished = "2026-05-01 09:10"
        let before = AuditEvidence.all(f.p, window: AuditWindow(end: f.t(firstFinished)))
        let first = AuditSummary(evidence: before, answers: f.p.openAudit!.answers)
        try f.run(firstFinished, .finishAudit(inPlace: first.inPlace, evidenceMet: first.evidenceMet, evidenceSteps: first.evidenceSteps))
        #expect(first.inPlace == 1 && first.evidenceMet == 0 && first.evidenceSteps == 1)
        #expect(first.gaps.map(\.step) == [1])
        #expect(first.changes == [])

        // Second audit, 1 June: three more callbacks, all returned in time.
        for day in ["2026-05-10", "2026-05-11", "2026-05-12"] { try callback("\(day) 09:00", returned: "\(day) 09:30") }
        try f.run("2026-06-01 09:00", .startAudit)
        try f.run("2026-06-01 09:01", .answerAudit(step: 1, .yes, note: nil, owner: "Sam"))
        let now = AuditEvidence.all(f.p, window: AuditWindow(end: f.t("2026-06-01 09:05")))
        let previous = f.p.finishedAudits.last!
        let s = AuditSummary(evidence: now, answers: f.p.openAudit!.answers, previous: before, previousAnswers: previous.answers)
        #expect(now[0].text == "80% (4 of 5)")
        #expect(s.trend(1) == 30)  // 50% → 80%
        #expect(s.inPlace == 1)  // step 2 is not answered yet in this audit
        #expect(s.changes == ["1. Enquiry callbacks: answer no → yes, figure +30 points (50% → 80%)"])
        #expect(s.gaps.map(\.step) == [1])  // 80% is still below 90%: one callback missed
        #expect(s.gaps.first?.missed == 1)
    }
}
