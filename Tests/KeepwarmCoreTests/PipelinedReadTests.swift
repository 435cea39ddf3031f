import KeepwarmTestSupport
import Foundation
import Testing
@testable import KeepwarmCore

/// The threaded read (decoding threads take alternate stretches of the file, this one applies them in order) must
/// build exactly what the one-thread read builds, wherever the stretches happen to cut.
@Suite struct PipelinedReadTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    /// The one-thread read against the threaded one with stretches of several sizes: smaller than a line (so most
    /// stretches are empty and a line spans several), a few lines, and the default.
    func compare(_ path: String) throws {
        let one = try EventLog.open(path: path, pipelineThreshold: .max)
        for segment in [150, 4096, nil] {
            try compare(one, try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: segment))
        }
    }

    func compare(_ one: EventLog, _ two: EventLog) throws {
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
        // What undo offers each person is the same, though the threaded read builds fewer records on the way.
        #expect(one.practice.lastAction.people == two.practice.lastAction.people)
        for person in one.practice.lastAction.people {
            #expect(one.practice.lastAction[person] == two.practice.lastAction[person], "\(person)")
            #expect(one.practice.lastAction.history(person) == two.practice.lastAction.history(person), "\(person)")
        }
        #expect(one.bytesRead == two.bytesRead)
    }

    @Test func aDemoPracticeReadsTheSame() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: 3, events: 6000, end: Self.end).write(to: path)
        try compare(path)
        #expect(try EventLog.open(path: path, pipelineThreshold: 0).practice.eventCount > 5000)
    }

    /// Issue 18: the applying thread decodes a stretch itself whenever it would otherwise wait (on two cores, about
    /// half of them); it skipped the marking that spares undo records, so every event there built one nobody reads.
    /// Each batch can leave at most `LastActions.depth` events per person unmarked at its end.
    @Test func undoRecordsAreSparedWhoeverDecodedTheStretch() throws {
        let dir = TempDir()
        let path = dir.file("demo.log")
        let events = try DemoGenerator(seed: 11, events: 30_000, end: Self.end).write(to: path)
        let log = try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: 256 << 10)
        let stretches = (Int(try FileManager.default.attributesOfItem(atPath: path)[.size] as! UInt64) >> 18) + 1
        let people = log.practice.lastAction.people.count
        #expect(log.practice.eventCount == events)
        #expect(log.undoRecordsSpared >= events - stretches * people * LastActions.depth,
                "\(log.undoRecordsSpared) of \(events) spared over \(stretches) stretches")
    }

    /// Issue 18: a large practice has 50 people writing, so one batch of 4,096 events holds more than the 32 names
    /// the marking used to look up before giving up; then every event built an undo record. Now only each person's
    /// last `LastActions.depth` actions in a batch are left unmarked, however many people wrote.
    @Test func undoRecordsAreSparedWhenFiftyPeopleWrite() throws {
        let dir = TempDir()
        let path = dir.file("desks.log")
        try EventLog.create(path: path, settings: SettingsChange(name: "Fifty desks"), by: "owner", at: Self.end)
        var bytes: [UInt8] = []
        let events = 20_000, people = 50
        for k in 0..<events {
            let at = Instant(ms: Self.end.ms + Int64(k) * 1000)
            let body = EventBody.callbackAdded(CallbackID(k + 1), name: "Caller \(k)", phone: "0161 496 0\(k % 1000)",
                                               reason: nil, promisedBy: at)
            bytes += EventCodec.line(for: Event(seq: k + 2, at: at, by: "desk-\(k % people)", body: body))
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        try handle.close()
        let log = try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: 256 << 10)
        #expect(log.damage.isEmpty)
        #expect(log.practice.eventCount == events + 1)
        let batches = events / 4096 + 1
        let stretches = (Int(try FileManager.default.attributesOfItem(atPath: path)[.size] as! UInt64) >> 18) + 1
        #expect(log.undoRecordsSpared >= events - (batches + stretches) * people * LastActions.depth,
                "\(log.undoRecordsSpared) of \(events) spared")
        #expect(log.undoRecordsSpared > events / 2)
        // The answer is a full replay's, undo steps included.
        try compare(path)
    }

    /// The autopilot's lines (and a look at a report) record no undo step, so they must not count towards pushing a
    /// person's action out of their undo steps: ten `autopilot.ran` lines by sam after a callback once spared its
    /// record, and `keepwarm undo` after a threaded read then offered an older action than a line-by-line read did.
    @Test func bookkeepingLinesPushNoActionOutOfUndo() throws {
        let dir = TempDir()
        let path = dir.file("autopilot.log")
        try EventLog.create(path: path, settings: SettingsChange(name: "Autopilot"), by: "owner", at: Self.end)
        var bytes: [UInt8] = []
        var seq = 2
        func add(_ by: String, _ body: EventBody) {
            bytes += EventCodec.line(for: Event(seq: seq, at: Instant(ms: Self.end.ms + Int64(seq) * 1000), by: by, body: body))
            seq += 1
        }
        for k in 0..<5 {
            add("sam", .callbackAdded(CallbackID(k + 1), name: "Caller \(k)", phone: "0161 496 000\(k)", reason: nil, promisedBy: Self.end))
            for _ in 0..<(LastActions.depth + 2) { add("sam", .autopilotRan(RunSummary(sent: 1))) }
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        try handle.close()
        let threaded = try EventLog.open(path: path, pipelineThreshold: 0)
        #expect(threaded.damage.isEmpty)
        #expect(threaded.practice.lastAction.history("sam").undo.count == 5, "sam's five callbacks stay undoable")
        try compare(path)
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

    /// A line longer than several stretches, a line ending exactly on a stretch's edge, and a file without a final
    /// newline: the cuts land mid-line, on a newline, and past the last complete line.
    @Test func stretchesCutAnywhereReadTheSame() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        _ = try DemoGenerator(seed: 5, events: 400, end: Self.end).write(to: path)
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        // A client with a very long name, added at the end (seq and id follow the demo's last ones).
        let p = try EventLog.open(path: path, pipelineThreshold: .max).practice
        let long = Event(seq: p.lastSeq + 1, at: Self.end, by: "sam",
                         body: .clientAdded(NewClient(id: p.nextClientID, name: String(repeating: "Long Name ", count: 3000))))
        bytes += EventCodec.line(for: long)
        try writeFile(path, contents: Data(bytes))
        let one = try EventLog.open(path: path, pipelineThreshold: .max)
        #expect(one.damage.isEmpty)
        let lineEnds = bytes.indices.filter { bytes[$0] == 0x0A }
        for segment in [7, 64, 150, 4096, lineEnds[10] + 1, lineEnds[200] + 1, 30_000, 1 << 20, nil] {
            try compare(one, try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: segment))
        }
        // And with a torn last line.
        try writeFile(path, contents: Data(bytes + Array(#"{"seq":99999,"at""#.utf8)))
        let torn = try EventLog.open(path: path, pipelineThreshold: .max)
        #expect(torn.pendingTailBytes == 17)
        for segment in [7, 150, 4096, bytes.count, bytes.count - 1, bytes.count + 5] {
            try compare(torn, try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: segment))
        }
    }

    /// Undo records left out on the way must not change what undo offers: undos right after an event (which read its
    /// record), looks at reports (which replace nothing), lines of an unknown type (which replace it), and a line that
    /// does not apply (after which the log is read again keeping every record).
    @Test func undoOffersTheSameAfterUndosReportsUnknownTypesAndARefusedLine() throws {
        let demo = DemoGenerator(seed: 8, events: 4000, end: Self.end).events()
        for refused in [false, true] {
            let dir = TempDir()
            let path = dir.file("events.log")
            var bytes = EventCodec.headerLine()
            var seq = 0
            func add(_ by: String, _ at: Instant, _ body: EventBody) {
                seq += 1
                bytes += EventCodec.line(for: Event(seq: seq, at: at, by: by, body: body))
            }
            var undos = 0
            for (i, e) in demo.enumerated() {
                add(e.by, e.at, e.body)
                if case .touchpointSent = e.body, i % 3 == 0 {
                    add(e.by, e.at, .undone(target: seq))
                    undos += 1
                }
                if i % 97 == 0 { add(e.by, e.at, .reportViewed(.sources, exported: false)) }
                if i % 501 == 0 {
                    seq += 1
                    var unknown = LineBuilder()
                    unknown.int("seq", seq)
                    unknown.string("at", e.at.iso)
                    unknown.string("by", e.by)
                    unknown.string("type", "invoice.paid")
                    bytes += unknown.finishedLine()
                }
                if refused && i == demo.count - 1 { add(e.by, e.at, .appointmentAttended(AppointmentID(999_999))) }
            }
            try writeFile(path, contents: Data(bytes))
            #expect(undos > 100)
            let one = try EventLog.open(path: path, pipelineThreshold: .max)
            #expect(one.damage.isEmpty == !refused)
            #expect(one.practice.lastAction.people.count >= 3)
            for segment in [4096, 64 << 10, nil] {
                let two = try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: segment)
                try compare(one, two)
                // A sound log is read once; only the refused line sends it round again.
                #expect(two.rereads == (refused ? 1 : 0))
            }
        }
    }

    /// Three desks recording, each going back several steps and redoing some: the threaded read gives every person the
    /// same undo and redo steps as the one-thread read, full ten-step stacks included.
    @Test func undoAndRedoStepsReadTheSameThreaded() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        var p = Practice()
        var bytes = EventCodec.headerLine()
        var rng = SplitMix64(seed: 13)
        let start = Instant(ms: 1_796_000_000_000)
        func add(_ by: String, _ body: EventBody) throws {
            let e = Event(seq: p.lastSeq + 1, at: start.adding(minutes: p.eventCount), by: by, body: body)
            try p.apply(e)
            bytes += EventCodec.line(for: e)
        }
        try add("sam", .settingsChanged(SettingsChange(name: "Riverside", timeZone: "Europe/London")))
        for i in 1...30 { try add("sam", .clientAdded(NewClient(id: p.nextClientID, name: "Client \(i)"))) }
        let desks = ["sam", "anna", "Zoë", "ben"]
        for i in 0..<9_000 {
            let by = desks[Int(rng.next() % 4)]
            let c = ClientID(Int(rng.next() % 30) + 1)
            switch rng.next() % 10 {
            case 0, 1:
                for _ in 0..<Int(rng.next() % 4) { if let top = p.lastAction[by] { try add(by, .undone(target: top.seq)) } }
            case 2:
                if let back = p.lastAction.redoable(by: by) { try add(by, .redone(target: back.seq)) }
            case 3: try add(by, .feedbackGiven(c, score: 3, comment: "visit \(i)"))
            case 4: try add(by, .clientEdited(ClientEdit(client: c, phone: "07700 9\(String(format: "%05d", i))")))
            case 5: try add(by, .reportViewed(.sources, exported: false))
            default: try add(by, .touchpointSent(c, kind: .checkIn28, via: .phone, note: "call \(i)"))
            }
        }
        try writeFile(path, contents: Data(bytes))
        let one = try EventLog.open(path: path, pipelineThreshold: .max)
        #expect(one.damage.isEmpty)
        #expect(one.practice.lastAction.history("sam") == p.lastAction.history("sam"), "the one-thread read is the oracle")
        #expect(desks.contains { one.practice.lastAction.history($0).redo.count > 0 })
        #expect(desks.contains { one.practice.lastAction.history($0).undo.count == LastActions.depth })
        for segment in [4096, 64 << 10, nil] {
            let two = try EventLog.open(path: path, pipelineThreshold: 0, segmentBytes: segment)
            try compare(one, two)
            // Read once: the records it skipped were never needed (a wrong skip would make a later undo not apply,
            // and the read would be done again keeping every record).
            #expect(two.rereads == 0)
        }
    }

    /// A look back (`replay(path:until:)`) reads the same way, threads and all, and stops at the first event recorded
    /// after its instant: the same practice as a log that ends there, whichever way it is read.
    @Test func aLookBackMatchesALogThatEndsThere() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        let events = DemoGenerator(seed: 9, events: 5000, end: Self.end).events()
        try writeFile(path, contents: Data(events.reduce(into: EventCodec.headerLine()) { $0 += EventCodec.line(for: $1) }))
        for cut in [events[0].at, events[1200].at, events[3333].at, events[events.count - 2].at, Self.end] {
            let kept = events.prefix { $0.at <= cut }
            let ends = dir.file("ends-\(kept.count).log")
            try writeFile(ends, contents: Data(kept.reduce(into: EventCodec.headerLine()) { $0 += EventCodec.line(for: $1) }))
            let oracle = try EventLog.open(path: ends, pipelineThreshold: .max)
            for threshold in [Int.max, 0] {
                for segment in [4096, nil] {
                    let back = try EventLog.open(path: path, pipelineThreshold: threshold, segmentBytes: segment, until: cut)
                    #expect(back.practice.eventCount == kept.count, "cut at \(cut.iso)")
                    #expect(back.practice.lastSeq == oracle.practice.lastSeq)
                    #expect(back.practice.clients == oracle.practice.clients)
                    #expect(back.practice.appointments == oracle.practice.appointments)
                    #expect(back.practice.appointmentsByDay == oracle.practice.appointmentsByDay)
                    #expect(back.damage.isEmpty)
                }
            }
            #expect(try EventLog.replay(path: path, until: cut).eventCount == kept.count)
        }
    }
}
