import Foundation
import Testing
@testable import KeepwarmCore

/// A scratch folder for one test's demo files, removed afterwards.
private final class DemoScratch {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kw-demo-\(UUID().uuidString)").path
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

@Suite struct DemoGeneratorTests {
    /// A Wednesday lunchtime: the morning's sessions are done and the afternoon's are still to come.
    static let end = Instant.parseLogForm(Array("2026-11-18T12:40:00.000Z".utf8))!

    /// Writes a demo and replays it the way the app opens a log.
    private func replayed(_ g: DemoGenerator, _ scratch: DemoScratch) throws -> (count: Int, log: EventLog) {
        let path = scratch.file("demo/events.log")
        let count = try g.write(to: path)
        return (count, try EventLog.open(path: path))
    }

    @Test func sameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws {
        let scratch = DemoScratch()
        let a = scratch.file("a.log"), b = scratch.file("b.log"), c = scratch.file("c.log")
        let na = try DemoGenerator(seed: 42, events: 2_000, end: Self.end).write(to: a)
        let nb = try DemoGenerator(seed: 42, events: 2_000, end: Self.end).write(to: b)
        _ = try DemoGenerator(seed: 43, events: 2_000, end: Self.end).write(to: c)
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(na == nb)
        #expect(bytesA == (try Data(contentsOf: URL(fileURLWithPath: b))))
        #expect(bytesA != (try Data(contentsOf: URL(fileURLWithPath: c))))

        // events() is exactly what write(to:) streams.
        let events = DemoGenerator(seed: 42, events: 2_000, end: Self.end).events()
        #expect(events.count == na)
        let encoded = events.reduce(into: EventCodec.headerLine()) { $0 += EventCodec.line(for: $1) }
        #expect(Data(encoded) == bytesA)
    }

    @Test func refusesToOverwriteAndKeepsTheFilePrivate() throws {
        let scratch = DemoScratch()
        let path = scratch.file("private/events.log")
        _ = try DemoGenerator(seed: 1, events: 300, end: Self.end).write(to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LogError.alreadyExists(path: path)) {
            try DemoGenerator(seed: 2, events: 300, end: Self.end).write(to: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: scratch.file("private"))[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
    }

    @Test func unknownTimeZoneIsRefused() {
        let scratch = DemoScratch()
        let g = DemoGenerator(seed: 1, events: 300, end: Self.end, timeZone: "Mars/Olympus_Mons")
        #expect(throws: CommandError.self) { try g.write(to: scratch.file("x.log")) }
        #expect(g.events().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.file("x.log")))
    }

    @Test func practitionersGrowWithSize() {
        #expect(DemoGenerator(seed: 1, events: 5_000, end: Self.end).practitioners == 3)
        #expect(DemoGenerator(seed: 1, events: 255_000, end: Self.end).practitioners == 3)
        #expect(DemoGenerator(seed: 1, events: 255_001, end: Self.end).practitioners == 4)
        #expect(DemoGenerator(seed: 1, events: 1_000_000, end: Self.end).practitioners == 12)
    }

    @Test func aBigPracticeStillHasDistinctPractitioners() {
        let staff = DemoStaff(count: 300, startDay: 20_000, endDay: 24_000)
        #expect(Set(staff.names).count == 300)
        #expect(Set(staff.handles).count == 300)
        #expect(Array(staff.handles.prefix(3)) == ["anna", "ben", "chloe"])
        #expect(staff.joinDay.prefix(3).allSatisfy { $0 == 20_000 })
        #expect(staff.joinDay.allSatisfy { $0 <= 21_000 })
    }

    @Test func fiveThousandEventsReplayWithoutDamageInOrder() throws {
        let scratch = DemoScratch()
        let (count, log) = try replayed(DemoGenerator(seed: 7, events: 5_000, end: Self.end), scratch)
        #expect(log.damage.isEmpty)
        #expect(log.warnings.isEmpty)
        #expect(log.pendingTailBytes == 0)
        #expect(log.practice.eventCount == count)
        #expect(log.practice.lastSeq == count)
        #expect(abs(count - 5_000) <= 500)

        let events = DemoGenerator(seed: 7, events: 5_000, end: Self.end).events()
        #expect(events.map(\.seq) == Array(1...count))
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at })
        #expect(events.last!.at <= Self.end)
        #expect(events.first!.body == .settingsChanged(SettingsChange(name: "Riverside Therapy Rooms", timeZone: "Europe/London")))
        #expect(Set(events.map(\.by)).isSuperset(of: ["sam", "anna", "ben", "chloe"]))
    }

