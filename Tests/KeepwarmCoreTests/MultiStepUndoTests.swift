import Foundation
import Testing
@testable import KeepwarmCore

/// Undo goes back step by step through a person's own recent actions, and redo puts them back (Docs/event-log.md,
/// event.undone and event.redone): each step within 5 minutes, never over a colleague's later change, and a fresh
/// replay of the log builds the same practice and the same steps.
@Suite struct MultiStepUndoTests {
    func replayed(_ f: Fixture) throws -> Practice { try EventLog.open(path: f.path).practice }

    @Test func tenStepsBackThenRedoPutsThemBackInOrder() throws {
        let f = try Fixture()
        for i in 1...12 { _ = try f.client("Client \(i)", at: "2026-01-05 09:05") }
        let withdrawn = { f.p.clients.filter(\.withdrawn).map(\.id.number) }
        for step in 1...10 {
            let e = try f.run("2026-01-05 09:10", .undo(by: "test"))
            #expect(e.body == .undone(target: f.p.eventCount + 1 - 2 * step), "step \(step) takes back the action before the last")
        }
        #expect(withdrawn() == Array(3...12), "ten steps back: the last ten clients added are withdrawn")
        #expect(throws: CommandError("there is nothing of yours to undo")) { try f.run("2026-01-05 09:10", .undo(by: "test")) }
        #expect(f.p.lastAction.history("test").redo.count == 10)

        let first = try f.run("2026-01-05 09:11", .redo(by: "test"))
        guard case .redone(let target) = first.body else { Issue.record("not a redo: \(first.body)"); return }
        #expect(f.p.client(ClientID(3))?.withdrawn == false, "redo puts back the latest undo first (client 3, seq \(target))")
        try f.run("2026-01-05 09:11", .redo(by: "test"))
        try f.run("2026-01-05 09:11", .redo(by: "test"))
        #expect(withdrawn() == Array(6...12))
        #expect(try f.p.resolveClient("Client 5") == ClientID(5), "a client put back is found by name again")
        // Undo after redo takes back the redone action again.
        try f.run("2026-01-05 09:12", .undo(by: "test"))
        #expect(withdrawn() == Array(5...12))

        let r = try replayed(f)
        #expect(r.clients == f.p.clients)
        #expect(r.lastAction.history("test") == f.p.lastAction.history("test"), "the log replays to the same steps")
    }

