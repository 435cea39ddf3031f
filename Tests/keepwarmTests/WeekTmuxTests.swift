import Foundation
import Testing
@testable import KeepwarmCore

/// The week view, the free-slot list and the practitioners screen through the real binary in tmux, with a second
/// `keepwarm` process booking while the receptionist looks (Docs/user-guide.md, "The week and free slots").
@Suite(.serialized) struct WeekTmuxTests {
    let tests = ConsoleTmuxTests()
    let at = ["--now", "2026-11-23T08:00:00Z"]

    /// The console practice (Ada booked at 10:00 today, Monday 23 Nov) with Anna working Monday 14:00-16:00, other weekdays 09:00-12:00.
    func practice() throws -> CLI {
        let cli = try tests.practice()
        try cli.ok(["practitioner", "hours", "p1", "mon=14:00-16:00", "tue-fri=09:00-12:00"] + at)
        return cli
    }

    /// Anna's bookings that are not cancelled, as (start, minutes), for checking nothing overlaps.
    func annasBookings(_ cli: CLI) throws -> [Appointment] {
        try EventLog.open(path: cli.log).practice.appointments.filter { !$0.withdrawn && $0.status != .cancelled }
    }

    @Test func aFreeSlotIsBookedFromTheWeekViewAndOneTakenByAnotherDeskIsNeverDoubleBooked() throws {
        let cli = try practice()
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("W")
        // Monday: Ada at 10:00, free 14:00-16:00 (the console's clock is past 11:00); Tuesday free all morning.
        var screen = try t.waitFor("Week of Mon 23 Nov 2026")
        #expect(screen.contains("Ada L.") && screen.contains("free"), "\(screen)")
        try t.send("b")
        try t.waitFor("Next free slot")
        try t.send("Mo Farah")
        try t.sendKey("Enter")
        screen = try t.waitFor("Free 60-min slots for Mo Farah")
        #expect(screen.contains("Mon 23 Nov 2026  14:00-15:00 Anna Okafor"), "\(screen)")

        // Another desk books Grace into the slot on screen: it leaves the list as soon as the console reads the log.
        try cli.ok(["book", "c2", "--at", "2026-11-23 14:00", "--now", "2026-11-23T10:59:00Z"])
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        screen = try t.waitUntil("the taken slot left the list") { !$0.contains("14:00-15:00 Anna Okafor") }
        #expect(screen.contains("Mon 23 Nov 2026  15:00-16:00 Anna Okafor"), "\(screen)")
        try t.sendKey("Enter")
        try t.waitFor("✓ booked a4 for Mo Farah on 2026-11-23 15:00")
        #expect(try tests.events(cli, after: before) == [
            .appointmentBooked(AppointmentID(4), client: ClientID(3), practitioner: PractitionerID(1),
                               start: Instant(ms: Civil.instantMs("2026-11-23T15:00:00Z")), minutes: 60),
        ])
        // Booked, the list closes onto the week, which shows Mo in the slot (whole: the name fits the column).
        #expect(try t.waitFor("│15:00  Mo Farah").contains("Week of Mon 23 Nov 2026"))
        try t.sendKey("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func aSlotBookedByAnotherDeskAtTheSameMomentIsNeverDoubleBooked() throws {
        let cli = try practice()
        let t = try tests.console(cli, width: 120)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("F", "Mo Farah")
        try t.sendKey("Enter")
        try t.waitFor("14:00-15:00 Anna Okafor")
        // The other desk's write and the receptionist's Enter race: whichever way it falls, Anna is booked once.
        try cli.ok(["book", "c2", "--at", "2026-11-23 14:00", "--now", "2026-11-23T10:59:00Z"])
        try t.sendKey("Enter")
        let screen = try t.waitUntil("the booking was refused or went to the next free slot") {
            $0.contains("Anna Okafor is already booked then (a3") || $0.contains("✓ booked a4 for Mo Farah on 2026-11-23 15:00")
        }
        let booked = try annasBookings(cli).filter { $0.start.ms >= Civil.instantMs("2026-11-23T14:00:00Z") }
        #expect(booked.count == (screen.contains("already booked") ? 1 : 2))
        for (a, b) in zip(booked, booked.dropFirst()) { #expect(a.end <= b.start, "nothing overlaps: \(booked)") }
        try t.sendKey("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    /// A day worked round the clock is longer than 80×24 holds: the week opens on now (11:00) in half-hour rows and
    /// scrolls to 23:30 with ↓ and PgDn, the bottom edge saying what is above and below.
    @Test func aWholeDayScrollsDownTo2330() throws {
        let cli = try tests.practice()
        try cli.ok(["practitioner", "hours", "p1", "mon=00:00-24:00"] + at)
        try cli.ok(["book", "c2", "--at", "2026-11-23 23:00", "--minutes", "30"] + at)
        let t = try tests.console(cli)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("W")
        var screen = try t.waitFor("Week of Mon 23 Nov 2026")
        #expect(screen.contains("11:00›") && screen.contains("10:30") && screen.contains("Ada L."), "\(screen)")
        #expect(screen.contains("↑ 00:00-") && screen.contains("-24:00 below"), "\(screen)")
        #expect(!screen.contains("23:30"))
        try t.sendKey("PageDown")
        try t.sendKey("PageDown")
        screen = try t.waitFor("23:30")
        #expect(screen.contains("23:00  Grace H."), "\(screen)")
        #expect(!screen.contains("below"), "the end of the day: nothing below: \(screen)")
        // One row up, the last half hour is below; one down, it is back.
        try t.send("k")
        screen = try t.waitFor("↓ 23:30-24:00 below")
        #expect(screen.contains("│23:00  Grace H.") && !screen.contains("│23:30"), "\(screen)")
        try t.send("j")
        try t.waitUntil("back at the end") { $0.contains("│23:30") && !$0.contains("below") }
        try t.sendKey("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }

    @Test func workingHoursAreSetInTheConsoleAndBadHoursWriteNothing() throws {
        let cli = try tests.practice()
        let before = try EventLog.open(path: cli.log).practice.lastSeq
        let t = try tests.console(cli, width: 100)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("P")
        try t.waitFor("no hours set: h to set them")
        try t.send("h")
        try t.waitFor("Working hours of Anna Okafor (p1)")
        try t.sendKey("C-u")
        try t.send("09:00-25:00")
        try t.sendKey("Enter")
        try t.waitFor("Monday: '25:00' is not a time of day")
        #expect(try tests.events(cli, after: before) == [], "nothing written for a bad time")
        try t.sendKey("C-u")
        try t.send("09:00-12:00,13:00-17:00")
        try t.sendKey("Tab")
        try t.sendKey("C-u")
        try t.send("10:00-14:00")
        try t.sendKey("Enter")
        try t.waitFor("✓ set the working hours of Anna Okafor (p1)")
        let screen = try t.waitFor("Mon 09:00-12:00 13:00-17:00, Tue 10:00-14:00")
        #expect(screen.contains("Practitioners (1)"))
        let events = try tests.events(cli, after: before)
        #expect(events.count == 1)
        guard case .practitionerHours(let id, let hours)? = events.first else { throw Failure("no hours event: \(events)") }
        #expect(id == PractitionerID(1) && hours.text(0) == "09:00-12:00,13:00-17:00" && hours.text(1) == "10:00-14:00" && hours.text(2) == "")
        try t.sendKey("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)
    }
}

extension Civil {
    /// Milliseconds of a zoned ISO instant, for expectations.
    static func instantMs(_ iso: String) -> Int64 { DateInput.parseZonedISO(iso)!.ms }
}
