import Foundation
import Testing
@testable import KeepwarmCore

/// `u` pressed again goes back another step through the receptionist's own actions, and `U` puts the last one back,
/// while another desk records at the same time (the real binary in tmux, a second `keepwarm` process writing).
@Suite(.serialized) struct UndoRedoTmuxTests {
    let tests = ConsoleTmuxTests()

    @Test func undoThreeTimesThenRedo() throws {
        let cli = try tests.practice()
        let start = try EventLog.open(path: cli.log).practice.lastSeq
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try tests.attendRebookAndThank(t)
        // Anna, on the other desk, adds a client meanwhile: her action is hers, and stays.
        _ = try cli.output(["client", "add", "--name", "Zoë ‏شادي 🌸", "--now", "2026-11-23 11:00"], env: ["KEEPWARM_USER": "anna"])

        try t.send("u")
        try t.waitFor("↶ undone: thanked for r1 by phone")
        try t.waitFor("Ada Lovelace → Grace Hop")
        try t.send("u")
        try t.waitFor("↶ undone: booked a3 for Ada Lovelace on 2026-11-30 10:00")
        try t.send("u")
        try t.waitFor("↶ undone: marked a1 (Ada Lovelace) attended")
        try t.send("U")
        try t.waitFor("↷ redone: marked a1 (Ada Lovelace) attended")

        let p = try EventLog.open(path: cli.log).practice
        #expect(p.appointment(AppointmentID(1))?.status == .attended)
        #expect(p.appointment(AppointmentID(3))?.withdrawn == true)
        #expect(p.referral(ReferralID(1))?.thankedAt == nil)
        #expect(p.client(ClientID(4))?.withdrawn == false, "Anna's client is untouched")
        let kinds = try tests.events(cli, after: start).map(\.kind)
        #expect(kinds == [.appointmentAttended, .appointmentBooked, .referralThanked, .clientAdded, .undone, .undone, .undone, .redone])
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}
