import Foundation
import Testing

/// `keepwarm export ics` read by two independent parsers, libical (C) and Python's icalendar: they must agree on every
/// event, time, status, sequence, organizer and zone name, and libical's RFC 5546 check must find nothing wrong.
@Suite struct ICSExportCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// What a parser read from the file (Tests/Calendar/read_ics_*: both print this shape).
    struct Read: Decodable, Equatable {
        struct Observance: Decodable, Equatable {
            let kind, start: String
            let from, to: Int
            let name: String
        }
        struct Zone: Decodable, Equatable {
            let tzid: String
            let observances: [Observance]
        }
        struct Event: Decodable, Equatable {
            let uid, summary, status: String
            let sequence: Int
            /// UTC, worked out through the file's own VTIMEZONE.
            let start, end: String
            /// Seconds east of UTC at the start, as the file's VTIMEZONE says.
            let offset: Int
            let tzid, organizer, organizerName: String
        }
        /// An hour (UTC seconds) from which the zone's offset differs from the hour before.
        struct OffsetChange: Decodable, Equatable, CustomStringConvertible {
            let at, offset: Int
            var description: String { "\(Date(timeIntervalSince1970: Double(at))) \(offset)" }
        }
        let method: String
        let errors: [String]
        let zones: [Zone]
        let changes: [OffsetChange]
        let events: [Event]
    }

    /// The same hour-by-hour scan as the readers', from the system's zone data through Foundation.
    static func systemChanges(_ zone: String, from: Int, to: Int) -> [Read.OffsetChange] {
        let tz = TimeZone(identifier: zone)!
        var out: [Read.OffsetChange] = [], previous: Int? = nil
        for t in stride(from: from, through: to, by: 3600) {
            let offset = tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t)))
            if offset != previous { out.append(.init(at: t, offset: offset)) }
            previous = offset
        }
        return out
    }

    /// A scan window from 120 days before the first event to 300 days after the last, on whole hours.
    static func window(_ events: [Read.Event]) throws -> (Int, Int) {
        let f = ISO8601DateFormatter()
        let starts = try events.map { try #require(f.date(from: $0.start)).timeIntervalSince1970 }
        let ends = try events.map { try #require(f.date(from: $0.end)).timeIntervalSince1970 }
        let from = Int(starts.min()!) - 120 * 86_400, to = Int(ends.max()!) + 300 * 86_400
        return (from - ((from % 3600) + 3600) % 3600, to)
    }

    /// The libical reader, built once per test run with cc; a missing libical-dev, cc or pkg-config fails loudly.
    static let libicalReader: (path: String?, problem: String) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-libical-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let binary = dir + "/read_ics_libical"
        let r = run(["/bin/sh", "-c", "cc -o \"$1\" \"$2\" $(pkg-config --cflags --libs libical)", "sh", binary,
                     root + "/Tests/Calendar/read_ics_libical.c"])
        guard r.status == 0 else {
            return (nil, "could not build the libical reader (`make test` installs libical-dev, cc and pkg-config through scripts/install-tools; or `apt-get install libical-dev gcc pkg-config`): \(r.err)")
        }
        return (binary, "")
    }()

    static func run(_ argv: [String]) -> (status: Int32, out: Data, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return (127, Data(), "\(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, o, String(decoding: e, as: UTF8.self))
    }

    func libical(_ file: String, _ window: [String] = []) throws -> Read {
        guard let reader = Self.libicalReader.path else { throw Failure(Self.libicalReader.problem) }
        let r = Self.run([reader, file] + window)
        guard r.status == 0 else { throw Failure("libical could not read \(file): \(r.err)") }
        return try JSONDecoder().decode(Read.self, from: r.out)
    }

    func icalendar(_ file: String, _ window: [String] = []) throws -> Read {
        let r = Self.run(["python3", Self.root + "/Tests/Calendar/read_ics_icalendar.py", file] + window)
        guard r.status == 0 else {
            throw Failure("icalendar could not read \(file) (`make test` installs it (scripts/install-tools); or `apt-get install python3-icalendar`): \(r.err)")
        }
        return try JSONDecoder().decode(Read.self, from: r.out)
    }

    /// Both parsers' reading of `file`, which must be the same (libical alone checks RFC 5546, so its errors are
    /// compared with none). Each also scans the zone's offset hour by hour from 120 days before the first event to
    /// 300 days after the last, through the file's VTIMEZONE alone, and both scans must equal the system's zone data.
    /// `icalendarScan: false` leaves icalendar's scan out, for a change of standard offset (Moscow's +04 to +03 in
    /// 2014): dateutil, under icalendar's zones, turns UTC into local time with Python's default `fromutc`, which
    /// assumes the standard offset never changes, so it moves such a change an hour early. libical and the zone data
    /// agree with the file (02:00 at +04 is 22:00 UTC), and both parsers still agree on every event.
    func readBoth(_ file: String, icalendarScan: Bool = true) throws -> Read {
        let first = try libical(file)
        var window: [String] = []
        if !first.events.isEmpty {
            let (from, to) = try Self.window(first.events)
            window = ["\(from)", "\(to)"]
        }
        let a = try libical(file, window), b = try icalendar(file, window)
        #expect(a.errors == [], "libical found: \(a.errors)")
        #expect(a.method == b.method && a.zones == b.zones)
        #expect(a.events == b.events)
        for (x, y) in zip(a.events, b.events) where x != y { Issue.record("libical \(x)\nicalendar \(y)") }
        if icalendarScan { #expect(a.changes == b.changes, "libical \(a.changes)\nicalendar \(b.changes)") }
        if let zone = a.zones.first?.tzid, window.count == 2 {
            let system = Self.systemChanges(zone, from: Int(window[0])!, to: Int(window[1])!)
            #expect(a.changes == system, "\(zone): the file's \(a.changes)\nthe system's \(system)")
        }
        return a
    }

    /// A folder with keepwarm/config.toml holding `from` (and the environment that points keepwarm at it).
    func config(_ cli: CLI, _ toml: String) throws -> [String: String] {
        try FileManager.default.createDirectory(atPath: cli.dir + "/xdg/keepwarm", withIntermediateDirectories: true)
        try Data(toml.utf8).write(to: URL(fileURLWithPath: cli.dir + "/xdg/keepwarm/config.toml"))
        return ["XDG_CONFIG_HOME": cli.dir + "/xdg"]
    }

    /// A London practice: a session in GMT (27 March 2026), one moved into BST (30 March), one cancelled.
    func london() throws -> CLI {
        let cli = CLI()
        let now = ["--now", "2026-03-20T09:00:00Z"]
        try cli.ok(["init", "--name", "Riverside, \"Rooms\"; Bath: Spa", "--timezone", "Europe/London"] + now)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + now)
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--email", "zoe@example.org"] + now)
        try cli.ok(["client", "add", "--name", "O'Brien, Niamh", "--phone", "07700 900111"] + now)
        try cli.ok(["book", "c1", "--at", "2026-03-27 10:00", "--with", "p1"] + now)
        try cli.ok(["book", "c2", "--at", "2026-03-30 10:00", "--with", "p1"] + now)
        try cli.ok(["book", "c1", "--at", "2026-04-06 10:00", "--with", "p1"] + now)
        try cli.ok(["move", "a2", "--to", "2026-03-30 11:00"] + now)
        try cli.ok(["cancel", "a3", "--by", "client"] + now)
        return cli
    }

    @Test func libicalAndIcalendarAgreeOnAPublishedCalendarWithTheRightZoneNames() throws {
        let cli = try london()
        let env = try config(cli, "from = \"Riverside Rooms <desk@riverside.example>\"\n")
        let r = try cli.run(["export", "ics", "--out", cli.dir + "/all.ics", "--now", "2026-03-21T08:00:00Z"], env: env)
        #expect(r.status == 0, "\(r.err)")
        let read = try readBoth(cli.dir + "/all.ics")
        #expect(read.method == "PUBLISH")
        #expect(read.events.map(\.start) == ["2026-03-27T10:00:00Z", "2026-03-30T10:00:00Z", "2026-04-06T09:00:00Z"])
        #expect(read.events.map(\.end) == ["2026-03-27T11:00:00Z", "2026-03-30T11:00:00Z", "2026-04-06T10:00:00Z"])
        #expect(read.events.map(\.offset) == [0, 3600, 3600])
        #expect(read.events.map(\.status) == ["CONFIRMED", "CONFIRMED", "CANCELLED"])
        #expect(read.events.map(\.sequence) == [0, 1, 1])
        #expect(read.events.map(\.summary) == ["Zoë Brontë", "O'Brien, Niamh", "Cancelled: Zoë Brontë"])
        #expect(read.events.allSatisfy { $0.organizer == "mailto:desk@riverside.example" && $0.tzid == "Europe/London" })
        // A double quote cannot stand in a parameter value, so the organizer's name has a ' where the practice has ".
        #expect(read.events.allSatisfy { $0.organizerName == "Riverside, 'Rooms'; Bath: Spa" })
        let zone = try #require(read.zones.first)
        #expect(read.zones.count == 1 && zone.tzid == "Europe/London")
        // The last Sunday of March and of October, each a yearly rule from its first change in the window.
        #expect(zone.observances == [Read.Observance(kind: "DAYLIGHT", start: "20250330T010000", from: 0, to: 3600, name: "BST"),
                                     Read.Observance(kind: "STANDARD", start: "20251026T020000", from: 3600, to: 0, name: "GMT")])
        let text = String(decoding: FileManager.default.contents(atPath: cli.dir + "/all.ics") ?? Data(), as: UTF8.self)
        #expect(text.components(separatedBy: "RRULE:FREQ=YEARLY;BYMONTH=").count == 3 && text.contains("BYDAY=-1SU\r\n"))
        // Both parsers' hour-by-hour reading of the zone (readBoth) changes the clocks on these hours, and no others.
        #expect(read.changes.dropFirst().map(\.description) == ["2026-03-29 01:00:00 +0000 3600", "2026-10-25 01:00:00 +0000 0"])

        // Without a From address the organizer is the practice at an address that reaches nobody.
        let bare = try cli.run(["export", "ics", "--out", cli.dir + "/bare.ics"], env: try config(cli, "# nothing set\n"))
        #expect(bare.status == 0, "\(bare.err)")
        #expect(try readBoth(cli.dir + "/bare.ics").events.allSatisfy { $0.organizer == "mailto:noreply@invalid" })
        // A From that is no address: the export is still written, with the same organizer, and one line says why.
        let wrong = try cli.run(["export", "ics", "--out", cli.dir + "/wrong.ics"], env: try config(cli, "from = \"the desk\"\n"))
        #expect(wrong.status == 0)
        #expect(wrong.err.hasPrefix("keepwarm: from in ") && wrong.err.contains("the calendar's organizer is noreply@invalid until then\n"))
        #expect(try readBoth(cli.dir + "/wrong.ics").events.allSatisfy { $0.organizer == "mailto:noreply@invalid" })
        // A practice name that RFC 6868 parsers would unescape ("c^n" as a line break) reads back as written.
        try cli.ok("settings", "--name", "Rooms ^n^' \u{1B}", "--now", "2026-03-22T09:00:00Z")
        try cli.ok("export", "ics", "--out", cli.dir + "/caret.ics")
        #expect(try readBoth(cli.dir + "/caret.ics").events.allSatisfy { $0.organizerName == "Rooms ^n^' \u{FFFD}" })
    }

    /// Summer and winter sessions in zones either side of the world: both parsers put each at 10:00 local time through
    /// the file's own VTIMEZONE, and every observance has the name its people use, never `GMT+1`.
    @Test(arguments: [
        ("Europe/Berlin", ["CET", "CEST"]), ("America/New_York", ["EST", "EDT"]), ("Australia/Sydney", ["AEST", "AEDT"]),
        ("Pacific/Auckland", ["NZST", "NZDT"]), ("Asia/Kolkata", ["IST"]), ("Asia/Dubai", ["+04"]),
        ("America/St_Johns", ["NST", "NDT"]), ("Europe/Dublin", ["GMT", "IST"]),
    ])
    func everyZoneIsNamedAsItsPeopleNameIt(zone: String, names: [String]) throws {
        let cli = CLI()
        let now = ["--now", "2026-01-02T00:00:00Z"]
        try cli.ok(["init", "--name", "Rooms", "--timezone", zone] + now)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + now)
        try cli.ok(["client", "add", "--name", "Zoë Brontë"] + now)
        try cli.ok(["book", "c1", "--at", "2026-01-15 10:00", "--with", "p1"] + now)
        try cli.ok(["book", "c1", "--at", "2026-07-15 10:00", "--with", "p1"] + now)
        try cli.ok(["export", "ics", "--out", cli.dir + "/z.ics"])
        let read = try readBoth(cli.dir + "/z.ics")
        let observances = try #require(read.zones.first).observances
        #expect(Set(observances.map(\.name)) == Set(names), "\(zone): \(observances.map(\.name))")
        let tz = try #require(TimeZone(identifier: zone))
        for (e, day) in zip(read.events, ["2026-01-15", "2026-07-15"]) {
            let utc = try #require(ISO8601DateFormatter().date(from: e.start))
            #expect(e.offset == tz.secondsFromGMT(for: utc), "\(zone) \(day)")
            #expect(ICSTimeCheck.local(utc, offset: e.offset) == "\(day) 10:00", "\(zone)")
        }
        let text = String(decoding: FileManager.default.contents(atPath: cli.dir + "/z.ics") ?? Data(), as: UTF8.self)
        #expect(!text.contains("TZNAME:GMT+") && !text.contains("TZNAME:GMT-"))
    }

    /// Zones whose rules changed inside the window (the US in 2007, Moscow in 2011 and 2014), that change the clocks
    /// more than twice a year (Casablanca around Ramadan), by half an hour (Lord Howe) or with "negative" summer time
    /// (Dublin): both parsers, reading only the file, change the clocks on the same hours as the system's zone data.
    @Test(arguments: [
        ("America/New_York", ["2007-01-15", "2007-07-15"]), ("Europe/Moscow", ["2011-06-15", "2014-12-15"]),
        ("Africa/Casablanca", ["2026-01-15", "2026-07-15"]), ("Australia/Lord_Howe", ["2026-01-15", "2026-07-15"]),
        ("Europe/Dublin", ["2026-01-15", "2026-07-15"]),
    ])
    func theFilesZoneChangesTheClocksWhenTheSystemDoes(zone: String, days: [String]) throws {
        let cli = CLI()
        let now = ["--now", "\(days[0].prefix(4))-01-01T00:00:00Z"]
        try cli.ok(["init", "--name", "Rooms", "--timezone", zone] + now)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + now)
        try cli.ok(["client", "add", "--name", "Zoë Brontë"] + now)
        for day in days { try cli.ok(["book", "c1", "--at", "\(day) 10:00", "--with", "p1", "--force"] + now) }
        try cli.ok(["export", "ics", "--out", cli.dir + "/z.ics"])
        // Compares the scans with the system's, hour by hour.
        let read = try readBoth(cli.dir + "/z.ics", icalendarScan: zone != "Europe/Moscow")
        #expect(read.changes.count > 1, "\(zone): no clock change in the window")
        #expect(read.events.count == days.count)
    }

    @Test func initialsInsteadOfNamesForASharedCalendar() throws {
        let cli = try london()
        try cli.ok("client", "add", "--name", "Cher", "--now", "2026-03-20T09:00:00Z")
        try cli.ok("book", "c3", "--at", "2026-04-08 10:00", "--with", "p1", "--now", "2026-03-20T09:00:00Z")
        try cli.ok("export", "ics", "--initials", "--out", cli.dir + "/shared.ics")
        let read = try readBoth(cli.dir + "/shared.ics")
        #expect(read.events.map(\.summary) == ["Z.B.", "N.O.", "Cancelled: Z.B.", "C."])
        let text = String(decoding: FileManager.default.contents(atPath: cli.dir + "/shared.ics") ?? Data(), as: UTF8.self)
        for name in ["Zoë", "Brontë", "O'Brien", "Niamh", "Cher"] { #expect(!text.contains(name), "\(name) is in the file") }
        // The same appointments keep their UIDs, so a calendar that imported the full names is updated in place.
        try cli.ok("export", "ics", "--out", cli.dir + "/full.ics")
        #expect(try readBoth(cli.dir + "/full.ics").events.map(\.uid) == read.events.map(\.uid))
        let help = try cli.ok("export", "ics", "--help")
        #expect(help.contains("--initials"))
    }
}

/// The wall-clock time at `offset` seconds east of UTC, `2026-07-15 10:00`.
enum ICSTimeCheck {
    static func local(_ d: Date, offset: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: offset)
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: d)
    }
}
