import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `s` on the card offers every status, deceased included, and a deceased client's booked visits are marked in the diary
/// so the desk cancels them.
@Suite struct DeceasedStatusTests {
    @Test func theStatusMenuOffersEveryStatusOneKeyEach() {
        let prompt = Prompts.status(ClientID(1), name: "Ada")
        let recorded = prompt.options.compactMap { o -> ClientStatus? in
            switch o.then {
            case .record(.setStatus(_, let s, _)): s
            case .confirm(let c): if case .record(.setStatus(_, let s, _)) = c.onConfirm { s } else { nil }
            default: nil
            }
        }
        #expect(recorded == ClientStatus.allCases)
        #expect(Set(prompt.options.map(\.key)).count == prompt.options.count)
        #expect(prompt.options.map(\.label).contains("deceased"))
    }

    @Test func deceasedOnTheCardAsksFirstRecordsTheStatusAndMarksTheirBookedVisitInTheDiary() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        // Grace's first visit at 14:00 is the diary's second row.
        f.press(.down, .enter)
        #expect(f.screen.contains("Grace Hopper"), "\(f.screen)")
        let seq = f.p.lastSeq
        f.press(.char("s"))
        #expect(f.screen.contains("deceased"), "\(f.screen)")
        f.press(.char("D"))
        // Whole at 80 columns: what the desk must do next is not cut off.
        #expect(f.screen.contains("Record Grace Hopper as deceased?")
                && f.screen.contains("Cancel their booked visits: the diary marks them deceased."), "\(f.screen)")
        f.press(.enter)
        #expect(try f.newEvents(since: seq) == [], "Enter is not yes")
        f.press(.char("y"))
        #expect(try f.newEvents(since: seq) == [.clientStatusChanged(ClientID(3), .deceased, reason: nil)])
        f.press(.escape)
        let row = try #require(f.screen.split(separator: "\n").first { $0.contains("14:00") && $0.contains("Grace") }, "\(f.screen)")
        #expect(row.contains("deceased"), "\(f.screen)")
        // Ada is alive: her row carries no marker.
        let ada = try #require(f.screen.split(separator: "\n").first { $0.contains("10:00") && $0.contains("Ada") }, "\(f.screen)")
        #expect(!ada.contains("deceased"), "\(f.screen)")
    }

    @Test func theMarkerLeadsTheFlagsAtEveryWidthInRed() throws {
        let f = try ConsoleFixture()
        try f.seedDay()
        try f.record("2026-11-23 09:00", .setStatus(client: "c3", .deceased, reason: nil))
        let row = try #require(Diary.rows(f.p, day: f.p.calendar.day(of: f.now)).first { $0.appointment.client == ClientID(3) })
        for width in [40, PaneRows.medium, PaneRows.wide] {
            let flags = try #require(PaneRows.diary(row, f.p, width: width).last)
            #expect(flags.text.hasPrefix("deceased") && flags.style == .danger, "\(width): \(flags)")
        }
    }
}
