import Foundation
import Testing
@testable import KeepwarmCore

/// The edges of the log format (Docs/event-log.md): a last line without its newline, a seq that jumps, numbers at
/// and beyond their ranges, and a writer that never writes what the reader would refuse.
@Suite struct LogEdgesTests {
    /// A demo practice's log, written as Keepwarm writes it.
    static func demo(_ dir: TempDir, events: Int = 3_000) throws -> (path: String, lines: [[UInt8]]) {
        let path = dir.file("events.log")
        let end = Instant.parseLogForm(Array("2026-11-18T12:40:00.000Z".utf8))!
        var bytes = EventCodec.headerLine()
        for e in DemoGenerator(seed: 7, events: events, end: end).events() { bytes += EventCodec.line(for: e) }
        try write(path, bytes)
        return (path, RepairTests.lines(bytes))
    }

    static func write(_ path: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o600) == 0)
    }

    /// The line with its seq replaced and its checksum made right again, as a careful hand edit or another tool would.
    static func withSeq(_ line: [UInt8], _ seq: String) -> [UInt8] {
        var text = String(decoding: line, as: UTF8.self)
        text = String(text[..<text.range(of: #","crc":""#, options: .backwards)!.lowerBound])
        let value = text.range(of: #"^\{"seq":-?[0-9]+"#, options: .regularExpression)!
        text.replaceSubrange(value, with: "{\"seq\":" + seq)
        return DecoderDifferentialTests.resealed(Array(text.utf8))
    }

    /// The index (0-based, the header is 0) of a `touchpoint.sent` line near the middle: no later line depends on it.
    static func middleTouchpoint(_ lines: [[UInt8]]) -> Int {
        let mid = lines.count / 2
        return (mid..<lines.count).first { String(decoding: lines[$0], as: UTF8.self).contains(#""type":"touchpoint.sent""#) }!
    }

    // MARK: the final newline

    @Test func aLastLineWithoutItsNewlineIsAnEventAndTheNextWriteEndsIt() throws {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace")
        let grace = try f.client("Grace Hopper")
        var bytes = RepairTests.read(f.path)
        #expect(bytes.removeLast() == 0x0A)
        try Self.write(f.path, bytes)

        let reader = try EventLog.open(path: f.path)
        #expect(reader.practice.eventCount == f.p.eventCount, "the checksummed last line counts")
        #expect(reader.practice.client(grace)?.name == "Grace Hopper")
        #expect(reader.pendingTailBytes == 0 && reader.damage.isEmpty)
        let threaded = try EventLog.open(path: f.path, pipelineThreshold: 1, segmentBytes: 100)
        #expect(threaded.practice.eventCount == f.p.eventCount && threaded.pendingTailBytes == 0 && threaded.damage.isEmpty)

        // The next writer ends the line and appends after it: Grace keeps c2, the new client gets c3.
        let writer = try EventLog.open(path: f.path)
        let e = try writer.append(by: "test", at: f.t("2026-01-05 10:00")) { p in
            try Command.addClient(ClientDraft(name: "Joan Clarke")).event(in: p, now: f.t("2026-01-05 10:00"))
        }
        guard case .clientAdded(let c) = e.body else { Issue.record("not a client"); return }
        #expect(c.id == ClientID(3))
        #expect(writer.warnings.isEmpty, "nothing was set aside: \(writer.warnings)")
        let after = RepairTests.read(f.path)
        #expect(Array(after.prefix(bytes.count + 1)) == bytes + [0x0A], "the newline is added, nothing else changed")
        #expect(after.last == 0x0A)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.dir.path).allSatisfy { !$0.contains(".torn-") })
        try reader.refresh()
        #expect(reader.damage.isEmpty, "\(reader.damage)")
        #expect(reader.practice.eventCount == writer.practice.eventCount)
        #expect(reader.practice.client(ada) != nil && reader.practice.client(ClientID(3))?.name == "Joan Clarke")
    }

    @Test func aReaderThatSeesALineBeforeItsNewlineReadsOnWhenTheRestArrives() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let full = RepairTests.read(f.path)
        let next = EventCodec.line(for: Event(seq: f.p.lastSeq + 1, at: f.t("2026-01-05 10:00"), by: "test",
                                              body: .touchpointSent(ClientID(1), kind: .checkIn28, via: .phone, note: nil)))
        // A writer's one write() seen in pieces: the line without its newline, then the newline, then more.
        try Self.write(f.path, full + next.dropLast())
        let reader = try EventLog.open(path: f.path)
        #expect(reader.practice.eventCount == f.p.eventCount + 1)
        try Self.write(f.path, full + next)
        try reader.refresh()
        #expect(reader.damage.isEmpty && reader.pendingTailBytes == 0, "\(reader.damage)")
        let more = EventCodec.line(for: Event(seq: f.p.lastSeq + 2, at: f.t("2026-01-05 10:01"), by: "test",
                                              body: .milestoneReached(ClientID(1), .goalReached)))
        try Self.write(f.path, full + next + more)
        #expect(try reader.refresh() == 1)
        #expect(reader.damage.isEmpty && reader.practice.eventCount == f.p.eventCount + 2)
        #expect(reader.bytesRead == full.count + next.count + more.count)
    }

    @Test func aSealedLineAWriterTakesBackIsForgottenByTheReaderThatSawIt() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let full = RepairTests.read(f.path)
        let taken = EventCodec.line(for: Event(seq: f.p.lastSeq + 1, at: f.t("2026-01-05 10:00"), by: "test",
                                               body: .touchpointSent(ClientID(1), kind: .checkIn28, via: .phone, note: nil)))
        // A short write on a full disk stopped just before the newline; a reader saw it before the writer took it back.
        try Self.write(f.path, full + taken.dropLast())
        let reader = try EventLog.open(path: f.path)
        #expect(reader.practice.eventCount == f.p.eventCount + 1)
        let other = try EventLog.open(path: f.path)
        // The writer takes it back; one reader looks now (the file is shorter than what it read)…
        try Self.write(f.path, full)
        try reader.refresh()
        #expect(reader.damage.isEmpty && reader.practice.eventCount == f.p.eventCount, "\(reader.damage)")
        // …and another only after the next writer appended a longer line where the taken one was.
        let next = EventCodec.line(for: Event(seq: f.p.lastSeq + 1, at: f.t("2026-01-05 10:01"), by: "test",
                                              body: .touchpointSent(ClientID(1), kind: .reEngage, via: .letter,
                                                                    note: String(repeating: "a longer note ", count: 8))))
        try Self.write(f.path, full + next)
        for r in [reader, other] {
            try r.refresh()
            #expect(r.damage.isEmpty, "\(r.damage)")
            #expect(r.practice.eventCount == f.p.eventCount + 1)
            #expect(r.practice.clients[0].touchpoints.map(\.kind) == [.reEngage])
        }
    }

    @Test func anIncompleteLastLineIsStillSetAside() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        let full = RepairTests.read(f.path)
        try Self.write(f.path, Array(full.dropLast(5)))
        let log = try EventLog.open(path: f.path)
        #expect(log.pendingTailBytes > 0, "a line whose checksum is cut off is a torn tail, as before")
        #expect(log.practice.eventCount == f.p.eventCount - 1)
    }

    // MARK: seq

    @Test func aJumpedSeqIsTheOnlyDamageAndRepairKeepsEveryOtherLine() throws {
        let dir = TempDir()
        var (path, lines) = try Self.demo(dir)
        let k = Self.middleTouchpoint(lines)
        let original = lines
        lines[k] = Self.withSeq(lines[k], "1000000")
        try Self.write(path, RepairTests.joined(lines))

        let log = try EventLog.open(path: path)
        #expect(log.damage.count == 1, "\(log.damage.prefix(3))")
        #expect(log.damage.first?.line == k + 1)
        #expect(log.damage.first?.reason == "seq 1000000 jumps ahead of the lines around it (seq \(k - 1) before it, \(k + 1) after it): only this line's seq is wrong, so its event is read as seq \(k) (`keepwarm repair` writes it so)", "\(log.damage)")
        #expect(log.practice.eventCount == lines.count - 1, "every event is read, the jumped one as the seq it took the place of")
        // The threaded first read, cut into small stretches, holds the line back across them the same way.
        let threaded = try EventLog.open(path: path, pipelineThreshold: 1, segmentBytes: 7_000)
        #expect(threaded.damage == log.damage)
        #expect(threaded.practice.eventCount == log.practice.eventCount && threaded.practice.lastSeq == log.practice.lastSeq)

        let report = try Repair.run(path: path)
        #expect(report.rejected.isEmpty)
        #expect(report.renumbered.map { [$0.line, $0.seq, $0.keptAs] } == [[k + 1, 1_000_000, k]])
        #expect(report.keptLines == lines.count)
        let copy = try EventLog.open(path: path + ".repaired")
        #expect(copy.damage.isEmpty && copy.practice.eventCount == lines.count - 1)
        #expect(copy.practice.lastSeq == lines.count - 1, "the copy carries on from the seq the lines around it say")
        // Every line as it was but the jumped one, which is the original line again: sealed anew with the seq it had.
        #expect(RepairTests.lines(RepairTests.read(path + ".repaired")) == original)
    }

    /// A jumped seq on a line that hands out an id (a new client) must not cost every later line about that client: its
    /// event is read as the seq it took the place of, so `check` names one line and `repair` keeps every line.
    @Test func aJumpedSeqOnANewClientCostsNoLaterLine() throws {
        let dir = TempDir()
        var (path, lines) = try Self.demo(dir)
        let k = (lines.count / 3..<lines.count).first { String(decoding: lines[$0], as: UTF8.self).contains(#""type":"client.added""#) }!
        let original = lines
        lines[k] = Self.withSeq(lines[k], "\(k + 100_000)")
        try Self.write(path, RepairTests.joined(lines))

        let log = try EventLog.open(path: path)
        #expect(log.damage.map(\.line) == [k + 1], "only the jumped line: \(log.damage.prefix(3))")
        #expect(log.practice.eventCount == lines.count - 1)

        let report = try Repair.run(path: path)
        #expect(report.rejected.isEmpty, "\(report.rejected.prefix(3))")
        #expect(report.renumbered.map(\.line) == [k + 1])
        #expect(RepairTests.lines(RepairTests.read(path + ".repaired")) == original, "the copy is the log before the edit")
    }

    @Test func aGapIsNoDamageADuplicateIsOnlyItselfAndAJumpAtTheEndIsAGap() throws {
        let dir = TempDir()
        let (path, lines) = try Self.demo(dir, events: 800)
        let k = Self.middleTouchpoint(lines)

        var gap = lines
        gap.remove(at: k)
        try Self.write(path, RepairTests.joined(gap))
        #expect(try EventLog.open(path: path).damage.isEmpty, "lines left out (as repair does) leave a gap, which is fine")

        var duplicate = lines
        duplicate.insert(lines[k], at: k + 1)
        try Self.write(path, RepairTests.joined(duplicate))
        let d = try EventLog.open(path: path).damage
        #expect(d.map(\.line) == [k + 2], "\(d)")

        // A line that went back is only itself too.
        var back = lines
        back[k] = Self.withSeq(lines[k], "3")
        try Self.write(path, RepairTests.joined(back))
        #expect(try EventLog.open(path: path).damage.map(\.line) == [k + 1])

        var end = lines
        end[end.count - 1] = Self.withSeq(end[end.count - 1], "5000")
        try Self.write(path, RepairTests.joined(end))
        let log = try EventLog.open(path: path)
        #expect(log.damage.isEmpty)
        let e = try log.append(by: "test", at: Instant(ms: 1_795_000_000_000)) { _ in .milestoneReached(ClientID(1), .goalReached) }
        #expect(e.seq == 5001)
    }

    // MARK: ranges

    /// Every number in an event, with the event that carries it and its range.
    static let numericFields: [(EventBody, StaticString, ClosedRange<Int>)] = [
        (.settingsChanged(SettingsChange(lapseDays: 7)), "lapseDays", LogBounds.setting),
        (.settingsChanged(SettingsChange(rebookPromptDays: 7)), "rebookPromptDays", LogBounds.setting),
        (.settingsChanged(SettingsChange(checkInDays: 7)), "checkInDays", LogBounds.setting),
        (.settingsChanged(SettingsChange(reactivationDays: 7)), "reactivationDays", LogBounds.setting),
        (.settingsChanged(SettingsChange(followUpCallDays: 7)), "followUpCallDays", LogBounds.setting),
        (.settingsChanged(SettingsChange(thankYouHours: 7)), "thankYouHours", LogBounds.setting),
        (.settingsChanged(SettingsChange(staleThankYouDays: 7)), "staleThankYouDays", LogBounds.setting),
        (.clientAdded(NewClient(id: ClientID(1), name: "Ada", cadence: 7)), "cadence", LogBounds.cadence),
        (.clientEdited(ClientEdit(client: ClientID(1), cadence: 7)), "cadence", LogBounds.cadenceEdit),
        (.appointmentBooked(AppointmentID(1), client: ClientID(1), practitioner: PractitionerID(1), start: Instant(ms: 0), minutes: 7),
         "minutes", LogBounds.minutes),
        (.feedbackGiven(ClientID(1), score: 7, comment: nil), "score", LogBounds.score),
        (.undone(target: 7), "target", LogBounds.seq),
        (.auditAnswered(AuditID(1), step: 7, answer: .yes, note: nil, owner: nil), "step", LogBounds.auditStep),
        (.auditFinished(AuditID(1), inPlace: 7, evidenceMet: 1, evidenceSteps: 1), "inPlace", LogBounds.auditSteps),
        (.auditFinished(AuditID(1), inPlace: 1, evidenceMet: 7, evidenceSteps: 1), "evidenceMet", LogBounds.auditSteps),
        (.auditFinished(AuditID(1), inPlace: 1, evidenceMet: 1, evidenceSteps: 7), "evidenceSteps", LogBounds.auditSteps),
        (.touchpointSent(ClientID(1), kind: .checkIn28, via: nil, note: nil), "seq", LogBounds.seq),
    ]

    @Test func everyNumberOutsideItsRangeIsDamageNamingTheFieldAndTheRange() throws {
        for (body, key, range) in Self.numericFields {
            let line = Array(EventCodec.line(for: Event(seq: 7, at: Instant(ms: 0), by: "sam", body: body)).dropLast())
            let text = String(decoding: line, as: UTF8.self)
            let pattern = "\"\(key)\":7"
            let at = try #require(text.range(of: pattern), "\(key) on \(text)")
            let column = text.utf8.distance(from: text.startIndex, to: at.lowerBound) + pattern.utf8.count
            func with(_ value: String) -> [UInt8] {
                var t = text
                t.replaceSubrange(at, with: "\"\(key)\":\(value)")
                t = String(t[..<t.range(of: #","crc":""#, options: .backwards)!.lowerBound])
                return DecoderDifferentialTests.resealed(Array(t.utf8))
            }
            for inside in [range.lowerBound, range.upperBound] {
                let r = CanonicalPathTests.both(with("\(inside)"))
                guard case .success(.event) = r.general else { Issue.record("\(key) \(inside): \(r.general)"); continue }
                #expect(r.fast == r.general)
            }
            let huge = String(repeating: "9", count: 30)
            for outside in ["\(range.lowerBound - 1)", "\(range.upperBound + 1)", "-9223372036854775808", huge] {
                let r = CanonicalPathTests.both(with(outside))
                #expect(r.fast == r.general)
                guard case .failure(let d) = r.general else { Issue.record("\(key) \(outside) was read"); continue }
                let shown = outside.count > 24 ? String(outside.prefix(24)) + "… (30 digits)" : outside
                #expect(d.reason == "\"\(key)\" must be \(range.lowerBound) to \(range.upperBound), not \(shown)")
                #expect(d.column == column, "\(key): the column of the value")
            }
        }
    }

    // MARK: the writer

    @Test func theWriterRefusesWhatTheReaderWouldRefuseAndWritesNothing() throws {
        let f = try Fixture()
        _ = try f.client("Ada Lovelace")
        var lines = RepairTests.lines(RepairTests.read(f.path))
        // Another tool wrote the largest seq the reader takes: the next one would be unreadable.
        let last = EventCodec.line(for: Event(seq: 1, at: f.t("2026-01-05 10:00"), by: "tool",
                                              body: .milestoneReached(ClientID(1), .goalReached)))
        lines.append(Self.withSeq(Array(last.dropLast()), "999999999999999999"))
        try Self.write(f.path, RepairTests.joined(lines))
        let log = try EventLog.open(path: f.path)
        #expect(log.damage.isEmpty)
        let before = RepairTests.read(f.path)
        #expect(throws: LogError.unreadable(LogIssue(path: f.path, line: lines.count + 1, column: 8,
                                                     reason: "\"seq\" must be 1 to 999999999999999999, not 1000000000000000000"))) {
            try log.append(by: "test", at: f.t("2026-01-05 10:00")) { _ in .milestoneReached(ClientID(1), .discharge) }
        }
        #expect(RepairTests.read(f.path) == before, "nothing was written")

        // Values no command would give, appended directly: each refused, the log unchanged.
        let g = try Fixture()
        let ada = try g.client("Ada Lovelace")
        let start = g.t("2026-01-06 10:00")
        let refused: [EventBody] = [
            .appointmentBooked(g.p.nextAppointmentID, client: ada, practitioner: PractitionerID(1), start: start, minutes: 100_000),
            .appointmentBooked(g.p.nextAppointmentID, client: ada, practitioner: PractitionerID(1),
                               start: Instant(ms: LogBounds.instant.upperBound + 1), minutes: 60),
            .feedbackGiven(ada, score: Int.max, comment: nil),
            .settingsChanged(SettingsChange(lapseDays: -1)),
            .lapseReviewed(ada, .snoozed(untilDay: LogBounds.day.upperBound + 1), note: nil),
        ]
        let size = RepairTests.read(g.path)
        for body in refused {
            do {
                try g.log.append(by: "test", at: start) { _ in body }
                Issue.record("written: \(body)")
            } catch let LogError.unreadable(issue) {
                #expect(issue.line == RepairTests.lines(size).count + 1)
                #expect(LogError.unreadable(issue).description.hasSuffix("the log could not read this event back, so nothing was written"))
            }
            #expect(RepairTests.read(g.path) == size)
        }
        #expect(g.log.practice.eventCount == (try EventLog.open(path: g.path)).practice.eventCount, "nor applied")
    }
}
