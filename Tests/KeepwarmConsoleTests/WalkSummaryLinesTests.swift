import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The walkthrough's summary lists every gap with its next step (it used to stop at eight), fitted to the screen:
/// at 80×24 all sixteen steps answered no still show, one line each; with room, each gap gets its next step beneath.
@Suite struct WalkSummaryLinesTests {
    /// All sixteen steps answered no, two of them with figures below target, owner Sam.
    static let allGaps: AuditSummary = {
        let evidence = AuditChecklist.steps.map { s in
            s.number == 5 ? Evidence.share(5, 732, 1084, target: 0.9, formula: "f", empty: "e")
                : s.number == 4 ? Evidence.share(4, 10, 20, target: 0.9, formula: "f", empty: "e")
                : Evidence.share(s.number, 0, 0, target: 0.9, formula: "f", empty: "nothing")
        }
        let answers = Dictionary(uniqueKeysWithValues: (1...16).map {
            ($0, AuditStepAnswer(answer: .no, note: nil, owner: "Sam", at: Instant(ms: 0), by: "sam"))
        })
        return AuditSummary(evidence: evidence, answers: answers)
    }()

    func screen(width: Int, height: Int) -> String {
        let p = GoldenTests.demo
        var data = ConsoleData(p, now: GoldenTests.end)
        data.audit = Self.allGaps
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: width, height: height), data: data, practice: p, now: GoldenTests.end)
        for k in [Key.char("4"), .char("w"), .end] + Array(repeating: Key.right, count: 16) {
            _ = m.handle(.key(k), data: data, practice: p, now: GoldenTests.end)
        }
        return ConsoleView.render(m, data: data, practice: p, now: GoldenTests.end, width: width, height: height).text
    }

    @Test func everyGapShowsAt80x24() {
        let s = screen(width: 80, height: 24)
        #expect(s.contains("Journey audit — summary"))
        for step in AuditChecklist.steps { #expect(s.contains("\(step.number). \(step.title)"), "step \(step.number) is listed") }
        #expect(s.contains("5. Post-session message (Sam): 352 sessions had no post-session"))
        #expect(s.contains("In place 0 of 16"))
    }

    @Test func withRoomEachGapHasItsNextStepBeneath() {
        let s = screen(width: 132, height: 43)
        for step in AuditChecklist.steps { #expect(s.contains("\(step.number). \(step.title)"), "step \(step.number) is listed") }
        #expect(s.contains("5. Post-session message: 352 sessions had no post-session message within 24 hours"))
        #expect(s.contains("→ turn on the autopilot for it, or work the follow-ups list (f) each afternoon · owner Sam"))
        #expect(s.contains("Rate yourself: 0 of 16 steps in place"))
    }

    @Test func theLayoutsGiveWayInOrder() {
        let roomy = WalkSummaryLines.lines(Self.allGaps, rows: 60)
        #expect(roomy.last?.text == "Press f to finish and record this audit.")
        #expect(roomy.filter { $0.text.hasPrefix("→ ") }.count == 16)
        let short = WalkSummaryLines.lines(Self.allGaps, rows: 20)
        #expect(short.count <= 21)
        #expect(short.filter { $0.indent == 4 }.count == 16, "one line a gap, none dropped")
        let none = WalkSummaryLines.lines(AuditSummary(evidence: [], answers: [:]), rows: 17)
        #expect(none.contains { $0.text.hasPrefix("No gaps") })
    }
}
