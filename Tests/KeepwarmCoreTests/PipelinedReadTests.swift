import Foundation
import Testing
@testable import KeepwarmCore

/// The two-thread read (decode on one core, apply on the other) must build exactly what the one-thread read builds.
@Suite struct PipelinedReadTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    func compare(_ path: String) throws {
        let one = try EventLog.open(path: path, pipelineThreshold: .max)
        let two = try EventLog.open(path: path, pipelineThreshold: 0)
        #expect(one.practice.eventCount == two.practice.eventCount)
        #expect(one.practice.lastSeq == two.practice.lastSeq)
        #expect(one.practice.clients == two.practice.clients)
        #expect(one.practice.appointments == two.practice.appointments)
        #expect(one.practice.referrals == two.practice.referrals)
        #expect(one.practice.callbacks == two.practice.callbacks)
        #expect(one.practice.unthankedReferrals == two.practice.unthankedReferrals)
        #expect(one.practice.appointmentsByDay == two.practice.appointmentsByDay)
        #expect(one.damage == two.damage)
        #expect(one.warnings == two.warnings)
        #expect(one.pendingTailBytes == two.pendingTailBytes)
        #expect(one.bytesRead == two.bytesRead)
    }

    @Test func aDemoPracticeReadsTheSame() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: 3, events: 6000, end: Self.end).write(to: path)
        try compare(path)
        #expect(try EventLog.open(path: path, pipelineThreshold: 0).practice.eventCount > 5000)
    }

    @Test func damageUnknownTypesCRLFAndATornTailReadTheSame() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: 4, events: 3000, end: Self.end).write(to: path)
        var lines = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self).split(separator: "\n").map(String.init)
        lines[1200] = lines[1200].replacingOccurrences(of: "\"by\":\"", with: "\"by\":\"x")  // checksum damage
        var unknown = LineBuilder()
        unknown.int("seq", 999_999)
        unknown.string("at", "2026-11-23T10:30:00.000Z")
        unknown.string("type", "invoice.paid")
        let text = "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n" + String(decoding: unknown.finishedLine(), as: UTF8.self) + "{\"seq\":10000"
        try writeFile(path, contents: Data(text.utf8))
        try compare(path)
        let two = try EventLog.open(path: path, pipelineThreshold: 0)
        #expect(two.damage.first?.line == 1201)
        #expect(two.pendingTailBytes == 12)
        #expect(two.warnings.count == 3, "CRLF, byte-order mark, unknown type")
    }
}
