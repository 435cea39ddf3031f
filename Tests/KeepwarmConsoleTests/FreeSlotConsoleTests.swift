import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Booking from the free-slot list through the console's loop on a real log, with another desk writing through its
/// own handle on the same file.
@Suite struct FreeSlotConsoleTests {
    /// Seeded day (Anna, Ada, Mo, Grace), Anna working Monday 23 Nov 15:00-17:00 and Tuesday 09:00-10:00; now 11:00.
    func fixture() throws -> ConsoleFixture {
        let f = try ConsoleFixture(width: 100, height: 30)
        try f.seedDay()
        try f.record("2026-11-22 09:00", .setHours(practitioner: "p1", days: [0: [WorkingRange(start: 900, end: 1020)], 1: [WorkingRange(start: 540, end: 600)]]))
        return f
    }

    /// F, Mo, Enter: the list of free hour-long slots for Mo is open.
    func openList(_ f: ConsoleFixture) {
        f.app.tick()
        f.press(.char("F"))
        f.type("Mo Farah")
        f.press(.enter)
    }

    @Test func aSlotAnotherDeskTookBeforeThisScreenCaughtUpIsRefusedAndNothingIsWritten() throws {
        let f = try fixture()
        openList(f)
        #expect(f.screen.contains("Mon 23 Nov 2026  15:00-16:00 Anna Okafor"), "\(f.screen)")
        // The other desk books Grace at 15:00 through its own handle; this console has not read the log since.
        let other = try EventLog.open(path: f.log.path)
        let at = f.t("2026-11-23 10:59")
        try other.append(by: "anna", at: at) { p in
            try Command.book(client: "c3", practitioner: "p1", start: f.t("2026-11-23 15:00"), minutes: 60, force: false).event(in: p, now: at)
        }
        let count = try EventLog.open(path: f.log.path).practice.eventCount
        f.press(.enter)
        // The status line keeps the start and the fix whole; the middle may be cut at this width (`M` has it whole).
        #expect(f.screen.contains("⚠ Anna Okafor is already booked then (a5, 2026-11-23 15:00") && f.screen.contains("pick another time or practitioner"), "\(f.screen)")
        #expect(try EventLog.open(path: f.log.path).practice.eventCount == count, "nothing written: Anna is not double-booked")
        // The refused write caught up with the log, so the list no longer offers 15:00, and Enter books the next slot.
        #expect(!f.screen.contains("Mon 23 Nov 2026  15:00-16:00") && f.screen.contains("Mon 23 Nov 2026  16:00-17:00 Anna Okafor"), "\(f.screen)")
        f.press(.enter)
        #expect(f.screen.contains("✓ booked a6 for Mo Farah on 2026-11-23 16:00"), "\(f.screen)")
    }

    @Test func escClosesTheListAndBooksNothing() throws {
        let f = try fixture()
        openList(f)
        let count = f.p.eventCount
        f.press(.escape)
        #expect(f.screen.contains("Nothing booked") && f.p.eventCount == count)
    }
}