    @Test func diaryHoldsNoClashesAndKeepsOfficeHours() throws {
        let scratch = DemoScratch()
        let p = try replayed(DemoGenerator(seed: 11, events: 5_000, end: Self.end), scratch).log.practice
        let cal = p.calendar
        let endDay = cal.day(of: Self.end)
        #expect(p.appointments.count > 500)
        for a in p.appointments where a.status != .cancelled {
            #expect(p.clash(practitioner: a.practitioner, start: a.start, minutes: a.minutes, ignoring: a.id) == nil)
            #expect(p.clientClash(a.client, start: a.start, minutes: a.minutes, ignoring: a.id) == nil)
        }
        for a in p.appointments {
            let minute = cal.minuteOfDay(a.start)
            #expect(minute >= 9 * 60 && minute % 30 == 0 && minute + a.minutes <= 17 * 60)
            let day = cal.day(of: a.start)
            #expect(Civil.weekday(ofDay: day) != 6 || day == endDay)
            #expect(a.bookedAt < a.start)
            if a.status == .attended || a.status == .noShow { #expect(a.settledAt! >= a.start) }
        }
        // Touchpoints only ever go to clients who agreed to be contacted.
        #expect(p.clients.allSatisfy { $0.contact || $0.touchpoints.isEmpty })
    }

    @Test func everyPaneHasSomethingToShowAtTheEnd() throws {
        let scratch = DemoScratch()
        let p = try replayed(DemoGenerator(seed: 3, events: 5_000, end: Self.end), scratch).log.practice
        let now = Self.end
        let today = p.calendar.day(of: now)
        #expect(p.practitioners.map(\.name) == ["Anna Okafor", "Ben Hartley", "Chloe Lin"])

        let diary = Diary.rows(p, day: today)
        #expect(diary.count >= 6)
        #expect(diary.contains { $0.appointment.start < now && [.attended, .noShow].contains($0.appointment.status) })
        #expect(diary.contains { $0.appointment.start > now && $0.appointment.status == .booked })
        #expect(Set(diary.map(\.appointment.practitioner)).count == 3)

        let lapsed = Lapsed.rows(p, now: now)
        let steps = Set(lapsed.map(\.next))
        #expect(steps.contains(.reEngage))
        #expect(steps.contains(.reactivationLetter))
        #expect(steps.contains(.followUpCall))
        #expect((10...150).contains(lapsed.count))
        #expect(lapsed.contains { $0.daysSince >= 42 && $0.daysSince < 60 })
        #expect(lapsed.contains { $0.daysSince >= 60 })

        let thanks = ThankYous.rows(p, now: now)
        #expect(thanks.contains { !$0.overdue })
        #expect(thanks.contains { $0.overdue })

        let followUps = FollowUps.rows(p, now: now)
        #expect(Set(followUps.map(\.kind)).isSuperset(of: [.postSession, .rebookPrompt, .checkIn28]))

        let owed = CallbacksOwed.rows(p, now: now)
        #expect(owed.count >= 3)
        #expect(owed.contains { $0.overdue })
        #expect(owed.contains { !$0.overdue })

        // The 2 → 3 drop-off: clients seen twice with nothing booked.
        let twice = p.clients.filter { c in
            let h = ClientHistory(p, c.id)
            return h.attended.count == 2 && !h.appointments.contains { $0.status == .booked }
        }
        #expect(twice.count >= 10)

        // Referral stars, closed and snoozed lapsed clients, non-ASCII names and feedback all show up.
        #expect(p.clients.contains { $0.referralsMade.count >= 5 })
        #expect(p.clients.contains { $0.status == .movedAway })
        #expect(p.clients.contains { $0.status == .discharged })
        #expect(p.clients.contains { $0.snoozedUntilDay != nil })
        #expect(p.clients.contains { !$0.name.allSatisfy(\.isASCII) })
        #expect(p.clients.contains { $0.feedback.contains { $0.score >= 4 } })
        #expect(p.appointments.contains { $0.status == .cancelled && $0.lateCancellation })
        #expect(p.appointments.contains { $0.status == .cancelled && $0.cancelledBy == .practice })
    }

    @Test func anotherTimeZoneKeepsLocalOfficeHours() throws {
        let scratch = DemoScratch()
        let g = DemoGenerator(seed: 5, events: 1_500, end: Self.end, practiceName: "Hudson Bodywork", timeZone: "America/New_York")
        let p = try replayed(g, scratch).log.practice
        #expect(p.settings.timeZone == "America/New_York")
        #expect(p.settings.name == "Hudson Bodywork")
        #expect(p.appointments.allSatisfy { p.calendar.minuteOfDay($0.start) >= 9 * 60 && p.calendar.minuteOfDay($0.end) <= 17 * 60 })
    }
}