    @Test func eachStepMustBeWithinFiveMinutesOfItsAction() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace", at: "2026-01-05 09:00")
        _ = try f.client("Grace Hopper", at: "2026-01-05 09:04")
        _ = try f.client("Joan Clarke", at: "2026-01-05 09:08")
        try f.run("2026-01-05 09:09", .undo(by: "test"))
        try f.run("2026-01-05 09:09", .undo(by: "test"))
        #expect(throws: CommandError("your last action (added client Ada Lovelace (c1)) was more than 5 minutes ago; correct it directly instead")) {
            try f.run("2026-01-05 09:09", .undo(by: "test"))
        }
        #expect(f.p.clients.map(\.withdrawn) == [false, true, true])
        // Redo too: the window runs from the undo.
        #expect(throws: CommandError("you undid added client Grace Hopper (c2) more than 5 minutes ago; record it again instead")) {
            try f.run("2026-01-05 09:15", .redo(by: "test"))
        }
    }

    @Test func recordingSomethingNewEndsRedo() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace", at: "2026-01-05 09:00")
        _ = try f.client("Grace Hopper", at: "2026-01-05 09:01")
        try f.run("2026-01-05 09:02", .undo(by: "test"))
        try f.run("2026-01-05 09:03", .touch(client: "c1", kind: .checkIn28, via: .phone, note: nil))
        #expect(throws: CommandError("there is nothing of yours to redo: redo puts back what you have just undone, until you record something new")) {
            try f.run("2026-01-05 09:04", .redo(by: "test"))
        }
        #expect(f.p.clients[1].withdrawn)
        // Another desk's action does not end this person's redo: it is theirs only.
        try f.run("2026-01-05 09:05", .undo(by: "test"))
        let now = f.t("2026-01-05 09:05")
        try f.log.append(by: "anna", at: now) { p in try Command.addClient(ClientDraft(name: "Anna's client")).event(in: p, now: now) }
        try f.run("2026-01-05 09:06", .redo(by: "test"))
        #expect(f.p.clients[0].touchpoints.count == 1)
    }

    @Test func anotherDesksChangeStopsUndoAndRedoOfThatRecord() throws {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace", at: "2026-01-05 09:00")
        try f.run("2026-01-05 09:01", .editClient(client: "c1", ClientEdit(client: ada, phone: "07700 900111")))
        try f.run("2026-01-05 09:02", .touch(client: "c1", kind: .checkIn28, via: .phone, note: nil))
        // Undo the touchpoint; then Anna changes Ada on another desk.
        try f.run("2026-01-05 09:03", .undo(by: "test"))
        let now = f.t("2026-01-05 09:03")
        try f.log.append(by: "anna", at: now) { p in
            try Command.editClient(client: "c1", ClientEdit(client: ada, email: "ada@example.com")).event(in: p, now: now)
        }
        #expect(throws: CommandError("Ada Lovelace (c1) has changed since you undid recorded check-in-28 for Ada Lovelace; record it again instead if it is still right")) {
            try f.run("2026-01-05 09:04", .redo(by: "test"))
        }
        #expect(throws: CommandError("Ada Lovelace (c1) has changed since your last action (edited Ada Lovelace (c1)); correct it directly instead")) {
            try f.run("2026-01-05 09:04", .undo(by: "test"))
        }
        #expect(f.p.clients[0].phone == "07700 900111")
        #expect(f.p.clients[0].email == "ada@example.com")
        #expect(f.p.clients[0].touchpoints.isEmpty)
    }

    @Test func redoPutsBackEveryKindOfUndoneRecordAsItWas() throws {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace")
        _ = try f.client("Grace Hopper", at: "2026-01-05 09:00", referredBy: "c1")
        try f.run("2026-01-05 09:01", .book(client: "c1", practitioner: nil, start: f.t("2026-01-06 10:00"), minutes: 60, force: false))
        try f.run("2026-01-05 09:02", .thank("r1", via: .phone, note: "rang"))
        try f.run("2026-01-05 09:03", .feedback(client: "c1", score: 4, comment: "good"))
        try f.run("2026-01-05 09:04", .editClient(client: "c1", ClientEdit(client: ada, name: "Ada King")))
        let done = f.p
        for _ in 1...5 { try f.run("2026-01-05 09:05", .undo(by: "test")) }
        #expect(f.p.clients[0].name == "Ada Lovelace")
        #expect(f.p.clients[1].withdrawn)
        #expect(f.p.appointments[0].withdrawn)
        for _ in 1...5 { try f.run("2026-01-05 09:06", .redo(by: "test")) }
        func same(_ a: Practice, _ b: Practice) {
            // Only what a calendar counts differs: undoing and redoing are two more changes (`Appointment.revisions`).
            #expect(a.clients.map { var c = $0; c.lastChange = 0; return c } == b.clients.map { var c = $0; c.lastChange = 0; return c })
            #expect(a.appointments.map { var x = $0; x.lastChange = 0; x.revisions = 0; return x } == b.appointments.map { var x = $0; x.lastChange = 0; x.revisions = 0; return x })
            #expect(a.referrals.map { var x = $0; x.lastChange = 0; return x } == b.referrals.map { var x = $0; x.lastChange = 0; return x })
            #expect(a.unthankedReferrals == b.unthankedReferrals)
            #expect(a.appointmentsByDay == b.appointmentsByDay)
            #expect(a.clientsByName.filter { !$0.value.isEmpty } == b.clientsByName.filter { !$0.value.isEmpty })
        }
        same(f.p, done)
        same(try replayed(f), done)
    }
}
