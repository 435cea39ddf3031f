import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 18: a calendar's SEQUENCE is counted as the practice replays (`Appointment.revisions`) instead of by reading
/// the log's lines again after the replay. These hold the count to the old line-by-line count it replaced.
@Suite struct AppointmentRevisionsTests {
    /// The count `export ics` used to make from the log's lines: moves and cancellations, and each undo or redo of an
    /// event that booked, moved, cancelled or settled an appointment.
    static func countedFromLines(_ bytes: [UInt8]) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        var bySeq: [Int: AppointmentID] = [:]
        var scratch = DecodeScratch()
        Erasure.forEachLine(bytes) { line, _ in
            guard case .event(let e)? = try? EventCodec.decode(line, scratch: &scratch) else { return }
            switch e.body {
            case .appointmentBooked(let a, _, _, _, _), .appointmentAttended(let a), .appointmentNoShow(let a):
                bySeq[e.seq] = a
            case .appointmentMoved(let a, _), .appointmentCancelled(let a, _, _):
                bySeq[e.seq] = a
                counts[a.index, default: 0] += 1
            case .undone(let target), .redone(let target):
                if let a = bySeq[target] { counts[a.index, default: 0] += 1 }
            default:
                break
            }
        }
        return counts
    }

    static func counted(_ p: Practice) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for (i, a) in p.appointments.enumerated() where a.revisions > 0 { counts[i] = a.revisions }
        return counts
    }

    @Test func undoAndRedoOfEveryKindOfChangeCountAsTheLinesDo() throws {
        let f = try Fixture()
        _ = try f.client("Ada")
        _ = try f.client("Ben")
        try f.run("2026-03-27 12:00", .book(client: "c1", practitioner: nil, start: f.t("2026-04-03 10:00"), minutes: 60, force: false))
        try f.run("2026-03-27 12:01", .move("a1", to: f.t("2026-04-03 14:00"), force: false))
        try f.run("2026-03-27 12:02", .undo(by: "test"))
        try f.run("2026-03-27 12:03", .redo(by: "test"))
        try f.run("2026-03-27 12:04", .book(client: "c2", practitioner: nil, start: f.t("2026-04-04 10:00"), minutes: 60, force: false))
        try f.run("2026-03-27 12:05", .undo(by: "test"))
        try f.run("2026-03-27 12:06", .redo(by: "test"))
        try f.run("2026-03-27 12:07", .cancel("a2", by: .client, late: true))
        try f.run("2026-03-27 12:08", .undo(by: "test"))
        try f.run("2026-04-04 11:00", .attend("a2"))
        try f.run("2026-04-04 11:01", .undo(by: "test"))
        try f.run("2026-04-04 11:02", .noShow("a2"))
        #expect(Self.counted(f.p) == Self.countedFromLines(f.bytes()))
        #expect(Self.counted(f.p) == [0: 3, 1: 5], "a1: move, its undo, its redo; a2: undo and redo of the booking, cancel, its undo, the attend's undo")
        // Replayed from the file, the count is the same.
        #expect(Self.counted(try EventLog.open(path: f.path).practice) == Self.counted(f.p))
    }

    @Test func aDemoPracticeCountsAsTheLinesDo() throws {
        let dir = TempDir()
        let path = dir.file("demo.log")
        _ = try DemoGenerator(seed: 7, events: 20_000, end: DateInput.parseZonedISO("2026-11-23T10:30:00Z")!).write(to: path)
        let bytes = Array(FileManager.default.contents(atPath: path) ?? Data())
        let lines = Self.countedFromLines(bytes)
        #expect(lines.count > 50, "the demo moves and cancels appointments")
        #expect(Self.counted(try EventLog.open(path: path).practice) == lines)
    }
}
