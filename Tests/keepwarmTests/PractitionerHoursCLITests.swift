import Foundation
import Testing

/// `keepwarm practitioner hours|edit` and `keepwarm free` through the real binary: bad hours are one line and write
/// nothing; hours are shown back; free times respect hours and bookings.
@Suite struct PractitionerHoursCLITests {
    let at = ["--now", "2026-12-06T09:00:00Z"]

    func practice() throws -> CLI {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        return cli
    }

    @Test func badHoursAreOneLineAndWriteNothing() throws {
        let cli = try practice()
        let before = cli.bytes()
        let cases: [([String], String)] = [
            (["p1", "mon=09:00-25:00"], "keepwarm: mon: '25:00' is not a time of day: use 00:00 to 24:00, like 09:00-17:00\n"),
            (["p1", "mon=17:00-09:00"], "keepwarm: mon: '17:00-09:00' ends before it starts: the end comes after the start, like 09:00-17:00\n"),
            (["p1", "tue=09:00-13:00,12:00-17:00"], "keepwarm: tue: 09:00-13:00 and 12:00-17:00 overlap: give each stretch once, like 09:00-12:00,13:00-17:00\n"),
            (["p1", "funday=09:00-17:00"], "keepwarm: 'funday' is not a weekday: use mon, tue, wed, thu, fri, sat, sun (or a run like mon-fri)\n"),
            (["p9", "mon=09:00-17:00"], "keepwarm: no practitioner 'p9': use an id or exact name from `keepwarm practitioner list`\n"),
        ]
        for (args, message) in cases {
            let r = try cli.run(["practitioner", "hours"] + args + at)
            #expect(r.status == 1, "\(args)")
            #expect(r.err == message)
            #expect(r.out.isEmpty)
            #expect(cli.bytes() == before, "nothing written for \(args)")
        }
    }

    @Test func hoursAreSetShownAndKeptPerDay() throws {
        let cli = try practice()
        #expect(try cli.ok(["practitioner", "hours", "p1"] + at)
                == "No working hours are set for Anna Okafor (p1): set them with `keepwarm practitioner hours p1 mon-fri=09:00-17:00`")
        try cli.ok(["practitioner", "hours", "p1", "mon-fri=09:00-12:30,13:30-17:00"] + at)
        #expect(try cli.ok(["practitioner", "hours", "Anna Okafor", "fri=09:00-13:00", "sat=off"] + at)
                == "p1: mon 09:00-12:30,13:30-17:00  tue 09:00-12:30,13:30-17:00  wed 09:00-12:30,13:30-17:00  thu 09:00-12:30,13:30-17:00  fri 09:00-13:00  sat off  sun off")
        #expect(try cli.ok(["practitioner", "hours", "p1"] + at).split(separator: "\n").map(String.init) == [
            "Anna Okafor (p1)", "  mon  09:00-12:30, 13:30-17:00", "  tue  09:00-12:30, 13:30-17:00", "  wed  09:00-12:30, 13:30-17:00",
            "  thu  09:00-12:30, 13:30-17:00", "  fri  09:00-13:00", "  sat  off", "  sun  off"])
        let text = String(decoding: cli.bytes(), as: UTF8.self)
        #expect(text.contains(#""type":"practitioner.hours","practitioner":"p1","mon":"09:00-12:30,13:30-17:00""#))
    }

    @Test func aPractitionerIsRenamed() throws {
        let cli = try practice()
        try cli.ok(["practitioner", "add", "--name", "Ben Ode"] + at)
        #expect(try cli.ok(["practitioner", "edit", "p1", "--name", "Anna Reid"] + at) == "p1: Anna Reid")
        let r = try cli.run(["practitioner", "edit", "p1", "--name", "ben ode"] + at)
        #expect(r.status == 1 && r.err == "keepwarm: there is already a practitioner called 'Ben Ode' (p2); names must differ so they can be told apart\n")
        #expect(try cli.json("practitioner", "list").map { $0["name"] as? String } == ["Anna Reid", "Ben Ode"])
    }

    @Test func freeListsTimesWithinHoursAroundBookings() throws {
        let cli = try practice()
        let r0 = try cli.run(["free", "--length", "60"] + at)
        #expect(r0.status == 1 && r0.err == "keepwarm: no working hours are set for Anna Okafor (p1), so no time is free to offer: set their hours first\n")
        try cli.ok(["practitioner", "hours", "p1", "mon=09:00-12:00"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace"] + at)
        try cli.ok(["book", "c1", "--at", "2026-12-07 10:00"] + at)
        let rows = try cli.json("free", "--length", "60", "--practitioner", "p1", "--after", "2026-12-07", "--limit", "3", "--now", "2026-12-06T09:00:00Z")
        #expect(rows.map { $0["start"] as? String } == ["2026-12-07T09:00:00.000Z", "2026-12-07T11:00:00.000Z", "2026-12-14T09:00:00.000Z"])
        let table = try cli.ok(["free", "--length", "60", "--limit", "1"] + at)
        #expect(table == "WHEN                  PRACTITIONER      MINUTES\nmon 2026-12-07 09:00  Anna Okafor (p1)  60")
    }
}
