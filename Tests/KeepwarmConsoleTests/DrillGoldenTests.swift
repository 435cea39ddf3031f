import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The drill-down window: golden screens at both sizes (text and styles), and the way through it by key.
@Suite struct DrillGoldenTests {
    /// Walkthrough at step 5 (post-session message), Enter: the sessions that missed it.
    static let toStep5: [Key] = [.char("4"), .char("w"), .right, .right, .right, .right, .enter]

    @Test func auditDrillAt80x24() throws { try GoldenTests().check("drill-audit-80x24", width: 80, height: 24, keys: Self.toStep5 + [.char("j"), .char("j")]) }
    @Test func auditDrillAt132x43() throws { try GoldenTests().check("drill-audit-132x43", width: 132, height: 43, keys: Self.toStep5 + [.char("j")]) }
    /// Reports, retention, Enter: the first figure (rebooking rate), its missed sessions; `m` → those counted.
    @Test func reportDrillAt132x43() throws {
        try GoldenTests().check("drill-retention-132x43", width: 132, height: 43, keys: [.char("R"), .char("3"), .enter, .char("m")])
    }
    @Test func sourcesReportAddsUpAt80x24() throws { try GoldenTests().check("report-sources-80x24", width: 80, height: 24, keys: [.char("R")]) }

    static func model(_ keys: [Key], _ data: ConsoleData, _ p: Practice) -> ConsoleModel {
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: 132, height: 43), data: data, practice: p, now: GoldenTests.end)
        for k in keys { _ = m.handle(.key(k), data: data, practice: p, now: GoldenTests.end) }
        return m
    }

    static func data(_ p: Practice) -> ConsoleData {
        var data = ConsoleData(p, now: GoldenTests.end)
        data.audit = AuditSummary(evidence: AuditEvidence.all(p, window: AuditWindow(end: GoldenTests.end)), answers: [:])
        data.reports = ReportsData(p, now: GoldenTests.end)
        return data
    }

    /// Enter → list → Enter → the client's card → Esc → the list → Esc → the walkthrough, on the record chosen.
    @Test func enterListEnterCardEscEsc() throws {
        let p = GoldenTests.demo
        let data = Self.data(p)
        var m = Self.model(Self.toStep5 + [.char("j"), .char("j")], data, p)
        guard case .drill(let s)? = m.overlays.last else { Issue.record("no drill-down: \(m.overlays)"); return }
        let subjects = s.subjects(data)
        let five = try #require(data.audit?.evidence[4])
        #expect(subjects.count == (five.denominator ?? 0) - (five.numerator ?? 0))
        #expect(s.cursor.index == 2)
        let chosen = try #require(subjects[2].client)
        _ = m.handle(.key(.enter), data: data, practice: p, now: GoldenTests.end)
        #expect(m.overlays.last == .card(chosen))
        _ = m.handle(.key(.escape), data: data, practice: p, now: GoldenTests.end)
        guard case .drill? = m.overlays.last else { Issue.record("Esc on the card goes back to the list"); return }
        _ = m.handle(.key(.escape), data: data, practice: p, now: GoldenTests.end)
        #expect(m.overlays.last == .walkthrough(step: 5))
    }

    /// Another desk's write re-works the audit and the list shifts: the cursor stays on the record it was on, so Enter
    /// opens that client's card, not whoever now stands on the row.
    @Test func theCursorFollowsItsRecordWhenTheListChanges() throws {
        let p = GoldenTests.demo
        var data = Self.data(p)
        var m = Self.model(Self.toStep5 + [.char("j"), .char("j"), .char("j")], data, p)
        guard case .drill(let s)? = m.overlays.last else { Issue.record("no drill-down"); return }
        let before = s.subjects(data)
        let chosen = before[3]
        // The audit worked out again without the first two records on the list (another desk sent their messages).
        let gone = Set(before.prefix(2))
        let old = try #require(data.audit)
        let evidence = old.evidence.map { e -> Evidence in
            guard e.step == 5, let mem = e.members else { return e }
            var copy = e
            copy.members = FigureMembers(numerator: (mem.numerator ?? []) + Array(gone), denominator: mem.denominator)
            return copy
        }
        data.audit = AuditSummary(evidence: evidence, answers: [:])
        m.handle(refreshed: data, practice: p, byAnotherDesk: true)
        guard case .drill(let after)? = m.overlays.last else { Issue.record("no drill-down"); return }
        #expect(after.cursor.index == 1)
        #expect(after.subjects(data)[after.cursor.index] == chosen)
        _ = m.handle(.key(.enter), data: data, practice: p, now: GoldenTests.end)
        #expect(m.overlays.last == .card(chosen.client!))
    }

    /// The console's sources report adds up: each row's TOTAL is the sum of the columns shown, EARLIER included.
    @Test func sourcesTotalIsTheSumOfTheColumnsShown() throws {
        // A demo long enough to have more quarters than the screen shows.
        var p = Practice()
        for e in DemoGenerator(seed: 16, events: 30_000, end: GoldenTests.end).events() { try p.apply(e) }
        let r = SourcesReport.build(p, now: GoldenTests.end)
        #expect(r.quarters.count > 4, "the demo has more quarters than fit")
        let lines = ReportsView.sources(r, width: 76).map(\.text)
        let head = try #require(lines.firstIndex { $0.hasPrefix("SOURCE") })
        #expect(lines[head].contains("EARLIER"))
        for l in lines[(head + 1)...].prefix(r.rows.count + 1) {
            // The whole numbers of a row are its columns and TOTAL ("48% (136 of 281)" has none).
            let cells = l.split(separator: " ").compactMap { Int($0) }
            let total = cells.last ?? 0
            #expect(cells.dropLast().reduce(0, +) == total, "\(l)")
        }
        #expect(lines.contains { $0.contains("TOTAL is the sum of the columns shown") })
    }
}
